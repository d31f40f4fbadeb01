import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceService } from "../../utils/resources"

/** GET /store/resource-holds/:id: a hold past `expires_at` shows EXPIRED even before the sweep. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const resource_hold = await resourceService(req.scope).retrieveHold(req.params.id)
  res.json({ resource_hold })
}
