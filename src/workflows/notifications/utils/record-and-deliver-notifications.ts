import { transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "../events"
import { deliverResourceBookingNotificationsStep } from "../steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "../steps/enqueue-resource-booking-notifications-step"

/**
 * Inside a workflow's composition: records `notifications` in the outbox
 * (once per idempotency key), sends the rows this run recorded, and emits
 * resource_booking.notification.failed with the failures (step
 * `emit-resource-booking-notification-failed-step`). Answers the delivery
 * (`{ sent, failed }`), for the workflow's response.
 */
export function recordAndDeliverNotifications(
  notifications: WorkflowData<ResourceBookingNotificationInput[]> | ResourceBookingNotificationInput[]
) {
  const recorded = enqueueResourceBookingNotificationsStep(notifications)
  const ids = transform({ recorded }, ({ recorded }) => ({ ids: recorded.map((row) => row.id) }))
  const delivery = deliverResourceBookingNotificationsStep(ids)
  const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
  emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
    name: "emit-resource-booking-notification-failed-step",
  })
  return delivery
}
