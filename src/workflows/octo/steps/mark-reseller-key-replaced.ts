import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"

export const markResellerKeyReplacedStepId = "mark-reseller-key-replaced-step"

/** Marks the key a rotation replaces (`replaced_by_id`); compensation puts the previous value back. */
export const markResellerKeyReplacedStep = createStep(
  markResellerKeyReplacedStepId,
  async (input: { id: string; replaced_by_id: string }, { container }) => {
    const service = octoService(container)
    const before = await service.retrieveOctoResellerKey(input.id)
    await service.updateOctoResellerKeys({ id: input.id, replaced_by_id: input.replaced_by_id } as any)
    return new StepResponse(true, { id: input.id, replaced_by_id: (before as any).replaced_by_id ?? null })
  },
  async (previous, { container }) => {
    if (!previous) return
    await octoService(container).updateOctoResellerKeys(previous as any)
  }
)
