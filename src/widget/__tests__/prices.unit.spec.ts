import { AvailabilityDate, pricingQuery } from "../api"
import { initialState, isFromPrice, selectionTotal, sumPrices, WidgetState } from "../state"
import { formatMoney, priceText } from "../text"

const aud = (amount: number) => ({ amount, currency_code: "aud" })

function dayState(dates: AvailabilityDate[], selected: string[]): WidgetState {
  const s = initialState("2027-01")
  for (const d of dates) s.availability.set(d.date, d)
  s.selected = selected
  return s
}

describe("widget prices", () => {
  it("formats major units in the shop's currency with the customer's locale", () => {
    expect(formatMoney(130, "aud", "en-AU")).toBe("$130.00")
    expect(formatMoney(130, "aud", "en-US")).toBe("A$130.00")
    expect(formatMoney(1234.5, "eur", "de-DE")).toBe("1.234,50\u00a0€")
    expect(formatMoney(500, "jpy", "en-US")).toBe("¥500")
    expect(formatMoney(12, "not a currency", "en-US")).toBe("12 NOT A CURRENCY")
  })

  it("says a date with several open departures costs 'from' its lowest price", () => {
    const dep = (start_time: string, is_available = true) => ({ start_time, starts_at: "", ends_at: "", available_quantity: 5, is_available, price: aud(95) })
    const two: AvailabilityDate = { date: "2027-01-09", available_quantity: 5, is_available: true, price: aud(95), departures: [dep("07:00"), dep("16:30")] }
    const oneLeft: AvailabilityDate = { ...two, departures: [dep("07:00"), dep("16:30", false)] }
    expect(isFromPrice(two)).toBe(true)
    expect(isFromPrice(oneLeft)).toBe(false)
    expect(isFromPrice({ date: "2027-01-09", available_quantity: 5, is_available: true, price: aud(95) })).toBe(false)
    expect(priceText(two.price, "en-US", isFromPrice(two))).toBe("from A$95.00")
    expect(priceText(oneLeft.price, "en-US", isFromPrice(oneLeft))).toBe("A$95.00")
    expect(priceText(null, "en-US")).toBe("")
  })

  it("totals the chosen dates from the server's prices (a weekend date costs its own), in cents", () => {
    const s = dayState(
      [
        { date: "2027-01-08", available_quantity: 9, is_available: true, price: aud(200) },
        { date: "2027-01-09", available_quantity: 9, is_available: true, price: aud(260) },
        { date: "2027-01-10", available_quantity: 9, is_available: true, price: aud(0.1) },
        { date: "2027-01-11", available_quantity: 9, is_available: true, price: aud(0.2) },
      ],
      ["2027-01-08", "2027-01-09"]
    )
    expect(selectionTotal(s)).toEqual(aud(460))
    s.selected = ["2027-01-10", "2027-01-11"]
    expect(selectionTotal(s)).toEqual(aud(0.3))
    s.selected = []
    expect(selectionTotal(s)).toBeNull()
  })

  it("has no total while a price is missing or the currencies differ", () => {
    const s = dayState(
      [
        { date: "2027-01-08", available_quantity: 9, is_available: true, price: aud(200) },
        { date: "2027-01-09", available_quantity: 9, is_available: true, price: null },
      ],
      ["2027-01-08", "2027-01-09"]
    )
    expect(selectionTotal(s)).toBeNull()
    expect(sumPrices([aud(1), { amount: 1, currency_code: "eur" }])).toBeNull()
  })

  it("totals a departure and an appointment with their own prices", () => {
    const s = initialState("2027-01")
    s.mode = "DEPARTURE"
    const dep = (start_time: string, amount: number) => ({ start_time, starts_at: "", ends_at: "", available_quantity: 5, is_available: true, price: aud(amount) })
    s.availability.set("2027-01-09", { date: "2027-01-09", available_quantity: 5, is_available: true, price: aud(95), departures: [dep("07:00", 95), dep("16:30", 140)] })
    s.selected = ["2027-01-09"]
    s.times = [{ date: "2027-01-09", start_time: "16:30" }]
    expect(selectionTotal(s)).toEqual(aud(140))

    const a = initialState("2027-01")
    a.mode = "APPOINTMENT"
    a.duration = 120
    a.selected = ["2027-01-09"]
    a.slots = {
      date: "2027-01-09",
      duration: 120,
      quantity: 1,
      list: [
        { start_time: "09:00", starts_at: "", ends_at: "", available_units: 1, price: aud(80) },
        { start_time: "10:00", starts_at: "", ends_at: "", available_units: 1, price: aud(90) },
      ],
    }
    a.times = [{ date: "2027-01-09", start_time: "10:00", duration_minutes: 120 }]
    expect(selectionTotal(a)).toEqual(aud(90))
    a.duration = 60 // slots of another duration: not this choice's price
    expect(selectionTotal(a)).toBeNull()
  })

  it("asks for the region's prices, else the currency's, never both", () => {
    expect(pricingQuery({ region_id: "reg_1", currency_code: "aud" })).toEqual({ region_id: "reg_1" })
    expect(pricingQuery({ currency_code: "AUD" })).toEqual({ currency_code: "aud" })
    expect(pricingQuery({})).toEqual({})
  })
})
