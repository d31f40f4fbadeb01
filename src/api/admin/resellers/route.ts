import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AdminListResellersType } from "../reseller-keys/validators"

/** GET /admin/resellers: `{ resellers, count, limit, offset }`, each with its keys (never a secret nor its hash). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListResellersType>, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery as AdminListResellersType
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "octo_reseller",
    fields: ["id", "name", "created_at", "keys.id", "keys.title", "keys.redacted", "keys.revoked_at"],
    pagination: { skip: offset, take: limit, order: { name: "ASC" } } as any,
  })
  res.json({ resellers: data, count: (metadata as any)?.count ?? data.length, limit, offset })
}
