import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateResourceStep, UpdateResourceInput } from "./steps/update-resource"

export const updateResourceWorkflowId = "update-resource-workflow"

/** Updates a resource's fields; renaming onto a used name is a conflict. */
export const updateResourceWorkflow = createWorkflow(updateResourceWorkflowId, (input: UpdateResourceInput) => {
  return new WorkflowResponse(updateResourceStep(input))
})

export default updateResourceWorkflow
