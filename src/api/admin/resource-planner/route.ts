import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../utils/resource-booking"
import { AdminGetPlannerType } from "../validators"

/**
 * The operator's planner (contract "Scale and operations"): a page of
 * resources × every date of from..to in one answer; each cell carries
 * capacity, free, held, allocated and blackout, departures as sub-rows,
 * appointment figures for APPOINTMENT resources.
 */
export const GET = async (req: MedusaRequest<unknown, AdminGetPlannerType>, res: MedusaResponse) => {
  const { from, to, type, q, limit, offset } = req.validatedQuery
  const [resources, count] = await resourceBookingService(req.scope).getPlanner({ from, to, type, q, limit, offset })
  res.json({ planner: { from, to, resources }, count, limit, offset })
}
