import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { AdminListHoursType } from "../../../validators"

/** GET /admin/resources/:id/hours?from&to: each date's working hours (its exception, or its weekday's). */
export const GET = async (req: MedusaRequest<unknown, AdminListHoursType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  const hours = await resourceBookingService(req.scope).listHours({ resource_id: req.params.id, from, to })
  res.json({ hours })
}
