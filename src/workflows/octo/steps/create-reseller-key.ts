import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OCTO_MODULE } from "../../../modules/octo"
import OctoModuleService from "../../../modules/octo/service"

export const createResellerKeyStepId = "create-reseller-key-step"

/**
 * Stores a reseller key by the hash of its secret (the route made the
 * secret and shows it once; it never enters a workflow). Compensation deletes it.
 */
export const createResellerKeyStep = createStep(
  createResellerKeyStepId,
  async (input: { title: string; token_hash: string; redacted: string; created_by?: string | null }, { container }) => {
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    const key = await service.createOctoResellerKeys(input as any)
    return new StepResponse(key, key.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    await service.deleteOctoResellerKeys(id)
  }
)
