import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../utils/resource-booking"
import { AdminGetConversionType } from "../../validators"

/**
 * The conversion report (contract "Scale and operations"): holds made on the
 * dates from..to (in the module's zone) by outcome, with the conversion rate
 * and the median minutes from hold to order; totals, per channel, per resource.
 */
export const GET = async (req: MedusaRequest<unknown, AdminGetConversionType>, res: MedusaResponse) => {
  const { from, to, resource_id, channel } = req.validatedQuery
  const report = await resourceBookingService(req.scope).getConversionReport({ from, to, resource_id, channel })
  res.json({ conversion: { from, to, ...(resource_id ? { resource_id } : {}), ...(channel ? { channel } : {}), ...report } })
}
