import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { bookingHoldIdsOf } from "./booking-line-items"
import { listVariantPrices } from "./resource-rates"

/**
 * Prices of bookings by date and time (docs/PRICING.md). Rates are Medusa
 * price lists (type override) whose prices (on a price set of each rate's
 * own) carry price rules on the booking's attributes; the list itself carries the
 * rule `resource_booking_rate`, which only the booking context below has, so a
 * rate never applies in Medusa's own product or cart pricing.
 *
 * Medusa's `calculatePrices` takes ONE context per call; a 90-day calendar has
 * 90. So a request reads the variant's base and rate prices and their rules once
 * (`loadVariantPricing`) and matches each date's context in memory with the
 * rules of `PricingRepository.calculatePrices` (`matchPrice`): a price applies
 * when all its rules match; price-list prices come first, then the price with
 * more rules (list rules included), then the lower amount; an override list's
 * price replaces the base price, a sale list's price applies when lower. The
 * HTTP tests compare this with `calculatePrices` date by date.
 */

/** The context attributes of a booking (price rule attributes). */
export const BOOKING_PRICE_ATTRIBUTES = {
  date: "booking_date",
  weekday: "booking_weekday",
  start_time: "booking_start_time",
  duration: "booking_duration_minutes",
  rate: "resource_booking_rate",
} as const

/** One priced unit of a booking: a date, a departure, an appointment. */
export type BookingPriceKey = { date: string; start_time?: string | null; duration_minutes?: number | null }

/** Where prices are read: a currency, and a region when the request (or the cart) has one. */
export type PricingTarget = { currency_code: string; region_id?: string | null }

type PriceRow = {
  id: string
  amount: number | string
  raw_amount?: { value: string } | null
  currency_code: string
  min_quantity?: number | string | null
  price_list_id?: string | null
  price_rules?: { attribute: string; operator?: string | null; value: string }[]
  price_list?: {
    id: string
    status: string
    type: string
    starts_at?: Date | string | null
    ends_at?: Date | string | null
    deleted_at?: Date | string | null
    price_list_rules?: { attribute: string; value: unknown }[]
  } | null
}

export type VariantPricing = { variant_id: string; target: PricingTarget; prices: PriceRow[] }

/** Number YYYYMMDD of a date (season rules compare it with gte / lte). */
export const dateNumber = (date: string) => Number(date.replace(/-/g, ""))
/** Number HHMM of a local time (departure and appointment start rules). */
export const timeNumber = (time: string) => Number(time.replace(":", ""))
/** 0 (Sunday) … 6, the weekday of a calendar date (the date itself, no time zone involved). */
export const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay()

/** The pricing context of one priced unit (what Medusa's price rules match). */
export function bookingPriceContext(key: BookingPriceKey, target: PricingTarget): Record<string, string | number> {
  const A = BOOKING_PRICE_ATTRIBUTES
  return {
    currency_code: target.currency_code,
    ...(target.region_id ? { region_id: target.region_id } : {}),
    [A.rate]: "true",
    [A.date]: dateNumber(key.date),
    [A.weekday]: weekdayOf(key.date),
    ...(key.start_time ? { [A.start_time]: timeNumber(key.start_time) } : {}),
    ...(key.duration_minutes ? { [A.duration]: key.duration_minutes } : {}),
  }
}

function ruleMatches(rule: { operator?: string | null; value: string }, value: string | number | undefined): boolean {
  if (value === undefined || value === null || value === "") return false
  if (typeof value !== "number") return rule.value === value
  const bound = Number(rule.value)
  switch (rule.operator ?? "eq") {
    case "eq":
      return rule.value === String(value)
    case "gt":
      return value > bound
    case "gte":
      return value >= bound
    case "lt":
      return value < bound
    case "lte":
      return value <= bound
    default:
      return false
  }
}

function listRuleMatches(rule: { value: unknown }, value: string | number | undefined): boolean {
  if (value === undefined) return false
  const values = Array.isArray(rule.value) ? rule.value : [rule.value]
  return values.some((v) => JSON.stringify(v) === JSON.stringify(value))
}

