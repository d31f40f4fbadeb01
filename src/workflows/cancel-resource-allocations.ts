import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { allocationsCanceledData, ResourceBookingEvents } from "./events"
import { cancelResourceAllocationsStep } from "./steps/cancel-resource-allocations"

export const cancelResourceAllocationsWorkflowId = "cancel-resource-allocations-workflow"

/** Cancels allocations, giving their capacity back when `restore_capacity`. Idempotent. */
export const cancelResourceAllocationsWorkflow = createWorkflow(
  cancelResourceAllocationsWorkflowId,
  (input: { allocation_ids: string[]; restore_capacity: boolean; actor_id?: string | null }) => {
    const results = cancelResourceAllocationsStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.ALLOCATION_CANCELED,
      data: transform({ results }, ({ results }) => allocationsCanceledData(results)),
    })
    return new WorkflowResponse(results)
  }
)

export default cancelResourceAllocationsWorkflow
