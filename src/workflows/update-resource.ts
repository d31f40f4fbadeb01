import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { changeResourceBookingModeStep } from "./steps/change-resource-booking-mode"
import { updateResourceStep, UpdateResourceInput } from "./steps/update-resource"

export const updateResourceWorkflowId = "update-resource-workflow"

/**
 * Updates a resource's fields; renaming onto a used name is a conflict. A new
 * booking mode is changed first, in its own step (409 with live bookings),
 * and put back if the update of the other fields fails.
 */
export const updateResourceWorkflow = createWorkflow(updateResourceWorkflowId, (input: UpdateResourceInput) => {
  changeResourceBookingModeStep(transform({ input }, ({ input }) => ({ id: input.id, booking_mode: input.booking_mode })))
  const fields = transform({ input }, ({ input }) => {
    const { booking_mode: _mode, ...rest } = input
    return rest as UpdateResourceInput
  })
  return new WorkflowResponse(updateResourceStep(fields))
})

export default updateResourceWorkflow
