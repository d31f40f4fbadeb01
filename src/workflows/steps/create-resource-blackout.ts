import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { CreateBlackoutInput } from "../../modules/resource_booking/types"

export const createResourceBlackoutStepId = "create-resource-blackout-step"

// Compensation removes the blackout; holds it released stay released (their
// capacity may already be taken again), which is why this is the last step.
export const createResourceBlackoutStep = createStep(
  createResourceBlackoutStepId,
  async (input: CreateBlackoutInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const result = await service.createBlackout(input)
    return new StepResponse(result, result.blackout.id)
  },
  async (blackoutId, { container }) => {
    if (!blackoutId) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.deleteBlackout(blackoutId)
  }
)
