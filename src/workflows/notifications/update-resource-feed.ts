import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateResourceFeedStep } from "./steps/update-resource-feed-step"

export const updateResourceFeedWorkflowId = "update-resource-feed-workflow"

/** Creates a resource's calendar feed if it has none, and sets whether it shows customer data and active holds. */
export const updateResourceFeedWorkflow = createWorkflow(
  updateResourceFeedWorkflowId,
  (input: { resource_id: string; include_customer?: boolean; include_holds?: boolean }) => {
    return new WorkflowResponse(updateResourceFeedStep(input))
  }
)

export default updateResourceFeedWorkflow
