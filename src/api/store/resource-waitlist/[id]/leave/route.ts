import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { endResourceWaitlistEntryWorkflow } from "../../../../../workflows/end-resource-waitlist-entry"

/** POST /store/resource-waitlist/:id/leave: LEFT (an offer's holds go to the next entry); again: unchanged. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const { result } = await endResourceWaitlistEntryWorkflow(req.scope).run({ input: { id: req.params.id, status: "LEFT" } })
  res.json({ resource_waitlist_entry: result })
}
