import { createHash, randomBytes } from "crypto"
import { Context } from "@medusajs/framework/types"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import OctoBooking from "./models/booking"
import OctoReseller from "./models/reseller"
import OctoResellerKey from "./models/reseller-key"
import { OCTO_CLAIM, OctoAction } from "./state"

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
 * Resellers, their keys and their OCTo booking records. The capacity itself
 * lives in the resource_booking module's ledger; this module only remembers
 * which ledger rows (hold group, order) an OCTo booking stands for, and
 * decides which call may change a booking (the claim, state.ts).
 */
export default class OctoModuleService extends MedusaService({ OctoReseller, OctoResellerKey, OctoBooking }) {
  /** The key a secret belongs to (revoked ones too: the caller tells 401 from 403), or null. */
  async findResellerKeyByToken(token: string): Promise<any | null> {
    if (!token || token.length > 200) return null
    const [key] = await this.listOctoResellerKeys({ token_hash: hashResellerToken(token) } as any, { take: 1 })
    return key ?? null
  }

  /** Records that a key was used (at most once a minute per key: one cheap conditional write). */
  @InjectManager()
  async touchResellerKey(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `UPDATE octo_reseller_key SET last_used_at = now()
       WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id]
    )
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

  /** A reseller's booking by the reseller's uuid, or null (another reseller's booking is none of its business). */
  async findResellerBooking(uuid: string, resellerId: string): Promise<any | null> {
    const [booking] = await this.listOctoBookings({ uuid, reseller_id: resellerId } as any, { take: 1 })
    return booking ?? null
  }

  /**
   * Claims a booking for one call: a conditional UPDATE that PostgreSQL
   * decides, so of several calls at once (in any number of processes) exactly
   * one gets it. It succeeds only if nobody holds the booking (or the holder
   * left it longer than OCTO_CLAIM.staleSeconds ago: a process that died) and
   * the booking is still as the caller saw it (`status`, `hold_revision`).
   * Answers the claimed booking, or null when another call was first.
   */
  @InjectManager()
  async claimBooking(
    input: { id: string; token: string; action: OctoAction; status: string; hold_revision: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<any | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(
      `UPDATE octo_booking SET claim_token = ?, claim_action = ?, claimed_at = now()
       WHERE id = ? AND deleted_at IS NULL AND status = ? AND hold_revision = ?
         AND (claim_token IS NULL OR claimed_at < now() - make_interval(secs => ?))
       RETURNING id`,
      [input.token, input.action, input.id, input.status, input.hold_revision, OCTO_CLAIM.staleSeconds]
    )
    if (!rows.length) return null
    return await this.retrieveOctoBooking(input.id, {}, sharedContext)
  }

  /** Ends a claim without changing the booking (a call that failed or found nothing to do). */
  @InjectManager()
  async releaseBookingClaim(input: { id: string; token: string }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `UPDATE octo_booking SET claim_token = NULL, claim_action = NULL, claimed_at = NULL WHERE id = ? AND claim_token = ?`,
      [input.id, input.token]
    )
  }

  /**
   * Writes what a claimed call did and ends its claim, in one transaction:
   * refused (409) if the claim is no longer the caller's, or if the booking
   * already names another order (one order per booking; the unique index on
   * order_id keeps one booking per order).
   */
  @InjectTransactionManager()
  async finishBookingClaim(
    input: { id: string; token: string; changes: Record<string, unknown> },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<any> {
    const tx = sharedContext.transactionManager as SqlEntityManager
    const [row] = await tx.execute(`SELECT id, order_id FROM octo_booking WHERE id = ? AND claim_token = ? FOR UPDATE`, [
      input.id,
      input.token,
    ])
    if (!row) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `OCTo booking ${input.id} is no longer claimed by this call; nothing was written`)
    }
    const orderId = input.changes.order_id
    if (orderId && row.order_id && row.order_id !== orderId) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `OCTo booking ${input.id} already has order ${row.order_id}`)
    }
    return await this.updateOctoBookings(
      { ...input.changes, id: input.id, claim_token: null, claim_action: null, claimed_at: null } as any,
      sharedContext
    )
  }
}
