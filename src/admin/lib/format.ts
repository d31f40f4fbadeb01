/** Display formats of the admin (calendar arithmetic is the module's: utils/dates). */
import type { BookingMode, BookingRules, DepartureKey } from "./types"

export const WEEKDAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

/** A booking mode in words (the select on create, the badges). */
export const BOOKING_MODE_LABELS: Record<BookingMode, string> = {
  DAY: "By the day",
  DEPARTURE: "Departures",
  APPOINTMENT: "Appointments",
}

/** Departures start on a 5-minute grid (contract "Departures"). */
export const START_TIME_STEP_MINUTES = 5

/**
 * The local clock time (`HH:MM`) of an instant the server sent: it comes as
 * ISO 8601 with the module zone's offset at that instant
 * (`2027-03-28T07:00:00+02:00`), so its own digits are the shop's wall clock,
 * whatever the browser's zone.
 */
export const shopClock = (instant: string) => instant.slice(11, 16)

/**
 * A departure's start–end in the shop's zone ("07:00–08:30"), the end's date
 * added when it ends on a later date ("22:00–01:30 (2026-12-07)").
 */
export function departureTimes({ starts_at, ends_at }: { starts_at: string; ends_at: string }): string {
  const endDate = ends_at.slice(0, 10)
  return `${shopClock(starts_at)}–${shopClock(ends_at)}${endDate !== starts_at.slice(0, 10) ? ` (${endDate})` : ""}`
}

/** The UTC offset of an instant the server sent ("+02:00"), to say which clock its times are on. */
export const shopOffset = (instant: string) => instant.slice(19) || "Z"

/** What a hold, allocation or waitlist entry books: its departures ("2026-12-06 07:00, …") or its dates. */
export function formatBooking(booking: { dates: string[]; departures?: DepartureKey[] | null }): string {
  const departures = booking.departures
  if (!departures?.length) return formatDates(booking.dates)
  const label = (d: DepartureKey) => `${d.date} ${d.start_time}`
  if (departures.length <= 3) return departures.map(label).join(", ")
  return `${label(departures[0])} … ${label(departures[departures.length - 1])} (${departures.length} departures)`
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "-"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString()
}

export function formatDates(dates: string[]): string {
  if (dates.length <= 3) return dates.join(", ")
  return `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} days)`
}

/** The server's message (Medusa error body), for forms to show. */
export function errorMessage(error: unknown): string {
  if (!error) return ""
  const message = (error as any)?.message
  return typeof message === "string" && message ? message : "Something went wrong"
}

/**
 * A number field's value as the API takes it: the number when the text reads
 * as one, otherwise the text as typed, so that the server's 400 names the field.
 */
export function numberField(text: string): number | string {
  const trimmed = text.trim()
  const value = Number(trimmed)
  return trimmed === "" || Number.isNaN(value) ? text : value
}

/** As `numberField`, but an empty field is left out (undefined). */
export const optionalNumberField = (text: string): number | string | undefined =>
  text.trim() === "" ? undefined : numberField(text)

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** A resource's booking rules in words, one phrase a rule (empty: no rules). */
export function describeBookingRules(rules: BookingRules | null | undefined): string[] {
  if (!rules) return []
  const out: string[] = []
  if (rules.cutoff) {
    const { days_before, time } = rules.cutoff
    out.push(
      days_before === 0
        ? `Bookings for a date close at ${time} that day`
        : `Bookings close at ${time}, ${plural(days_before, "day")} before the date`
    )
  }
  if (rules.max_advance_days !== undefined) out.push(`At most ${plural(rules.max_advance_days, "day")} ahead`)
  const { min_dates: min, max_dates: max } = rules
  if (min !== undefined && max !== undefined) {
    out.push(min === max ? `Exactly ${plural(min, "date")} a booking` : `${min} to ${max} dates a booking`)
  } else if (min !== undefined) out.push(`At least ${plural(min, "date")} a booking`)
  else if (max !== undefined) out.push(`At most ${plural(max, "date")} a booking`)
  if (rules.consecutive) out.push("Consecutive days only")
  if (rules.min_notice_minutes !== undefined) {
    out.push(`Bookings close ${plural(rules.min_notice_minutes, "minute")} before a departure starts`)
  }
  return out
}
