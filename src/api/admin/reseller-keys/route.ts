import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { newResellerToken } from "../../../modules/octo/service"
import { createResellerKeyWorkflow } from "../../../workflows/octo/create-reseller-key"
import { queryResellerKeys, retrieveResellerKey } from "./helpers"
import { AdminCreateResellerKeyType, AdminListResellerKeysType } from "./validators"

/** GET /admin/reseller-keys: `{ reseller_keys, count, limit, offset }` (never a secret nor its hash). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListResellerKeysType>, res: MedusaResponse) => {
  const { limit, offset, revoked, reseller_id } = req.validatedQuery as AdminListResellerKeysType
  const filters: Record<string, unknown> = {}
  if (revoked === true) filters.revoked_at = { $ne: null }
  if (revoked === false) filters.revoked_at = null
  if (reseller_id) filters.reseller_id = reseller_id
  const { keys, count } = await queryResellerKeys(req.scope, filters, { skip: offset, take: limit })
  res.json({ reseller_keys: keys, count, limit, offset })
}

/**
 * POST /admin/reseller-keys `{ title, sales_channel_id, reseller_id? | reseller_name? }`:
 * a new key, for an existing reseller or a new one. A sales channel may have
 * any number of keys. The answer carries the secret as `token`, this once;
 * only its hash is stored.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateResellerKeyType>, res: MedusaResponse) => {
  const { token, token_hash, redacted } = newResellerToken()
  const { result } = await createResellerKeyWorkflow(req.scope).run({
    input: { ...req.validatedBody, token_hash, redacted, created_by: req.auth_context?.actor_id ?? null },
  })
  res.json({ reseller_key: { ...(await retrieveResellerKey(req.scope, result.id)), token } })
}
