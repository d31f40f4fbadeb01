import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const deleteResourceStepId = "delete-resource-step"

/**
 * Soft-deletes a resource after checking, in the same transaction (the check
 * takes the resource's lock), that it has no active holds or allocations from
 * today on: a hold cannot slip in between the check and the delete.
 */
export const deleteResourceStep = createStep(
  deleteResourceStepId,
  async (input: { id: string }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.softDeleteResourceIfDeletable(input.id)
    return new StepResponse({ id: input.id }, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreResources([id])
  }
)
