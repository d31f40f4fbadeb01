import ICALmodule from "ical.js"
import { buildCalendar, dateRuns } from ".."
import { startOfDateIn } from "../../zoned-time"
import { reminderDue } from "../../../workflows/notifications/steps/claim-resource-booking-reminders-step"

const ICAL: any = (ICALmodule as any).default ?? ICALmodule

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

describe("reminder time", () => {
  it("a date starts at 00:00 in the zone, across DST changes", () => {
    expect(new Date(startOfDateIn("2027-01-10", "Australia/Brisbane")).toISOString()).toBe("2027-01-09T14:00:00.000Z")
    // New York: EST before 14 March 2027, EDT after.
    expect(new Date(startOfDateIn("2027-03-14", "America/New_York")).toISOString()).toBe("2027-03-14T05:00:00.000Z")
    expect(new Date(startOfDateIn("2027-03-15", "America/New_York")).toISOString()).toBe("2027-03-15T04:00:00.000Z")
    expect(new Date(startOfDateIn("2027-11-07", "America/New_York")).toISOString()).toBe("2027-11-07T04:00:00.000Z")
  })

  it("is due from start − hours until the start", () => {
    const start = startOfDateIn("2027-01-10", "Australia/Brisbane")
    const hour = 3600_000
    expect(reminderDue("2027-01-10", start - 24 * hour - 1, 24, "Australia/Brisbane")).toBe(false)
    expect(reminderDue("2027-01-10", start - 24 * hour, 24, "Australia/Brisbane")).toBe(true)
    expect(reminderDue("2027-01-10", start - 1, 24, "Australia/Brisbane")).toBe(true)
    expect(reminderDue("2027-01-10", start, 24, "Australia/Brisbane")).toBe(false)
  })
})
