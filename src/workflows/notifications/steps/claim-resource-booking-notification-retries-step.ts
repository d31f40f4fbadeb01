import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"

export const claimResourceBookingNotificationRetriesStepId = "claim-resource-booking-notification-retries-step"

/** Claims up to `batch_size` failed or abandoned notifications for another try (FOR UPDATE SKIP LOCKED). */
export const claimResourceBookingNotificationRetriesStep = createStep(
  claimResourceBookingNotificationRetriesStepId,
  async (input: { batch_size: number }, { container }) => {
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    if (!service.getNotificationOptions().notifications.enabled) return new StepResponse([])
    return new StepResponse(await service.claimNotificationRetries(input.batch_size))
  }
)
