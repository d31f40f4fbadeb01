import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { dateRuns } from "../../../lib/booking-times"
import { allocationEmail, allocationEmailNotification, bookingTimesData, loadAllocationDetails } from "../utils/booking-details"

export const buildAllocationCanceledNotificationsStepId = "build-allocation-canceled-notifications-step"

/**
 * `resource-booking.canceled`, one per canceled allocation (key
 * `resource-booking.canceled:<allocation id>`), to the order's email (the
 * hold's customer email when the order has none): allocation, resource, dates,
 * and for a timed booking its departures' (or appointment's) `times`.
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
    const { orders, names } = await loadAllocationDetails(container, allocations)
    const { timezone } = booking.getOptions()
    const notifications: ResourceBookingNotificationInput[] = []
    for (const allocation of allocations) {
      const order = orders.get(allocation.order_id)
      const to = await allocationEmail(booking, order, allocation)
      if (!to) continue
      notifications.push(
        allocationEmailNotification("resource-booking.canceled", to, allocation, order, {
          resource: { id: allocation.resource_id, name: names.get(allocation.resource_id) ?? allocation.resource_id },
          dates: allocation.dates,
          date_runs: dateRuns(allocation.dates).map(({ start, last }) => ({ start, last })),
          ...bookingTimesData([allocation], timezone),
          quantity: allocation.quantity,
          canceled_at: allocation.canceled_at,
          timezone,
        })
      )
    }
    return new StepResponse(notifications)
  }
)
