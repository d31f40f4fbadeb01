import ICALmodule from "ical.js"
import { buildCalendar } from ".."
import { bookingSpans, bookingStart, dateRuns, timeRanges } from "../../booking-times"
import { startOfDateIn } from "../../zoned-time"
import { isAmbiguousLocalTime, zoneTransitions } from "../vtimezone"
import { reminderDue } from "../../../workflows/notifications/steps/claim-resource-booking-reminders-step"

const ICAL: any = (ICALmodule as any).default ?? ICALmodule

const BERLIN = "Europe/Berlin"
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Every VEVENT of an RFC 5545 text, read by ical.js (an independent parser) with the calendar's own VTIMEZONEs. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((vevent: any) => {
      const event = new ICAL.Event(vevent)
      const start = vevent.getFirstProperty("dtstart")
      const end = vevent.getFirstProperty("dtend")
      return {
        uid: event.uid as string,
        allDay: event.startDate.isDate as boolean,
        /** The instants ical.js computes from DTSTART/DTEND (with TZID + VTIMEZONE, or UTC). */
        start: event.startDate.isDate ? event.startDate.toString() : new Date(event.startDate.toUnixTime() * 1000).toISOString(),
        end: event.endDate.isDate ? event.endDate.toString() : new Date(event.endDate.toUnixTime() * 1000).toISOString(),
        tzid: (start.getParameter("tzid") ?? null) as string | null,
        endTzid: (end.getParameter("tzid") ?? null) as string | null,
        /** DTSTART's value as written (local time with TZID, or UTC with Z). */
        localStart: start.toICALString().split(":").slice(1).join(":"),
        localEnd: end.toICALString().split(":").slice(1).join(":"),
        minutes: event.startDate.isDate ? null : (event.endDate.toUnixTime() - event.startDate.toUnixTime()) / 60,
        status: vevent.getFirstPropertyValue("status"),
        summary: event.summary,
      }
    }),
  }
}

/** A departure as allocations carry it: local date/time and the instants with their offset. */
const departure = (date: string, start_time: string, starts_at: string, ends_at: string) => ({ date, start_time, starts_at, ends_at })

describe("booking calendars (RFC 5545)", () => {
  it("splits dates into runs of consecutive days (unsorted, repeated, across months)", () => {
    expect(dateRuns(["2027-03-02", "2027-02-28", "2027-03-01", "2027-03-01", "2027-03-05"])).toEqual([
      { start: "2027-02-28", last: "2027-03-02", end: "2027-03-03", dates: ["2027-02-28", "2027-03-01", "2027-03-02"] },
      { start: "2027-03-05", last: "2027-03-05", end: "2027-03-06", dates: ["2027-03-05"] },
    ])
    expect(dateRuns([])).toEqual([])
  })

  it("writes all-day events per run with stable UIDs, folded lines and escaped text that ical.js reads back", () => {
    const summary = "2 × Land Cruiser; seats, roof \\ rack — a summary long enough to be folded over more than one line"
    const text = buildCalendar({
      name: "Bookings",
      method: "PUBLISH",
      timezone: "Australia/Brisbane",
      events: [
        { id: "ralloc_1", dates: ["2027-01-02", "2027-01-01", "2027-01-04"], summary, description: "line 1\nline 2", stamp: "2026-11-27T10:00:00Z" },
        { id: "rhold_x", dates: ["2027-01-10"], summary: "held", stamp: "2026-11-27T10:00:00Z", tentative: true },
      ],
    })
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true)
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(text).toContain("DTSTART;VALUE=DATE:20270101")
    expect(text).toContain("DTSTAMP:20261127T100000Z")
    expect(text).toContain("X-WR-TIMEZONE:Australia/Brisbane")
    // Dates only: no zone definition is needed, none is written.
    expect(text).not.toContain("VTIMEZONE")

    const calendar = new ICAL.Component(ICAL.parse(text))
    const events = calendar.getAllSubcomponents("vevent").map((vevent: any) => {
      const event = new ICAL.Event(vevent)
      return [event.uid, event.startDate.toString(), event.endDate.toString(), event.startDate.isDate, event.summary, vevent.getFirstPropertyValue("status")]
    })
    expect(events).toEqual([
      ["ralloc_1@resource-booking", "2027-01-01", "2027-01-03", true, summary, "CONFIRMED"],
      ["ralloc_1-2027-01-04@resource-booking", "2027-01-04", "2027-01-05", true, summary, "CONFIRMED"],
      ["rhold_x@resource-booking", "2027-01-10", "2027-01-11", true, "held", "TENTATIVE"],
    ])
    expect(new ICAL.Event(calendar.getFirstSubcomponent("vevent")).description).toBe("line 1\nline 2")
    // The same input gives the same text (DTSTAMP from the booking, not the clock).
    expect(buildCalendar({ events: [{ id: "a", dates: ["2027-01-01"], summary: "x", stamp: "2026-01-01T00:00:00Z" }] })).toBe(
      buildCalendar({ events: [{ id: "a", dates: ["2027-01-01"], summary: "x", stamp: "2026-01-01T00:00:00Z" }] })
    )
  })
})

