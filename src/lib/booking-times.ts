import { startOfDateIn, toZonedIso } from "./zoned-time"

/**
 * When a booking takes place, as the notifications, booking.ics, the
 * calendar feed and the reminders see it: a list of **spans**.
 *
 * - a booking of departures: one timed span per departure;
 * - any other timed booking (`starts_at`/`ends_at` without `departures`, an
 *   appointment): one timed span;
 * - a booking of dates: one all-day span per run of consecutive dates.
 *
 * Everything downstream (VEVENTs, `times` in notification data, the instant a
 * reminder counts back from) reads these spans, so a new kind of timed
 * booking needs no code there as long as it carries `starts_at`/`ends_at`.
 */

const DAY_MS = 24 * 60 * 60 * 1000

/** What a hold or an allocation says about its time (its DTO's fields; the timed ones are absent for dates). */
export type BookingTimes = {
  dates: readonly string[]
  departures?: readonly { date: string; start_time: string; starts_at: string | Date; ends_at: string | Date }[] | null
  starts_at?: string | Date | null
  ends_at?: string | Date | null
}

export type DateRun = {
  /** First date of the run. */
  start: string
  /** Last date of the run (inclusive). */
  last: string
  /** The day after the last: DTEND of an all-day event. */
  end: string
  dates: string[]
}

/** A timed span as the notifications show it: local date and time in the module's zone, and the instants. */
export type TimeRange = {
  /** Local date and start time (`YYYY-MM-DD`, `HH:MM`). */
  date: string
  start_time: string
  /** Local date and time it ends (the end date differs from `date` past midnight). */
  end_date: string
  end_time: string
  /** Real minutes from start to end (a 60-minute departure across a clock change is 60). */
  duration_minutes: number
  /** ISO 8601 with the zone's offset at each instant. */
  starts_at: string
  ends_at: string
}

export type BookingSpan =
  | ({ kind: "all-day"; key: string } & DateRun)
  | ({ kind: "timed"; key: string; start_ms: number; end_ms: number } & TimeRange)

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10)
}

/** Sorted, de-duplicated dates split into runs of consecutive days. */
export function dateRuns(dates: readonly string[]): DateRun[] {
  const sorted = [...new Set(dates)].sort()
  const runs: DateRun[] = []
  for (const date of sorted) {
    const current = runs[runs.length - 1]
    if (current && current.end === date) {
      current.last = date
      current.end = nextDay(date)
      current.dates.push(date)
    } else {
      runs.push({ start: date, last: date, end: nextDay(date), dates: [date] })
    }
  }
  return runs
}

function instantMs(value: string | Date): number {
  const ms = new Date(value).getTime()
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${String(value)}`)
  return ms
}

/** A timed span from its two instants, read in `timezone`. */
function timedSpan(startsAt: string | Date, endsAt: string | Date, timezone: string) {
  const startMs = instantMs(startsAt)
  const endMs = instantMs(endsAt)
  const start = toZonedIso(startMs, timezone)
  const end = toZonedIso(endMs, timezone)
  const range: TimeRange = {
    date: start.slice(0, 10),
    start_time: start.slice(11, 16),
    end_date: end.slice(0, 10),
    end_time: end.slice(11, 16),
    duration_minutes: Math.round((endMs - startMs) / 60_000),
    starts_at: start,
    ends_at: end,
  }
  // Key of the span among its booking's spans: the local start, e.g. 2027-03-28T0700 (a UID suffix).
  const key = `${range.date}T${range.start_time.replace(":", "")}`
  return { kind: "timed" as const, key, start_ms: startMs, end_ms: endMs, ...range }
}

/** True when the booking has a time of day (departures, or an appointment's range). */
export function isTimed(booking: BookingTimes): boolean {
  return !!booking.departures?.length || !!(booking.starts_at && booking.ends_at)
}

/** The booking's spans in start order (see the top of this file); `timezone` is the module's. */
export function bookingSpans(booking: BookingTimes, timezone: string): BookingSpan[] {
  if (booking.departures?.length) {
    return booking.departures
      .map((departure) => timedSpan(departure.starts_at, departure.ends_at, timezone))
      .sort((a, b) => a.start_ms - b.start_ms || a.end_ms - b.end_ms)
  }
  if (booking.starts_at && booking.ends_at) return [timedSpan(booking.starts_at, booking.ends_at, timezone)]
  return dateRuns(booking.dates).map((run) => ({ kind: "all-day" as const, key: run.start, ...run }))
}

/** The timed spans of one or more bookings as notification data (deduplicated, in start order); [] for dates. */
export function timeRanges(bookings: readonly BookingTimes[], timezone: string): TimeRange[] {
  const byInstant = new Map<string, ReturnType<typeof timedSpan>>()
  for (const booking of bookings) {
    for (const span of bookingSpans(booking, timezone)) {
      if (span.kind === "timed") byInstant.set(`${span.start_ms}/${span.end_ms}`, span)
    }
  }
  return [...byInstant.values()]
    .sort((a, b) => a.start_ms - b.start_ms || a.end_ms - b.end_ms)
    .map(({ kind: _kind, key: _key, start_ms: _start, end_ms: _end, ...range }) => range)
}

/**
 * The instant (ms since the epoch) the booking starts: its first timed span's
 * start, else 00:00 of its first date in `timezone`; null without either.
 */
export function bookingStart(booking: BookingTimes, timezone: string): number | null {
  const [first] = bookingSpans(booking, timezone)
  if (!first) return null
  return first.kind === "timed" ? first.start_ms : startOfDateIn(first.start, timezone)
}
