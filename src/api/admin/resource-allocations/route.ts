import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { AdminListAllocationsType } from "../validators"

export const GET = async (req: MedusaRequest<unknown, AdminListAllocationsType>, res: MedusaResponse) => {
  const { limit, offset, resource_id, order_id, needs_review, status, from, to } = req.validatedQuery
  const service = resourceBookingService(req.scope)
  if (from && to) service.assertRange(from, to)
  const [resource_allocations, count] = await service.listAllocations(
    { resource_id, order_id, needs_review, status, from, to },
    { limit, offset }
  )
  res.json({ resource_allocations, count, limit, offset })
}
