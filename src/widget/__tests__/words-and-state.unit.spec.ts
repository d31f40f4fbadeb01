import { AvailabilityDate } from "../api"
import { holdTarget, initialState, maxQuantity, selectionProblem, stepOf, toggleDate, waitlistProblem, waitlistRequest, WidgetState } from "../state"
import { bookingPhrase, count, pluralOf, unitNoun } from "../text"

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
    expect(selectionProblem(s)).toBe("Choose a time.")
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
