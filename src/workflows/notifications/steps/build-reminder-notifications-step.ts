import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { bookingLines, loadOrders, loadResourceNames } from "../utils/booking-details"

export const buildReminderNotificationsStepId = "build-reminder-notifications-step"

/**
 * `resource-booking.reminder` for each claimed allocation (key
 * `resource-booking.reminder:<allocation id>`), to the order's email: the
 * confirmation's data for that allocation, without attachment. An allocation
 * canceled since it was claimed, or without an email, gets none (its claim
 * stays, so it is never reminded later either).
 */
export const buildReminderNotificationsStep = createStep(
  buildReminderNotificationsStepId,
  async (input: ResourceAllocationDTO[], { container }) => {
    if (!input?.length) return new StepResponse([] as ResourceBookingNotificationInput[])
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const hoursBefore = notifications.getNotificationOptions().reminderHoursBefore
    const { timezone } = booking.getOptions()
    const current = (
      await Promise.all(input.map((allocation) => booking.retrieveAllocation(allocation.id).catch(() => null)))
    ).filter((allocation): allocation is ResourceAllocationDTO => !!allocation && allocation.status === "ACTIVE")
    const orders = await loadOrders(container, current.map((allocation) => allocation.order_id))
    const names = await loadResourceNames(container, current.map((allocation) => allocation.resource_id))
    const result: ResourceBookingNotificationInput[] = []
    for (const allocation of current) {
      const order = orders.get(allocation.order_id)
      let to = order?.email ?? null
      if (!to && allocation.hold_id) {
        to = (await booking.retrieveHold(allocation.hold_id).catch(() => null))?.customer_email ?? null
      }
      if (!to) continue
      const dates = [...allocation.dates].sort()
      result.push({
        template_key: "resource-booking.reminder",
        to,
        channel: "email",
        idempotency_key: `resource-booking.reminder:${allocation.id}`,
        resource_id: allocation.id,
        resource_type: "resource_allocation",
        data: {
          allocation_id: allocation.id,
          order_id: allocation.order_id,
          order_display_id: order?.display_id ?? null,
          email: to,
          timezone,
          first_date: dates[0],
          hours_before: hoursBefore,
          lines: bookingLines(order, [allocation], names),
        },
      })
    }
    return new StepResponse(result)
  }
)
