import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { OCTO_MODULE } from "../../modules/octo"
import { createResellerKeyStep } from "./steps/create-reseller-key"
import { markResellerKeyReplacedStep } from "./steps/mark-reseller-key-replaced"
import { prepareResellerKeyRotationStep } from "./steps/prepare-reseller-key-rotation"

export const rotateResellerKeyWorkflowId = "rotate-reseller-key-workflow"

export type RotateResellerKeyInput = {
  id: string
  title?: string | null
  token_hash: string
  redacted: string
  created_by?: string | null
}

/**
 * The first step of a key rotation: a new key for the same reseller and
 * sales channel; the old key stays valid (marked replaced_by_id) until the
 * admin revokes it, once the reseller has switched (revoke-reseller-key).
 */
export const rotateResellerKeyWorkflow = createWorkflow(rotateResellerKeyWorkflowId, (input: RotateResellerKeyInput) => {
  const old = prepareResellerKeyRotationStep(transform({ input }, ({ input }) => ({ id: input.id })))
  const key = createResellerKeyStep(
    transform({ input, old }, ({ input, old }) => ({
      title: input.title ?? old.title,
      token_hash: input.token_hash,
      redacted: input.redacted,
      reseller_id: old.reseller_id,
      created_by: input.created_by ?? null,
    }))
  )
  createRemoteLinkStep(
    transform({ old, key }, ({ old, key }) => [
      { [OCTO_MODULE]: { octo_reseller_key_id: key.id }, [Modules.SALES_CHANNEL]: { sales_channel_id: old.sales_channel_id } },
    ])
  )
  markResellerKeyReplacedStep(transform({ old, key }, ({ old, key }) => ({ id: old.id, replaced_by_id: key.id })))
  return new WorkflowResponse(key)
})
