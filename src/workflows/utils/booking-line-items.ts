import { ResourceHoldDTO } from "../../modules/resource_booking/types"

/**
 * A booking line item's metadata: the holds it stands for (one per resource
 * the variant books), their resources and dates, and `resource_hold_id` when
 * there is exactly one hold (the first round's shape, which storefronts read).
 */
export type BookingLineMetadata = {
  resource_hold_ids: string[]
  resource_ids: string[]
  dates: string[]
  /** Departure bookings: the departures it books. */
  departures?: { date: string; start_time: string }[]
  resource_hold_id?: string
  resource_id?: string
}

export function bookingLineMetadata(
  holds: Pick<ResourceHoldDTO, "id" | "resource_id" | "dates" | "departures">[]
): BookingLineMetadata {
  const sorted = [...holds].sort((a, b) => (a.resource_id < b.resource_id ? -1 : 1))
  const departures = sorted[0].departures
  return {
    resource_hold_ids: sorted.map((hold) => hold.id),
    resource_ids: sorted.map((hold) => hold.resource_id),
    dates: [...sorted[0].dates].sort(),
    ...(departures ? { departures: departures.map(({ date, start_time }) => ({ date, start_time })) } : {}),
    ...(sorted.length === 1 ? { resource_hold_id: sorted[0].id, resource_id: sorted[0].resource_id } : {}),
  }
}

/**
 * The holds a line item names: `resource_hold_ids`, else `resource_hold_id`.
 * Undefined for a line that is no booking; the raw value when it is malformed
 * (the caller refuses it, naming the line).
 */
export function bookingHoldIdsOf(metadata: Record<string, unknown> | null | undefined): string[] | undefined | { invalid: unknown } {
  if (!metadata) return undefined
  const many = metadata.resource_hold_ids
  const one = metadata.resource_hold_id
  if (many === undefined && one === undefined) return undefined
  const ids = many !== undefined ? many : [one]
  if (!Array.isArray(ids) || !ids.length || ids.some((id) => typeof id !== "string" || !id)) return { invalid: many ?? one }
  return ids as string[]
}

/**
 * How many priced units one booked unit of a hold is: its dates, or its
 * departures (the variant's price is per unit per date, or per departure).
 */
export function bookedKeyCount(hold: Pick<ResourceHoldDTO, "dates" | "departures">): number {
  return hold.departures?.length ?? hold.dates.length
}

/** Whether a cart already has the line item of these holds (a replayed booking adds nothing). */
export function cartHasBookingLine(items: { metadata?: Record<string, unknown> | null }[], holdIds: string[]): boolean {
  const key = [...holdIds].sort().join(",")
  return items.some((item) => {
    const ids = bookingHoldIdsOf(item?.metadata)
    return Array.isArray(ids) && [...ids].sort().join(",") === key
  })
}
