import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const extendResourceHoldStepId = "extend-resource-hold-step"

/**
 * Extends an ACTIVE, unexpired hold and the rest of its group: expires_at
 * becomes min(created_at + maxHoldLifetimeMinutes, max(expires_at, now +
 * minutes)), `minutes` defaulting to holdTtlMinutes. A hold that is not ACTIVE
 * or has lapsed is a conflict. Compensation puts the old expiry back.
 */
export const extendResourceHoldStep = createStep(
  extendResourceHoldStepId,
  async (input: { hold_id: string; minutes?: number }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const options = service.getOptions()
    const hold = await service.retrieveHold(input.hold_id)
    const moved = await service.extendHolds({ hold_ids: [hold.id], minutes: input.minutes ?? options.holdTtlMinutes })
    if (!moved.some((row) => row.id === hold.id)) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Resource hold ${hold.id} is ${hold.status === "ACTIVE" ? "past its expiry" : hold.status} and cannot be extended`
      )
    }
    return new StepResponse(await service.retrieveHold(hold.id), moved)
  },
  async (moved, { container }) => {
    if (!moved?.length) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreHoldExpiry(moved)
  }
)
