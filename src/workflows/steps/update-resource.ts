import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { RESOURCE_FIELDS } from "../../modules/resource_booking/constants"
import { UpdateResourceInput } from "../../modules/resource_booking/types"

export type { UpdateResourceInput }


export const updateResourceStepId = "update-resource-step"

/**
 * Updates a resource's fields (renaming onto a used name is the module's 409).
 * Compensation puts the old values back.
 */
export const updateResourceStep = createStep(
  updateResourceStepId,
  async (input: UpdateResourceInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const before = await service.retrieveResource(input.id, { select: [...RESOURCE_FIELDS] })
    const resource = await service.updateResources(input)
    const previous = Object.fromEntries(
      Object.keys(input).map((key) => [key, (before as Record<string, unknown>)[key]])
    ) as UpdateResourceInput
    return new StepResponse(resource, { ...previous, id: input.id })
  },
  async (previous, { container }) => {
    if (!previous) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.updateResources(previous)
  }
)
