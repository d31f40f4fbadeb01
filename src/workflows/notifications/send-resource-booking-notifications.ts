import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { ResourceBookingNotificationInput } from "../../modules/resource_booking_notifications/types"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "./steps/enqueue-resource-booking-notifications-step"

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
    const recorded = enqueueResourceBookingNotificationsStep(input.notifications)
    const ids = transform({ recorded }, ({ recorded }) => ({ ids: recorded.map((row) => row.id) }))
    const delivery = deliverResourceBookingNotificationsStep(ids)
    const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
    emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
      name: "emit-resource-booking-notification-failed-step",
    })
    return new WorkflowResponse(delivery)
  }
)

export default sendResourceBookingNotificationsWorkflow
