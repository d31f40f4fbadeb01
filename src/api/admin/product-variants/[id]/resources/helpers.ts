import { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resourcesOfVariants } from "../../../../../workflows/utils/variant-resources"

/** The resources a variant books, each with its units and the resource's own fields. */
export async function listVariantResources(req: MedusaRequest, variantId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: variantId } })
  if (!variants.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant with id: ${variantId} was not found`)
  const links = (await resourcesOfVariants(query, [variantId])).get(variantId) ?? []
  const { data } = links.length
    ? await query.graph({
        entity: "resource",
        fields: ["id", "name", "type", "booking_mode", "is_active"],
        filters: { id: links.map((link) => link.resource_id) },
      })
    : { data: [] as any[] }
  const byId = new Map<string, object>(data.map((resource: any) => [resource.id, resource] as [string, object]))
  return links
    .filter((link) => byId.has(link.resource_id))
    .map((link) => ({ ...(byId.get(link.resource_id) as object), units: link.units }))
}
