import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { octoService } from "../../../lib/octo/context"
import { OctoError } from "../../../lib/octo/errors"

/** Who is calling: the key, its reseller (who owns the bookings) and its sales channel (what is sold, where orders go). */
export type OctoAuth = { key_id: string; reseller_id: string; sales_channel_id: string }

export function octoAuthOf(req: MedusaRequest<any>): OctoAuth {
  return (req as any).octo as OctoAuth
}

/**
 * `Authorization: Bearer <reseller key>`. No key or an unknown one: 401
 * UNAUTHORIZED. A revoked key, or one without a sales channel: 403 FORBIDDEN.
 * Either way nothing else runs. A key in use is marked so (last_used_at, at
 * most once a minute), which tells the admin when a reseller has switched
 * to a rotated key.
 */
export async function authenticateOcto(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const refuse = (error: OctoError) => res.status(error.status).json(error.body())
  try {
    const header = req.headers.authorization
    const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) return refuse(new OctoError("UNAUTHORIZED", "Missing Authorization: Bearer <API key>"))
    const service = octoService(req.scope)
    const key = await service.findResellerKeyByToken(match[1])
    if (!key) return refuse(new OctoError("UNAUTHORIZED", "Invalid API key"))
    if (key.revoked_at) return refuse(new OctoError("FORBIDDEN", "This API key has been revoked"))
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "octo_reseller_key",
      fields: ["id", "reseller_id", "sales_channel.id", "sales_channel.deleted_at"],
      filters: { id: key.id },
    })
    const channel = (data[0] as any)?.sales_channel
    if (!channel?.id) return refuse(new OctoError("FORBIDDEN", "This API key has no sales channel"))
    ;(req as any).octo = { key_id: key.id, reseller_id: key.reseller_id, sales_channel_id: channel.id } satisfies OctoAuth
    await service.touchResellerKey(key.id).catch(() => {})
    return next()
  } catch (error: any) {
    try {
      req.scope.resolve("logger").error(`octo auth: ${error?.stack ?? error}`)
    } catch {}
    return refuse(new OctoError("UNAUTHORIZED", "The API key could not be checked"))
  }
}
