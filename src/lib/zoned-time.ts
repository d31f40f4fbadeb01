/**
 * Wall-clock time in an IANA time zone (`Australia/Brisbane`,
 * `America/New_York`, …) with Intl only, DST-safe: used by the OCTo API's
 * dates and by the notifications' reminder times.
 */

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `at` (ms since the epoch). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at))
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
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
