import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { blackoutDeletedData, ResourceBookingEvents } from "./events"
import { deleteResourceBlackoutStep } from "./steps/delete-resource-blackout"


export const deleteResourceBlackoutWorkflowId = "delete-resource-blackout-workflow"

export const deleteResourceBlackoutWorkflow = createWorkflow(
  deleteResourceBlackoutWorkflowId,
  (input: { blackout_id: string }) => {
    const blackout = deleteResourceBlackoutStep(input)
    emitEventStep({
      eventName: ResourceBookingEvents.BLACKOUT_DELETED,
      data: transform({ blackout }, ({ blackout }) => blackoutDeletedData(blackout)),
    })
    return new WorkflowResponse(blackout)
  }
)

export default deleteResourceBlackoutWorkflow
