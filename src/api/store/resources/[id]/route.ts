import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retrieveStoreResource } from "../../utils/resources"

/** GET /store/resources/:id: an active, not deleted resource, else 404. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const resource = await retrieveStoreResource(req.scope, req.params.id)
  res.json({ resource })
}
