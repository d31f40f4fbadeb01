import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { revokeResellerKeyStep } from "./steps/revoke-reseller-key"

export const revokeResellerKeyWorkflowId = "revoke-reseller-key-workflow"

/** Revokes a reseller key: from then on the OCTo API refuses it. */
export const revokeResellerKeyWorkflow = createWorkflow(
  revokeResellerKeyWorkflowId,
  (input: { id: string; actor_id?: string | null }) => new WorkflowResponse(revokeResellerKeyStep(input))
)
