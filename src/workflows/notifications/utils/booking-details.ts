import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { bookingStart, BookingTimes, dateRuns, TimeRange, timeRanges } from "../../../lib/booking-times"
import { buildCalendar } from "../../../lib/ics"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import type ResourceBookingModuleService from "../../../modules/resource_booking/service"
import type { ResourceAllocationDTO } from "../../../modules/resource_booking/types"
import type { ResourceBookingNotificationInput } from "../../../modules/resource_booking_notifications/types"

export type OrderSummary = {
  id: string
  display_id: number | null
  email: string | null
  items: { id: string; title: string | null; quantity: number; metadata: Record<string, any> | null }[]
}

export type BookingLine = {
  line_item_id: string
  title: string | null
  /** The booking's quantity (units per date, or per departure, of the variant). */
  quantity: number
  dates: string[]
  /** Runs of consecutive dates: `{ start, last }` (both included). */
  date_runs: { start: string; last: string }[]
  /**
   * Timed bookings: one entry per departure (or the appointment's one range),
   * local date, start and end in the module's zone, real minutes, instants;
   * null for a booking of dates.
   */
  times: TimeRange[] | null
  /** Timed bookings: the first start and the last end (ISO 8601 with the offset); null for dates. */
  starts_at: string | null
  ends_at: string | null
  resources: { id: string; name: string; quantity: number }[]
  resource_names: string[]
  allocation_ids: string[]
}

export async function loadOrders(container: MedusaContainer, orderIds: string[]): Promise<Map<string, OrderSummary>> {
  const ids = [...new Set(orderIds)].filter(Boolean)
  if (!ids.length) return new Map()
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "display_id", "email", "items.id", "items.title", "items.quantity", "items.metadata"],
    filters: { id: ids },
  })
  return new Map(
    (data as any[]).map((order) => [
      order.id,
      {
        id: order.id,
        display_id: order.display_id ?? null,
        email: order.email ?? null,
        items: (order.items ?? []).filter(Boolean).map((item: any) => ({
          id: item.id,
          title: item.title ?? null,
          quantity: Number(item.quantity ?? 0),
          metadata: item.metadata ?? null,
        })),
      },
    ])
  )
}

export async function loadResourceNames(container: MedusaContainer, resourceIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(resourceIds)]
  if (!ids.length) return new Map()
  const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
  const resources = (await (service as any).listResources({ id: ids }, { withDeleted: true, take: ids.length })) as any[]
  return new Map(resources.map((resource) => [resource.id, resource.name]))
}

/** The booking's own quantity of a line: the item's quantity is quantity × dates (or × departures). */
function bookingQuantity(item: OrderSummary["items"][number] | undefined, units: number, fallback: number): number {
  if (item && units > 0 && item.quantity % units === 0 && item.quantity > 0) return item.quantity / units
  return fallback
}

/** How many units of time a line item counts per unit booked: its departures, one appointment, or its dates. */
function unitsOfTime(allocation: ResourceAllocationDTO): number {
  if (allocation.departures?.length) return allocation.departures.length
  if (allocation.starts_at) return 1
  return new Set(allocation.dates).size
}

/** Allocations in the order they happen (first start, then id). */
export function byStart(allocations: ResourceAllocationDTO[], timezone: string): ResourceAllocationDTO[] {
  const start = new Map(allocations.map((allocation) => [allocation.id, bookingStart(allocation, timezone) ?? Infinity]))
  return [...allocations].sort((a, b) => start.get(a.id)! - start.get(b.id)! || a.id.localeCompare(b.id))
}

/** Timed fields of allocations (or holds) as notification data: `times`, `starts_at`, `ends_at` (null for dates). */
export function bookingTimesData(bookings: readonly BookingTimes[], timezone: string) {
  const times = timeRanges(bookings, timezone)
  if (!times.length) return { times: null, starts_at: null, ends_at: null }
  const last = times.reduce((latest, range) => (Date.parse(range.ends_at) > Date.parse(latest.ends_at) ? range : latest))
  return { times, starts_at: times[0].starts_at, ends_at: last.ends_at }
}

