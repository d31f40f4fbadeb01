import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { revokeResellerKeyWorkflow } from "../../../../../workflows/octo/revoke-reseller-key"
import { queryResellerKeys } from "../../helpers"

/** POST /admin/reseller-keys/:id/revoke: the key is refused from now on (idempotent). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { keys: found } = await queryResellerKeys(req.scope, { id: req.params.id })
  if (!found.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reseller key with id: ${req.params.id} was not found`)
  await revokeResellerKeyWorkflow(req.scope).run({ input: { id: req.params.id, actor_id: req.auth_context?.actor_id ?? null } })
  const { keys } = await queryResellerKeys(req.scope, { id: req.params.id })
  res.json({ reseller_key: keys[0] })
}
