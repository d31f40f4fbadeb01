import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OCTO_MODULE } from "../../../modules/octo"
import OctoModuleService from "../../../modules/octo/service"

export const revokeResellerKeyStepId = "revoke-reseller-key-step"

/** Revokes a reseller key (idempotent); compensation makes it valid again if this step revoked it. */
export const revokeResellerKeyStep = createStep(
  revokeResellerKeyStepId,
  async (input: { id: string; actor_id?: string | null }, { container }) => {
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    const before = await service.retrieveOctoResellerKey(input.id)
    const key = await service.revokeResellerKey(input.id, input.actor_id)
    return new StepResponse(key, before.revoked_at ? undefined : input.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    await service.updateOctoResellerKeys({ id, revoked_at: null, revoked_by: null } as any)
  }
)
