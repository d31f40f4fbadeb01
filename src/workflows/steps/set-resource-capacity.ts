import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { SetCapacityInput } from "../../modules/resource_booking/types"

export const setResourceCapacityStepId = "set-resource-capacity-step"

export const setResourceCapacityStep = createStep(
  setResourceCapacityStepId,
  async (input: SetCapacityInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const result = await service.setCapacity(input)
    return new StepResponse(result, { resource_id: input.resource_id, previous: result.previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreCapacity(undo)
  }
)
