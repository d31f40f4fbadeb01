import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CreateBlackoutInput } from "../modules/resource_booking/types"
import { blackoutEventsData, ResourceBookingEvents } from "./events"
import { createResourceBlackoutStep } from "./steps/create-resource-blackout"

export const createResourceBlackoutWorkflowId = "create-resource-blackout-workflow"

/** Closes a date range; releases active holds in it and flags allocations in it. */
export const createResourceBlackoutWorkflow = createWorkflow(
  createResourceBlackoutWorkflowId,
  (input: CreateBlackoutInput) => {
    const result = createResourceBlackoutStep(input)
    const events = transform({ result }, ({ result }) => blackoutEventsData(result))
    emitEventStep({ eventName: ResourceBookingEvents.BLACKOUT_CREATED, data: events.blackout }).config({
      name: "emit-blackout-created-step",
    })
    emitEventStep({ eventName: ResourceBookingEvents.HOLD_RELEASED, data: events.released }).config({
      name: "emit-blackout-holds-released-step",
    })
    emitEventStep({ eventName: ResourceBookingEvents.HOLD_EXPIRED, data: events.expired }).config({
      name: "emit-blackout-holds-expired-step",
    })
    emitEventStep({ eventName: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW, data: events.flagged }).config({
      name: "emit-blackout-allocations-flagged-step",
    })
    return new WorkflowResponse(result)
  }
)

export default createResourceBlackoutWorkflow
