import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { AdminListHoldsType } from "../validators"

export const GET = async (req: MedusaRequest<unknown, AdminListHoldsType>, res: MedusaResponse) => {
  const { limit, offset, resource_id, status, customer_email } = req.validatedQuery
  const [resource_holds, count] = await resourceBookingService(req.scope).listHolds(
    { resource_id, status, customer_email },
    { limit, offset }
  )
  res.json({ resource_holds, count, limit, offset })
}
