import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { AdminListWaitlistType } from "../validators"

/** GET /admin/resource-waitlist: entries in the order they were made (filters resource_id, variant_id, status). */
export const GET = async (req: MedusaRequest<unknown, AdminListWaitlistType>, res: MedusaResponse) => {
  const { limit, offset, ...filters } = req.validatedQuery
  const [entries, count] = await resourceBookingService(req.scope).listWaitlistEntries(filters, { limit, offset })
  res.json({ resource_waitlist_entries: entries, count, limit, offset })
}
