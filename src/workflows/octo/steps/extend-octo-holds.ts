import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "../../../lib/octo/context"

export const extendOctoHoldsStepId = "extend-octo-holds-step"

/**
 * Extends the hold group of an OCTo reservation by the hold extension rule
 * (never past created_at + maxHoldLifetimeMinutes); no holds, nothing to do.
 * Compensation puts back the expiry times it replaced.
 */
export const extendOctoHoldsStep = createStep(
  extendOctoHoldsStepId,
  async (input: { hold_ids: string[]; minutes: number }, { container }) => {
    if (!input.hold_ids.length) return new StepResponse([] as any[], [] as any[])
    const moved = await bookingService(container).extendHolds(input)
    return new StepResponse(moved, moved)
  },
  async (moved, { container }) => {
    if (!moved?.length) return
    await bookingService(container).restoreHoldExpiry(moved)
  }
)