/** An order's allocations as the lines a customer booked: resource names, dates (and times), quantity. */
export function bookingLines(
  order: OrderSummary | undefined,
  allocations: ResourceAllocationDTO[],
  names: Map<string, string>,
  timezone: string
): BookingLine[] {
  const byLine = new Map<string, ResourceAllocationDTO[]>()
  for (const allocation of allocations) {
    const list = byLine.get(allocation.line_item_id) ?? []
    list.push(allocation)
    byLine.set(allocation.line_item_id, list)
  }
  return [...byLine.entries()].map(([lineItemId, list]) => {
    const item = order?.items.find((candidate) => candidate.id === lineItemId)
    const dates = [...new Set(list.flatMap((allocation) => allocation.dates))].sort()
    const resources = list
      .map((allocation) => ({
        id: allocation.resource_id,
        name: names.get(allocation.resource_id) ?? allocation.resource_id,
        quantity: allocation.quantity,
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
    return {
      line_item_id: lineItemId,
      title: item?.title ?? null,
      quantity: bookingQuantity(item, unitsOfTime(list[0]), Math.min(...list.map((allocation) => allocation.quantity))),
      dates,
      date_runs: dateRuns(dates).map(({ start, last }) => ({ start, last })),
      ...bookingTimesData(list, timezone),
      resources,
      resource_names: resources.map((resource) => resource.name),
      allocation_ids: list.map((allocation) => allocation.id),
    }
  })
}

export function orderLabel(order: Pick<OrderSummary, "id" | "display_id"> | undefined, fallbackId: string): string {
  return order?.display_id != null ? `#${order.display_id}` : fallbackId
}

/**
 * booking.ics of an order's allocations, UIDs from the allocations: one
 * all-day VEVENT per run of consecutive dates, one timed VEVENT (TZID of the
 * module's zone) per departure or appointment.
 */
export function orderCalendar(
  order: OrderSummary | undefined,
  orderId: string,
  allocations: ResourceAllocationDTO[],
  names: Map<string, string>,
  timezone: string
): string {
  const label = orderLabel(order, orderId)
  return buildCalendar({
    name: `Booking ${label}`,
    method: "PUBLISH",
    timezone,
    events: allocations.map((allocation) => {
      const name = names.get(allocation.resource_id) ?? allocation.resource_id
      const item = order?.items.find((candidate) => candidate.id === allocation.line_item_id)
      return {
        id: allocation.id,
        dates: allocation.dates,
        departures: allocation.departures,
        starts_at: allocation.starts_at,
        ends_at: allocation.ends_at,
        summary: `${name} × ${allocation.quantity} (order ${label})`,
        description: item?.title ? `${item.title}, order ${label}` : `Order ${label}`,
        stamp: allocation.created_at ?? new Date(),
      }
    }),
  })
}

/** The orders and resource names of `allocations`, loaded once for all of them. */
export async function loadAllocationDetails(
  container: MedusaContainer,
  allocations: ResourceAllocationDTO[]
): Promise<{ orders: Map<string, OrderSummary>; names: Map<string, string> }> {
  const orders = await loadOrders(container, allocations.map((allocation) => allocation.order_id))
  const names = await loadResourceNames(container, allocations.map((allocation) => allocation.resource_id))
  return { orders, names }
}

/** Where an allocation's emails go: its order's email, else its hold's customer email; null when neither. */
export async function allocationEmail(
  booking: ResourceBookingModuleService,
  order: OrderSummary | undefined,
  allocation: ResourceAllocationDTO
): Promise<string | null> {
  const to = order?.email ?? null
  if (to || !allocation.hold_id) return to
  return (await booking.retrieveHold(allocation.hold_id).catch(() => null))?.customer_email ?? null
}

/**
 * An email notification about one allocation: key `<template_key>:<allocation id>`,
 * data the allocation's and order's ids (and the order's display id) then `data`.
 */
export function allocationEmailNotification(
  templateKey: ResourceBookingNotificationInput["template_key"],
  to: string,
  allocation: ResourceAllocationDTO,
  order: OrderSummary | undefined,
  data: Record<string, unknown>
): ResourceBookingNotificationInput {
  return {
    template_key: templateKey,
    to,
    channel: "email",
    idempotency_key: `${templateKey}:${allocation.id}`,
    resource_id: allocation.id,
    resource_type: "resource_allocation",
    data: {
      allocation_id: allocation.id,
      order_id: allocation.order_id,
      order_display_id: order?.display_id ?? null,
      ...data,
    },
  }
}
