import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rotateResourceFeedStep } from "./steps/rotate-resource-feed-step"

export const rotateResourceFeedWorkflowId = "rotate-resource-feed-workflow"

/** Replaces the secret token of a resource's calendar feed; the old URL stops working at once. */
export const rotateResourceFeedWorkflow = createWorkflow(rotateResourceFeedWorkflowId, (input: { resource_id: string }) => {
  return new WorkflowResponse(rotateResourceFeedStep(input))
})

export default rotateResourceFeedWorkflow
