import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ResourceBookingEvents } from "./events"
import { cancelResourceAllocationsStep } from "./steps/cancel-resource-allocation"

export const cancelResourceAllocationsWorkflowId = "cancel-resource-allocations"

/** Cancels allocations, giving their capacity back when `restore_capacity`. Idempotent. */
export const cancelResourceAllocationsWorkflow = createWorkflow(
  cancelResourceAllocationsWorkflowId,
  (input: { allocation_ids: string[]; restore_capacity: boolean; actor_id?: string | null }) => {
    const results = cancelResourceAllocationsStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.ALLOCATION_CANCELED,
      data: transform({ results }, ({ results }) =>
        results
          .filter((result) => result.changed)
          .map(({ allocation, capacity_restored }) => ({
            id: allocation.id,
            order_id: allocation.order_id,
            resource_id: allocation.resource_id,
            capacity_restored,
          }))
      ),
    })
    return new WorkflowResponse(results)
  }
)

export default cancelResourceAllocationsWorkflow
