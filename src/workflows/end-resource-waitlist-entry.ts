import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { endResourceWaitlistEntryStep } from "./steps/end-resource-waitlist-entry"
import { offerWaitlistAfter } from "./utils/offer-waitlist"

export const endResourceWaitlistEntryWorkflowId = "end-resource-waitlist-entry-workflow"

/** Leave (store) or remove (admin) a waitlist entry; an offer it had goes to the next entry. */
export const endResourceWaitlistEntryWorkflow = createWorkflow(
  endResourceWaitlistEntryWorkflowId,
  (input: { id: string; status: "LEFT" | "REMOVED" }) => {
    const result = endResourceWaitlistEntryStep(input)
    offerWaitlistAfter(transform({ result }, ({ result }) => result.resource_ids))
    return new WorkflowResponse(transform({ result }, ({ result }) => result.entry))
  }
)

export default endResourceWaitlistEntryWorkflow
