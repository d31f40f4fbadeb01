import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { OCTO_MODULE } from "../../modules/octo"
import { createOctoResellerStep } from "./steps/create-octo-reseller"
import { createResellerKeyStep } from "./steps/create-reseller-key"
import { validateResellerKeyTargetStep } from "./steps/validate-reseller-key-target"

export const createResellerKeyWorkflowId = "create-reseller-key-workflow"

export type CreateResellerKeyInput = {
  title: string
  sales_channel_id: string
  /** An existing reseller; without it a new reseller is made, named `reseller_name` (else the title). */
  reseller_id?: string | null
  reseller_name?: string | null
  token_hash: string
  redacted: string
  created_by?: string | null
}

/**
 * A reseller key, stored hashed, for its reseller (existing or new), linked
 * to the sales channel its bookings go to (any number of keys per channel).
 */
export const createResellerKeyWorkflow = createWorkflow(createResellerKeyWorkflowId, (input: CreateResellerKeyInput) => {
  validateResellerKeyTargetStep(
    transform({ input }, ({ input }) => ({ sales_channel_id: input.sales_channel_id, reseller_id: input.reseller_id ?? null }))
  )
  const reseller = createOctoResellerStep(
    transform({ input }, ({ input }) => ({ reseller_id: input.reseller_id ?? null, name: input.reseller_name ?? input.title }))
  )
  const key = createResellerKeyStep(
    transform({ input, reseller }, ({ input, reseller }) => ({
      title: input.title,
      token_hash: input.token_hash,
      redacted: input.redacted,
      reseller_id: reseller.id,
      created_by: input.created_by ?? null,
    }))
  )
  createRemoteLinkStep(
    transform({ input, key }, ({ input, key }) => [
      { [OCTO_MODULE]: { octo_reseller_key_id: key.id }, [Modules.SALES_CHANNEL]: { sales_channel_id: input.sales_channel_id } },
    ])
  )
  return new WorkflowResponse(key)
})
