/**
 * Calendar dates are `YYYY-MM-DD` strings end to end: node-postgres would turn
 * a DATE into a JS Date at local midnight, which shifts days across zones.
 * All arithmetic here is done on UTC midnights, which have no DST.
 */
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60 * 1000

/** True for a real calendar date in `YYYY-MM-DD` form (2027-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string") return false
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number)
  if (y < 1900 || y > 9999) return false
  const utc = new Date(Date.UTC(y, m - 1, d))
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d
}

function toUtcMs(date: string): number {
  const [y, m, d] = date.split("-").map(Number)
  return Date.UTC(y, m - 1, d)
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS)
}

/** Number of dates from `from` to `to`, both included (0 when to < from). */
export function countDatesInclusive(from: string, to: string): number {
  return Math.max(0, Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1)
}

/** Every date from `from` to `to`, both included, ascending. */
export function datesInRange(from: string, to: string): string[] {
  const dates: string[] = []
  for (let ms = toUtcMs(from), end = toUtcMs(to); ms <= end; ms += DAY_MS) {
    dates.push(fromUtcMs(ms))
  }
  return dates
}

/** 0 = Sunday … 6 = Saturday, as JS and the contract's `weekdays` count. */
export function weekdayOf(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay()
}

// Building an Intl.DateTimeFormat costs ~50 µs, reusing one ~1 µs; "today" is
// asked on every hold and availability request.
const formatters = new Map<string, Intl.DateTimeFormat>()

/** Today's calendar date in the given IANA time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    formatters.set(timeZone, formatter)
  }
  return formatter.format(now)
}

export function sortUniqueDates(dates: string[]): string[] {
  return [...new Set(dates)].sort()
}
