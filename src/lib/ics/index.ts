import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator"
import { DateTime } from "luxon"
import { BookingSpan, bookingSpans, BookingTimes, isTimed } from "../booking-times"
import { isAmbiguousLocalTime, vtimezone } from "./vtimezone"

/**
 * RFC 5545 calendars of bookings, written by ical-generator (folding at 75
 * octets, TEXT escaping, CRLF line ends). One VEVENT per span of a booking
 * (`src/lib/booking-times.ts`):
 *
 * - dates: all-day, `DTSTART;VALUE=DATE` and an exclusive `DTEND;VALUE=DATE`,
 *   one VEVENT per run of consecutive dates;
 * - timed bookings (one VEVENT per departure, one per appointment):
 *   `DTSTART;TZID=<zone>:<local time>` / `DTEND;TZID=…` with a VTIMEZONE for
 *   the zone (RFC 5545 requires one for every TZID used), generated from the
 *   platform's zone data over the events' span. A local time that happens
 *   twice (the autumn overlap) would be ambiguous: such an event is written
 *   in UTC instead (`DTSTART:…Z`), which every calendar reads as the instant.
 */

export const ICS_PRODUCT = { company: "resource-booking", product: "medusa-plugin-resource-booking", language: "EN" }
export const UID_DOMAIN = "resource-booking"

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The UID of a booking's span: the booking's id for its first span, with the
 * span's key (the run's first date, or the local start `2027-03-28T0700`) for
 * later ones. Stable: the email's events and the feed's are the same events.
 */
export function bookingUid(id: string, span: Pick<BookingSpan, "key">, index: number): string {
  return index === 0 ? `${id}@${UID_DOMAIN}` : `${id}-${span.key}@${UID_DOMAIN}`
}

export type BookingEventInput = BookingTimes & {
  /** The allocation's (or hold's) id: the UIDs derive from it. */
  id: string
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
  /**
   * The module's zone: X-WR-TIMEZONE, and the TZID (with its VTIMEZONE) of
   * timed events. Required when an event is timed.
   */
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

  const zone = input.timezone
  let zonedFrom = Infinity
  let zonedTo = -Infinity
  for (const event of input.events) {
    const status = event.canceled
      ? ICalEventStatus.CANCELLED
      : event.tentative
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED
    const common = {
      stamp: new Date(event.stamp),
      summary: event.summary,
      description: event.description ?? undefined,
      location: event.location ?? undefined,
      status,
    }
    if (!zone && isTimed(event)) {
      throw new Error("buildCalendar: a timed booking needs the calendar's timezone")
    }
    bookingSpans(event, zone ?? "UTC").forEach((span, index) => {
      const id = bookingUid(event.id, span, index)
      if (span.kind === "all-day") {
        calendar.createEvent({ ...common, id, start: span.start, end: span.end, allDay: true })
      } else if (isAmbiguousLocalTime(zone!, span.start_ms) || isAmbiguousLocalTime(zone!, span.end_ms)) {
        calendar.createEvent({ ...common, id, start: new Date(span.start_ms), end: new Date(span.end_ms) })
      } else {
        zonedFrom = Math.min(zonedFrom, span.start_ms)
        zonedTo = Math.max(zonedTo, span.end_ms)
        calendar.createEvent({
          ...common,
          id,
          timezone: zone,
          start: DateTime.fromMillis(span.start_ms, { zone }),
          end: DateTime.fromMillis(span.end_ms, { zone }),
        })
      }
    })
  }
  if (zone && zonedFrom <= zonedTo) {
    // No calendar-wide zone (name null: DTSTAMP stays UTC, all-day dates stay dates); the VTIMEZONE of the events' TZID.
    calendar.timezone({
      name: null,
      generator: (tz) => (tz === zone ? vtimezone(zone, zonedFrom - DAY_MS, zonedTo + DAY_MS) : null),
    })
  }
  return calendar.toString()
}
