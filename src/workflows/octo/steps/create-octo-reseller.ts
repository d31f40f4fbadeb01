import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"

export const createOctoResellerStepId = "create-octo-reseller-step"

/**
 * The reseller a new key belongs to: the one named by `reseller_id`, or a
 * new reseller called `name`. Compensation deletes a reseller it made.
 */
export const createOctoResellerStep = createStep(
  createOctoResellerStepId,
  async (input: { reseller_id?: string | null; name: string }, { container }) => {
    const service = octoService(container)
    if (input.reseller_id) return new StepResponse(await service.retrieveOctoReseller(input.reseller_id), null as string | null)
    const reseller = await service.createOctoResellers({ name: input.name } as any)
    return new StepResponse(reseller, reseller.id as string | null)
  },
  async (id, { container }) => {
    if (!id) return
    await octoService(container).deleteOctoResellers(id)
  }
)