/** The price Medusa's `calculatePrices` would pick for this context among `prices` (see the file's comment). */
export function matchPrice(prices: PriceRow[], context: Record<string, string | number>, now = Date.now()): PriceRow | null {
  const currency = String(context.currency_code).toLowerCase()
  const candidates: { price: PriceRow; rules: number; list: boolean }[] = []
  for (const price of prices) {
    if (price.currency_code.toLowerCase() !== currency) continue
    if (price.min_quantity !== null && price.min_quantity !== undefined && Number(price.min_quantity) > 1) continue
    const list = price.price_list
    let listRules = 0
    if (price.price_list_id) {
      if (!list || list.status !== "active" || list.deleted_at) continue
      if (list.starts_at && new Date(list.starts_at).getTime() > now) continue
      if (list.ends_at && new Date(list.ends_at).getTime() < now) continue
      const rules = list.price_list_rules ?? []
      if (!rules.every((rule) => listRuleMatches(rule, context[rule.attribute]))) continue
      listRules = rules.length
    }
    const rules = price.price_rules ?? []
    if (!rules.every((rule) => ruleMatches(rule, context[rule.attribute]))) continue
    candidates.push({ price, rules: rules.length + listRules, list: !!price.price_list_id })
  }
  candidates.sort((a, b) => {
    if (a.list !== b.list) return a.list ? -1 : 1
    if (a.rules !== b.rules) return b.rules - a.rules
    return MathBN.lt(a.price.amount, b.price.amount) ? -1 : MathBN.gt(a.price.amount, b.price.amount) ? 1 : 0
  })
  const listPrice = candidates.find((c) => c.list)?.price
  const basePrice = candidates.find((c) => !c.list)?.price ?? null
  if (!listPrice) return basePrice
  if (listPrice.price_list?.type === "sale" && basePrice && MathBN.gt(listPrice.amount, basePrice.amount)) return basePrice
  return listPrice
}

type Container = { resolve: (key: string) => any }

/**
 * The currency and region of a store read: the region's currency when
 * `region_id` is given, else `currency_code`, else the store's default
 * currency. 400 naming the field for an unknown region.
 */
export async function resolvePricingTarget(
  container: Container,
  input: { region_id?: string | null; currency_code?: string | null }
): Promise<PricingTarget | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  if (input.region_id) {
    const { data } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: input.region_id } })
    if (!data[0]) throw new MedusaError(MedusaError.Types.INVALID_DATA, `region_id ${input.region_id} is not a region`)
    return { currency_code: String(data[0].currency_code).toLowerCase(), region_id: data[0].id }
  }
  if (input.currency_code) return { currency_code: input.currency_code.toLowerCase() }
  const { data } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
  const currencies = (data[0]?.supported_currencies ?? []).filter(Boolean)
  const currency = (currencies.find((c: any) => c.is_default) ?? currencies[0])?.currency_code
  return currency ? { currency_code: String(currency).toLowerCase() } : null
}

/**
 * Every price of a variant, base prices and rates (`listVariantPrices`), with
 * their rules and their lists' rules: one read for a whole request (never one
 * per date). Null when the variant has no price set.
 */
export async function loadVariantPricing(container: Container, variantId: string, target: PricingTarget): Promise<VariantPricing | null> {
  const { price_set_id, prices } = await listVariantPrices(container, variantId, { currency_code: target.currency_code })
  if (!price_set_id) return null
  return { variant_id: variantId, target, prices }
}

/** The price of one unit of one key (date, departure, appointment), or null when the variant has none in the currency. */
export function unitPriceOf(pricing: VariantPricing, key: BookingPriceKey): number | null {
  const price = matchPrice(pricing.prices, bookingPriceContext(key, pricing.target))
  return price ? MathBN.convert(price.raw_amount?.value ?? price.amount).toNumber() : null
}

/** `{ amount, currency_code }` for `quantity` units of one key; null when there is no price. */
export function priceField(pricing: VariantPricing | null, key: BookingPriceKey, quantity: number) {
  if (!pricing) return null
  const unit = unitPriceOf(pricing, key)
  if (unit === null) return null
  return { amount: MathBN.mult(unit, quantity).toNumber(), currency_code: pricing.target.currency_code }
}

