import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateBlackoutInput } from "../modules/resource_booking/types"
import { blackoutEventsData, ResourceBookingEvents } from "./events"
import { createResourceBlackoutStep } from "./steps/create-resource-blackout"
import { emitResourceBookingEvents } from "./utils/emit-events"

export const createResourceBlackoutWorkflowId = "create-resource-blackout-workflow"

/** Closes a date range; releases active holds in it and flags allocations in it. */
export const createResourceBlackoutWorkflow = createWorkflow(
  createResourceBlackoutWorkflowId,
  (input: CreateBlackoutInput) => {
    const result = createResourceBlackoutStep(input)
    const events = transform({ result }, ({ result }) => blackoutEventsData(result))
    emitResourceBookingEvents("blackout", events, {
      blackout: ResourceBookingEvents.BLACKOUT_CREATED,
      released: ResourceBookingEvents.HOLD_RELEASED,
      expired: ResourceBookingEvents.HOLD_EXPIRED,
      flagged: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW,
    })
    return new WorkflowResponse(result)
  }
)

export default createResourceBlackoutWorkflow
