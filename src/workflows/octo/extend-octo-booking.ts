import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { extendOctoHoldsStep } from "./steps/extend-octo-holds"

export const extendOctoBookingWorkflowId = "extend-octo-booking-workflow"

/** POST /octo/bookings/:uuid/extend: the reservation's hold group lives longer (hold extension rule). */
export const extendOctoBookingWorkflow = createWorkflow(
  extendOctoBookingWorkflowId,
  (input: { hold_ids: string[]; minutes: number }) => {
    const moved = extendOctoHoldsStep(input)
    return new WorkflowResponse(moved)
  }
)
