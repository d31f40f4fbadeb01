import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CreateHoldInput } from "../modules/resource_booking/types"
import { ResourceBookingEvents } from "./events"
import { createResourceHoldStep } from "./steps/create-resource-hold"

export const createResourceHoldWorkflowId = "create-resource-hold"

/** Holds `quantity` units on every date, or none; idempotent per token. */
export const createResourceHoldWorkflow = createWorkflow(
  createResourceHoldWorkflowId,
  (input: CreateHoldInput) => {
    const result = createResourceHoldStep(input)
    when({ result }, ({ result }) => result.created).then(() => {
      emitEventStep({
        eventName: ResourceBookingEvents.HOLD_CREATED,
        data: transform({ result }, ({ result }) => ({
          id: result.hold.id,
          resource_id: result.hold.resource_id,
          dates: result.hold.dates,
          quantity: result.hold.quantity,
        })),
      })
    })
    return new WorkflowResponse(result)
  }
)

export default createResourceHoldWorkflow
