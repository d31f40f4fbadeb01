import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { confirmOrderResourceHoldsWorkflow } from "../workflows/confirm-order-resource-holds"

/**
 * order.placed: each booking line item's hold becomes CONFIRMED and an
 * allocation is recorded with the order's id and the order line item's id.
 * Idempotent: a redelivered event finds the allocations and changes nothing.
 * A failure is thrown so that an event bus with retries delivers it again.
 */
export default async function confirmResourceHoldsOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve("logger")
  try {
    const { result } = await confirmOrderResourceHoldsWorkflow(container).run({ input: { order_id: event.data.id } })
    const created = result.filter((entry) => entry.created)
    if (created.length) {
      const review = created.filter((entry) => entry.allocation.needs_review).length
      logger.info(
        `resource_booking: order ${event.data.id}: ${created.length} allocation(s) recorded${review ? `, ${review} flagged needs_review` : ""}`
      )
    }
  } catch (error: any) {
    logger.error(`resource_booking: confirming the holds of order ${event.data.id} failed: ${error?.message ?? error}`)
    throw error
  }
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "resource-booking-order-placed" },
}
