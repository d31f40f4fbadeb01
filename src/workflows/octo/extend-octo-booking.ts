import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { claimOctoBookingStep } from "./steps/claim-octo-booking"
import { extendOctoHoldsStep } from "./steps/extend-octo-holds"
import { finishOctoBookingStep } from "./steps/finish-octo-booking"

export const extendOctoBookingWorkflowId = "extend-octo-booking-workflow"

/**
 * POST /octo/bookings/:uuid/extend: the reservation is claimed, its hold
 * group lives longer (hold extension rule), the claim ends.
 */
export const extendOctoBookingWorkflow = createWorkflow(
  extendOctoBookingWorkflowId,
  (input: { uuid: string; reseller_id: string; minutes: number }) => {
    const claim = claimOctoBookingStep(
      transform({ input }, ({ input }) => ({ uuid: input.uuid, reseller_id: input.reseller_id, action: "extend" as const }))
    )
    const extended = when("octo-extend-claimed", { claim }, ({ claim }) => claim.proceed).then(() => {
      extendOctoHoldsStep(transform({ input, claim }, ({ input, claim }) => ({ hold_ids: claim.booking.hold_ids ?? [], minutes: input.minutes })))
      return finishOctoBookingStep(transform({ claim }, ({ claim }) => ({ booking: claim.booking, token: claim.token!, changes: {} })))
    })
    return new WorkflowResponse(transform({ claim, extended }, ({ claim, extended }) => extended ?? claim.booking))
  }
)
