import { AvailabilityDate, AvailabilityDeparture } from "../api"
import { describeDates, describeDepartures, formatDate, formatSpan, wallClock } from "../dates"
import {
  holdTarget,
  initialState,
  maxQuantity,
  rulesText,
  selectionProblem,
  stepOf,
  timeChoice,
  toggleDate,
  waiting,
  waitlistProblem,
  waitlistRequest,
  waitlistTarget,
  WidgetState,
} from "../state"
import { availabilityText, bookingPhrase, count, DEPARTURE, pluralOf, unitNoun } from "../text"

describe("widget words", () => {
  it("names the unit from the attribute, the variant's metadata or its title, else says none", () => {
    expect(unitNoun("group", "", null)).toEqual({ one: "group", other: "groups" })
    expect(unitNoun("ferry seat", "ferry seats", null)).toEqual({ one: "ferry seat", other: "ferry seats" })
    expect(unitNoun("", "", { title: "Private 4WD tour", metadata: { unit_label: "vehicle" } })).toEqual({ one: "vehicle", other: "vehicles" })
    expect(unitNoun("", "", { title: "Per group per day" })).toEqual({ one: "group", other: "groups" })
    expect(unitNoun("", "", { title: "Per person per day" })).toEqual({ one: "person", other: "people" })
    expect(unitNoun("", "", { title: "Seat" })).toEqual({ one: "seat", other: "seats" })
    expect(unitNoun("", "", { title: "Private 4WD tour" })).toBeNull()
  })

  it("says quantity and days in words, in the right number", () => {
    const group = unitNoun("", "", { title: "Per group per day" })
    expect(bookingPhrase(1, group, 2)).toBe("1 group × 2 days")
    expect(bookingPhrase(2, group, 1)).toBe("2 groups × 1 day")
    expect(bookingPhrase(1, null, 2)).toBe("1 × 2 days")
    expect(count(3, { one: "person", other: "people" })).toBe("3 people")
    expect([pluralOf("bus"), pluralOf("ferry"), pluralOf("day"), pluralOf("kayak")]).toEqual(["buses", "ferries", "days", "kayaks"])
  })
})

const day = (date: string, available_quantity: number, reason?: AvailabilityDate["reason"]): AvailabilityDate => ({
  date,
  available_quantity,
  is_available: !reason,
  ...(reason ? { reason } : {}),
})

function stateWith(dates: AvailabilityDate[], patch: Partial<WidgetState> = {}): WidgetState {
  const s = initialState("2027-03")
  for (const d of dates) s.availability.set(d.date, d)
  return Object.assign(s, patch)
}

describe("widget state", () => {
  const month = [day("2027-03-01", 5), day("2027-03-02", 2), day("2027-03-03", 0, "SOLD_OUT"), day("2027-03-04", 4)]

  it("caps the quantity at what is left on the chosen dates (the best date of the month before any)", () => {
    expect(maxQuantity(stateWith(month))).toBe(5)
    expect(maxQuantity(stateWith(month, { selected: ["2027-03-01", "2027-03-02"] }))).toBe(2)
  })

  it("fills a consecutive run, and restarts it over a date that cannot be booked", () => {
    const s = stateWith(month, { rules: { consecutive: true }, selected: ["2027-03-01"] })
    expect(toggleDate(s, "2027-03-02", String).selected).toEqual(["2027-03-01", "2027-03-02"])
    const over = toggleDate(s, "2027-03-04", String)
    expect(over.selected).toEqual(["2027-03-04"])
    expect(over.message?.text).toMatch(/cannot be booked/)
  })

  it("is ready for a time step: DAY goes from dates to details, a timed mode needs a time first, and holds what it chose", () => {
    const s = stateWith(month, { selected: ["2027-03-01"], email: "a@example.com" })
    expect(stepOf(s)).toBe("details")
    expect(holdTarget(s)).toEqual({ dates: ["2027-03-01"] })
    s.mode = "DEPARTURE"
    expect(stepOf(s)).toBe("time")
    expect(selectionProblem(s)).toBe("Choose a departure time.")
    s.times = [{ date: "2027-03-01", start_time: "16:30" }]
    expect(stepOf(s)).toBe("details")
    expect(selectionProblem(s)).toBeNull()
    expect(holdTarget(s)).toEqual({ departures: [{ date: "2027-03-01", start_time: "16:30" }] })
    s.mode = "APPOINTMENT"
    s.times = [{ date: "2027-03-01", start_time: "10:00", duration_minutes: 90 }]
    expect(holdTarget(s)).toEqual({ appointment: { date: "2027-03-01", start_time: "10:00", duration_minutes: 90 } })
  })

  it("asks the waitlist for the chosen dates with the sold-out ones, under the same rules; Hold waits meanwhile", () => {
    const s = stateWith(month, { rules: { min_dates: 2, consecutive: true }, selected: ["2027-03-02"], waitlistDates: ["2027-03-03"], email: "w@example.com" })
    expect(waitlistRequest(s)).toEqual(["2027-03-02", "2027-03-03"])
    expect(waitlistProblem(s)).toBeNull()
    expect(selectionProblem(s)).toMatch(/sold-out dates/)
    s.selected = []
    expect(waitlistProblem(s)).toMatch(/at least 2 dates/)
  })
})

