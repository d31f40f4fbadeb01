import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  BookingPriceKey,
  bookingUnitTotal,
  loadVariantPricing,
  priceField,
  PricingTarget,
  unitPriceOf,
  VariantPricing,
} from "../../workflows/utils/booking-prices"
import type { OctoOptionSource } from "./catalog"
import { addDays } from "./dates"
import { unprocessable } from "./errors"

/**
 * OCTo pricing (capability `octo/pricing`, docs/OCTO.md "Pricing"). Every
 * amount comes from the storefront's price computation
 * (workflows/utils/booking-prices.ts: the variant's base price and its rates,
 * matched per date / departure): one pricing read per option and request,
 * matched in memory. OCTo is priced in the currency of the store's default
 * region, the region the confirmed order is recorded in, so the order's total
 * is the amount the booking answered.
 */

export const PRICING_CAPABILITY = "octo/pricing"

/** Whether the request asked for the pricing capability (`Octo-Capabilities: octo/pricing, …`). */
export function wantsPricing(headers: Record<string, unknown> | undefined): boolean {
  const raw = headers?.["octo-capabilities"]
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : ""
  return value
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .includes(PRICING_CAPABILITY)
}

/** The region (and its currency) OCTo prices in and records orders in: the store's default region, or the oldest one. */
export async function octoPricingTarget(scope: MedusaContainer): Promise<Required<PricingTarget>> {
  const storeModule = scope.resolve(Modules.STORE)
  const regionModule = scope.resolve(Modules.REGION)
  const [store] = await storeModule.listStores({}, { take: 1 })
  let region: any = null
  if ((store as any)?.default_region_id) {
    ;[region] = await regionModule.listRegions({ id: (store as any).default_region_id }, { take: 1 })
  }
  if (!region) [region] = await regionModule.listRegions({}, { take: 1, order: { created_at: "ASC" } })
  if (!region) throw unprocessable("The shop has no region to price and record OCTo bookings in")
  return { currency_code: String(region.currency_code).toLowerCase(), region_id: region.id }
}

/** Each option's pricing (one read per option), in OCTo's currency. */
export async function loadOptionPricing(scope: MedusaContainer, optionIds: string[]): Promise<OctoPricing> {
  const target = await octoPricingTarget(scope)
  const byOption = new Map<string, VariantPricing | null>()
  for (const id of [...new Set(optionIds)]) byOption.set(id, await loadVariantPricing(scope, id, target))
  return { target, byOption }
}

export type OctoPricing = { target: Required<PricingTarget>; byOption: Map<string, VariantPricing | null> }

/** Decimal places of a currency (EUR 2, JPY 0): OCTo amounts are integers in its minor unit. */
export function currencyPrecision(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions()
      .maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** The OCTo Pricing object of an amount (Medusa's decimal amount, tax included as the shop prices it). */
export function octoPricingOf(amount: number, currency: string) {
  const precision = currencyPrecision(currency)
  const minor = Math.round(amount * 10 ** precision)
  return {
    original: minor,
    retail: minor,
    net: null,
    currency: currency.toUpperCase(),
    currencyPrecision: precision,
    includedTaxes: [] as { name: string; retail: number; original: number; net: number | null }[],
  }
}

/** The lowest unit price over these keys, or null when none has a price. */
function lowest(pricing: VariantPricing, keys: BookingPriceKey[]): number | null {
  let low: number | null = null
  for (const key of keys) {
    const unit = unitPriceOf(pricing, key)
    if (unit !== null && (low === null || unit < low)) low = unit
  }
  return low
}

/** How far ahead an option's "from" price looks (its departures' start times on each date). */
const FROM_DAYS = 366

/** Product fields of the capability. */
export function productPricingFields(pricing: OctoPricing) {
  const currency = pricing.target.currency_code.toUpperCase()
  return { defaultCurrency: currency, availableCurrencies: [currency], pricingPer: "UNIT" as const }
}

/** `pricingFrom` of an option and of its unit: the lowest price of one unit from today on, [] when it has none. */
export function optionPricingFrom(pricing: OctoPricing, option: OctoOptionSource, today: string) {
  const variant = pricing.byOption.get(option.id)
  if (!variant) return []
  const keys: BookingPriceKey[] = []
  for (let i = 0; i < FROM_DAYS; i++) {
    const date = addDays(today, i)
    if (option.start_times.length) for (const start_time of option.start_times) keys.push({ date, start_time })
    else keys.push({ date })
  }
  const low = lowest(variant, keys)
  return low === null ? [] : [octoPricingOf(low, pricing.target.currency_code)]
}

/**
 * An availability's `unitPricing` (one unit) and `pricing` (the `quantity`
 * units asked for): the storefront's `price` of that date or departure.
 */
export function availabilityPricingFields(pricing: OctoPricing, optionId: string, key: BookingPriceKey, quantity: number, unitId: string) {
  const variant = pricing.byOption.get(optionId) ?? null
  const one = priceField(variant, key, 1)
  const all = priceField(variant, key, quantity)
  if (!one || !all) return {}
  return {
    unitPricing: [{ unitId, ...octoPricingOf(one.amount, one.currency_code) }],
    pricing: octoPricingOf(all.amount, all.currency_code),
  }
}

/** A calendar date's `unitPricingFrom` / `pricingFrom`: the lowest of its departures (or the date's price). */
export function calendarPricingFields(pricing: OctoPricing, optionId: string, keys: BookingPriceKey[], quantity: number, unitId: string) {
  const variant = pricing.byOption.get(optionId)
  const unit = variant ? lowest(variant, keys) : null
  if (unit === null) return {}
  const currency = pricing.target.currency_code
  return { unitPricingFrom: [{ unitId, ...octoPricingOf(unit, currency) }], pricingFrom: octoPricingOf(unit * quantity, currency) }
}

/** What one unit of a booking of these keys costs (Σ over its dates / departure), the storefront's line computation. */
export function bookingUnitPrice(pricing: OctoPricing, optionId: string, keys: BookingPriceKey[]): number | null {
  const variant = pricing.byOption.get(optionId)
  if (!variant) return null
  try {
    return bookingUnitTotal(variant, keys).toNumber()
  } catch {
    return null
  }
}
