import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { holdEndedData, ResourceBookingEvents } from "./events"
import { expireResourceHoldsStep } from "./steps/expire-resource-holds"
import { offerResourceWaitlistWorkflow } from "./offer-resource-waitlist"

export const expireResourceHoldsWorkflowId = "expire-resource-holds-workflow"

/** One sweep batch: expires up to `batch_size` lapsed holds and gives their capacity back. */
export const expireResourceHoldsWorkflow = createWorkflow(
  expireResourceHoldsWorkflowId,
  (input: { batch_size?: number }) => {
    const result = expireResourceHoldsStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_EXPIRED,
      data: transform({ result }, ({ result }) => result.expired.map(holdEndedData)),
    })
    // Every resource with live waitlist entries: what this batch freed, and a
    // retry of any offer run that failed since the last sweep.
    offerResourceWaitlistWorkflow.runAsStep({ input: {} })
    return new WorkflowResponse(result)
  }
)

export default expireResourceHoldsWorkflow
