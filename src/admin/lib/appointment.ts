/**
 * The admin's appointment settings and working hours as edited (no React
 * here, so unit tests read it): rows of ranges, the settings' form and body,
 * and which field a server message names.
 */
import { SLOT_MINUTES } from "../../modules/resource_booking/constants"
import { errorMessage, numberField } from "./format"
import type { AppointmentSettings } from "./types"

/**
 * One working-hours range as edited: its own id (the React key, so focus
 * survives a removal) and the start and end as typed (`HH:MM`).
 */
export type HoursRow = { id: number; start: string; end: string }
let nextHoursRowId = 0

/** A new row (a fresh id). */
export const newHoursRow = (start: string, end: string): HoursRow => ({ id: nextHoursRowId++, start, end })

/**
 * Ranges from the server as rows. A range that ends at midnight comes as
 * `24:00`, which a time input cannot show: it reads `00:00` (and is sent back
 * as `24:00`, see `hoursRanges`).
 */
export const hoursRows = (ranges: [string, string][] | undefined): HoursRow[] =>
  (ranges ?? []).map(([start, end]) => newHoursRow(start, end === "24:00" ? "00:00" : end))

/** Rows as the API takes them: `[start, end]` as typed, an end of `00:00` meaning midnight (`24:00`). */
export const hoursRanges = (rows: HoursRow[]): [string, string][] =>
  rows.map(({ start, end }) => [start, end === "00:00" ? "24:00" : end])

/** The ranges in words ("09:00–12:00, 13:00–17:00"; "closed"). */
export const describeHours = (ranges: [string, string][] | undefined) =>
  ranges?.length ? ranges.map(([start, end]) => `${start}–${end}`).join(", ") : "closed"

/** The grid's choices as the select shows them. */
export const SLOT_MINUTE_OPTIONS = SLOT_MINUTES.map(String)
/** Weekdays as a person reads a week (Monday first), with the API's keys ("0" = Sunday). */
export const WEEK = [
  ["1", "Monday"],
  ["2", "Tuesday"],
  ["3", "Wednesday"],
  ["4", "Thursday"],
  ["5", "Friday"],
  ["6", "Saturday"],
  ["0", "Sunday"],
] as const

export const APPOINTMENT_NUMBER_FIELDS = [
  ["min_duration_minutes", "Shortest booking (minutes)"],
  ["max_duration_minutes", "Longest booking (minutes)"],
  ["buffer_before_minutes", "Buffer before (minutes)"],
  ["buffer_after_minutes", "Buffer after (minutes)"],
  ["units", "Units (bookings at once)"],
] as const
type NumberKey = (typeof APPOINTMENT_NUMBER_FIELDS)[number][0]

/** The appointment settings as edited: ranges per weekday, numbers as typed. */
export type AppointmentForm = { hours: Record<string, HoursRow[]>; slot_minutes: string } & Record<NumberKey, string>

/**
 * The form of a resource's settings; a new resource starts as the server's
 * defaults (15-minute grid, 15 to 480 minutes, no buffers, 1 unit) with
 * Monday to Friday 09:00–17:00 filled in (the server's default is closed).
 */
export function appointmentForm(settings: AppointmentSettings | null | undefined): AppointmentForm {
  const hours = settings?.working_hours ?? { "1": [["09:00", "17:00"]], "2": [["09:00", "17:00"]], "3": [["09:00", "17:00"]], "4": [["09:00", "17:00"]], "5": [["09:00", "17:00"]] }
  return {
    hours: Object.fromEntries(WEEK.map(([day]) => [day, hoursRows(hours[day as keyof typeof hours])])),
    slot_minutes: String(settings?.slot_minutes ?? 15),
    min_duration_minutes: String(settings?.min_duration_minutes ?? settings?.slot_minutes ?? 15),
    max_duration_minutes: String(settings?.max_duration_minutes ?? 480),
    buffer_before_minutes: String(settings?.buffer_before_minutes ?? 0),
    buffer_after_minutes: String(settings?.buffer_after_minutes ?? 0),
    units: String(settings?.units ?? 1),
  }
}

/** The form as `appointment` in a resource's body: weekdays without ranges left out (closed), numbers as typed. */
export function appointmentBody(form: AppointmentForm): Record<string, unknown> {
  return {
    working_hours: Object.fromEntries(
      Object.entries(form.hours)
        .filter(([, rows]) => rows.length)
        .map(([day, rows]) => [day, hoursRanges(rows)])
    ),
    slot_minutes: numberField(form.slot_minutes),
    ...Object.fromEntries(APPOINTMENT_NUMBER_FIELDS.map(([key]) => [key, numberField(form[key])])),
  }
}

/**
 * Which field of the settings a server message names
 * (`appointment.working_hours.2[0] ends (11:00) before it starts (12:00)` →
 * `working_hours.2`; `appointment.max_duration_minutes must be …` →
 * `max_duration_minutes`), null when it names none of them.
 */
export function appointmentErrorField(error: unknown): string | null {
  if (!error) return null
  const match = /appointment\.(working_hours\.[0-6]|slot_minutes|min_duration_minutes|max_duration_minutes|buffer_before_minutes|buffer_after_minutes|units)\b/.exec(
    errorMessage(error)
  )
  return match ? match[1] : null
}

