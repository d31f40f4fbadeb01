import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createResourceStep, CreateResourceInput } from "./steps/create-resource"

export const createResourceWorkflowId = "create-resource-workflow"

/** Creates a resource; a name used by another not-deleted resource is a conflict. */
export const createResourceWorkflow = createWorkflow(createResourceWorkflowId, (input: CreateResourceInput) => {
  return new WorkflowResponse(createResourceStep(input))
})

export default createResourceWorkflow
