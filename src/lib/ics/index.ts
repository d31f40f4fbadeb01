import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator"

/**
 * RFC 5545 calendars of bookings, written by ical-generator (folding at 75
 * octets, TEXT escaping, CRLF line ends). Bookings are whole days:
 * `DTSTART;VALUE=DATE` and an exclusive `DTEND;VALUE=DATE`, one VEVENT per
 * run of consecutive dates.
 */

export const ICS_PRODUCT = { company: "resource-booking", product: "medusa-plugin-resource-booking", language: "EN" }
export const UID_DOMAIN = "resource-booking"

const DAY_MS = 24 * 60 * 60 * 1000

function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10)
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

/** The UID of a booking's run: the allocation's id for its first run, with the run's first date for later runs. Stable. */
export function bookingUid(id: string, run: DateRun, index: number): string {
  return index === 0 ? `${id}@${UID_DOMAIN}` : `${id}-${run.start}@${UID_DOMAIN}`
}

export type BookingEventInput = {
  /** The allocation's (or hold's) id: the UIDs derive from it. */
  id: string
  dates: readonly string[]
  summary: string
  description?: string | null
  location?: string | null
  /** DTSTAMP; the allocation's creation, so the same booking gives the same text. */
  stamp: Date | string
  tentative?: boolean
  canceled?: boolean
}

export type CalendarInput = {
  name?: string
  /** PUBLISH for a feed or an attachment to add (RFC 5546); omitted when not given. */
  method?: "PUBLISH"
  /** Text of X-WR-TIMEZONE: the zone the dates are meant in (all-day events are floating dates). */
  timezone?: string
  /** Suggested refresh of a subscribed feed, in minutes. */
  refreshMinutes?: number
  events: BookingEventInput[]
}

/** The calendar as RFC 5545 text. */
export function buildCalendar(input: CalendarInput): string {
  const calendar = ical({ prodId: ICS_PRODUCT, name: input.name })
  if (input.method === "PUBLISH") calendar.method(ICalCalendarMethod.PUBLISH)
  if (input.timezone) calendar.x([{ key: "X-WR-TIMEZONE", value: input.timezone }])
  if (input.refreshMinutes) calendar.ttl(input.refreshMinutes * 60)
  for (const event of input.events) {
    dateRuns(event.dates).forEach((run, index) => {
      calendar.createEvent({
        id: bookingUid(event.id, run, index),
        start: run.start,
        end: run.end,
        allDay: true,
        stamp: new Date(event.stamp),
        summary: event.summary,
        description: event.description ?? undefined,
        location: event.location ?? undefined,
        status: event.canceled
          ? ICalEventStatus.CANCELLED
          : event.tentative
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
      })
    })
  }
  return calendar.toString()
}
