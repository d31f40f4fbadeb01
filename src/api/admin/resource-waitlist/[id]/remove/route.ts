import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { endResourceWaitlistEntryWorkflow } from "../../../../../workflows/end-resource-waitlist-entry"

/** POST /admin/resource-waitlist/:id/remove: REMOVED (an offer's holds go to the next entry). */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await endResourceWaitlistEntryWorkflow(req.scope).run({ input: { id: req.params.id, status: "REMOVED" } })
  res.json({ resource_waitlist_entry: result })
}
