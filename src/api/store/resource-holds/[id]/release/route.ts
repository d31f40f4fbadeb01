import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseResourceHoldWorkflow } from "../../../../../workflows/release-resource-hold"
import { withConflictMessage } from "../../../../utils/http-errors"
import { storeHold } from "../../../utils/resources"

/**
 * POST /store/resource-holds/:id/release: RELEASED, capacity given back.
 * A RELEASED or EXPIRED hold answers 200 unchanged; a CONFIRMED one 409.
 */
export const POST = withConflictMessage(async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await releaseResourceHoldWorkflow(req.scope).run({ input: { hold_id: req.params.id } })
  res.json({ resource_hold: storeHold(result.hold) })
})
