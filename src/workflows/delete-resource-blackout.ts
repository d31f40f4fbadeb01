import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteResourceBlackoutStep } from "./steps/delete-resource-blackout"

export const deleteResourceBlackoutWorkflowId = "delete-resource-blackout-workflow"

export const deleteResourceBlackoutWorkflow = createWorkflow(
  deleteResourceBlackoutWorkflowId,
  (input: { blackout_id: string }) => {
    return new WorkflowResponse(deleteResourceBlackoutStep(input))
  }
)

export default deleteResourceBlackoutWorkflow
