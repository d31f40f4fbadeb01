import { CHANNEL_HEADER, Slot, StoreClient } from "../api"
import { describeDepartures } from "../dates"
import {
  appointmentDurations,
  durationText,
  heldDepartures,
  holdTarget,
  initialState,
  maxQuantity,
  quantityScope,
  selectionProblem,
  slotChoice,
  slotsLoaded,
  slotsOn,
  stepOf,
  WidgetState,
} from "../state"
import { availabilityText } from "../text"

const slot = (start_time: string, starts_at: string, ends_at: string, available_units: number): Slot => ({ start_time, starts_at, ends_at, available_units })

function appointmentState(patch: Partial<WidgetState> = {}): WidgetState {
  const s = initialState("2027-03")
  s.availability.set("2027-03-10", { date: "2027-03-10", available_quantity: 6, is_available: true })
  return Object.assign(s, { mode: "APPOINTMENT", durations: [60, 120], duration: 60, ...patch })
}

describe("widget appointments", () => {
  it("offers the durations every resource allows: on each grid, within each one's bounds (defaults 15 min .. 8 h)", () => {
    // The demo's guide: 30-minute grid, 1 to 4 hours.
    expect(appointmentDurations([{ slot_minutes: 30, min_duration_minutes: 60, max_duration_minutes: 240 }])).toEqual([60, 90, 120, 150, 180, 210, 240])
    // A room on a 20-minute grid with a guide on a 30-minute one: durations on both grids.
    expect(
      appointmentDurations([
        { slot_minutes: 20, min_duration_minutes: 40, max_duration_minutes: 240 },
        { slot_minutes: 30, min_duration_minutes: 60, max_duration_minutes: 180 },
      ])
    ).toEqual([60, 120, 180])
    // One duration: nothing to choose.
    expect(appointmentDurations([{ slot_minutes: 60, min_duration_minutes: 120, max_duration_minutes: 120 }])).toEqual([120])
    expect(appointmentDurations([{}]).slice(0, 3)).toEqual([15, 30, 45])
    expect(appointmentDurations([{}]).pop()).toBe(480)
    expect(appointmentDurations([])).toEqual([])
  })

  it("says a duration in words", () => {
    expect([45, 60, 90, 120, 61].map(durationText)).toEqual(["45 minutes", "1 hour", "1 hour 30 minutes", "2 hours", "1 hour 1 minute"])
  })

  it("goes date → time → details, holds { date, start_time, duration_minutes }, and says what is missing", () => {
    const s = appointmentState({ email: "" })
    expect(stepOf(s)).toBe("date")
    expect(selectionProblem(s)).toBe("Choose a date.")
    s.selected = ["2027-03-10"]
    expect(stepOf(s)).toBe("time")
    expect(selectionProblem(s)).toBe("Choose a start time.")
    s.times = [slotChoice("2027-03-10", 120, slot("10:00", "2027-03-10T10:00:00+10:00", "2027-03-10T12:00:00+10:00", 3))]
    expect(stepOf(s)).toBe("details")
    expect(selectionProblem(s)).toBe("Enter your email address to hold this time.")
    s.email = "ann@example.com"
    expect(selectionProblem(s)).toBeNull()
    expect(holdTarget(s)).toEqual({ appointment: { date: "2027-03-10", start_time: "10:00", duration_minutes: 120 } })
  })

  it("uses the slots of the chosen date only for the duration and quantity they were loaded for; caps the quantity at the chosen start's free units", () => {
    const list = [slot("10:00", "2027-03-10T10:00:00+10:00", "2027-03-10T11:00:00+10:00", 2), slot("11:00", "2027-03-10T11:00:00+10:00", "2027-03-10T12:00:00+10:00", 6)]
    const s = appointmentState({ selected: ["2027-03-10"], slots: { date: "2027-03-10", duration: 60, quantity: 1, list } })
    expect(slotsLoaded(s, "2027-03-10")).toBe(true)
    expect(slotsOn(s, "2027-03-10")).toHaveLength(2)
    expect(maxQuantity(s)).toBe(6) // no start chosen: the date's best
    expect(quantityScope(s)).toBe("at one time of this date")
    s.times = [slotChoice("2027-03-10", 60, list[0])]
    expect(maxQuantity(s)).toBe(2)
    expect(quantityScope(s)).toBe("at this time")
    s.duration = 120
    expect(slotsLoaded(s, "2027-03-10")).toBe(false)
    expect(slotsOn(s, "2027-03-10")).toEqual([])
    s.duration = 60
    s.quantity = 2
    expect(slotsOn(s, "2027-03-10")).toEqual([])
    expect(slotsOn(s, "2027-03-11")).toEqual([])
  })

  it("describes the held appointment from the hold's instants (the shop's wall clock, across the spring change in Berlin)", () => {
    const s = appointmentState()
    s.holds = [
      {
        id: "rhold_1",
        resource_id: "res_1",
        dates: ["2027-03-28"],
        quantity: 1,
        status: "ACTIVE",
        expires_at: "2027-03-20T10:00:00Z",
        appointment: { date: "2027-03-28", start_time: "01:00", duration_minutes: 120 },
        starts_at: "2027-03-28T01:00:00+01:00",
        ends_at: "2027-03-28T04:00:00+02:00",
      },
    ]
    const held = heldDepartures(s)
    expect(held).toEqual([{ date: "2027-03-28", start_time: "01:00", starts_at: "2027-03-28T01:00:00+01:00", ends_at: "2027-03-28T04:00:00+02:00" }])
    expect(describeDepartures(held, "en-GB")).toMatch(/28 Mar 2027, 01:00 \(UTC\+01:00\)–04:00 \(UTC\+02:00\)$/)
  })

  it("a calendar date of an appointment variant says it has free times, not a count of days", () => {
    expect(availabilityText({ date: "2027-03-10", available_quantity: 6, is_available: true }, 1, "en", "APPOINTMENT")).toBe("times free, up to 6 at once")
    expect(availabilityText({ date: "2027-03-10", available_quantity: 1, is_available: true }, 1, "en", "APPOINTMENT")).toBe("times free")
    expect(availabilityText({ date: "2027-03-10", available_quantity: 0, is_available: false, reason: "SOLD_OUT" }, 1, "en", "APPOINTMENT")).toBe("sold out")
  })
})

describe("widget store client", () => {
  const realFetch = global.fetch
  afterEach(() => {
    global.fetch = realFetch
  })

  it("says it is the widget on every store request (x-resource-booking-channel: widget), with the publishable key", async () => {
    const seen: Record<string, string>[] = []
    global.fetch = (async (_url: string, init: RequestInit) => {
      seen.push(init.headers as Record<string, string>)
      return { ok: true, status: 200, json: async () => ({ resource_hold: { id: "rhold_1" }, slots: { dates: [] } }) }
    }) as any
    const client = new StoreClient("http://shop.test/", "pk_1")
    await client.createHold({ resource_id: "res_1", quantity: 1, customer_email: "a@example.com", idempotency_token: "t" })
    await client.variantSlots("variant_1", "2027-03-10", "2027-03-10", 60, 1)
    await client.extendHold("rhold_1")
    expect(seen).toHaveLength(3)
    for (const headers of seen) {
      expect(headers["x-resource-booking-channel"]).toBe("widget")
      expect(headers["x-publishable-api-key"]).toBe("pk_1")
    }
    expect(CHANNEL_HEADER).toEqual({ "x-resource-booking-channel": "widget" })
  })
})
