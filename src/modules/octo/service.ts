import { createHash, randomBytes } from "crypto"
import { MedusaError, MedusaService } from "@medusajs/framework/utils"
import OctoBooking from "./models/booking"
import OctoResellerKey from "./models/reseller-key"

export const OCTO_KEY_PREFIX = "octo_"

/** A new secret with its hash and the part a list may show; only the hash is stored. */
export function newResellerToken(): { token: string; token_hash: string; redacted: string } {
  const token = `${OCTO_KEY_PREFIX}${randomBytes(32).toString("base64url")}`
  return { token, token_hash: hashResellerToken(token), redacted: `${token.slice(0, OCTO_KEY_PREFIX.length + 6)}…` }
}

export function hashResellerToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex")
}

/**
 * Reseller keys and OCTo booking records. The capacity itself lives in the
 * resource_booking module's ledger; this module only remembers which ledger
 * rows (hold group, order) an OCTo booking stands for.
 */
export default class OctoModuleService extends MedusaService({ OctoResellerKey, OctoBooking }) {
  /** The key a secret belongs to (revoked ones too: the caller tells 401 from 403), or null. */
  async findResellerKeyByToken(token: string): Promise<any | null> {
    if (!token || token.length > 200) return null
    const [key] = await this.listOctoResellerKeys({ token_hash: hashResellerToken(token) } as any, { take: 1 })
    return key ?? null
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
