import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { CreateResourceInput } from "../../modules/resource_booking/types"

export type { CreateResourceInput }

export const createResourceStepId = "create-resource-step"

/**
 * Creates a resource. A name another not-deleted resource uses is a conflict:
 * the unique index decides and the module answers it as a 409.
 */
export const createResourceStep = createStep(
  createResourceStepId,
  async (input: CreateResourceInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const resource = await service.createResources(input)
    return new StepResponse(resource, resource.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.deleteResources(id)
  }
)
