import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildAllocationCanceledNotificationsStep } from "./steps/build-allocation-canceled-notifications-step"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendAllocationCanceledNotificationsWorkflowId = "send-allocation-canceled-notifications-workflow"

/** `resource-booking.canceled` for canceled allocations, once each. */
export const sendAllocationCanceledNotificationsWorkflow = createWorkflow(
  sendAllocationCanceledNotificationsWorkflowId,
  (input: { allocation_ids: string[] }) => {
    const notifications = buildAllocationCanceledNotificationsStep(input)
    const delivery = recordAndDeliverNotifications(notifications)
    return new WorkflowResponse(delivery)
  }
)

export default sendAllocationCanceledNotificationsWorkflow
