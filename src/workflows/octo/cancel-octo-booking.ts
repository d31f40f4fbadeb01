import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { allocationsCanceledData, ResourceBookingEvents } from "../events"
import { cancelResourceAllocationsStep } from "../steps/cancel-resource-allocations"
import { claimOctoBookingStep } from "./steps/claim-octo-booking"
import { finishOctoBookingStep } from "./steps/finish-octo-booking"
import { listOctoOrderAllocationsStep } from "./steps/list-octo-order-allocations"
import { releaseOctoHoldsStep } from "./steps/release-octo-holds"

export const cancelOctoBookingWorkflowId = "cancel-octo-booking-workflow"

export type CancelOctoBookingInput = { uuid: string; reseller_id: string; reason?: string | null }

/**
 * POST /octo/bookings/:uuid/cancel. The booking is claimed first (a
 * CANCELLED one, here or through its order in Medusa admin, is answered as
 * it is: capacity comes back once). A confirmed booking: its allocations are
 * canceled with their capacity given back, then its order is canceled
 * (Medusa's cancelOrderWorkflow). The record becomes CANCELLED and the claim
 * ends; a reservation's hold group is released last.
 */
export const cancelOctoBookingWorkflow = createWorkflow(cancelOctoBookingWorkflowId, (input: CancelOctoBookingInput) => {
  const claim = claimOctoBookingStep(
    transform({ input }, ({ input }) => ({ uuid: input.uuid, reseller_id: input.reseller_id, action: "cancel" as const }))
  )

  when("octo-cancel-order", { claim }, ({ claim }) => claim.proceed && claim.booking.status === "CONFIRMED" && !!claim.booking.order_id).then(
    () => {
      const allocationIds = listOctoOrderAllocationsStep(transform({ claim }, ({ claim }) => ({ order_id: claim.booking.order_id })))
      const results = cancelResourceAllocationsStep(
        transform({ allocationIds }, ({ allocationIds }) => ({ allocation_ids: allocationIds, restore_capacity: true }))
      )
      cancelOrderWorkflow.runAsStep({ input: transform({ claim }, ({ claim }) => ({ order_id: claim.booking.order_id as string })) })
      emitEventStep({
        eventName: ResourceBookingEvents.ALLOCATION_CANCELED,
        data: transform({ results }, ({ results }) => allocationsCanceledData(results)),
      }).config({ name: "emit-octo-allocations-canceled-step" })
    }
  )

  const cancelled = when("octo-cancel-claimed", { claim }, ({ claim }) => claim.proceed).then(() => {
    const booking = finishOctoBookingStep(
      transform({ input, claim }, ({ input, claim }) => ({
        booking: claim.booking,
        token: claim.token!,
        changes: { status: "CANCELLED", cancelled_at: new Date(), cancellation_reason: input.reason ?? null },
      }))
    )
    releaseOctoHoldsStep(
      transform({ claim }, ({ claim }) => ({ hold_ids: claim.booking.status === "ON_HOLD" ? claim.booking.hold_ids ?? [] : [] }))
    )
    return booking
  })

  return new WorkflowResponse(transform({ claim, cancelled }, ({ claim, cancelled }) => cancelled ?? claim.booking))
})
