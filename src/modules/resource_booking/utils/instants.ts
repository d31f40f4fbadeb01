import { toZonedIso } from "../../../lib/zoned-time"

/** The fields of the module's answers that hold the instants a booking starts and ends. */
const INSTANT_FIELDS = new Set(["starts_at", "ends_at", "window_starts_at", "window_ends_at"])

/** What only timed bookings carry: absent (not null) on a booking of dates, whose answer keeps its round-2 shape. */
const TIMED_FIELDS = new Set(["departures", "starts_at", "ends_at", "appointment"])

/**
 * Every `starts_at` / `ends_at` in a module answer (a hold, an allocation, a
 * capacity row, their `departures`), however deep (not inside `metadata`: a
 * client's own data), as ISO 8601 with the
 * offset the zone has at that instant: the form every instant leaves the
 * module in (contract "Booking modes"). Timed fields that are null (a booking
 * of dates) are left out. Other fields are left as they are.
 */
export function zoneInstants<T>(value: T, timeZone: string): T {
  if (Array.isArray(value)) return value.map((item) => zoneInstants(item, timeZone)) as T
  if (!value || typeof value !== "object" || value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (field === null && TIMED_FIELDS.has(key)) continue
    if (INSTANT_FIELDS.has(key) && field != null && (typeof field === "string" || field instanceof Date)) {
      out[key] = toZonedIso(field, timeZone)
    } else if (key !== "metadata" && field && typeof field === "object" && !(field instanceof Date)) {
      out[key] = zoneInstants(field, timeZone)
    } else {
      out[key] = field
    }
  }
  return out as T
}
