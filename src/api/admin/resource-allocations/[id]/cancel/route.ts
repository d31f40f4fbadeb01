import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelResourceAllocationsWorkflow } from "../../../../../workflows/cancel-resource-allocations"
import { withConflictMessage } from "../../../../utils/http-errors"
import { actorIdOf } from "../../../helpers"
import { AdminCancelAllocationType } from "../../../validators"

/** Cancels an allocation; `restore_capacity` gives its capacity back. Idempotent. */
export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminCancelAllocationType>, res: MedusaResponse) => {
    const { result } = await cancelResourceAllocationsWorkflow(req.scope).run({
      input: {
        allocation_ids: [req.params.id],
        restore_capacity: req.validatedBody.restore_capacity,
        actor_id: actorIdOf(req),
      },
    })
    res.status(200).json({ resource_allocation: result[0].allocation, capacity_restored: result[0].capacity_restored })
  }
)