describe("timed events (departures, appointments) in Europe/Berlin across both 2027 clock changes", () => {
  // Berlin: CET +01:00 until 2027-03-28 01:00Z (02:00 → 03:00), CEST +02:00 until 2027-10-31 01:00Z (03:00 → 02:00).
  const spring = [
    departure("2027-03-27", "07:00", "2027-03-27T07:00:00+01:00", "2027-03-27T08:00:00+01:00"),
    // 60 minutes across the spring change: 01:30 CET to 03:30 CEST.
    departure("2027-03-28", "01:30", "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"),
    departure("2027-03-28", "07:00", "2027-03-28T07:00:00+02:00", "2027-03-28T08:00:00+02:00"),
  ]
  const autumn = [
    departure("2027-10-30", "07:00", "2027-10-30T07:00:00+02:00", "2027-10-30T08:00:00+02:00"),
    // 60 minutes across the autumn change: 02:30 CEST (the first 02:30) to 02:30 CET (the second).
    departure("2027-10-31", "02:30", "2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00"),
    departure("2027-10-31", "07:00", "2027-10-31T07:00:00+01:00", "2027-10-31T08:00:00+01:00"),
  ]
  const day = { id: "ralloc_day", dates: ["2027-03-28", "2027-03-29"], summary: "day tour", stamp: "2026-12-01T09:00:00Z" }
  const calendar = () =>
    buildCalendar({
      name: "Booking #7",
      method: "PUBLISH",
      timezone: BERLIN,
      events: [
        { id: "ralloc_spring", dates: ["2027-03-27", "2027-03-28"], departures: spring, starts_at: spring[0].starts_at, ends_at: spring[2].ends_at, summary: "Sunset tour × 2", stamp: "2026-12-01T09:00:00Z" },
        { id: "ralloc_autumn", dates: ["2027-10-30", "2027-10-31"], departures: autumn, starts_at: autumn[0].starts_at, ends_at: autumn[2].ends_at, summary: "Sunset tour × 1", stamp: "2026-12-01T09:00:00Z" },
        day,
      ],
    })

  it("one VEVENT per departure, TZID with the zone's VTIMEZONE, each at its real instant; stable UIDs per allocation and departure", () => {
    const text = calendar()
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    const { calendar: parsed, events } = parse(text)
    // RFC 5545 §3.2.19: a VTIMEZONE for every TZID used, with the zone's real changes.
    const zones = parsed.getAllSubcomponents("vtimezone")
    expect(zones.map((zone: any) => zone.getFirstPropertyValue("tzid"))).toEqual([BERLIN])
    const observances = zones[0].getAllSubcomponents().map((o: any) => [
      o.name,
      o.getFirstProperty("dtstart").toICALString().split(":")[1],
      o.getFirstPropertyValue("tzoffsetfrom").toICALString(),
      o.getFirstPropertyValue("tzoffsetto").toICALString(),
    ])
    expect(observances.slice(1)).toEqual([
      ["daylight", "20270328T020000", "+0100", "+0200"],
      ["standard", "20271031T030000", "+0200", "+0100"],
    ])
    expect(observances[0].slice(0, 1).concat(observances[0].slice(2))).toEqual(["standard", "+0100", "+0100"])

    const byUid = Object.fromEntries(events.map((event: any) => [event.uid, event]))
    expect(events.map((event: any) => event.uid)).toEqual([
      "ralloc_spring@resource-booking",
      "ralloc_spring-2027-03-28T0130@resource-booking",
      "ralloc_spring-2027-03-28T0700@resource-booking",
      "ralloc_autumn@resource-booking",
      "ralloc_autumn-2027-10-31T0230@resource-booking",
      "ralloc_autumn-2027-10-31T0700@resource-booking",
      "ralloc_day@resource-booking",
    ])
    // Before the spring change: +01:00; after it: +02:00; the local time written is the departure's.
    expect(byUid["ralloc_spring@resource-booking"]).toMatchObject({
      tzid: BERLIN, endTzid: BERLIN, localStart: "20270327T070000", localEnd: "20270327T080000",
      start: "2027-03-27T06:00:00.000Z", end: "2027-03-27T07:00:00.000Z", minutes: 60, allDay: false, status: "CONFIRMED",
    })
    expect(byUid["ralloc_spring-2027-03-28T0700@resource-booking"]).toMatchObject({
      tzid: BERLIN, localStart: "20270328T070000", start: "2027-03-28T05:00:00.000Z", end: "2027-03-28T06:00:00.000Z", minutes: 60,
    })
    // 60 minutes across the spring change: 01:30 to 03:30 on the wall, 60 real minutes.
    expect(byUid["ralloc_spring-2027-03-28T0130@resource-booking"]).toMatchObject({
      tzid: BERLIN, localStart: "20270328T013000", localEnd: "20270328T033000",
      start: "2027-03-28T00:30:00.000Z", end: "2027-03-28T01:30:00.000Z", minutes: 60,
    })
    // Before the autumn change: +02:00; after it: +01:00.
    expect(byUid["ralloc_autumn@resource-booking"]).toMatchObject({
      tzid: BERLIN, localStart: "20271030T070000", start: "2027-10-30T05:00:00.000Z", end: "2027-10-30T06:00:00.000Z", minutes: 60,
    })
    expect(byUid["ralloc_autumn-2027-10-31T0700@resource-booking"]).toMatchObject({
      tzid: BERLIN, localStart: "20271031T070000", start: "2027-10-31T06:00:00.000Z", end: "2027-10-31T07:00:00.000Z", minutes: 60,
    })
    // 02:30 happens twice that night: written as UTC instants (never ambiguous), 60 real minutes.
    expect(byUid["ralloc_autumn-2027-10-31T0230@resource-booking"]).toMatchObject({
      tzid: null, endTzid: null, localStart: "20271031T003000Z", localEnd: "20271031T013000Z",
      start: "2027-10-31T00:30:00.000Z", end: "2027-10-31T01:30:00.000Z", minutes: 60,
    })
    // A booking of dates beside them stays all-day.
    expect(byUid["ralloc_day@resource-booking"]).toMatchObject({ allDay: true, start: "2027-03-28", end: "2027-03-30", tzid: null })
    expect(text).toContain("DTSTAMP:20261201T090000Z")
    // Same bookings, same text.
    expect(calendar()).toBe(text)
  })

  it("an appointment (starts_at/ends_at, no departures) is one timed event; holds are TENTATIVE", () => {
    const text = buildCalendar({
      timezone: BERLIN,
      events: [
        {
          id: "ralloc_appt",
          dates: ["2027-07-01"],
          starts_at: "2027-07-01T10:15:00+02:00",
          ends_at: "2027-07-01T12:45:00+02:00",
          summary: "Guide",
          stamp: "2026-12-01T09:00:00Z",
        },
        { id: "hold-abc", dates: ["2027-01-05"], departures: [departure("2027-01-05", "16:30", "2027-01-05T16:30:00+01:00", "2027-01-05T18:00:00+01:00")], summary: "held", stamp: "2026-12-01T09:00:00Z", tentative: true },
      ],
    })
    const { events } = parse(text)
    expect(events.map((event: any) => [event.uid, event.tzid, event.localStart, event.start, event.minutes, event.status])).toEqual([
      ["ralloc_appt@resource-booking", BERLIN, "20270701T101500", "2027-07-01T08:15:00.000Z", 150, "CONFIRMED"],
      ["hold-abc@resource-booking", BERLIN, "20270105T163000", "2027-01-05T15:30:00.000Z", 90, "TENTATIVE"],
    ])
    expect(() => buildCalendar({ events: [{ id: "x", dates: ["2027-01-05"], starts_at: "2027-01-05T10:00:00Z", ends_at: "2027-01-05T11:00:00Z", summary: "x", stamp: "2026-12-01T09:00:00Z" }] })).toThrow(/timezone/)
  })

  it("finds the zone's changes and the local times that happen twice", () => {
    const transitions = zoneTransitions(BERLIN, Date.parse("2027-01-01T00:00:00Z"), Date.parse("2028-01-01T00:00:00Z"))
    expect(transitions.map((t) => [new Date(t.at).toISOString(), t.before / HOUR, t.after / HOUR])).toEqual([
      ["2027-03-28T01:00:00.000Z", 1, 2],
      ["2027-10-31T01:00:00.000Z", 2, 1],
    ])
    expect(zoneTransitions("Australia/Brisbane", Date.parse("2027-01-01T00:00:00Z"), Date.parse("2028-01-01T00:00:00Z"))).toEqual([])
    // 02:00–02:59 on 2027-10-31 happens twice (00:00Z–00:59Z and 01:00Z–01:59Z); 03:00 once, 01:59 once.
    expect(isAmbiguousLocalTime(BERLIN, Date.parse("2027-10-31T00:30:00Z"))).toBe(true)
    expect(isAmbiguousLocalTime(BERLIN, Date.parse("2027-10-31T01:30:00Z"))).toBe(true)
    expect(isAmbiguousLocalTime(BERLIN, Date.parse("2027-10-31T02:00:00Z"))).toBe(false)
    expect(isAmbiguousLocalTime(BERLIN, Date.parse("2027-10-30T23:59:00Z"))).toBe(false)
    expect(isAmbiguousLocalTime(BERLIN, Date.parse("2027-03-28T01:30:00Z"))).toBe(false)
  })
})

