import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { retrieveResource } from "../../../helpers"
import { AdminListAuditType } from "../../../validators"

/** The capacity audit trail; from/to filter on the capacity date. */
export const GET = async (req: MedusaRequest<unknown, AdminListAuditType>, res: MedusaResponse) => {
  const { limit, offset, from, to } = req.validatedQuery
  const service = resourceBookingService(req.scope)
  if (from && to) service.assertRange(from, to)
  await retrieveResource(req, req.params.id)
  const [capacity_audit, count] = await service.listCapacityAudit({ resource_id: req.params.id, from, to }, { limit, offset })
  res.json({ capacity_audit, count, limit, offset })
}
