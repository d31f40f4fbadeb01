import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { extendResourceHoldStep } from "./steps/extend-resource-hold"

export const extendResourceHoldWorkflowId = "extend-resource-hold-workflow"

/** Extends a hold and the rest of its group, within the hold lifetime (contract "Holds: extend"). */
export const extendResourceHoldWorkflow = createWorkflow(
  extendResourceHoldWorkflowId,
  (input: { hold_id: string; minutes?: number }) => new WorkflowResponse(extendResourceHoldStep(input))
)

export default extendResourceHoldWorkflow
