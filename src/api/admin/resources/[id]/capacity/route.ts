import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setResourceCapacityWorkflow } from "../../../../../workflows/set-resource-capacity"
import { withConflictMessage } from "../../../../utils/http-errors"
import { actorIdOf, bookingService } from "../../../helpers"
import { AdminGetCapacityType, AdminSetCapacityType } from "../../../validators"

export const GET = async (req: MedusaRequest<unknown, AdminGetCapacityType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  const capacity = await bookingService(req).listCapacity({ resource_id: req.params.id, from, to })
  res.json({ capacity })
}

export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminSetCapacityType>, res: MedusaResponse) => {
    const { result } = await setResourceCapacityWorkflow(req.scope).run({
      input: { ...req.validatedBody, resource_id: req.params.id, actor_id: actorIdOf(req) },
    })
    res.status(200).json({ capacity: result.capacity })
  }
)
