import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { allocationsCanceledData, ResourceBookingEvents } from "../events"
import { cancelResourceAllocationsStep } from "../steps/cancel-resource-allocations"
import { releaseOctoHoldsStep } from "./steps/release-octo-holds"
import { updateOctoBookingRecordStep } from "./steps/update-octo-booking-record"

export const cancelOctoBookingWorkflowId = "cancel-octo-booking-workflow"

export type CancelOctoBookingInput = {
  booking_id: string
  hold_ids: string[]
  /** Set for a CONFIRMED booking: its order and that order's active allocations. */
  order_id?: string | null
  allocation_ids?: string[]
  reason?: string | null
}

/**
 * POST /octo/bookings/:uuid/cancel. A confirmed booking: its allocations are
 * canceled with their capacity given back, then its order is canceled
 * (Medusa's cancelOrderWorkflow). A reservation: its hold group is released.
 * The record becomes CANCELLED last.
 */
export const cancelOctoBookingWorkflow = createWorkflow(cancelOctoBookingWorkflowId, (input: CancelOctoBookingInput) => {
  const record = updateOctoBookingRecordStep(
    transform({ input }, ({ input }) => ({
      id: input.booking_id,
      status: "CANCELLED",
      cancelled_at: new Date(),
      cancellation_reason: input.reason ?? null,
    }))
  )

  when("octo-cancel-confirmed", { input }, ({ input }) => !!input.order_id).then(() => {
    const results = cancelResourceAllocationsStep(
      transform({ input }, ({ input }) => ({ allocation_ids: input.allocation_ids ?? [], restore_capacity: true }))
    )
    cancelOrderWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id! })) })
    emitEventStep({
      eventName: ResourceBookingEvents.ALLOCATION_CANCELED,
      data: transform({ results }, ({ results }) => allocationsCanceledData(results)),
    }).config({ name: "emit-octo-allocations-canceled-step" })
  })

  when("octo-cancel-reservation", { input }, ({ input }) => !input.order_id).then(() => {
    releaseOctoHoldsStep(transform({ input }, ({ input }) => ({ hold_ids: input.hold_ids })))
  })

  return new WorkflowResponse(record)
})
