import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"
import { bookingLines, byStart, loadOrders, loadResourceNames, orderCalendar } from "../utils/booking-details"

export const buildOrderConfirmationNotificationStepId = "build-order-confirmation-notification-step"

/**
 * The `resource-booking.confirmed` notification of an order: one per order
 * (idempotency key `resource-booking.confirmed:<order id>`), to the order's
 * email, with its lines (resource names, dates, times of departures,
 * quantity) and booking.ics (all-day events for dates, timed ones for
 * departures).
 * None when the order has no active allocation or no email.
 */
export const buildOrderConfirmationNotificationStep = createStep(
  buildOrderConfirmationNotificationStepId,
  async (input: { order_id: string }, { container }) => {
    const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const [allocations] = await booking.listAllocations({ order_id: input.order_id, status: "ACTIVE" }, { limit: 1000 })
    if (!allocations.length) return new StepResponse([] as ResourceBookingNotificationInput[])
    const orders = await loadOrders(container, [input.order_id])
    const order = orders.get(input.order_id)
    const to = order?.email
    if (!to) return new StepResponse([] as ResourceBookingNotificationInput[])
    const timezone = booking.getOptions().timezone
    const ordered = byStart(allocations, timezone)
    const names = await loadResourceNames(container, ordered.map((allocation) => allocation.resource_id))
    const ics = orderCalendar(order, input.order_id, ordered, names, timezone)
    const notification: ResourceBookingNotificationInput = {
      template_key: "resource-booking.confirmed",
      to,
      channel: "email",
      idempotency_key: `resource-booking.confirmed:${input.order_id}`,
      resource_id: input.order_id,
      resource_type: "order",
      data: {
        order_id: input.order_id,
        order_display_id: order?.display_id ?? null,
        email: to,
        timezone,
        lines: bookingLines(order, ordered, names, timezone),
      },
      attachments: [
        {
          filename: "booking.ics",
          content: Buffer.from(ics, "utf8").toString("base64"),
          content_type: "text/calendar; charset=utf-8; method=PUBLISH",
          disposition: "attachment",
        },
      ],
    }
    return new StepResponse([notification])
  }
)
