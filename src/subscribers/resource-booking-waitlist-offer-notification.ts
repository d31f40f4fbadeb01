import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { RESOURCE_BOOKING_MODULE } from "../modules/resource_booking"
import ResourceBookingModuleService from "../modules/resource_booking/service"
import { sendResourceBookingNotificationsWorkflow } from "../workflows/notifications/send-resource-booking-notifications"

/** resource_booking.waitlist.offered → `resource-booking.waitlist-offer` to the entry's email, once per entry. */
export default async function sendWaitlistOffer({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve("logger")
  if (!event.data?.id) return
  try {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const entry = await service.retrieveWaitlistEntry(event.data.id)
    await sendResourceBookingNotificationsWorkflow(container).run({
      input: {
        notifications: [
          {
            template_key: "resource-booking.waitlist-offer",
            to: entry.customer_email,
            idempotency_key: `resource-booking.waitlist-offer:${entry.id}`,
            data: {
              entry_id: entry.id,
              resource_hold_ids: entry.resource_hold_ids,
              offer_expires_at: entry.offer_expires_at,
              dates: entry.dates,
              quantity: entry.quantity,
            },
            resource_id: entry.id,
          },
        ],
      },
    })
  } catch (error: any) {
    logger.error(`resource_booking: waitlist offer notice of ${event.data.id} not sent: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: "resource_booking.waitlist.offered",
  context: { subscriberId: "resource-booking-waitlist-offer-notification" },
}
