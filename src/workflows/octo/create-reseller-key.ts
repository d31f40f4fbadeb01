import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { OCTO_MODULE } from "../../modules/octo"
import { createResellerKeyStep } from "./steps/create-reseller-key"

export const createResellerKeyWorkflowId = "create-reseller-key-workflow"

export type CreateResellerKeyInput = {
  title: string
  sales_channel_id: string
  token_hash: string
  redacted: string
  created_by?: string | null
}

/** A reseller key, stored hashed, linked to the sales channel its bookings go to. */
export const createResellerKeyWorkflow = createWorkflow(createResellerKeyWorkflowId, (input: CreateResellerKeyInput) => {
  useQueryGraphStep({
    entity: "sales_channel",
    fields: ["id"],
    filters: { id: input.sales_channel_id },
    options: { throwIfKeyNotFound: true },
  }).config({ name: "reseller-key-sales-channel-query" })
  const key = createResellerKeyStep(
    transform({ input }, ({ input }) => ({
      title: input.title,
      token_hash: input.token_hash,
      redacted: input.redacted,
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
