import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BookableInput, holdRequest, recordOf } from "../../lib/octo/bookable"
import { holdCreatedData, ResourceBookingEvents } from "../events"
import { createOctoBookingRecordStep } from "./steps/create-octo-booking-record"
import { createOctoHoldGroupStep } from "./steps/create-octo-hold-group"
import { findOctoReservationStep } from "./steps/find-octo-reservation"
import { resolveOctoBookableStep } from "./steps/resolve-octo-bookable"

export const reserveOctoBookingWorkflowId = "reserve-octo-booking-workflow"

export type ReserveOctoBookingInput = {
  uuid: string
  reseller_id: string
  reseller_key_id: string
  sales_channel_id: string
  /** productId, optionId, availabilityId, unitItems as the request gave them (checked by the mapping). */
  request: BookableInput
  ttl_minutes?: number | null
  reseller_reference?: string | null
  contact?: Record<string, any> | null
  notes?: string | null
}

/**
 * POST /octo/bookings: a hold group (the reseller's uuid is its idempotency
 * token) and the OCTo booking record naming it, together or not at all. The
 * same uuid again (by the same reseller) answers the booking it made; the
 * unique index on uuid decides between calls racing with one uuid.
 */
export const reserveOctoBookingWorkflow = createWorkflow(reserveOctoBookingWorkflowId, (input: ReserveOctoBookingInput) => {
  const existing = findOctoReservationStep(transform({ input }, ({ input }) => ({ uuid: input.uuid, reseller_id: input.reseller_id })))

  const made = when("octo-reserve-new", { existing }, ({ existing }) => !existing).then(() => {
    const bookable = resolveOctoBookableStep(
      transform({ input }, ({ input }) => ({ sales_channel_id: input.sales_channel_id, request: input.request }))
    )
    const group = createOctoHoldGroupStep(
      transform({ input, bookable }, ({ input, bookable }) => holdRequest(bookable!, input.uuid, 0, input.reseller_key_id, input.ttl_minutes ?? undefined))
    )
    const result = createOctoBookingRecordStep(
      transform({ input, bookable, group }, ({ input, bookable, group }) => ({
        uuid: input.uuid,
        reseller_id: input.reseller_id,
        sales_channel_id: input.sales_channel_id,
        reseller_key_id: input.reseller_key_id,
        status: "ON_HOLD",
        ...recordOf(bookable!),
        hold_ids: group!.holds.map((hold) => hold.id),
        hold_revision: 0,
        reseller_reference: input.reseller_reference ?? null,
        contact: input.contact ?? null,
        notes: input.notes ?? null,
      }))
    )
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_CREATED,
      data: transform({ group }, ({ group }) => (group?.created ? group.holds.map((hold) => holdCreatedData(hold)) : [])),
    })
    return result
  })

  return new WorkflowResponse(
    transform({ existing, made }, ({ existing, made }) => (existing ? { booking: existing, created: false } : made!))
  )
})
