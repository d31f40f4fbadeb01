import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type {
  ResourceBookingNotificationInput,
  ResourceBookingNotificationRow,
} from "../../../modules/resource_booking_notifications/types"

export const enqueueResourceBookingNotificationsStepId = "enqueue-resource-booking-notifications-step"

/**
 * Records the notifications in the outbox, one per idempotency key (a key
 * seen before is skipped: a redelivered event or a second worker adds
 * nothing). Answers the rows this run recorded; none when notifications are
 * disabled. Nothing to compensate: a recorded row is sent or retried later.
 */
export const enqueueResourceBookingNotificationsStep = createStep(
  enqueueResourceBookingNotificationsStepId,
  async (input: ResourceBookingNotificationInput[], { container }) => {
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    if (!service.getNotificationOptions().notifications.enabled || !input?.length) {
      return new StepResponse([] as ResourceBookingNotificationRow[])
    }
    return new StepResponse(await service.enqueueNotifications(input))
  }
)
