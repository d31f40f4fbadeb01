import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { setResourceCapacityWorkflow } from "../../../../../workflows/set-resource-capacity"
import { withConflictMessage } from "../../../../utils/http-errors"
import { actorIdOf } from "../../../helpers"
import { AdminGetCapacityType, AdminSetCapacityType } from "../../../validators"

export const GET = async (req: MedusaRequest<unknown, AdminGetCapacityType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  const service = resourceBookingService(req.scope)
  const capacity = await service.listCapacity({ resource_id: req.params.id, from, to })
  // `today` (in the module's time zone) lets the admin calendar start on the right day.
  res.json({ capacity, today: service.today() })
}

export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminSetCapacityType>, res: MedusaResponse) => {
    const { result } = await setResourceCapacityWorkflow(req.scope).run({
      input: { ...req.validatedBody, resource_id: req.params.id, actor_id: actorIdOf(req) },
    })
    res.status(200).json({ capacity: result.capacity, skipped: result.skipped })
  }
)
