import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { holdCreatedData, ResourceBookingEvents } from "../events"
import { createOctoHoldGroupStep, CreateOctoHoldGroupInput } from "./steps/create-octo-hold-group"
import { releaseOctoHoldsStep } from "./steps/release-octo-holds"
import { updateOctoBookingRecordStep } from "./steps/update-octo-booking-record"

export const updateOctoBookingWorkflowId = "update-octo-booking-workflow"

export type UpdateOctoBookingInput = {
  booking_id: string
  /** Fields of the record that change (reference, contact, notes, what is booked). */
  record: Record<string, any>
  /**
   * Set when a reservation changes what it books (product, option, date,
   * units): the new hold group is taken first, the old one released last, so
   * a refused change leaves the reservation as it was.
   */
  rehold?: { holds: CreateOctoHoldGroupInput; previous_hold_ids: string[] } | null
}

/** PATCH /octo/bookings/:uuid. */
export const updateOctoBookingWorkflow = createWorkflow(updateOctoBookingWorkflowId, (input: UpdateOctoBookingInput) => {
  const group = when("octo-update-rehold", { input }, ({ input }) => !!input.rehold).then(() => {
    const group = createOctoHoldGroupStep(transform({ input }, ({ input }) => input.rehold!.holds))
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_CREATED,
      data: transform({ group }, ({ group }) => (group.created ? group.holds.map((hold) => holdCreatedData(hold)) : [])),
    }).config({ name: "emit-octo-update-hold-created-step" })
    return group
  })

  const update = transform({ input, group }, ({ input, group }) => ({
    ...input.record,
    id: input.booking_id,
    ...(group ? { hold_ids: group.holds.map((hold) => hold.id) } : {}),
  }))
  const booking = updateOctoBookingRecordStep(update)

  when("octo-update-release-previous", { input }, ({ input }) => !!input.rehold).then(() => {
    releaseOctoHoldsStep(transform({ input }, ({ input }) => ({ hold_ids: input.rehold!.previous_hold_ids })))
  })

  return new WorkflowResponse(booking)
})
