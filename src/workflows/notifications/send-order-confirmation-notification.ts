import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { buildOrderConfirmationNotificationStep } from "./steps/build-order-confirmation-notification-step"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "./steps/enqueue-resource-booking-notifications-step"

export const sendOrderConfirmationNotificationWorkflowId = "send-order-confirmation-notification-workflow"

/** `resource-booking.confirmed` for an order whose bookings became allocations: once per order, with booking.ics. */
export const sendOrderConfirmationNotificationWorkflow = createWorkflow(
  sendOrderConfirmationNotificationWorkflowId,
  (input: { order_id: string }) => {
    const notifications = buildOrderConfirmationNotificationStep(input)
    const recorded = enqueueResourceBookingNotificationsStep(notifications)
    const ids = transform({ recorded }, ({ recorded }) => ({ ids: recorded.map((row) => row.id) }))
    const delivery = deliverResourceBookingNotificationsStep(ids)
    const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
    emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
      name: "emit-resource-booking-notification-failed-step",
    })
    return new WorkflowResponse(delivery)
  }
)

export default sendOrderConfirmationNotificationWorkflow
