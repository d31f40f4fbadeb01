import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { CreateHoldInput, CreateHoldResult } from "../../modules/resource_booking/types"

export const createResourceHoldStepId = "create-resource-hold-step"

export const createResourceHoldStep = createStep(
  createResourceHoldStepId,
  async (input: CreateHoldInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const result: CreateHoldResult = await service.createHold(input)
    // Only a hold made by this run is undone by it; a replayed one belongs to
    // the run that made it.
    return new StepResponse(result, result.created ? result.hold.id : undefined)
  },
  async (holdId, { container }) => {
    if (!holdId) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.releaseHold(holdId)
  }
)
