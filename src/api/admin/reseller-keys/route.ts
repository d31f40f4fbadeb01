import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { newResellerToken } from "../../../modules/octo/service"
import { createResellerKeyWorkflow } from "../../../workflows/octo/create-reseller-key"
import { queryResellerKeys } from "./helpers"
import { AdminCreateResellerKeyType, AdminListResellerKeysType } from "./validators"

/** GET /admin/reseller-keys: `{ reseller_keys, count, limit, offset }` (never a secret nor its hash). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListResellerKeysType>, res: MedusaResponse) => {
  const { limit, offset, revoked } = req.validatedQuery as AdminListResellerKeysType
  const filters: Record<string, unknown> = {}
  if (revoked === true) filters.revoked_at = { $ne: null }
  if (revoked === false) filters.revoked_at = null
  const { keys, count } = await queryResellerKeys(req.scope, filters, { skip: offset, take: limit })
  res.json({ reseller_keys: keys, count, limit, offset })
}

/**
 * POST /admin/reseller-keys `{ title, sales_channel_id }`: a new key. The
 * answer carries its secret as `token`, this once; only its hash is stored.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateResellerKeyType>, res: MedusaResponse) => {
  const { token, token_hash, redacted } = newResellerToken()
  const { result } = await createResellerKeyWorkflow(req.scope).run({
    input: { ...req.validatedBody, token_hash, redacted, created_by: req.auth_context?.actor_id ?? null },
  })
  const { keys } = await queryResellerKeys(req.scope, { id: result.id })
  res.json({ reseller_key: { ...keys[0], token } })
}
