import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql, toPgArray } from "../repositories/sql"
import { requireTransaction } from "./transaction"

/**
 * The one rule for lapsed holds (contract invariant 3): an ACTIVE hold whose
 * `expires_at` has passed is free capacity. It is written once, in SQL
 * (resource_booking_hold_is_lapsed / _is_live, ledger/sql/lapsed.ts, which
 * PostgreSQL inlines); everything else calls it:
 *
 * - reads report such a hold as EXPIRED and its capacity as free
 *   (`LAPSED_HOLD` / `LIVE_HOLD` / `HOLD_STATUS` below, used by every
 *   repository, and the availability function);
 * - writes expire it before any decision that counts capacity: the hold
 *   decision, a confirmation that must re-take capacity, a capacity change
 *   (`expireLapsed`, the SQL function resource_booking_expire_lapsed);
 * - the sweep expires the rest in the background; nothing waits for it.
 */
export function LAPSED_HOLD(alias = "h"): string {
  return `resource_booking_hold_is_lapsed(${alias}.status, ${alias}.expires_at)`
}

export function LIVE_HOLD(alias = "h"): string {
  return `resource_booking_hold_is_live(${alias}.status, ${alias}.expires_at)`
}

/** A hold's status as clients see it: ACTIVE past `expires_at` is EXPIRED. */
export function HOLD_STATUS(alias = "h"): string {
  return `CASE WHEN ${LAPSED_HOLD(alias)} THEN 'EXPIRED' ELSE ${alias}.status END`
}

/**
 * Expires a resource's lapsed holds (on `dates` when given, except `keep`)
 * and gives their capacity back, with EXPIRE audit rows. Rows another
 * transaction is moving are skipped (it is finishing them). Returns the ids.
 */
export async function expireLapsed(
  tx: SqlEntityManager,
  resourceId: string,
  scope: { dates?: string[]; keep?: string[]; limit?: number } = {}
): Promise<string[]> {
  requireTransaction(tx)
  const rows = await runSql<{ id: string }>(
    tx,
    `SELECT resource_booking_expire_lapsed(?, ?::date[], ?::text[], ?) AS id`,
    [
      resourceId,
      scope.dates ? toPgArray(scope.dates) : null,
      scope.keep ? toPgArray(scope.keep) : null,
      scope.limit ?? 100_000,
    ]
  )
  return rows.map((row) => row.id)
}
