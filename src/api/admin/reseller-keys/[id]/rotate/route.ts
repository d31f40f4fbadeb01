import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { newResellerToken } from "../../../../../modules/octo/service"
import { rotateResellerKeyWorkflow } from "../../../../../workflows/octo/rotate-reseller-key"
import { retrieveResellerKey } from "../../helpers"
import { AdminRotateResellerKeyType } from "../../validators"

/**
 * POST /admin/reseller-keys/:id/rotate `{ title? }`: the first step of a
 * rotation. A new key for the same reseller and sales channel (its secret
 * as `token`, this once); the old key keeps working, marked
 * `replaced_by_id`, until the admin revokes it once the reseller has
 * switched (POST /admin/reseller-keys/:id/revoke).
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRotateResellerKeyType>, res: MedusaResponse) => {
  const { token, token_hash, redacted } = newResellerToken()
  const { result } = await rotateResellerKeyWorkflow(req.scope).run({
    input: { id: req.params.id, title: req.validatedBody?.title, token_hash, redacted, created_by: req.auth_context?.actor_id ?? null },
  })
  res.json({
    reseller_key: { ...(await retrieveResellerKey(req.scope, result.id)), token },
    replaced_key: await retrieveResellerKey(req.scope, req.params.id),
  })
}
