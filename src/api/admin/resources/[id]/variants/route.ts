import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { linkResourceVariantsWorkflow } from "../../../../../workflows/link-resource-variants"
import { unlinkResourceVariantsWorkflow } from "../../../../../workflows/unlink-resource-variants"
import { variantsOfResource } from "../../../../../workflows/utils/variant-resources"
import { withConflictMessage } from "../../../../utils/http-errors"
import { retrieveResource } from "../../../helpers"
import { AdminLinkVariantsType, AdminListVariantsType, AdminUnlinkVariantsType } from "../../../validators"

const VARIANT_FIELDS = ["id", "title", "sku", "product_id", "product.id", "product.title", "created_at"]

/** The product variants that book this resource, each with its `units`. */
export async function listLinkedVariants(req: MedusaRequest, resourceId: string, limit = 100, offset = 0) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const links = await variantsOfResource(query, resourceId)
  const page = links.slice(offset, offset + limit)
  const { data } = page.length
    ? await query.graph({ entity: "product_variant", fields: VARIANT_FIELDS, filters: { id: page.map((l) => l.variant_id) } })
    : { data: [] as any[] }
  const byId = new Map<string, object>(data.map((variant: any) => [variant.id, variant] as [string, object]))
  const product_variants = page
    .filter((link) => byId.has(link.variant_id))
    .map((link) => ({ ...(byId.get(link.variant_id) as object), units: link.units }))
  return { product_variants, count: links.length }
}

export const GET = async (req: MedusaRequest<unknown, AdminListVariantsType>, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery
  await retrieveResource(req, req.params.id)
  const { product_variants, count } = await listLinkedVariants(req, req.params.id, limit, offset)
  res.json({ product_variants, count, limit, offset })
}

/** Links variants: body `{ variant_ids, units? }` (units of this resource per unit of each variant; default 1). */
export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminLinkVariantsType>, res: MedusaResponse) => {
    await linkResourceVariantsWorkflow(req.scope).run({
      input: { resource_id: req.params.id, variant_ids: req.validatedBody.variant_ids, units: req.validatedBody.units },
    })
    const { product_variants, count } = await listLinkedVariants(req, req.params.id)
    res.status(200).json({ product_variants, count, limit: 100, offset: 0 })
  }
)

/** Unlinks variants: body `{ variant_ids }`. */
export const DELETE = async (req: MedusaRequest<AdminUnlinkVariantsType>, res: MedusaResponse) => {
  await unlinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.id, variant_ids: req.validatedBody.variant_ids },
  })
  const { product_variants, count } = await listLinkedVariants(req, req.params.id)
  res.status(200).json({ product_variants, count, limit: 100, offset: 0 })
}
