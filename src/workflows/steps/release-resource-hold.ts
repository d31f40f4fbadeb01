import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const releaseResourceHoldStepId = "release-resource-hold-step"

// No compensation: capacity given back may be taken at once by someone else,
// so a release is always the last state change of a workflow.
export const releaseResourceHoldStep = createStep(
  releaseResourceHoldStepId,
  async (input: { hold_id: string }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    return new StepResponse(await service.releaseHold(input.hold_id))
  }
)
