import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { loadResourceNames } from "../utils/booking-details"

export const buildNeedsReviewNotificationsStepId = "build-needs-review-notifications-step"

export type NeedsReviewInput = { id: string; reason?: string | null; blackout_id?: string | null }

/**
 * `resource-booking.needs-review` on channel `feed` (Medusa admin's
 * notification feed): allocation id and reason, once per allocation and
 * cause (key `resource-booking.needs-review:<allocation id>:<blackout id or reason>`).
 * `title` and `description` are what the admin's feed shows.
 */
export const buildNeedsReviewNotificationsStep = createStep(
  buildNeedsReviewNotificationsStepId,
  async (input: NeedsReviewInput[], { container }) => {
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const notifications: ResourceBookingNotificationInput[] = []
    const allocations: { entry: NeedsReviewInput; allocation: ResourceAllocationDTO }[] = []
    for (const entry of input ?? []) {
      const allocation = await booking.retrieveAllocation(entry.id).catch(() => null)
      if (allocation) allocations.push({ entry, allocation })
    }
    const names = await loadResourceNames(container, allocations.map(({ allocation }) => allocation.resource_id))
    for (const { entry, allocation } of allocations) {
      const reason = entry.reason ?? allocation.review_reason ?? (entry.blackout_id ? "BLACKOUT" : "FLAGGED")
      const cause = entry.blackout_id ?? reason
      const resourceName = names.get(allocation.resource_id) ?? allocation.resource_id
      notifications.push({
        template_key: "resource-booking.needs-review",
        to: "",
        channel: "feed",
        idempotency_key: `resource-booking.needs-review:${allocation.id}:${cause}`,
        resource_id: allocation.id,
        resource_type: "resource_allocation",
        data: {
          title: "Booking needs review",
          description: `${resourceName}: allocation ${allocation.id} (order ${allocation.order_id}, ${allocation.dates.join(", ")}) needs review: ${reason}`,
          allocation_id: allocation.id,
          order_id: allocation.order_id,
          resource_id: allocation.resource_id,
          reason,
          blackout_id: entry.blackout_id ?? null,
        },
      })
    }
    return new StepResponse(notifications)
  }
)
