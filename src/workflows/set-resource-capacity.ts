import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SetCapacityInput } from "../modules/resource_booking/types"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { capacityUpdatedData, ResourceBookingEvents } from "./events"
import { setResourceCapacityStep } from "./steps/set-resource-capacity"


export const setResourceCapacityWorkflowId = "set-resource-capacity-workflow"

/** Sets max_capacity over a range (and weekdays); all dates or none. */
export const setResourceCapacityWorkflow = createWorkflow(
  setResourceCapacityWorkflowId,
  (input: SetCapacityInput) => {
    const result = setResourceCapacityStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.CAPACITY_UPDATED,
      data: transform({ input }, ({ input }) => capacityUpdatedData(input)),
    })
    return new WorkflowResponse(result)
  }
)

export default setResourceCapacityWorkflow
