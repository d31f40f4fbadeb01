import { createHash, randomBytes } from "crypto"
import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import OctoBooking from "./models/booking"
import OctoResellerKey from "./models/reseller-key"

export const OCTO_KEY_PREFIX = "octo_"

export function hashResellerToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex")
}

/**
 * Reseller keys and OCTo booking records. The capacity itself lives in the
 * resource_booking module's ledger; this module only remembers which ledger
 * rows (hold group, order) an OCTo booking stands for.
 */
export default class OctoModuleService extends MedusaService({ OctoResellerKey, OctoBooking }) {
  /** Makes a key and answers it with its secret, which is never stored nor shown again. */
  async createResellerKey(input: { title: string; created_by?: string | null }): Promise<{ key: any; token: string }> {
    const token = `${OCTO_KEY_PREFIX}${randomBytes(32).toString("base64url")}`
    const key = await this.createOctoResellerKeys({
      title: input.title,
      token_hash: hashResellerToken(token),
      redacted: `${token.slice(0, OCTO_KEY_PREFIX.length + 6)}…`,
      created_by: input.created_by ?? null,
    } as any)
    return { key, token }
  }

  /** The key a secret belongs to, or null when unknown or revoked. */
  async authenticateResellerToken(token: string): Promise<any | null> {
    if (!token || token.length > 200) return null
    const [key] = await this.listOctoResellerKeys({ token_hash: hashResellerToken(token) } as any, { take: 1 })
    if (!key || key.revoked_at) return null
    return key
  }

  async revokeResellerKey(id: string, actorId?: string | null): Promise<any> {
    const key = await this.retrieveOctoResellerKey(id)
    if (key.revoked_at) return key
    return await this.updateOctoResellerKeys({ id, revoked_at: new Date(), revoked_by: actorId ?? null } as any)
  }

  /** A new supplier reference: short, readable, unguessable enough to be no key. */
  newSupplierReference(): string {
    return randomBytes(5).toString("hex").toUpperCase()
  }

  async retrieveBookingByUuid(uuid: string, salesChannelId: string): Promise<any> {
    const [booking] = await this.listOctoBookings({ uuid, sales_channel_id: salesChannelId } as any, { take: 1 })
    if (!booking) throw new MedusaError(MedusaError.Types.NOT_FOUND, `booking ${uuid} not found`)
    return booking
  }
}
