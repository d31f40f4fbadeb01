import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const expireResourceHoldsStepId = "expire-resource-holds-step"

export const expireResourceHoldsStep = createStep(
  expireResourceHoldsStepId,
  async (input: { batch_size?: number }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    return new StepResponse(await service.expireHolds({ batchSize: input.batch_size }))
  }
)
