import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CreateBlackoutInput } from "../modules/resource_booking/types"
import { ResourceBookingEvents } from "./events"
import { createResourceBlackoutStep } from "./steps/create-resource-blackout"

export const createResourceBlackoutWorkflowId = "create-resource-blackout"

/** Closes a date range; releases active holds in it and flags allocations in it. */
export const createResourceBlackoutWorkflow = createWorkflow(
  createResourceBlackoutWorkflowId,
  (input: CreateBlackoutInput) => {
    const result = createResourceBlackoutStep(input)
    const events = transform({ result }, ({ result }) => ({
      blackout: {
        id: result.blackout.id,
        resource_id: result.blackout.resource_id,
        start_date: result.blackout.start_date,
        end_date: result.blackout.end_date,
        released_hold_ids: result.released_hold_ids,
        flagged_allocation_ids: result.flagged_allocation_ids,
      },
      released: result.released_hold_ids.map((id) => ({ id, resource_id: result.blackout.resource_id })),
      expired: result.expired_hold_ids.map((id) => ({ id, resource_id: result.blackout.resource_id })),
      flagged: result.flagged_allocation_ids.map((id) => ({
        id,
        resource_id: result.blackout.resource_id,
        blackout_id: result.blackout.id,
      })),
    }))
    emitEventStep({ eventName: ResourceBookingEvents.BLACKOUT_CREATED, data: events.blackout }).config({
      name: "emit-blackout-created",
    })
    emitEventStep({ eventName: ResourceBookingEvents.HOLD_RELEASED, data: events.released }).config({
      name: "emit-blackout-holds-released",
    })
    emitEventStep({ eventName: ResourceBookingEvents.HOLD_EXPIRED, data: events.expired }).config({
      name: "emit-blackout-holds-expired",
    })
    emitEventStep({ eventName: ResourceBookingEvents.ALLOCATION_NEEDS_REVIEW, data: events.flagged }).config({
      name: "emit-blackout-allocations-flagged",
    })
    return new WorkflowResponse(result)
  }
)

export default createResourceBlackoutWorkflow
