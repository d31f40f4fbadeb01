import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { releaseResourceHoldWorkflow } from "../../../../../workflows/release-resource-hold"
import { withConflictMessage } from "../../../../utils/http-errors"

/** As the store's: RELEASED/EXPIRED answer unchanged; CONFIRMED is a 409. */
export const POST = withConflictMessage(async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await releaseResourceHoldWorkflow(req.scope).run({ input: { hold_id: req.params.id } })
  res.status(200).json({ resource_hold: result.hold })
})
