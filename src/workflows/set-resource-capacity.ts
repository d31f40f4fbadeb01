import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SetCapacityInput } from "../modules/resource_booking/types"
import { setResourceCapacityStep } from "./steps/set-resource-capacity"

export const setResourceCapacityWorkflowId = "set-resource-capacity-workflow"

/** Sets max_capacity over a range (and weekdays); all dates or none. */
export const setResourceCapacityWorkflow = createWorkflow(
  setResourceCapacityWorkflowId,
  (input: SetCapacityInput) => {
    return new WorkflowResponse(setResourceCapacityStep(input))
  }
)

export default setResourceCapacityWorkflow
