import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { claimResourceBookingNotificationRetriesStep } from "./steps/claim-resource-booking-notification-retries-step"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"

export const retryResourceBookingNotificationsWorkflowId = "retry-resource-booking-notifications-workflow"

/** One batch of failed (or abandoned) notifications sent again; concurrent runs split the rows. */
export const retryResourceBookingNotificationsWorkflow = createWorkflow(
  retryResourceBookingNotificationsWorkflowId,
  (input: { batch_size: number }) => {
    const claimed = claimResourceBookingNotificationRetriesStep(input)
    const delivery = deliverResourceBookingNotificationsStep(transform({ claimed }, ({ claimed }) => ({ claimed })))
    const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
    emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
      name: "emit-resource-booking-notification-failed-step",
    })
    const result = transform({ claimed, delivery }, ({ claimed, delivery }) => ({
      claimed: claimed.length,
      sent: delivery.sent.length,
      failed: delivery.failed.length,
    }))
    return new WorkflowResponse(result)
  }
)

export default retryResourceBookingNotificationsWorkflow
