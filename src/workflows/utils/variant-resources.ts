import { MedusaError } from "@medusajs/framework/utils"
import ResourceVariantLink from "../../links/resource-product-variant"

type Query = { graph: (config: any) => Promise<{ data: any[] }> }

/** What one unit of a variant books: `units` of each linked resource, by resource id. */
export type VariantResource = { resource_id: string; units: number }

/**
 * The resources each variant books, with units, read from the link table in
 * one query. A variant without links is absent from the map.
 */
export async function resourcesOfVariants(query: Query, variantIds: string[]): Promise<Map<string, VariantResource[]>> {
  const byVariant = new Map<string, VariantResource[]>()
  if (!variantIds.length) return byVariant
  const { data } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["resource_id", "product_variant_id", "units"],
    filters: { product_variant_id: variantIds },
  })
  for (const row of data) {
    const list = byVariant.get(row.product_variant_id) ?? []
    list.push({ resource_id: row.resource_id, units: Number(row.units ?? 1) })
    byVariant.set(row.product_variant_id, list)
  }
  for (const list of byVariant.values()) list.sort((a, b) => (a.resource_id < b.resource_id ? -1 : 1))
  return byVariant
}

/** The resources one variant books; 400 naming the variant when it books none. */
export async function resourcesOfVariant(query: Query, variantId: string): Promise<VariantResource[]> {
  const resources = (await resourcesOfVariants(query, [variantId])).get(variantId)
  if (!resources?.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `variant_id ${variantId} is not linked to a resource`)
  }
  return resources
}

/**
 * The booking quantity q that a group of holds stands for, given what one unit
 * of the variant books: every hold must be q × units of its resource and the
 * group must name exactly the variant's resources. Null when it does not fit.
 */
export function bookingQuantityOf(
  holds: { resource_id: string; quantity: number }[],
  resources: VariantResource[]
): number | null {
  if (holds.length !== resources.length) return null
  let q: number | null = null
  for (const resource of resources) {
    const hold = holds.find((h) => h.resource_id === resource.resource_id)
    if (!hold || hold.quantity % resource.units !== 0) return null
    const each = hold.quantity / resource.units
    if (q !== null && each !== q) return null
    q = each
  }
  return q
}

/** The variants that book a resource, with units, by variant id. */
export async function variantsOfResource(query: Query, resourceId: string): Promise<{ variant_id: string; units: number }[]> {
  const { data } = await query.graph({
    entity: ResourceVariantLink.entryPoint,
    fields: ["product_variant_id", "units"],
    filters: { resource_id: resourceId },
  })
  return data
    .map((row: any) => ({ variant_id: row.product_variant_id, units: Number(row.units ?? 1) }))
    .sort((a, b) => (a.variant_id < b.variant_id ? -1 : 1))
}
