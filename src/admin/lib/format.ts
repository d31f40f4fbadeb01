/** Display formats of the admin (calendar arithmetic is the module's: utils/dates). */
import type { BookingRules } from "./types"

export const WEEKDAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

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
  return out
}
