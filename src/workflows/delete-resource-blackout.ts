import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteResourceBlackoutStep } from "./steps/delete-resource-blackout"

import { offerWaitlistAfter } from "./utils/offer-waitlist"

export const deleteResourceBlackoutWorkflowId = "delete-resource-blackout-workflow"

export const deleteResourceBlackoutWorkflow = createWorkflow(
  deleteResourceBlackoutWorkflowId,
  (input: { blackout_id: string }) => {
    const blackout = deleteResourceBlackoutStep(input)
    offerWaitlistAfter(transform({ blackout }, ({ blackout }) => [blackout.resource_id]))
    return new WorkflowResponse(blackout)
  }
)

export default deleteResourceBlackoutWorkflow
