import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createResourceWaitlistEntryWorkflow } from "../../../workflows/create-resource-waitlist-entry"
import { withConflictMessage } from "../../utils/http-errors"
import { StoreCreateWaitlistEntryType } from "../validators"

/**
 * POST /store/resource-waitlist: waits for dates that cannot be held now.
 * 201 `{ resource_waitlist_entry }`; 409 when they could be held right now
 * (book instead) or a date's cutoff has passed.
 */
export const POST = withConflictMessage(
  async (req: MedusaRequest<StoreCreateWaitlistEntryType>, res: MedusaResponse) => {
    const { result } = await createResourceWaitlistEntryWorkflow(req.scope).run({ input: req.validatedBody })
    res.status(201).json({ resource_waitlist_entry: result })
  }
)
