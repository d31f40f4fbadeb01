import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateResourceStep, UpdateResourceInput } from "./steps/resource-crud"

export const updateResourceWorkflowId = "update-resource"

/** Updates a resource's fields; renaming onto a used name is a conflict. */
export const updateResourceWorkflow = createWorkflow(updateResourceWorkflowId, (input: UpdateResourceInput) => {
  return new WorkflowResponse(updateResourceStep(input))
})

export default updateResourceWorkflow
