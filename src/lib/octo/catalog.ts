import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { resourcesOfVariants, VariantResource } from "../../workflows/utils/variant-resources"
import { kindOf } from "./availability"
import { bookingService } from "./context"
import { loadOptionPricing, optionPricingFrom, OctoPricing, productPricingFields, wantsPricing } from "./pricing"
import { todayIn } from "../../modules/resource_booking/utils/dates"

/**
 * The OCTo view of the catalogue: an OCTo product is a published Medusa
 * product of the key's sales channel with at least one variant linked to
 * resources; each such variant is an option; every option has one unit
 * (`unit`), whose quantity is the booking quantity. How an option's
 * availability is told (all-day dates, or departures) is its kind
 * (availability.ts), chosen by the booking mode of the resources it books.
 * Options booking APPOINTMENT resources are not offered through OCTo.
 */

export const UNIT_ID = "unit"

export type OctoOptionSource = {
  id: string
  title: string
  sku: string | null
  resources: VariantResource[]
  prices: { amount: number; currency_code: string }[]
  /** How its resources are booked (they share one mode: the ledger refuses a group of mixed modes). */
  booking_mode: "DAY" | "DEPARTURE"
  /** DEPARTURE: the local start times (`HH:MM`) of departures from today on common to every linked resource. */
  start_times: string[]
}

export type OctoProductSource = {
  id: string
  title: string
  handle: string | null
  description: string | null
  options: OctoOptionSource[]
}

/** The OCTo products a sales channel sells (or the one asked for); a product id that is not one answers []. */
export async function loadProducts(
  scope: MedusaContainer,
  salesChannelId: string,
  productId?: string
): Promise<OctoProductSource[]> {
  if (productId !== undefined && (typeof productId !== "string" || !productId.length || productId.length > 100)) return []
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product",
    fields: [
      "id",
      "title",
      "handle",
      "description",
      "status",
      "created_at",
      "sales_channels.id",
      "variants.id",
      "variants.title",
      "variants.sku",
      "variants.variant_rank",
      "variants.created_at",
      "variants.prices.amount",
      "variants.prices.currency_code",
    ],
    filters: { status: "published", ...(productId !== undefined ? { id: productId } : {}) } as any,
    pagination: { take: 1000, order: { created_at: "ASC" } } as any,
  })
  const products = (data as any[]).filter((product) =>
    (product.sales_channels ?? []).some((channel: any) => channel?.id === salesChannelId)
  )
  const variantIds = products.flatMap((product) => (product.variants ?? []).map((variant: any) => variant.id))
  const links = await resourcesOfVariants(query as any, variantIds)
  const modes = await bookingModes(scope, [...new Set([...links.values()].flat().map((link) => link.resource_id))])
  const result: OctoProductSource[] = []
  for (const product of products) {
    const variants = [...(product.variants ?? [])].sort(
      (a: any, b: any) =>
        (a.variant_rank ?? 0) - (b.variant_rank ?? 0) || String(a.created_at).localeCompare(String(b.created_at))
    )
    const options = variants
      .filter((variant: any) => links.get(variant.id)?.length)
      .map((variant: any): OctoOptionSource | null => {
        const resources = links.get(variant.id)!
        // A resource no longer there books like a day (its availability is CLOSED).
        const kinds = new Set(resources.map((link) => modes.get(link.resource_id)?.booking_mode ?? "DAY"))
        if (kinds.size !== 1) return null
        const [mode] = kinds
        if (mode !== "DAY" && mode !== "DEPARTURE") return null
        return {
          id: variant.id,
          title: variant.title ?? variant.id,
          sku: variant.sku ?? null,
          resources,
          prices: (variant.prices ?? []).map((price: any) => ({
            amount: Number(price.amount),
            currency_code: price.currency_code,
          })),
          booking_mode: mode,
          start_times:
            mode === "DEPARTURE"
              ? resources
                  .map((link) => modes.get(link.resource_id)?.start_times ?? [])
                  .reduce((common, times) => common.filter((time) => times.includes(time)))
              : [],
        }
      })
      .filter((option): option is OctoOptionSource => option !== null)
    if (options.length) {
      result.push({
        id: product.id,
        title: product.title,
        handle: product.handle ?? null,
        description: product.description ?? null,
        options,
      })
    }
  }
  return result
}

