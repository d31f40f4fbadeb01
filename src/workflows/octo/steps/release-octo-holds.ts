import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "../../../lib/octo/context"

export const releaseOctoHoldsStepId = "release-octo-holds-step"

/**
 * Releases the hold group of an OCTo booking (one hold names its group); no
 * holds, nothing to do. A release cannot be undone, so workflows run it last.
 * Releasing a group already released or expired changes nothing.
 */
export const releaseOctoHoldsStep = createStep(releaseOctoHoldsStepId, async (input: { hold_ids: string[] }, { container }) => {
  const holdId = input.hold_ids[0]
  if (!holdId) return new StepResponse({ released: [] as string[] })
  const result = await bookingService(container).releaseHold(holdId)
  return new StepResponse({ released: result.changed ? input.hold_ids : [] })
})
