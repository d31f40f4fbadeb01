import { createHash } from "crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { buildCalendar, BookingEventInput } from "../../../lib/ics"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO, ResourceHoldDTO } from "../../../modules/resource_booking/types"
import { addDays } from "../../../modules/resource_booking/utils/dates"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"
import type { ResourceFeedDTO } from "../../../modules/resource_booking_notifications/types"
import { loadOrders, orderLabel } from "./booking-details"

const PAGE = 500
const MAX_PAGES = 40

/** The public path of a feed: what calendar applications subscribe to. */
export function feedPath(token: string): string {
  return `/resource-feeds/${token}.ics`
}

/**
 * A resource's calendar feed (RFC 5545): each active allocation from
 * `feedPastDays` ago on as one all-day event per run of dates, or for a timed
 * booking one timed event (TZID of the module's zone) per departure or
 * appointment (summary: quantity and order display id), and with
 * `include_holds` the unexpired active holds the same way, as
 * STATUS:TENTATIVE. Customer data (the order's email) only with
 * `include_customer`. Answers null when the resource is gone.
 */
export async function buildResourceFeedCalendar(container: MedusaContainer, feed: ResourceFeedDTO): Promise<string | null> {
  const booking: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
  const notifications: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
  const resource = await booking.retrieveResource(feed.resource_id).catch(() => null)
  if (!resource) return null
  const options = booking.getOptions()
  const pastDays = notifications.getNotificationOptions().feedPastDays
  const today = booking.today()
  const from = addDays(today, -pastDays)
  const to = addDays(from, Math.max(options.maxRangeDays - 1, 0))

  const allocations: ResourceAllocationDTO[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const [rows] = await booking.listAllocations(
      { resource_id: feed.resource_id, status: "ACTIVE", from, to },
      { limit: PAGE, offset: page * PAGE }
    )
    allocations.push(...rows)
    if (rows.length < PAGE) break
  }
  const orders = await loadOrders(container, allocations.map((allocation) => allocation.order_id))

  const events: BookingEventInput[] = allocations.map((allocation) => {
    const order = orders.get(allocation.order_id)
    const label = orderLabel(order, allocation.order_id)
    return {
      id: allocation.id,
      dates: allocation.dates,
      departures: allocation.departures,
      starts_at: allocation.starts_at,
      ends_at: allocation.ends_at,
      summary: `${allocation.quantity} × ${resource.name}, order ${label}`,
      description: feed.include_customer && order?.email ? `Order ${label}\nCustomer: ${order.email}` : `Order ${label}`,
      stamp: allocation.created_at,
    }
  })

  if (feed.include_holds) {
    const now = Date.now()
    for (let page = 0; page < MAX_PAGES; page++) {
      const [holds] = await booking.listHolds({ resource_id: feed.resource_id, status: "ACTIVE" }, { limit: PAGE, offset: page * PAGE })
      for (const hold of holds as ResourceHoldDTO[]) {
        if (new Date(hold.expires_at).getTime() <= now) continue
        events.push({
          // A hold's id is the storefront's key to it: the feed shows a digest of it, never the id.
          id: `hold-${createHash("sha256").update(hold.id).digest("hex").slice(0, 32)}`,
          dates: hold.dates,
          departures: hold.departures,
          starts_at: hold.starts_at,
          ends_at: hold.ends_at,
          summary: `${hold.quantity} × ${resource.name}, held`,
          description: `Held until ${new Date(hold.expires_at).toISOString()}${feed.include_customer ? `\nCustomer: ${hold.customer_email}` : ""}`,
          stamp: hold.created_at,
          tentative: true,
        })
      }
      if (holds.length < PAGE) break
    }
  }

  return buildCalendar({
    name: resource.name,
    method: "PUBLISH",
    timezone: options.timezone,
    refreshMinutes: 15,
    events,
  })
}
