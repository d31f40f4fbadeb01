import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"

export const createResellerKeyStepId = "create-reseller-key-step"

/**
 * Stores a reseller key by the hash of its secret (the route made the
 * secret and shows it once; it never enters a workflow), for its reseller.
 * Compensation deletes it.
 */
export const createResellerKeyStep = createStep(
  createResellerKeyStepId,
  async (
    input: { title: string; token_hash: string; redacted: string; reseller_id: string; created_by?: string | null },
    { container }
  ) => {
    const service = octoService(container)
    const key = await service.createOctoResellerKeys(input as any)
    return new StepResponse(key, key.id)
  },
  async (id, { container }) => {
    if (!id) return
    await octoService(container).deleteOctoResellerKeys(id)
  }
)
