import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CreateHoldInput } from "../modules/resource_booking/types"
import { holdCreatedData, ResourceBookingEvents } from "./events"
import { createResourceHoldStep } from "./steps/create-resource-hold"

export const createResourceHoldWorkflowId = "create-resource-hold-workflow"

/** Holds `quantity` units on every date, or none; idempotent per token. */
export const createResourceHoldWorkflow = createWorkflow(
  createResourceHoldWorkflowId,
  (input: CreateHoldInput) => {
    const result = createResourceHoldStep(input)
    when({ result }, ({ result }) => result.created).then(() => {
      emitEventStep({
        eventName: ResourceBookingEvents.HOLD_CREATED,
        data: transform({ result }, ({ result }) => holdCreatedData(result.hold)),
      })
    })
    return new WorkflowResponse(result)
  }
)

export default createResourceHoldWorkflow
