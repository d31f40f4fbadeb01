/**
 * Wall-clock time in an IANA time zone (`Australia/Brisbane`,
 * `America/New_York`, …) with Intl only, DST-safe: used by the OCTo API's
 * dates and by the notifications' reminder times.
 */

const wallClocks = new Map<string, Intl.DateTimeFormat>()

/** The wall clock of `timeZone` at `at`: `{ year, month, day, hour, minute, second }`, zero-padded (one formatter per zone). */
function wallClockParts(timeZone: string, at: number): Record<string, string> {
  let formatter = wallClocks.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
    wallClocks.set(timeZone, formatter)
  }
  return Object.fromEntries(formatter.formatToParts(new Date(at)).map((part) => [part.type, part.value]))
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `at` (ms since the epoch). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = wallClockParts(timeZone, at)
  const get = (type: string) => Number(parts[type])
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"))
  return wall - Math.floor(at / 1000) * 1000
}

/** The offset of `timeZone` from UTC at `at`, in whole minutes. */
export function zoneOffsetMinutes(timeZone: string, at: number): number {
  return Math.round(zoneOffsetMs(timeZone, at) / 60_000)
}

/** The instant a calendar date (`YYYY-MM-DD`) starts (00:00) in `timeZone`, in ms since the epoch. */
export function startOfDateIn(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number)
  const guess = Date.UTC(y, m - 1, d)
  let instant = guess - zoneOffsetMs(timeZone, guess)
  // Once more with the offset at the instant itself (the zone may change offset in between).
  instant = guess - zoneOffsetMs(timeZone, instant)
  return instant
}

/**
 * The instants already formatted, by zone and millisecond: departures and
 * appointment grids repeat the same instants in every answer, and one
 * Intl formatToParts costs microseconds (a 90-day availability of 3
 * departures formats 540 instants, a month of slots 2,800). Bounded: emptied
 * when full.
 */
const ZONED_ISO_CACHE_SIZE = 50_000
const zonedIsoCache = new Map<string, string>()

/**
 * An instant as ISO 8601 with the offset `timeZone` has at that instant
 * (`2027-03-28T07:00:00+02:00`), as every instant leaves the server
 * (contract "Booking modes"). The zone's rules are Intl's (the platform's
 * time-zone database).
 */
export function toZonedIso(instant: Date | string | number, timeZone: string): string {
  const at = new Date(instant).getTime()
  const key = `${timeZone} ${at}`
  const known = zonedIsoCache.get(key)
  if (known !== undefined) return known
  const parts = wallClockParts(timeZone, at)
  const get = (type: string) => Number(parts[type])
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"))
  const offset = Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000)
  const sign = offset < 0 ? "-" : "+"
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")
  const mm = String(Math.abs(offset) % 60).padStart(2, "0")
  const iso = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hh}:${mm}`
  if (zonedIsoCache.size >= ZONED_ISO_CACHE_SIZE) zonedIsoCache.clear()
  zonedIsoCache.set(key, iso)
  return iso
}