const dep = (start_time: string, starts_at: string, ends_at: string, available_quantity: number, reason?: AvailabilityDeparture["reason"]): AvailabilityDeparture => ({
  start_time,
  starts_at,
  ends_at,
  available_quantity,
  is_available: !reason,
  ...(reason ? { reason } : {}),
})

describe("widget departures", () => {
  const morning = dep("07:00", "2026-12-12T07:00:00+10:00", "2026-12-12T08:30:00+10:00", 5)
  const sunset = dep("16:30", "2026-12-12T16:30:00+10:00", "2026-12-12T18:00:00+10:00", 0, "SOLD_OUT")
  const started = dep("05:00", "2026-12-12T05:00:00+10:00", "2026-12-12T06:00:00+10:00", 3, "STARTED")
  const saturday: AvailabilityDate = { date: "2026-12-12", available_quantity: 5, is_available: true, departures: [started, morning, sunset] }
  const full: AvailabilityDate = {
    date: "2026-12-13",
    available_quantity: 0,
    is_available: false,
    reason: "SOLD_OUT",
    departures: [dep("16:30", "2026-12-13T16:30:00+10:00", "2026-12-13T18:00:00+10:00", 0, "SOLD_OUT")],
  }

  it("reads the shop's local time from the instant's own offset, whatever the browser's zone", () => {
    expect(wallClock("2027-03-28T07:00:00+02:00")).toEqual({ date: "2027-03-28", time: "07:00", offset: "+02:00" })
    expect(formatSpan(sunset, "en-AU")).toBe("16:30–18:00")
    // The date as every date of the widget is said ("Sat 12 Dec 2026"; Node's ICU may put a comma after the weekday).
    expect(describeDepartures([{ date: "2026-12-12", ...sunset }], "en-AU")).toBe(`${describeDates(["2026-12-12"], "en-AU")}, 16:30–18:00`)
    // Across midnight: the end's date; across the autumn change (Berlin, 2027-10-31): both offsets.
    expect(formatSpan({ starts_at: "2026-12-12T23:30:00+10:00", ends_at: "2026-12-13T00:30:00+10:00" }, "en-AU")).toBe(
      `23:30–${formatDate("2026-12-13", "en-AU", { weekday: "short", day: "numeric", month: "short" })}, 00:30`
    )
    expect(formatSpan({ starts_at: "2027-10-31T02:30:00+02:00", ends_at: "2027-10-31T02:30:00+01:00" }, "en-GB")).toBe("02:30 (UTC+02:00)–02:30 (UTC+01:00)")
  })

  it("says a date's departures in words: how many, from when, the most places", () => {
    expect(availabilityText(saturday, 1, "en-AU")).toBe("1 departure at 07:00, up to 5 places")
    expect(availabilityText(full, 1, "en-AU")).toBe("sold out")
    expect(bookingPhrase(2, { one: "seat", other: "seats" }, 1, DEPARTURE)).toBe("2 seats × 1 departure")
  })

  it("goes date → time → details; a sold-out departure is the waitlist request, never the hold", () => {
    const s = stateWith([saturday, full], { mode: "DEPARTURE", email: "d@example.com" })
    expect(stepOf(s)).toBe("date")
    s.selected = ["2026-12-12"]
    expect(stepOf(s)).toBe("time")
    expect(maxQuantity(s)).toBe(5)
    s.times = [timeChoice("2026-12-12", morning)]
    expect(stepOf(s)).toBe("details")
    expect(selectionProblem(s)).toBeNull()
    expect(holdTarget(s)).toEqual({ departures: [{ date: "2026-12-12", start_time: "07:00" }] })
    // A sold-out date lists its departures too, to wait for one.
    Object.assign(s, { selected: [], times: [], waitlistDates: ["2026-12-13"] })
    expect(stepOf(s)).toBe("time")
    expect(waiting(s)).toBe(false)
    expect(waitlistProblem(s)).toMatch(/sold-out departure/)
    s.waitlistTimes = [timeChoice("2026-12-13", full.departures![0])]
    expect(waiting(s)).toBe(true)
    expect(stepOf(s)).toBe("details")
    expect(selectionProblem(s)).toMatch(/join its waitlist/)
    expect(waitlistProblem(s)).toBeNull()
    expect(waitlistTarget(s)).toEqual({ departures: [{ date: "2026-12-13", start_time: "16:30" }] })
  })

  it("does not apply the rules of days to a departure, and says its notice", () => {
    const s = stateWith([saturday], { mode: "DEPARTURE", rules: { min_dates: 2, consecutive: true, min_notice_minutes: 120 }, selected: ["2026-12-12"], email: "d@example.com" })
    s.times = [timeChoice("2026-12-12", morning)]
    expect(selectionProblem(s)).toBeNull()
    expect(rulesText(s.rules, "DEPARTURE")).toBe("Booking rules: bookings close 2 hours before the start.")
    expect(rulesText(s.rules)).toMatch(/at least 2 dates; consecutive days/)
  })
})
