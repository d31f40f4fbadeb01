import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { unlinkResourceVariantsWorkflow } from "../../../../../../workflows/unlink-resource-variants"

/** Unlinks one variant from the resource. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  await unlinkResourceVariantsWorkflow(req.scope).run({
    input: { resource_id: req.params.id, variant_ids: [req.params.variant_id] },
  })
  res.status(200).json({ id: req.params.variant_id, object: "resource_variant_link", deleted: true })
}
