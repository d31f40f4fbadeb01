import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const cancelResourceAllocationsStepId = "cancel-resource-allocations-step"

export const cancelResourceAllocationsStep = createStep(
  cancelResourceAllocationsStepId,
  async (
    input: { allocation_ids: string[]; restore_capacity: boolean; actor_id?: string | null },
    { container }
  ) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const results = [] as Awaited<ReturnType<ResourceBookingModuleService["cancelAllocation"]>>[]
    for (const allocation_id of input.allocation_ids) {
      results.push(
        await service.cancelAllocation({ allocation_id, restore_capacity: input.restore_capacity, actor_id: input.actor_id })
      )
    }
    const changed = results
      .filter((result) => result.changed)
      .map((result) => ({ allocation_id: result.allocation.id, capacity_restored: result.capacity_restored }))
    return new StepResponse(results, changed)
  },
  async (changed, { container }) => {
    if (!changed?.length) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    for (const entry of changed) await service.revertAllocationCancel(entry)
  }
)
