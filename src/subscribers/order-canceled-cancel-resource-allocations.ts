import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { RESOURCE_BOOKING_MODULE } from "../modules/resource_booking"
import ResourceBookingModuleService from "../modules/resource_booking/service"
import { cancelResourceAllocationsWorkflow } from "../workflows/cancel-resource-allocations"

const PAGE = 500
const MAX_PAGES = 20

/**
 * order.canceled: with the module option `releaseCapacityOnOrderCancel`, the
 * order's active allocations are canceled and their capacity given back.
 * Without it, nothing happens (an admin decides). Idempotent.
 */
export default async function cancelResourceAllocationsOnOrderCanceled({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
  if (!service.getOptions().releaseCapacityOnOrderCancel) return
  const logger = container.resolve("logger")
  let canceled = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    // Canceled ones drop out of the filter, so each round reads from the start.
    const [allocations] = await service.listAllocations({ order_id: event.data.id, status: "ACTIVE" }, { limit: PAGE })
    if (!allocations.length) break
    const { result } = await cancelResourceAllocationsWorkflow(container).run({
      input: { allocation_ids: allocations.map((allocation) => allocation.id), restore_capacity: true },
    })
    canceled += result.filter((entry) => entry.changed).length
    if (allocations.length < PAGE) break
  }
  if (canceled) {
    logger.info(`resource_booking: order ${event.data.id} canceled: ${canceled} allocation(s) canceled, capacity restored`)
  }
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "resource-booking-order-canceled" },
}
