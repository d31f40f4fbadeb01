import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OCTO_MODULE } from "../../../modules/octo"
import type OctoModuleService from "../../../modules/octo/service"
import { OctoError } from "./errors"

export type OctoAuth = { key_id: string; sales_channel_id: string }

export function octoAuthOf(req: MedusaRequest<any>): OctoAuth {
  return (req as any).octo as OctoAuth
}

/**
 * `Authorization: Bearer <reseller key>`. No key or an unknown one: 401
 * UNAUTHORIZED. A revoked key, or one without a sales channel: 403 FORBIDDEN.
 * Either way nothing else runs.
 */
export async function authenticateOcto(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const refuse = (error: OctoError) => res.status(error.status).json(error.body())
  try {
    const header = req.headers.authorization
    const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
    if (!match) return refuse(new OctoError("UNAUTHORIZED", "Missing Authorization: Bearer <API key>"))
    const service: OctoModuleService = req.scope.resolve(OCTO_MODULE)
    const key = await service.findResellerKeyByToken(match[1])
    if (!key) return refuse(new OctoError("UNAUTHORIZED", "Invalid API key"))
    if (key.revoked_at) return refuse(new OctoError("FORBIDDEN", "This API key has been revoked"))
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "octo_reseller_key",
      fields: ["id", "sales_channel.id", "sales_channel.deleted_at"],
      filters: { id: key.id },
    })
    const channel = (data[0] as any)?.sales_channel
    if (!channel?.id) return refuse(new OctoError("FORBIDDEN", "This API key has no sales channel"))
    ;(req as any).octo = { key_id: key.id, sales_channel_id: channel.id } satisfies OctoAuth
    return next()
  } catch (error: any) {
    try {
      req.scope.resolve("logger").error(`octo auth: ${error?.stack ?? error}`)
    } catch {}
    return refuse(new OctoError("UNAUTHORIZED", "The API key could not be checked"))
  }
}
