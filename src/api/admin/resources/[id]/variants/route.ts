import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { linkResourceVariantsWorkflow } from "../../../../../workflows/link-resource-variants"
import { unlinkResourceVariantsWorkflow } from "../../../../../workflows/unlink-resource-variants"
import { withConflictMessage } from "../../../../utils/http-errors"
import { retrieveResource } from "../../../helpers"
import { AdminLinkVariantsType, AdminListVariantsType } from "../../../validators"

const VARIANT_FIELDS = ["id", "title", "sku", "product_id", "product.id", "product.title", "created_at"]

/** The product variants that sell this resource. */
export async function listLinkedVariants(req: MedusaRequest, resourceId: string, limit = 100, offset = 0) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "resource",
    fields: VARIANT_FIELDS.map((field) => `product_variants.${field}`),
    filters: { id: resourceId },
  })
  const all = ((data[0] as any)?.product_variants ?? []).filter(Boolean)
  all.sort((a: any, b: any) => String(a.id).localeCompare(String(b.id)))
  return { product_variants: all.slice(offset, offset + limit), count: all.length }
}

export const GET = async (req: MedusaRequest<unknown, AdminListVariantsType>, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery
  await retrieveResource(req, req.params.id)
  const { product_variants, count } = await listLinkedVariants(req, req.params.id, limit, offset)
  res.json({ product_variants, count, limit, offset })
}

/** Links variants: body `{ variant_ids }`. */
export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminLinkVariantsType>, res: MedusaResponse) => {
    await linkResourceVariantsWorkflow(req.scope).run({
      input: { resource_id: req.params.id, variant_ids: req.validatedBody.variant_ids },
    })
    const { product_variants, count } = await listLinkedVariants(req, req.params.id)
    res.status(200).json({ product_variants, count, limit: 100, offset: 0 })
  }
)

/** Unlinks variants: body `{ variant_ids }`. */
export const DELETE = async (req: MedusaRequest<AdminLinkVariantsType>, res: MedusaResponse) => {
  await unlinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.id, variant_ids: req.validatedBody.variant_ids },
  })
  const { product_variants, count } = await listLinkedVariants(req, req.params.id)
  res.status(200).json({ product_variants, count, limit: 100, offset: 0 })
}
