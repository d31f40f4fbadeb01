import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { createResourceBlackoutWorkflow } from "../../../../../workflows/create-resource-blackout"
import { withConflictMessage } from "../../../../utils/http-errors"
import { retrieveResource } from "../../../helpers"
import { AdminCreateBlackoutType, AdminListBlackoutsType } from "../../../validators"

export const GET = async (req: MedusaRequest<unknown, AdminListBlackoutsType>, res: MedusaResponse) => {
  const { limit, offset, from, to } = req.validatedQuery
  await retrieveResource(req, req.params.id)
  const [resource_blackouts, count] = await resourceBookingService(req.scope).listBlackouts(
    { resource_id: req.params.id, from, to },
    { limit, offset }
  )
  res.json({ resource_blackouts, count, limit, offset })
}

export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminCreateBlackoutType>, res: MedusaResponse) => {
    const { result } = await createResourceBlackoutWorkflow(req.scope).run({
      input: { ...req.validatedBody, resource_id: req.params.id },
    })
    res.status(200).json({
      resource_blackout: result.blackout,
      released_hold_ids: result.released_hold_ids,
      expired_hold_ids: result.expired_hold_ids,
      flagged_allocation_ids: result.flagged_allocation_ids,
    })
  }
)
