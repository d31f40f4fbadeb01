import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { extendResourceHoldWorkflow } from "../../../../../workflows/extend-resource-hold"
import { withConflictMessage } from "../../../../utils/http-errors"
import { storeHold } from "../../../utils/resources"
import { StoreExtendResourceHoldType } from "../../../validators"

/**
 * POST /store/resource-holds/:id/extend, body `{ minutes? }`: the hold (and
 * its group) lives longer, never past created_at + maxHoldLifetimeMinutes.
 * 409 for a hold that is not ACTIVE or has lapsed.
 */
export const POST = withConflictMessage(
  async (req: MedusaRequest<StoreExtendResourceHoldType>, res: MedusaResponse) => {
    const { result } = await extendResourceHoldWorkflow(req.scope).run({
      input: { hold_id: req.params.id, minutes: req.validatedBody.minutes },
    })
    res.json({ resource_hold: storeHold(result) })
  }
)
