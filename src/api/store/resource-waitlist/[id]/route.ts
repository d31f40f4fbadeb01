import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../utils/resource-booking"

/** GET /store/resource-waitlist/:id: the entry, its position while waiting, its offer when offered. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ resource_waitlist_entry: await resourceBookingService(req.scope).retrieveWaitlistEntry(req.params.id) })
}
