import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { endResourceWaitlistEntryStep } from "./steps/end-resource-waitlist-entry"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { holdEndedData, ResourceBookingEvents } from "./events"

export const endResourceWaitlistEntryWorkflowId = "end-resource-waitlist-entry-workflow"

/** Leave (store) or remove (admin) a waitlist entry; an offer it had goes to the next entry. */
export const endResourceWaitlistEntryWorkflow = createWorkflow(
  endResourceWaitlistEntryWorkflowId,
  (input: { id: string; status: "LEFT" | "REMOVED" }) => {
    const result = endResourceWaitlistEntryStep(input)
    // The offer's holds went back: released like any hold (the waitlist hears of it).
    emitEventStep({
      eventName: ResourceBookingEvents.HOLD_RELEASED,
      data: transform({ result }, ({ result }) => result.released.map(holdEndedData)),
    })
    return new WorkflowResponse(transform({ result }, ({ result }) => result.entry))
  }
)

export default endResourceWaitlistEntryWorkflow
