import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SetCapacityInput } from "../modules/resource_booking/types"
import { setResourceCapacityStep } from "./steps/set-resource-capacity"

import { offerWaitlistAfter } from "./utils/offer-waitlist"

export const setResourceCapacityWorkflowId = "set-resource-capacity-workflow"

/** Sets max_capacity over a range (and weekdays); all dates or none. */
export const setResourceCapacityWorkflow = createWorkflow(
  setResourceCapacityWorkflowId,
  (input: SetCapacityInput) => {
    const result = setResourceCapacityStep(input)
    offerWaitlistAfter(transform({ input }, ({ input }) => [input.resource_id]))
    return new WorkflowResponse(result)
  }
)

export default setResourceCapacityWorkflow
