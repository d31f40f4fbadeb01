import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

export const RESELLER_KEY_FIELDS = [
  "id",
  "title",
  "redacted",
  "created_by",
  "revoked_at",
  "revoked_by",
  "last_used_at",
  "replaced_by_id",
  "created_at",
  "updated_at",
  "reseller.id",
  "reseller.name",
  "sales_channel.id",
  "sales_channel.name",
]

/** Reseller keys with their reseller and sales channel; never the hash. */
export async function queryResellerKeys(
  scope: MedusaContainer,
  filters: Record<string, unknown>,
  pagination: { skip?: number; take?: number } = {}
) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "octo_reseller_key",
    fields: RESELLER_KEY_FIELDS,
    filters: filters as any,
    pagination: { ...pagination, order: { created_at: "DESC" } } as any,
  })
  return { keys: data as any[], count: (metadata as any)?.count ?? data.length }
}

/** One key as the admin routes answer it, or 404 in the product's words. */
export async function retrieveResellerKey(scope: MedusaContainer, id: string) {
  const { keys } = await queryResellerKeys(scope, { id })
  if (!keys.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reseller key with id: ${id} was not found`)
  return keys[0]
}
