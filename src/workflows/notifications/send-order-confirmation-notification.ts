import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildOrderConfirmationNotificationStep } from "./steps/build-order-confirmation-notification-step"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendOrderConfirmationNotificationWorkflowId = "send-order-confirmation-notification-workflow"

/** `resource-booking.confirmed` for an order whose bookings became allocations: once per order, with booking.ics. */
export const sendOrderConfirmationNotificationWorkflow = createWorkflow(
  sendOrderConfirmationNotificationWorkflowId,
  (input: { order_id: string }) => {
    const notifications = buildOrderConfirmationNotificationStep(input)
    const delivery = recordAndDeliverNotifications(notifications)
    return new WorkflowResponse(delivery)
  }
)

export default sendOrderConfirmationNotificationWorkflow
