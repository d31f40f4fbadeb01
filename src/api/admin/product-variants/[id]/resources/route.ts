import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { linkResourceVariantsWorkflow } from "../../../../../workflows/link-resource-variants"
import { withConflictMessage } from "../../../../utils/http-errors"
import { AdminLinkVariantResourceType } from "../../../validators"
import { listVariantResources } from "./helpers"

/** GET /admin/product-variants/:id/resources: what one unit of the variant books. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ resources: await listVariantResources(req, req.params.id) })
}

/** POST /admin/product-variants/:id/resources, body `{ resource_id, units? }`: the variant books that resource too. */
export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminLinkVariantResourceType>, res: MedusaResponse) => {
    await linkResourceVariantsWorkflow(req.scope).run({
      input: { resource_id: req.validatedBody.resource_id, variant_ids: [req.params.id], units: req.validatedBody.units },
    })
    res.json({ resources: await listVariantResources(req, req.params.id) })
  }
)
