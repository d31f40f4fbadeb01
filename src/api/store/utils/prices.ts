import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { priceField, resolvePricingTarget, VariantPricing } from "../../../workflows/utils/booking-prices"
import { keptVariantPricing } from "../../../workflows/utils/kept-reads"
import { variantsOfResource } from "../../../workflows/utils/variant-resources"
import type { ReadStamp } from "../../../modules/resource_booking/repositories/stamp-repository"
import { StorePricingQueryType } from "../validators"

type Scope = { resolve: (key: string) => any }

/**
 * The prices of a store read (docs/PRICING.md), read once for the request:
 * the variant's prices and rates in the currency of `region_id` or
 * `currency_code` (else the store's default currency), kept while the
 * prices' read stamp holds (kept-reads.ts; `stampOf`: the request's stamp).
 */
export async function variantPricingOf(
  scope: Scope,
  variantId: string,
  query: StorePricingQueryType,
  stampOf?: () => Promise<ReadStamp>
): Promise<VariantPricing | null> {
  const target = await resolvePricingTarget(scope, query)
  return target ? keptVariantPricing(scope, variantId, target, stampOf) : null
}

/**
 * A resource read prices the variant that `variant_id` names (it must book the
 * resource), or, when the query names a currency or region, the resource's
 * only variant. Null (no `price` fields) otherwise.
 */
export async function resourcePricingOf(scope: Scope, resourceId: string, query: StorePricingQueryType): Promise<VariantPricing | null> {
  if (!query.variant_id && !query.region_id && !query.currency_code) return null
  const variants = await variantsOfResource(scope.resolve(ContainerRegistrationKeys.QUERY), resourceId)
  if (query.variant_id && !variants.some((v) => v.variant_id === query.variant_id)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `variant_id ${query.variant_id} does not book resource ${resourceId}`)
  }
  const variantId = query.variant_id ?? (variants.length === 1 ? variants[0].variant_id : undefined)
  return variantId ? variantPricingOf(scope, variantId, query) : null
}

const pricingTags = new WeakMap<VariantPricing, string>()
let pricingTagCount = 0

/**
 * Names a request's prices for sendKeptJson (kept-json.ts): a kept answer's
 * body priced with one kept price read is serialized once. Prices read
 * afresh get a new name; no prices, "unpriced".
 */
export function pricingTagOf(pricing: VariantPricing | null): string {
  if (!pricing) return "unpriced"
  let tag = pricingTags.get(pricing)
  if (!tag) {
    tag = `prices#${++pricingTagCount}`
    pricingTags.set(pricing, tag)
  }
  return tag
}

/** Lowest of some prices (a date's "from" price over its departures). */
function lowest(prices: ({ amount: number; currency_code: string } | null)[]) {
  return prices.reduce<{ amount: number; currency_code: string } | null>(
    (min, p) => (p && (!min || p.amount < min.amount) ? p : min),
    null
  )
}

/**
 * Sets `price` where there is one: a variant with no price in the asked
 * currency answers exactly as before prices existed (no `price` field).
 */
function withPrice<T extends object>(entry: T, price: { amount: number; currency_code: string } | null): T {
  return price ? { ...entry, price } : entry
}

/**
 * A copy of an availability answer with `price` on every date (DAY), on
 * every departure and, as the lowest of them, on its date (DEPARTURE), for
 * the answer's quantity: a copy, as the module keeps availability answers
 * and hands the same one to every read (read-cache.ts).
 */
export function priceAvailability<T extends { quantity: number; dates: any[] }>(availability: T, pricing: VariantPricing | null): T {
  if (!pricing) return availability
  return {
    ...availability,
    dates: availability.dates.map((day) => {
      if (!Array.isArray(day.departures)) return withPrice(day, priceField(pricing, { date: day.date }, availability.quantity))
      const departures = day.departures.map((departure: any) =>
        withPrice(departure, priceField(pricing, { date: day.date, start_time: departure.start_time }, availability.quantity))
      )
      return withPrice({ ...day, departures }, lowest(departures.map((d: any) => d.price ?? null)))
    }),
  }
}

/**
 * A slots answer with `price` on every slot (its start time and duration are
 * in the price's context): a copy, as the module keeps slot answers and
 * hands the same one to every read (read-cache.ts).
 */
export function priceSlots<T extends { quantity: number; duration_minutes: number; dates: { date: string; slots: any[] }[] }>(
  slots: T,
  pricing: VariantPricing | null
): T {
  if (!pricing) return slots
  return {
    ...slots,
    dates: slots.dates.map((day) => ({
      ...day,
      slots: day.slots.map((slot) =>
        withPrice(slot, priceField(pricing, { date: day.date, start_time: slot.start_time, duration_minutes: slots.duration_minutes }, slots.quantity))
      ),
    })),
  }
}
