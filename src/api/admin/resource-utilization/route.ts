import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { AdminGetUtilizationType } from "../validators"

/** Unit-days held and allocated per resource over a range (contract "Utilization"). */
export const GET = async (req: MedusaRequest<unknown, AdminGetUtilizationType>, res: MedusaResponse) => {
  const { from, to, type } = req.validatedQuery
  const utilization = await resourceBookingService(req.scope).getUtilization({ from, to, type })
  res.json({ utilization, from, to })
}
