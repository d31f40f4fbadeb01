import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const deleteResourceBlackoutStepId = "delete-resource-blackout-step"

export const deleteResourceBlackoutStep = createStep(
  deleteResourceBlackoutStepId,
  async (input: { blackout_id: string }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const blackout = await service.deleteBlackout(input.blackout_id)
    return new StepResponse(blackout, blackout.id)
  },
  async (blackoutId, { container }) => {
    if (!blackoutId) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreBlackout(blackoutId)
  }
)
