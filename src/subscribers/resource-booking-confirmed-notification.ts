import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { sendOrderConfirmationNotificationWorkflow } from "../workflows/notifications/send-order-confirmation-notification"

/**
 * resource_booking.allocation.created → `resource-booking.confirmed`, once per
 * order (its idempotency key is the order's): the several allocations of one
 * order, and a redelivered order.placed, send nothing more. A failure is
 * logged and never reaches the booking.
 */
export default async function sendResourceBookingConfirmation({
  event,
  container,
}: SubscriberArgs<{ id: string; order_id: string }>) {
  const logger = container.resolve("logger")
  if (!event.data?.order_id) return
  try {
    await sendOrderConfirmationNotificationWorkflow(container).run({ input: { order_id: event.data.order_id } })
  } catch (error: any) {
    logger.error(`resource_booking: confirmation of order ${event.data.order_id} not sent: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: "resource_booking.allocation.created",
  context: { subscriberId: "resource-booking-confirmed-notification" },
}
