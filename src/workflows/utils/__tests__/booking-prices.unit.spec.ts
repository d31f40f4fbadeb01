import { bookingPriceContext, matchPrice } from "../booking-prices"
import { rateListOf } from "../resource-rates"

/**
 * The in-memory match of booking prices follows Medusa's calculatePrices
 * (docs/PRICING.md "Which price applies"); the HTTP spec compares it with
 * Medusa's own call date by date. These pin the rules themselves.
 */
const list = (id: string, type = "override") => ({
  id,
  status: "active",
  type,
  price_list_rules: [{ attribute: "resource_booking_rate", value: ["true"] }],
})
let n = 0
/** The prices a rate makes, as the Pricing Module stores them (rules with operator and string value). */
function pricesOf(rate: Parameters<typeof rateListOf>[1], type = "override") {
  const data = rateListOf("variant_1", rate)
  const priceList = list(`plist_${++n}`, type)
  return data.prices.map((p) => ({
    id: `price_${++n}`,
    amount: p.amount,
    currency_code: p.currency_code,
    price_list_id: priceList.id,
    price_list: priceList,
    price_rules: Object.entries(p.rules).flatMap(([attribute, rules]) => rules.map((r) => ({ attribute, operator: r.operator, value: String(r.value) }))),
  }))
}
const base = [
  { id: "base_eur", amount: 100, currency_code: "eur", price_rules: [] },
  { id: "base_usd", amount: 120, currency_code: "usd", price_rules: [] },
  { id: "region_eur", amount: 90, currency_code: "eur", price_rules: [{ attribute: "region_id", operator: "eq", value: "reg_1" }] },
]
const prices = [
  ...base,
  ...pricesOf({ prices: [{ currency_code: "eur", amount: 150 }], season: { from: "2027-07-01", to: "2027-08-31" } }),
  ...pricesOf({ prices: [{ currency_code: "eur", amount: 130 }], weekdays: [0, 6] }),
  ...pricesOf({ prices: [{ currency_code: "eur", amount: 170 }], season: { from: "2027-07-01", to: "2027-08-31" }, weekdays: [6] }),
  ...pricesOf({ prices: [{ currency_code: "eur", amount: 120 }], start_time: "18:30" }),
  ...pricesOf({ prices: [{ currency_code: "eur", amount: 110 }], duration_minutes: 120 }),
]
const amount = (key: Parameters<typeof bookingPriceContext>[0], target: { currency_code: string; region_id?: string } = { currency_code: "eur" }) =>
  matchPrice(prices as any, bookingPriceContext(key, target))?.amount ?? null

describe("matchPrice (Medusa's rules, many contexts)", () => {
  it("base price off season on a weekday; the region's price with its region; none in a currency without prices", () => {
    expect(amount({ date: "2027-06-30" })).toBe(100) // Wednesday
    expect(amount({ date: "2027-06-30" }, { currency_code: "eur", region_id: "reg_1" })).toBe(90)
    expect(amount({ date: "2027-06-30" }, { currency_code: "usd" })).toBe(120)
    expect(amount({ date: "2027-06-30" }, { currency_code: "gbp" })).toBeNull()
  })
  it("season bounds are inclusive; weekend; season beats weekend (more rules); season + Saturday beats both", () => {
    expect(amount({ date: "2027-07-01" })).toBe(150)
    expect(amount({ date: "2027-08-31" })).toBe(150)
    expect(amount({ date: "2027-09-01" })).toBe(100)
    expect(amount({ date: "2027-06-26" })).toBe(130) // Saturday off season
    expect(amount({ date: "2027-07-04" })).toBe(150) // Sunday in season: 2 rules > 1
    expect(amount({ date: "2027-07-03" })).toBe(170) // Saturday in season: 3 rules
  })
  it("start time and duration rates match only their start or duration; a tie goes to the lower amount", () => {
    expect(amount({ date: "2027-06-30", start_time: "18:30" })).toBe(120)
    expect(amount({ date: "2027-06-30", start_time: "09:00" })).toBe(100)
    expect(amount({ date: "2027-06-30", start_time: "10:00", duration_minutes: 120 })).toBe(110)
    expect(amount({ date: "2027-06-30", start_time: "18:30", duration_minutes: 120 })).toBe(110) // 1 rule each: lower amount
    expect(amount({ date: "2027-06-26", start_time: "18:30" })).toBe(120) // weekend 130 vs sunset 120: lower
  })
  it("a rate list never applies without the booking context, nor an ended list", () => {
    const plain = { currency_code: "eur", booking_weekday: 6 }
    expect(matchPrice(prices as any, plain)?.amount).toBe(100)
    const ended = pricesOf({ prices: [{ currency_code: "eur", amount: 1 }], weekdays: [3] }).map((p) => ({
      ...p,
      price_list: { ...p.price_list, ends_at: "2020-01-01T00:00:00Z" },
    }))
    expect(matchPrice([...prices, ...ended] as any, bookingPriceContext({ date: "2027-06-30" }, { currency_code: "eur" }))?.amount).toBe(100)
  })
  it("a sale list applies only when lower than the base price", () => {
    const sale = pricesOf({ prices: [{ currency_code: "eur", amount: 105 }], weekdays: [3] }, "sale")
    expect(matchPrice([...base, ...sale] as any, bookingPriceContext({ date: "2027-06-30" }, { currency_code: "eur" }))?.amount).toBe(100)
  })
})