/** Each resource's booking mode and, for DEPARTURE resources, its departures' start times from today on. */
async function bookingModes(
  scope: MedusaContainer,
  resourceIds: string[]
): Promise<Map<string, { booking_mode: string; start_times: string[] }>> {
  const result = new Map<string, { booking_mode: string; start_times: string[] }>()
  if (!resourceIds.length) return result
  const service = bookingService(scope)
  const resources = await service.listResources({ id: resourceIds }, { select: ["id", "booking_mode"], take: resourceIds.length })
  const departureIds = resources.filter((r: any) => r.booking_mode === "DEPARTURE").map((r: any) => r.id)
  const startTimes = await service.listDepartureStartTimes(departureIds)
  for (const resource of resources as any[]) {
    result.set(resource.id, { booking_mode: resource.booking_mode ?? "DAY", start_times: startTimes.get(resource.id) ?? [] })
  }
  return result
}

function octoUnit() {
  return {
    id: UNIT_ID,
    internalName: "Unit",
    reference: null,
    type: "OTHER" as const,
    restrictions: {
      minAge: 0,
      maxAge: 100,
      idRequired: false,
      minQuantity: null,
      maxQuantity: null,
      paxCount: 1,
      accompaniedBy: [],
    },
    requiredContactFields: [],
  }
}

/**
 * Pricing of the catalogue when the request asked for `octo/pricing`: the
 * options' prices (pricing.ts) and today's date in the module's zone.
 */
export type CatalogPricing = { pricing: OctoPricing; today: string }

export function octoOption(option: OctoOptionSource, index: number, priced?: CatalogPricing) {
  const pricingFrom = priced ? optionPricingFrom(priced.pricing, option, priced.today) : null
  const unit = octoUnit()
  return {
    id: option.id,
    default: index === 0,
    internalName: option.title,
    reference: option.sku,
    availabilityLocalStartTimes: kindOf(option).localStartTimes(option),
    cancellationCutoff: "0 hours",
    cancellationCutoffAmount: 0,
    cancellationCutoffUnit: "hour" as const,
    requiredContactFields: [],
    restrictions: { minUnits: 1, maxUnits: null },
    units: [pricingFrom ? { ...unit, pricingFrom } : unit],
    ...(pricingFrom ? { pricingFrom } : {}),
  }
}

export function octoProduct(product: OctoProductSource, timeZone: string, priced?: CatalogPricing) {
  return {
    id: product.id,
    internalName: product.title,
    reference: product.handle,
    locale: "en",
    timeZone,
    allowFreesale: false,
    instantConfirmation: true,
    instantDelivery: true,
    availabilityRequired: true,
    availabilityType: kindOf(product.options[0]).availabilityType,
    deliveryFormats: ["QRCODE" as const],
    deliveryMethods: ["VOUCHER" as const],
    redemptionMethod: "DIGITAL" as const,
    options: product.options.map((option, index) => octoOption(option, index, priced)),
    ...(priced ? productPricingFields(priced.pricing) : {}),
  }
}


/** The catalogue's pricing for these products when the request asked for it (one pricing read per option), else undefined. */
export async function catalogPricing(
  scope: MedusaContainer,
  headers: Record<string, unknown> | undefined,
  products: OctoProductSource[]
): Promise<CatalogPricing | undefined> {
  if (!wantsPricing(headers)) return undefined
  const pricing = await loadOptionPricing(scope, products.flatMap((product) => product.options.map((option) => option.id)))
  return { pricing, today: todayIn(bookingService(scope).getOptions().timezone) }
}
