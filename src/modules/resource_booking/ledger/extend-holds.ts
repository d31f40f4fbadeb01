import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { invalid } from "../errors"
import { ResourceBookingOptions } from "../options"
import { runSql, toPgArray } from "../repositories/sql"
import { LIVE_HOLD } from "./lapsed"
import { requireTransaction } from "./transaction"

/**
 * Pushes `expires_at` of the groups of the given holds (ACTIVE and not yet
 * past `expires_at`) to `now + minutes`, never earlier than it was and never
 * past `created_at + maxHoldLifetimeMinutes`. No capacity moves, so no
 * resource lock: the conditional update is the guard. Returns each moved hold
 * with its previous expiry (the compensation puts it back).
 */
export async function extendHoldGroups(
  tx: SqlEntityManager,
  options: ResourceBookingOptions,
  input: { hold_ids: string[]; minutes: number }
): Promise<{ id: string; previous_expires_at: Date }[]> {
  requireTransaction(tx)
  if (!(input.minutes > 0) || input.minutes > options.maxHoldLifetimeMinutes) {
    throw invalid(`minutes must be between 1 and ${options.maxHoldLifetimeMinutes} (maxHoldLifetimeMinutes)`)
  }
  if (!input.hold_ids.length) return []
  return await runSql(
    tx,
    `WITH target AS (
       SELECT h.id, h.expires_at FROM resource_hold h
       WHERE h.group_id IN (SELECT g.group_id FROM resource_hold g WHERE g.id = ANY(?::text[]))
         AND ${LIVE_HOLD("h")}
       ORDER BY h.id FOR UPDATE
     )
     UPDATE resource_hold h
     SET expires_at = least(h.created_at + (? * interval '1 second'),
                            greatest(h.expires_at, now() + (? * interval '1 second')))
     FROM target
     WHERE h.id = target.id
     RETURNING h.id, target.expires_at AS previous_expires_at`,
    [toPgArray(input.hold_ids), Math.round(options.maxHoldLifetimeMinutes * 60), Math.round(input.minutes * 60)]
  )
}

/** Compensation of extendHoldGroups: puts back the expiry times it replaced. */
export async function restoreHoldExpiry(
  tx: SqlEntityManager,
  input: { id: string; previous_expires_at: Date | string }[]
): Promise<void> {
  requireTransaction(tx)
  if (!input.length) return
  await runSql(
    tx,
    `UPDATE resource_hold h SET expires_at = r.previous_expires_at
     FROM json_to_recordset(?::json) AS r(id text, previous_expires_at timestamptz)
     WHERE h.id = r.id AND h.status = 'ACTIVE'`,
    [JSON.stringify(input)]
  )
}
