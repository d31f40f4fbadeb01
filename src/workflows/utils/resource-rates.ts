import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { BOOKING_PRICE_ATTRIBUTES as A, dateNumber, timeNumber } from "./booking-prices"

/**
 * A variant's booking rates (docs/PRICING.md): each is one Medusa price list
 * (type override, list rule `resource_booking_rate`), named for its variant by
 * its description (`rateDescriptionOf`), whose prices sit on a price set of
 * its own, one per currency (× per weekday), with price rules on the
 * booking's date (gte / lte, the season), weekday, start time, duration.
 * Not on the variant's price set: Medusa's product editor rewrites that set
 * and the Pricing Module then drops every price of it the editor did not send,
 * price-list prices included.
 */
export type RateInput = {
  title?: string
  prices: { currency_code: string; amount: number }[]
  season?: { from: string; to: string } | null
  weekdays?: number[] | null
  start_time?: string | null
  duration_minutes?: number | null
}

export type RateDTO = {
  id: string
  object: "resource_rate"
  variant_id: string
  title: string
  prices: { currency_code: string; amount: number }[]
  season: { from: string; to: string } | null
  weekdays: number[] | null
  start_time: string | null
  duration_minutes: number | null
  created_at: string | Date | null
  updated_at: string | Date | null
}

type Container = { resolve: (key: string) => any }

/** The title a rate gets when it has none: its conditions in words. */
export function rateTitleOf(rate: RateInput): string {
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  const parts = [
    rate.season ? `${rate.season.from} – ${rate.season.to}` : null,
    rate.weekdays?.length ? [...rate.weekdays].sort().map((d) => days[d]).join(", ") : null,
    rate.start_time ? `at ${rate.start_time}` : null,
    rate.duration_minutes ? `${rate.duration_minutes} min` : null,
  ].filter(Boolean)
  return `Rate ${parts.join(", ")}`
}

/** The price rules of one price of a rate (one weekday, or none). */
function priceRulesOf(rate: RateInput, weekday: number | null) {
  const rules: Record<string, { operator: string; value: number }[]> = {}
  if (rate.season) {
    rules[A.date] = [
      { operator: "gte", value: dateNumber(rate.season.from) },
      { operator: "lte", value: dateNumber(rate.season.to) },
    ]
  }
  if (weekday !== null) rules[A.weekday] = [{ operator: "eq", value: weekday }]
  if (rate.start_time) rules[A.start_time] = [{ operator: "eq", value: timeNumber(rate.start_time) }]
  if (rate.duration_minutes) rules[A.duration] = [{ operator: "eq", value: rate.duration_minutes }]
  return rules
}

/** The prices of a rate for Medusa's price-list workflows (`variant_id` names the price set). */
export function ratePricesOf(variantId: string, rate: RateInput) {
  const weekdays: (number | null)[] = rate.weekdays?.length ? [...rate.weekdays].sort() : [null]
  return rate.prices.flatMap((price) =>
    weekdays.map((weekday) => ({
      variant_id: variantId,
      currency_code: price.currency_code.toLowerCase(),
      amount: price.amount,
      rules: priceRulesOf(rate, weekday),
    }))
  )
}

/** What names a rate's variant: its price list's description (exact; Medusa's price-list page shows it). */
export const rateDescriptionOf = (variantId: string) => `Booking rate of product variant ${variantId} (resource booking)`

/** The price list a new rate is. */
export function rateListOf(variantId: string, rate: RateInput) {
  return {
    title: rate.title ?? rateTitleOf(rate),
    description: rateDescriptionOf(variantId),
    type: "override",
    status: "active",
    rules: { [A.rate]: ["true"] },
    prices: ratePricesOf(variantId, rate),
  }
}

