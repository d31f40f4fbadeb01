import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { ResourceBookingEvents } from "./events"
import { setResourceHoursStep, SetResourceHoursInput } from "./steps/set-resource-hours"

export const setResourceHoursWorkflowId = "set-resource-hours-workflow"

/**
 * Other working hours on one date of an APPOINTMENT resource (`[]` closes
 * it), or (`hours` null) its weekday's hours again. Hours that open frees
 * capacity: resource_booking.capacity.updated tells the waitlist.
 */
export const setResourceHoursWorkflow = createWorkflow(setResourceHoursWorkflowId, (input: SetResourceHoursInput) => {
  setResourceHoursStep(input)
  emitEventStep({
    eventName: ResourceBookingEvents.CAPACITY_UPDATED,
    data: transform({ input }, ({ input }) => ({ id: input.resource_id, resource_id: input.resource_id, from: input.date, to: input.date })),
  })
  return new WorkflowResponse(undefined)
})

export default setResourceHoursWorkflow
