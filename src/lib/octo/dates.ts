/** Calendar dates and times of the OCTo API in the module's time zone. */

import { startOfDateIn, zoneOffsetMinutes } from "../zoned-time"

const DATE = /^\d{4}-\d{2}-\d{2}$/

export function isDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE.test(value)) return false
  const [y, m, d] = value.split("-").map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10)
}

export function daysBetweenInclusive(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`)
  const b = Date.parse(`${to}T00:00:00Z`)
  return Math.round((b - a) / 86_400_000) + 1
}

/** The UTC instant at which local midnight starts `date` in `timeZone`. */
export function startOfDate(date: string, timeZone: string): Date {
  return new Date(startOfDateIn(date, timeZone))
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+"
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`
}

/** `2026-12-01T00:00:00+10:00`: local midnight of `date` with its offset (the availability id). */
export function localMidnight(date: string, timeZone: string): string {
  const instant = startOfDate(date, timeZone)
  return `${date}T00:00:00${formatOffset(zoneOffsetMinutes(timeZone, instant.getTime()))}`
}

/** `2026-12-01T23:59:59+10:00`: the last second of `date`. */
export function localEndOfDay(date: string, timeZone: string): string {
  const instant = new Date(startOfDate(addDays(date, 1), timeZone).getTime() - 1000)
  return `${date}T23:59:59${formatOffset(zoneOffsetMinutes(timeZone, instant.getTime()))}`
}

/** OCTo's UTC format: `2026-12-01T14:00:00Z` (no milliseconds). */
export function utc(value: Date | string | null | undefined): string | null {
  if (!value) return null
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return `${date.toISOString().slice(0, 19)}Z`
}

/** The date an availability id names, or null when the id is not one of ours. */
export function dateOfAvailabilityId(id: unknown, timeZone: string): string | null {
  if (typeof id !== "string" || id.length < 10) return null
  const date = id.slice(0, 10)
  if (!isDate(date)) return null
  return localMidnight(date, timeZone) === id ? date : null
}

const DEPARTURE_ID = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):00([+-]\d{2}:\d{2})$/

/**
 * The departure a START_TIME availability id names (`2027-03-28T07:00:00+02:00`:
 * local date, start time and the offset of that instant), or null when it is
 * not of that shape. Whether such a departure exists is the ledger's to say.
 */
export function departureOfAvailabilityId(id: unknown): { date: string; start_time: string; id: string } | null {
  if (typeof id !== "string") return null
  const match = DEPARTURE_ID.exec(id)
  if (!match || !isDate(match[1]) || Number(match[2]) > 23 || Number(match[3]) > 59) return null
  return { date: match[1], start_time: `${match[2]}:${match[3]}`, id }
}
