import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendWaitlistOfferNotificationWorkflow } from "../workflows/notifications/send-waitlist-offer-notification"

/** resource_booking.waitlist.offered → `resource-booking.waitlist-offer` to the entry's email, once per entry. */
export default async function sendWaitlistOffer({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve("logger")
  if (!event.data?.id) return
  try {
    await sendWaitlistOfferNotificationWorkflow(container).run({ input: { entry_id: event.data.id } })
  } catch (error: any) {
    logger.error(`resource_booking: waitlist offer notice of ${event.data.id} not sent: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: "resource_booking.waitlist.offered",
  context: { subscriberId: "resource-booking-waitlist-offer-notification" },
}
