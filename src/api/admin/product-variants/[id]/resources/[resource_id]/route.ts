import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unlinkResourceVariantsWorkflow } from "../../../../../../workflows/unlink-resource-variants"
import { listVariantResources } from "../helpers"

/** DELETE /admin/product-variants/:id/resources/:resource_id: the variant no longer books that resource. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  await unlinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.resource_id, variant_ids: [req.params.id] },
  })
  res.json({ resources: await listVariantResources(req, req.params.id) })
}
