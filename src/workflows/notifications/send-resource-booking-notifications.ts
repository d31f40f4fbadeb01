import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ResourceBookingNotificationInput } from "../../modules/resource_booking_notifications/types"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendResourceBookingNotificationsWorkflowId = "send-resource-booking-notifications-workflow"

/**
 * Sends notifications of the plugin's templates through Medusa's
 * Notification Module, each once per `idempotency_key` (whoever calls this
 * how often): recorded in the outbox, sent, and on failure logged, retried by
 * the retry job and announced as resource_booking.notification.failed.
 * Never fails because a notification did.
 *
 *   await sendResourceBookingNotificationsWorkflow(container).run({
 *     input: { notifications: [{ template_key: "resource-booking.waitlist-offer", to, data, idempotency_key }] },
 *   })
 */
export const sendResourceBookingNotificationsWorkflow = createWorkflow(
  sendResourceBookingNotificationsWorkflowId,
  (input: { notifications: ResourceBookingNotificationInput[] }) => {
    const delivery = recordAndDeliverNotifications(input.notifications)
    return new WorkflowResponse(delivery)
  }
)

export default sendResourceBookingNotificationsWorkflow
