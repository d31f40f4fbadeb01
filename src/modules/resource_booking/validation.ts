import { ResourceBookingOptions } from "./options"
import { BookingRules, CreateBlackoutInput, CreateHoldInput, DepartureKey, SetCapacityInput } from "./types"
import { invalid } from "./errors"
import { countDatesInclusive, isCalendarDate, sortUniqueDates, todayIn } from "./utils/dates"

/**
 * Input rules of the module, for callers that do not come through HTTP (the
 * routes' zod schemas answer 400 first, naming the field; these are the same
 * rules for scripts, other modules and workflows).
 */

export const EMAIL_PATTERN = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\]]+$/

export function isEmail(value: unknown): value is string {
  return typeof value === "string" && value.length <= 254 && EMAIL_PATTERN.test(value)
}

/** A `from`..`to` query range. Past dates are allowed (reads only). */
export function assertRange(
  options: ResourceBookingOptions,
  from: string,
  to: string,
  fields: [string, string] = ["from", "to"]
): void {
  if (!isCalendarDate(from)) throw invalid(`${fields[0]} must be a valid date (YYYY-MM-DD)`)
  if (!isCalendarDate(to)) throw invalid(`${fields[1]} must be a valid date (YYYY-MM-DD)`)
  if (to < from) throw invalid(`${fields[1]} must not be before ${fields[0]}`)
  const days = countDatesInclusive(from, to)
  if (days > options.maxRangeDays) {
    throw invalid(`${fields[0]}..${fields[1]} covers ${days} dates; at most ${options.maxRangeDays} are allowed`)
  }
}

export function assertNotPast(options: ResourceBookingOptions, dates: string[], field: string): void {
  const today = todayIn(options.timezone)
  const past = dates.filter((date) => date < today)
  if (past.length) {
    throw invalid(`${field} must not be in the past (today is ${today} in ${options.timezone}): ${past.join(", ")}`)
  }
}

export function assertQuantity(quantity: unknown, field = "quantity"): asserts quantity is number {
  if (!Number.isInteger(quantity) || (quantity as number) < 1 || (quantity as number) > 1_000_000) {
    throw invalid(`${field} must be an integer of at least 1`)
  }
}

/** A departure as the ledger keys it: `YYYY-MM-DD HH:MM` (a local timestamp). */
export function departureKey(departure: DepartureKey): string {
  return `${departure.date} ${departure.start_time}`
}

/** The departure a ledger key names. */
export function parseDepartureKey(key: string): DepartureKey {
  return { date: key.slice(0, 10), start_time: key.slice(11, 16) }
}

/**
 * What a booking names: `dates` (DAY resources) or `departures` (DEPARTURE
 * resources), never both. Returns the distinct dates sorted and, for
 * departures, their ledger keys sorted (null for dates).
 */
export function validateBookingKeys(
  options: ResourceBookingOptions,
  input: { dates?: unknown; departures?: unknown }
): { dates: string[]; departures: string[] | null } {
  if (input.departures !== undefined && input.departures !== null) {
    if (input.dates !== undefined && input.dates !== null) throw invalid("name either dates or departures, not both")
    const list = input.departures as DepartureKey[]
    if (!Array.isArray(list) || list.length === 0) throw invalid("departures must be a non-empty array of { date, start_time }")
    if (list.length > options.maxDatesPerHold) throw invalid(`departures may name at most ${options.maxDatesPerHold} departures`)
    list.forEach((departure, index) => {
      if (!departure || typeof departure !== "object" || !isCalendarDate(departure.date)) {
        throw invalid(`departures[${index}].date must be a valid date (YYYY-MM-DD)`)
      }
      if (!isLocalTime(departure.start_time)) throw invalid(`departures[${index}].start_time must be a time HH:MM (00:00 to 23:59)`)
    })
    const keys = [...new Set(list.map(departureKey))].sort()
    if (keys.length !== list.length) throw invalid("departures must not contain duplicates")
    const dates = sortUniqueDates(list.map((departure) => departure.date))
    assertNotPast(options, dates, "departures")
    return { dates, departures: keys }
  }
  if (!Array.isArray(input.dates) || input.dates.length === 0) {
    throw invalid("dates must be a non-empty array of dates")
  }
  if (input.dates.length > options.maxDatesPerHold) {
    throw invalid(`dates may name at most ${options.maxDatesPerHold} dates`)
  }
  const bad = input.dates.filter((date) => !isCalendarDate(date))
  if (bad.length) throw invalid(`dates must be valid dates (YYYY-MM-DD): ${bad.slice(0, 5).join(", ")}`)
  const dates = sortUniqueDates(input.dates as string[])
  if (dates.length !== input.dates.length) throw invalid("dates must not contain duplicates")
  assertNotPast(options, dates, "dates")
  return { dates, departures: null }
}