/** The keys a hold prices: its dates, its departures, or its appointment. */
export function bookingPriceKeysOfHold(hold: {
  dates: string[]
  departures?: { date: string; start_time: string }[] | null
  appointment?: { date: string; start_time: string; duration_minutes: number } | null
}): BookingPriceKey[] {
  if (hold.appointment) return [hold.appointment]
  if (hold.departures?.length) return hold.departures.map(({ date, start_time }) => ({ date, start_time }))
  return [...hold.dates].sort().map((date) => ({ date }))
}

/**
 * What one booked unit of these keys costs, summed (a 3-day booking: its three
 * dates' prices). 400 naming the key when the variant has no price for it.
 */
export function bookingUnitTotal(pricing: VariantPricing, keys: BookingPriceKey[]) {
  let total = MathBN.convert(0)
  for (const key of keys) {
    const unit = unitPriceOf(pricing, key)
    if (unit === null) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Variant ${pricing.variant_id} has no price in ${pricing.target.currency_code} for ${key.date}${key.start_time ? ` ${key.start_time}` : ""}`
      )
    }
    total = MathBN.add(total, unit)
  }
  return total
}

/**
 * The unit price of a booking line: its line quantity is q × keys (the
 * contract), so the unit price is the keys' summed price / number of keys,
 * and the line's subtotal is Σ price × q.
 */
export function bookingLineUnitPrice(pricing: VariantPricing, keys: BookingPriceKey[]): number {
  return MathBN.div(bookingUnitTotal(pricing, keys), keys.length).toNumber()
}

/**
 * Completion's price check: every booking line of the cart whose price the
 * server set (`is_custom_price`) is priced again from its holds, in the cart's
 * currency and region; a line whose subtotal is not Σ price × q any more (a
 * rate changed since it was added, or a price set by anything but the booking
 * route) stops completion with 400 naming the line and both amounts. Lines
 * whose holds are gone are left to the line check, which refuses them.
 */
export async function checkBookingLinePrices(
  container: Container,
  cart: { completed_at?: unknown; currency_code?: string | null; region_id?: string | null; items?: any[] | null },
  holdsOf: (holdIds: string[]) => Promise<{ id: string; dates: string[]; departures?: any; appointment?: any }[]>
): Promise<void> {
  const lines = (cart.items ?? []).filter((line) => line?.is_custom_price && line?.variant_id && bookingHoldIdsOfLine(line))
  if (cart.completed_at || !lines.length || !cart.currency_code) return
  const target = { currency_code: String(cart.currency_code).toLowerCase(), region_id: cart.region_id ?? null }
  const holds = await holdsOf(lines.flatMap((line) => bookingHoldIdsOfLine(line)!))
  const pricingOf = new Map<string, VariantPricing | null>()
  for (const line of lines) {
    const hold = holds.find((h) => bookingHoldIdsOfLine(line)!.includes(h.id))
    if (!hold) continue
    if (!pricingOf.has(line.variant_id)) pricingOf.set(line.variant_id, await loadVariantPricing(container, line.variant_id, target))
    const pricing = pricingOf.get(line.variant_id)
    if (!pricing) continue
    const keys = bookingPriceKeysOfHold(hold)
    const expected = MathBN.mult(bookingLineUnitPrice(pricing, keys), line.quantity?.value ?? line.quantity)
    const actual = MathBN.mult(line.raw_unit_price?.value ?? line.unit_price, line.raw_quantity?.value ?? line.quantity)
    if (MathBN.gt(MathBN.abs(MathBN.sub(expected, actual)), 0.000001)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Line item ${line.id} costs ${actual.toNumber()} ${target.currency_code}, but its booking now costs ${expected.toNumber()}: ` +
          `remove it and book again`
      )
    }
  }
}

function bookingHoldIdsOfLine(line: { metadata?: Record<string, unknown> | null }): string[] | undefined {
  const ids = bookingHoldIdsOf(line.metadata)
  return Array.isArray(ids) ? ids : undefined
}
