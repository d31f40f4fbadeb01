import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../utils/resource-booking"
import { storeHold } from "../../utils/resources"

/** GET /store/resource-holds/:id: a hold past `expires_at` shows EXPIRED even before the sweep. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const resource_hold = await resourceBookingService(req.scope).retrieveHold(req.params.id)
  res.json({ resource_hold: storeHold(resource_hold) })
}