/** The keys, quantity, email and token of a hold request; returns the keys sorted and the email trimmed. */
export function validateHoldInput(
  options: ResourceBookingOptions,
  input: Omit<CreateHoldInput, "resource_id">
): { dates: string[]; departures: string[] | null; email: string } {
  const { dates, departures } = validateBookingKeys(options, input)
  assertQuantity(input.quantity)
  const email = typeof input.customer_email === "string" ? input.customer_email.trim() : ""
  if (!isEmail(email)) throw invalid("customer_email must be a valid email address")
  if (input.idempotency_token !== undefined) {
    if (
      typeof input.idempotency_token !== "string" ||
      !input.idempotency_token.length ||
      input.idempotency_token.length > 255
    ) {
      throw invalid("idempotency_token must be a string of 1 to 255 characters")
    }
  }
  return { dates, departures, email }
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/

/** A local time of day `HH:MM` (00:00 to 23:59). */
export function isLocalTime(value: unknown): value is string {
  return typeof value === "string" && TIME_PATTERN.test(value)
}

function isIntAtLeast(value: unknown, min: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= 100_000
}

/**
 * A resource's `booking_rules` (contract "Booking rules"): every key optional,
 * nothing else allowed. Throws a 400 naming the field; returns the rules with
 * only known keys, or null.
 */
export function validateBookingRules(options: ResourceBookingOptions, rules: unknown): BookingRules | null {
  if (rules === null || rules === undefined) return null
  const field = "booking_rules"
  if (typeof rules !== "object" || Array.isArray(rules)) throw invalid(`${field} must be an object`)
  const given = rules as Record<string, unknown>
  const known = ["cutoff", "max_advance_days", "min_dates", "max_dates", "consecutive", "min_notice_minutes"]
  const unknownKey = Object.keys(given).find((key) => !known.includes(key))
  if (unknownKey) throw invalid(`${field}.${unknownKey} is not a booking rule (${known.join(", ")})`)
  const out: BookingRules = {}
  if (given.cutoff !== undefined) {
    const cutoff = given.cutoff as Record<string, unknown>
    if (!cutoff || typeof cutoff !== "object" || Array.isArray(cutoff)) {
      throw invalid(`${field}.cutoff must be an object { days_before, time }`)
    }
    if (!isIntAtLeast(cutoff.days_before, 0)) throw invalid(`${field}.cutoff.days_before must be an integer of at least 0`)
    if (typeof cutoff.time !== "string" || !TIME_PATTERN.test(cutoff.time)) {
      throw invalid(`${field}.cutoff.time must be a time HH:MM (00:00 to 23:59)`)
    }
    out.cutoff = { days_before: cutoff.days_before, time: cutoff.time }
  }
  if (given.min_notice_minutes !== undefined) {
    if (!isIntAtLeast(given.min_notice_minutes, 0)) throw invalid(`${field}.min_notice_minutes must be an integer of at least 0`)
    out.min_notice_minutes = given.min_notice_minutes
  }
  if (given.max_advance_days !== undefined) {
    if (!isIntAtLeast(given.max_advance_days, 0)) throw invalid(`${field}.max_advance_days must be an integer of at least 0`)
    out.max_advance_days = given.max_advance_days
  }
  for (const key of ["min_dates", "max_dates"] as const) {
    if (given[key] === undefined) continue
    if (!isIntAtLeast(given[key], 1)) throw invalid(`${field}.${key} must be an integer of at least 1`)
    if ((given[key] as number) > options.maxDatesPerHold) {
      throw invalid(`${field}.${key} must be at most maxDatesPerHold (${options.maxDatesPerHold})`)
    }
    out[key] = given[key] as number
  }
  if (out.min_dates !== undefined && out.max_dates !== undefined && out.min_dates > out.max_dates) {
    throw invalid(`${field}.min_dates must not be more than ${field}.max_dates`)
  }
  if (given.consecutive !== undefined) {
    if (typeof given.consecutive !== "boolean") throw invalid(`${field}.consecutive must be a boolean`)
    out.consecutive = given.consecutive
  }
  return out
}

export function validateCapacityInput(options: ResourceBookingOptions, input: SetCapacityInput): void {
  if (!Number.isInteger(input.max_capacity) || input.max_capacity < 0 || input.max_capacity > 1_000_000) {
    throw invalid("max_capacity must be an integer of at least 0")
  }
  if (input.weekdays?.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    throw invalid("weekdays must be integers from 0 (Sunday) to 6 (Saturday)")
  }
  assertRange(options, input.from, input.to)
  assertNotPast(options, [input.from], "from")
  if (input.start_times !== undefined) {
    if (!Array.isArray(input.start_times) || !input.start_times.length) {
      throw invalid("start_times must be a non-empty array of times HH:MM")
    }
    input.start_times.forEach((time, index) => {
      if (!isLocalTime(time) || Number(time.slice(3)) % 5 !== 0) {
        throw invalid(`start_times[${index}] must be a time HH:MM on a 5-minute grid`)
      }
    })
    if (new Set(input.start_times).size !== input.start_times.length) throw invalid("start_times must not contain duplicates")
    if (!Number.isInteger(input.duration_minutes) || input.duration_minutes! < 1 || input.duration_minutes! > 24 * 60) {
      throw invalid("duration_minutes must be an integer from 1 to 1440")
    }
  } else if (input.duration_minutes !== undefined) {
    throw invalid("duration_minutes is only for departures: name start_times too")
  }
}

export function validateBlackoutInput(options: ResourceBookingOptions, input: CreateBlackoutInput): void {
  assertRange(options, input.start_date, input.end_date, ["start_date", "end_date"])
  assertNotPast(options, [input.start_date], "start_date")
  if (input.reason != null && (typeof input.reason !== "string" || input.reason.length > 2000)) {
    throw invalid("reason must be a string of at most 2000 characters")
  }
}