describe("a booking's spans", () => {
  it("departures → one span each, appointment → one, dates → all-day runs; times read in the module's zone", () => {
    const booking = {
      dates: ["2027-10-31"],
      departures: [
        departure("2027-10-31", "07:00", "2027-10-31T07:00:00+01:00", "2027-10-31T08:00:00+01:00"),
        departure("2027-10-31", "02:30", "2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00"),
      ],
    }
    expect(bookingSpans(booking, BERLIN).map((span) => [span.kind, span.key])).toEqual([
      ["timed", "2027-10-31T0230"],
      ["timed", "2027-10-31T0700"],
    ])
    expect(timeRanges([booking], BERLIN)).toEqual([
      { date: "2027-10-31", start_time: "02:30", end_date: "2027-10-31", end_time: "02:30", duration_minutes: 60, starts_at: "2027-10-31T02:30:00+02:00", ends_at: "2027-10-31T02:30:00+01:00" },
      { date: "2027-10-31", start_time: "07:00", end_date: "2027-10-31", end_time: "08:00", duration_minutes: 60, starts_at: "2027-10-31T07:00:00+01:00", ends_at: "2027-10-31T08:00:00+01:00" },
    ])
    // Instants in another form (UTC, a Date) are read in the zone all the same; a span past midnight ends the next day.
    expect(timeRanges([{ dates: ["2027-07-01"], starts_at: new Date("2027-07-01T20:30:00Z"), ends_at: "2027-07-01T23:00:00Z" }], BERLIN)).toEqual([
      { date: "2027-07-01", start_time: "22:30", end_date: "2027-07-02", end_time: "01:00", duration_minutes: 150, starts_at: "2027-07-01T22:30:00+02:00", ends_at: "2027-07-02T01:00:00+02:00" },
    ])
    expect(timeRanges([{ dates: ["2027-07-01"] }], BERLIN)).toEqual([])
    expect(bookingSpans({ dates: ["2027-07-02", "2027-07-01"] }, BERLIN).map((span) => [span.kind, span.key])).toEqual([["all-day", "2027-07-01"]])
    expect(bookingStart(booking, BERLIN)).toBe(Date.parse("2027-10-31T00:30:00Z"))
    expect(bookingStart({ dates: ["2027-07-02", "2027-07-01"] }, BERLIN)).toBe(Date.parse("2027-06-30T22:00:00Z"))
    expect(bookingStart({ dates: [] }, BERLIN)).toBeNull()
  })
})

