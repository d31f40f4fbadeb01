import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendAllocationCanceledNotificationsWorkflow } from "../workflows/notifications/send-allocation-canceled-notifications"

/** resource_booking.allocation.canceled → `resource-booking.canceled`, once per allocation. */
export default async function sendResourceBookingCanceled({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve("logger")
  if (!event.data?.id) return
  try {
    await sendAllocationCanceledNotificationsWorkflow(container).run({ input: { allocation_ids: [event.data.id] } })
  } catch (error: any) {
    logger.error(`resource_booking: cancel notice of allocation ${event.data.id} not sent: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: "resource_booking.allocation.canceled",
  context: { subscriberId: "resource-booking-canceled-notification" },
}
