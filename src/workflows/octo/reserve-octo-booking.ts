import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { holdCreatedData, ResourceBookingEvents } from "../events"
import { createOctoBookingRecordStep } from "./steps/create-octo-booking-record"
import { CreateOctoHoldGroupInput, createOctoHoldGroupStep } from "./steps/create-octo-hold-group"

export const reserveOctoBookingWorkflowId = "reserve-octo-booking-workflow"

export type ReserveOctoBookingInput = {
  /** The ledger request: one hold per linked resource, on the availability's date. */
  holds: CreateOctoHoldGroupInput
  /** The OCTo booking record, without hold_ids (taken from the group). */
  record: Record<string, any>
}

/**
 * POST /octo/bookings: a hold group (the reseller's uuid is its idempotency
 * token) and the OCTo booking record naming it, together or not at all.
 */
export const reserveOctoBookingWorkflow = createWorkflow(reserveOctoBookingWorkflowId, (input: ReserveOctoBookingInput) => {
  const group = createOctoHoldGroupStep(input.holds)
  const record = transform({ input, group }, ({ input, group }) => ({
    ...input.record,
    hold_ids: group.holds.map((hold) => hold.id),
  }))
  const result = createOctoBookingRecordStep(record)
  emitEventStep({
    eventName: ResourceBookingEvents.HOLD_CREATED,
    data: transform({ group }, ({ group }) => (group.created ? group.holds.map((hold) => holdCreatedData(hold)) : [])),
  })
  return new WorkflowResponse({ booking: result.booking, created: result.created })
})
