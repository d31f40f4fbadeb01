import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { revokeResellerKeyWorkflow } from "../../../../../workflows/octo/revoke-reseller-key"
import { retrieveResellerKey } from "../../helpers"

/**
 * POST /admin/reseller-keys/:id/revoke: the key is refused from now on
 * (idempotent); the reseller's other keys keep working, and the bookings
 * made with this one stay (with their orders) and stay visible to them.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await retrieveResellerKey(req.scope, req.params.id)
  await revokeResellerKeyWorkflow(req.scope).run({ input: { id: req.params.id, actor_id: req.auth_context?.actor_id ?? null } })
  res.json({ reseller_key: await retrieveResellerKey(req.scope, req.params.id) })
}
