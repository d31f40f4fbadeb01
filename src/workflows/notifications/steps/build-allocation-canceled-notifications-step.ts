import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { dateRuns } from "../../../lib/ics"
import { loadOrders, loadResourceNames } from "../utils/booking-details"

export const buildAllocationCanceledNotificationsStepId = "build-allocation-canceled-notifications-step"

/**
 * `resource-booking.canceled`, one per canceled allocation (key
 * `resource-booking.canceled:<allocation id>`), to the order's email (the
 * hold's customer email when the order has none): allocation, resource, dates.
 */
export const buildAllocationCanceledNotificationsStep = createStep(
  buildAllocationCanceledNotificationsStepId,
  async (input: { allocation_ids: string[] }, { container }) => {
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const allocations: ResourceAllocationDTO[] = []
    for (const id of [...new Set(input.allocation_ids ?? [])]) {
      const allocation = await booking.retrieveAllocation(id).catch(() => null)
      if (allocation && allocation.status === "CANCELED") allocations.push(allocation)
    }
    if (!allocations.length) return new StepResponse([] as ResourceBookingNotificationInput[])
    const orders = await loadOrders(container, allocations.map((allocation) => allocation.order_id))
    const names = await loadResourceNames(container, allocations.map((allocation) => allocation.resource_id))
    const notifications: ResourceBookingNotificationInput[] = []
    for (const allocation of allocations) {
      const order = orders.get(allocation.order_id)
      let to = order?.email ?? null
      if (!to && allocation.hold_id) {
        to = (await booking.retrieveHold(allocation.hold_id).catch(() => null))?.customer_email ?? null
      }
      if (!to) continue
      notifications.push({
        template_key: "resource-booking.canceled",
        to,
        channel: "email",
        idempotency_key: `resource-booking.canceled:${allocation.id}`,
        resource_id: allocation.id,
        resource_type: "resource_allocation",
        data: {
          allocation_id: allocation.id,
          order_id: allocation.order_id,
          order_display_id: order?.display_id ?? null,
          resource: { id: allocation.resource_id, name: names.get(allocation.resource_id) ?? allocation.resource_id },
          dates: allocation.dates,
          date_runs: dateRuns(allocation.dates).map(({ start, last }) => ({ start, last })),
          quantity: allocation.quantity,
          canceled_at: allocation.canceled_at,
        },
      })
    }
    return new StepResponse(notifications)
  }
)
