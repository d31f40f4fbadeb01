import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createResourceWaitlistEntryStep } from "./steps/create-resource-waitlist-entry"
import { prepareResourceWaitlistEntryStep, ResourceWaitlistRequest } from "./steps/prepare-resource-waitlist-entry"

export const createResourceWaitlistEntryWorkflowId = "create-resource-waitlist-entry-workflow"

/** Joins the waitlist for a resource or a variant (all its resources, with units). */
export const createResourceWaitlistEntryWorkflow = createWorkflow(
  createResourceWaitlistEntryWorkflowId,
  (input: ResourceWaitlistRequest) => {
    const request = prepareResourceWaitlistEntryStep(input)
    return new WorkflowResponse(createResourceWaitlistEntryStep(request))
  }
)

export default createResourceWaitlistEntryWorkflow
