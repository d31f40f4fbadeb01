import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import ResourceBookingModuleService from "../../../modules/resource_booking/service"

export const releaseOctoHoldsStepId = "release-octo-holds-step"

/**
 * Releases the hold group of an OCTo booking (one hold names its group).
 * A release cannot be undone, so workflows run it last. Releasing a group
 * already released or expired changes nothing.
 */
export const releaseOctoHoldsStep = createStep(
  releaseOctoHoldsStepId,
  async (input: { hold_ids: string[] }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const holdId = input.hold_ids[0]
    if (!holdId) return new StepResponse({ released: [] as string[] })
    const result = await service.releaseHold(holdId)
    return new StepResponse({ released: result.changed ? input.hold_ids : [] })
  }
)
