import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { confirmOrderResourceHoldsWorkflow } from "../workflows/confirm-order-resource-holds"
import { bookingHoldIdsOf } from "../workflows/utils/booking-line-items"

/**
 * order.placed: each booking line item's hold becomes CONFIRMED and an
 * allocation is recorded with the order's id and the order line item's id.
 * Idempotent: a redelivered event finds the allocations and changes nothing.
 * A failure is thrown so that an event bus with retries delivers it again.
 * An order without a booking line (a shop sells other things too) costs one
 * read of its items' metadata, not a workflow run.
 */
export default async function confirmResourceHoldsOnOrderPlaced({ event, container }: SubscriberArgs<{ id: string }>) {
  const logger = container.resolve("logger")
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({ entity: "order", fields: ["id", "items.metadata"], filters: { id: event.data.id } })
    if (order && !(order.items ?? []).some((item: any) => bookingHoldIdsOf(item?.metadata) !== undefined)) return
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
