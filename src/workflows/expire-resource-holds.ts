import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ResourceBookingEvents } from "./events"
import { expireResourceHoldsStep } from "./steps/expire-resource-holds"

export const expireResourceHoldsWorkflowId = "expire-resource-holds"

/** One sweep batch: expires up to `batch_size` lapsed holds and gives their capacity back. */
export const expireResourceHoldsWorkflow = createWorkflow(
  expireResourceHoldsWorkflowId,
  (input: { batch_size?: number }) => {
    const result = expireResourceHoldsStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_EXPIRED,
      data: transform({ result }, ({ result }) => result.expired.map(({ id, resource_id }) => ({ id, resource_id }))),
    })
    return new WorkflowResponse(result)
  }
)

export default expireResourceHoldsWorkflow