const hhmm = (n: number) => `${String(Math.floor(n / 100)).padStart(2, "0")}:${String(n % 100).padStart(2, "0")}`
const ymd = (n: number) => {
  const s = String(n)
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`
}

/** A rate as the admin API answers it, from its price list and its prices. */
function rateOf(variantId: string, list: any, prices: any[]): RateDTO {
  const rule = (price: any, attribute: string, operator = "eq") =>
    (price.price_rules ?? []).find((r: any) => r.attribute === attribute && (r.operator ?? "eq") === operator)
  const first = prices[0]
  const from = rule(first, A.date, "gte")
  const to = rule(first, A.date, "lte")
  const weekdays = [...new Set(prices.map((p) => rule(p, A.weekday)).filter(Boolean).map((r: any) => Number(r.value)))].sort()
  const start = rule(first, A.start_time)
  const duration = rule(first, A.duration)
  const amounts = new Map<string, number>()
  for (const price of prices) if (!amounts.has(price.currency_code)) amounts.set(price.currency_code, Number(price.amount))
  return {
    id: list.id,
    object: "resource_rate",
    variant_id: variantId,
    title: list.title,
    prices: [...amounts].map(([currency_code, amount]) => ({ currency_code, amount })).sort((a, b) => (a.currency_code < b.currency_code ? -1 : 1)),
    season: from && to ? { from: ymd(Number(from.value)), to: ymd(Number(to.value)) } : null,
    weekdays: weekdays.length ? weekdays : null,
    start_time: start ? hhmm(Number(start.value)) : null,
    duration_minutes: duration ? Number(duration.value) : null,
    created_at: list.created_at ?? null,
    updated_at: list.updated_at ?? null,
  }
}

/**
 * A variant's prices: those of its own price set (the base prices) and those
 * of its rates (price lists named for it), with their rules and lists, in one
 * pricing read. 404 when the variant does not exist.
 */
export async function listVariantPrices(
  container: Container,
  variantId: string,
  filters: { currency_code?: string } = {}
): Promise<{ price_set_id: string | null; prices: any[] }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const pricing = container.resolve(Modules.PRICING)
  const [{ data }, lists] = await Promise.all([
    query.graph({ entity: "product_variant", fields: ["id", "price_set.id"], filters: { id: variantId } }),
    pricing.listPriceLists({ description: rateDescriptionOf(variantId) }, { select: ["id"], take: null }),
  ])
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant with id: ${variantId} was not found`)
  const priceSetId: string | null = data[0].price_set?.id ?? null
  const or = [
    ...(priceSetId ? [{ price_set_id: [priceSetId], price_list_id: null }] : []),
    ...(lists.length ? [{ price_list_id: lists.map((l: any) => l.id) }] : []),
  ]
  if (!or.length) return { price_set_id: priceSetId, prices: [] }
  const prices = await pricing.listPrices(
    { $or: or, ...(filters.currency_code ? { currency_code: filters.currency_code } : {}) },
    { relations: ["price_rules", "price_list", "price_list.price_list_rules"], take: null }
  )
  return { price_set_id: priceSetId, prices }
}

/** A variant's rates and base prices. 404 when the variant does not exist. */
export async function listVariantRates(
  container: Container,
  variantId: string
): Promise<{
  rates: (RateDTO & { price_ids: string[]; price_set_id: string })[]
  base_prices: { currency_code: string; amount: number }[]
}> {
  const { prices } = await listVariantPrices(container, variantId)
  const byList = new Map<string, { list: any; prices: any[] }>()
  const base: { currency_code: string; amount: number }[] = []
  for (const price of prices as any[]) {
    const list = price.price_list
    if (!price.price_list_id) {
      if (!(price.price_rules ?? []).length) base.push({ currency_code: price.currency_code, amount: Number(price.amount) })
      continue
    }
    if (!list || list.deleted_at || !(list.price_list_rules ?? []).some((r: any) => r.attribute === A.rate)) continue
    const entry = byList.get(list.id) ?? { list, prices: [] }
    entry.prices.push(price)
    byList.set(list.id, entry)
  }
  const rates = [...byList.values()]
    .map(({ list, prices }) => ({ ...rateOf(variantId, list, prices), price_ids: prices.map((p) => p.id), price_set_id: prices[0].price_set_id }))
    .sort((a, b) => (String(a.created_at) < String(b.created_at) ? -1 : String(a.created_at) > String(b.created_at) ? 1 : a.id < b.id ? -1 : 1))
  return { rates, base_prices: base.sort((a, b) => (a.currency_code < b.currency_code ? -1 : 1)) }
}

/** One rate of a variant; 404 when the variant has no such rate. */
export async function retrieveVariantRate(container: Container, variantId: string, rateId: string) {
  const { rates } = await listVariantRates(container, variantId)
  const rate = rates.find((r) => r.id === rateId)
  if (!rate) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Rate with id: ${rateId} of product variant ${variantId} was not found`)
  return rate
}

/** A rate without its internal price ids, as routes answer it. */
export function publicRate({ price_ids, price_set_id, ...rate }: RateDTO & { price_ids?: string[]; price_set_id?: string }): RateDTO {
  return rate
}