describe("reminder time", () => {
  it("a date starts at 00:00 in the zone, across DST changes", () => {
    expect(new Date(startOfDateIn("2027-01-10", "Australia/Brisbane")).toISOString()).toBe("2027-01-09T14:00:00.000Z")
    // New York: EST before 14 March 2027, EDT after.
    expect(new Date(startOfDateIn("2027-03-14", "America/New_York")).toISOString()).toBe("2027-03-14T05:00:00.000Z")
    expect(new Date(startOfDateIn("2027-03-15", "America/New_York")).toISOString()).toBe("2027-03-15T04:00:00.000Z")
    expect(new Date(startOfDateIn("2027-11-07", "America/New_York")).toISOString()).toBe("2027-11-07T04:00:00.000Z")
  })

  it("is due from start − hours until the start: 00:00 of the first date, or the first departure's starts_at", () => {
    const start = bookingStart({ dates: ["2027-01-10"] }, "Australia/Brisbane")!
    expect(start).toBe(startOfDateIn("2027-01-10", "Australia/Brisbane"))
    expect(reminderDue(start, start - 24 * HOUR - 1, 24)).toBe(false)
    expect(reminderDue(start, start - 24 * HOUR, 24)).toBe(true)
    expect(reminderDue(start, start - 1, 24)).toBe(true)
    expect(reminderDue(start, start, 24)).toBe(false)

    // A 16:30 departure the day after the spring change (+02:00): due from 14:30Z the day before, not from 00:00 of its date.
    const tour = {
      dates: ["2027-03-29"],
      departures: [
        departure("2027-03-29", "16:30", "2027-03-29T16:30:00+02:00", "2027-03-29T18:00:00+02:00"),
        departure("2027-03-29", "07:00", "2027-03-29T07:00:00+02:00", "2027-03-29T08:30:00+02:00"),
      ],
      starts_at: "2027-03-29T07:00:00+02:00",
      ends_at: "2027-03-29T18:00:00+02:00",
    }
    const first = bookingStart(tour, BERLIN)!
    expect(new Date(first).toISOString()).toBe("2027-03-29T05:00:00.000Z")
    expect(reminderDue(first, Date.parse("2027-03-28T05:00:00Z") - 1, 24)).toBe(false)
    expect(reminderDue(first, Date.parse("2027-03-28T05:00:00Z"), 24)).toBe(true)
    expect(reminderDue(first, Date.parse("2027-03-29T04:59:59Z"), 24)).toBe(true)
    expect(reminderDue(first, Date.parse("2027-03-29T05:00:00Z"), 24)).toBe(false)
  })
})
