import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { allocationEmail, allocationEmailNotification, bookingLines, bookingTimesData, loadAllocationDetails } from "../utils/booking-details"

export const buildReminderNotificationsStepId = "build-reminder-notifications-step"

/**
 * `resource-booking.reminder` for each claimed allocation (key
 * `resource-booking.reminder:<allocation id>`), to the order's email: the
 * confirmation's data for that allocation (its departures' times when it has
 * some, and `starts_at`: what the reminder counted back from), without
 * attachment. An allocation
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
    const { orders, names } = await loadAllocationDetails(container, current)
    const result: ResourceBookingNotificationInput[] = []
    for (const allocation of current) {
      const order = orders.get(allocation.order_id)
      const to = await allocationEmail(booking, order, allocation)
      if (!to) continue
      const dates = [...allocation.dates].sort()
      result.push(
        allocationEmailNotification("resource-booking.reminder", to, allocation, order, {
          email: to,
          timezone,
          first_date: dates[0],
          starts_at: bookingTimesData([allocation], timezone).starts_at,
          hours_before: hoursBefore,
          lines: bookingLines(order, [allocation], names, timezone),
        })
      )
    }
    return new StepResponse(result)
  }
)
