import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendNeedsReviewNotificationsWorkflow } from "../workflows/notifications/send-needs-review-notifications"

/** resource_booking.allocation.needs_review → `resource-booking.needs-review` in the admin's notification feed. */
export default async function sendResourceBookingNeedsReview({
  event,
  container,
}: SubscriberArgs<{ id: string; reason?: string | null; blackout_id?: string | null }>) {
  const logger = container.resolve("logger")
  if (!event.data?.id) return
  try {
    await sendNeedsReviewNotificationsWorkflow(container).run({
      input: { allocations: [{ id: event.data.id, reason: event.data.reason ?? null, blackout_id: event.data.blackout_id ?? null }] },
    })
  } catch (error: any) {
    logger.error(`resource_booking: needs-review notice of allocation ${event.data.id} not sent: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: "resource_booking.allocation.needs_review",
  context: { subscriberId: "resource-booking-needs-review-notification" },
}
