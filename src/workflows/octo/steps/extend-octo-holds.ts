import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import ResourceBookingModuleService from "../../../modules/resource_booking/service"

export const extendOctoHoldsStepId = "extend-octo-holds-step"

/**
 * Extends the hold group of an OCTo reservation by the hold extension rule
 * (never past created_at + maxHoldLifetimeMinutes). Compensation puts back
 * the expiry times it replaced.
 */
export const extendOctoHoldsStep = createStep(
  extendOctoHoldsStepId,
  async (input: { hold_ids: string[]; minutes: number }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const moved = await service.extendHolds(input)
    return new StepResponse(moved, moved)
  },
  async (moved, { container }) => {
    if (!moved?.length) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreHoldExpiry(moved)
  }
)
