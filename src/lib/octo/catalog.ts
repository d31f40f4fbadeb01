import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { resourcesOfVariants, VariantResource } from "../../workflows/utils/variant-resources"
import { kindOf } from "./availability"

/**
 * The OCTo view of the catalogue: an OCTo product is a published Medusa
 * product of the key's sales channel with at least one variant linked to
 * resources; each such variant is an option; every option has one unit
 * (`unit`), whose quantity is the booking quantity. How an option's
 * availability is told (all-day dates today) is its kind (availability.ts).
 */

export const UNIT_ID = "unit"

export type OctoOptionSource = {
  id: string
  title: string
  sku: string | null
  resources: VariantResource[]
  prices: { amount: number; currency_code: string }[]
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
  const result: OctoProductSource[] = []
  for (const product of products) {
    const variants = [...(product.variants ?? [])].sort(
      (a: any, b: any) =>
        (a.variant_rank ?? 0) - (b.variant_rank ?? 0) || String(a.created_at).localeCompare(String(b.created_at))
    )
    const options = variants
      .filter((variant: any) => links.get(variant.id)?.length)
      .map((variant: any) => ({
        id: variant.id,
        title: variant.title ?? variant.id,
        sku: variant.sku ?? null,
        resources: links.get(variant.id)!,
        prices: (variant.prices ?? []).map((price: any) => ({
          amount: Number(price.amount),
          currency_code: price.currency_code,
        })),
      }))
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

export function octoOption(option: OctoOptionSource, index: number) {
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
    units: [octoUnit()],
  }
}

export function octoProduct(product: OctoProductSource, timeZone: string) {
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
    options: product.options.map(octoOption),
  }
}

