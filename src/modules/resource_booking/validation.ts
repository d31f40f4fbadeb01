import { ResourceBookingOptions } from "./options"
import {
  AppointmentRequest,
  AppointmentSettings,
  BookingRules,
  CreateBlackoutInput,
  CreateHoldInput,
  DepartureKey,
  SetCapacityInput,
} from "./types"
import { SLOT_MINUTES } from "./constants"
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
  input: { dates?: unknown; departures?: unknown; appointment?: unknown }
): { dates: string[]; departures: string[] | null; appointment: AppointmentRequest | null } {
  if (input.appointment !== undefined && input.appointment !== null) {
    if ((input.dates ?? null) !== null || (input.departures ?? null) !== null) {
      throw invalid("name one of dates, departures or appointment")
    }
    const appointment = validateAppointmentRequest(input.appointment)
    assertNotPast(options, [appointment.date], "appointment.date")
    return { dates: [appointment.date], departures: null, appointment }
  }
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
    return { dates, departures: keys, appointment: null }
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
  return { dates, departures: null, appointment: null }
}

/** An appointment request `{ date, start_time, duration_minutes }`; its fit on the grid is the ledger's to decide. */
export function validateAppointmentRequest(value: unknown): AppointmentRequest {
  const given = value as Record<string, unknown>
  if (!given || typeof given !== "object" || Array.isArray(given)) {
    throw invalid("appointment must be an object { date, start_time, duration_minutes }")
  }
  if (!isCalendarDate(given.date)) throw invalid("appointment.date must be a valid date (YYYY-MM-DD)")
  if (!isLocalTime(given.start_time)) throw invalid("appointment.start_time must be a time HH:MM (00:00 to 23:59)")
  if (!isIntAtLeast(given.duration_minutes, 1) || (given.duration_minutes as number) > 24 * 60) {
    throw invalid("appointment.duration_minutes must be an integer from 1 to 1440")
  }
  return { date: given.date, start_time: given.start_time, duration_minutes: given.duration_minutes as number }
}

/** The keys, quantity, email and token of a hold request; returns the keys sorted and the email trimmed. */
export function validateHoldInput(
  options: ResourceBookingOptions,
  input: Omit<CreateHoldInput, "resource_id">
): { dates: string[]; departures: string[] | null; appointment: AppointmentRequest | null; email: string } {
  const { dates, departures, appointment } = validateBookingKeys(options, input)
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
  return { dates, departures, appointment, email }
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

/** Minutes after midnight of `HH:MM`; `24:00` is 1440 (the end of a range that runs to midnight). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/**
 * Working-hours ranges `[["HH:MM", "HH:MM"], …]` of one day (a weekday's or a
 * date exception's): each ends after it starts (`24:00` may end one), none
 * overlap. Answers them sorted; 400 naming `field` otherwise.
 */
export function validateHoursRanges(value: unknown, field: string): [string, string][] {
  if (!Array.isArray(value)) throw invalid(`${field} must be an array of [start, end] ranges ("HH:MM")`)
  const ranges = value.map((range, index) => {
    if (!Array.isArray(range) || range.length !== 2) throw invalid(`${field}[${index}] must be a range [start, end]`)
    const [start, end] = range
    if (!isLocalTime(start)) throw invalid(`${field}[${index}][0] must be a time HH:MM`)
    if (!(isLocalTime(end) || end === "24:00")) throw invalid(`${field}[${index}][1] must be a time HH:MM (or 24:00)`)
    if (minutesOf(end) <= minutesOf(start)) throw invalid(`${field}[${index}] ends (${end}) before it starts (${start})`)
    return [start, end] as [string, string]
  })
  const sorted = [...ranges].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]))
  for (let i = 1; i < sorted.length; i++) {
    if (minutesOf(sorted[i][0]) < minutesOf(sorted[i - 1][1])) {
      throw invalid(`${field}: ranges ${sorted[i - 1].join("–")} and ${sorted[i].join("–")} overlap`)
    }
  }
  return sorted
}

/**
 * An APPOINTMENT resource's settings (contract "Appointments"), with the
 * defaults filled: slot_minutes 15, min_duration_minutes = slot_minutes,
 * max_duration_minutes 480, buffers 0, units 1, a weekday without hours
 * closed. 400 naming the field for anything else.
 */
export function validateAppointmentSettings(value: unknown): AppointmentSettings {
  const field = "appointment"
  if (!value || typeof value !== "object" || Array.isArray(value)) throw invalid(`${field} must be an object`)
  const given = value as Record<string, unknown>
  const known = [
    "working_hours",
    "slot_minutes",
    "min_duration_minutes",
    "max_duration_minutes",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "units",
  ]
  const unknownKey = Object.keys(given).find((key) => !known.includes(key))
  if (unknownKey) throw invalid(`${field}.${unknownKey} is not an appointment setting (${known.join(", ")})`)
  const slot = given.slot_minutes ?? 15
  if (!SLOT_MINUTES.includes(slot as number)) throw invalid(`${field}.slot_minutes must be one of ${SLOT_MINUTES.join(", ")}`)
  const slotMinutes = slot as number
  const min = given.min_duration_minutes ?? slotMinutes
  const max = given.max_duration_minutes ?? 480
  for (const [key, duration] of [
    ["min_duration_minutes", min],
    ["max_duration_minutes", max],
  ] as const) {
    if (!isIntAtLeast(duration, 1) || (duration as number) > 24 * 60) throw invalid(`${field}.${key} must be an integer from 1 to 1440`)
    if ((duration as number) % slotMinutes !== 0) {
      throw invalid(`${field}.${key} must be a multiple of slot_minutes (${slotMinutes}): ${duration} is off the grid`)
    }
  }
  if ((min as number) > (max as number)) throw invalid(`${field}.min_duration_minutes must not be more than max_duration_minutes`)
  const buffers = { buffer_before_minutes: given.buffer_before_minutes ?? 0, buffer_after_minutes: given.buffer_after_minutes ?? 0 }
  for (const [key, minutes] of Object.entries(buffers)) {
    if (!Number.isInteger(minutes) || (minutes as number) < 0 || (minutes as number) > 24 * 60) {
      throw invalid(`${field}.${key} must be an integer from 0 to 1440`)
    }
  }
  const units = given.units ?? 1
  if (!isIntAtLeast(units, 1) || (units as number) > 10_000) throw invalid(`${field}.units must be an integer from 1 to 10000`)
  const hours = given.working_hours ?? {}
  if (!hours || typeof hours !== "object" || Array.isArray(hours)) {
    throw invalid(`${field}.working_hours must be an object of weekday ("0" = Sunday … "6") to ranges`)
  }
  const workingHours: AppointmentSettings["working_hours"] = {}
  for (const [day, ranges] of Object.entries(hours as Record<string, unknown>)) {
    if (!/^[0-6]$/.test(day)) throw invalid(`${field}.working_hours.${day} is not a weekday ("0" = Sunday … "6" = Saturday)`)
    workingHours[day as "0"] = validateHoursRanges(ranges, `${field}.working_hours.${day}`)
  }
  return {
    working_hours: workingHours,
    slot_minutes: slotMinutes,
    min_duration_minutes: min as number,
    max_duration_minutes: max as number,
    buffer_before_minutes: buffers.buffer_before_minutes as number,
    buffer_after_minutes: buffers.buffer_after_minutes as number,
    units: units as number,
  }
}
