import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql, toPgArray } from "../repositories/sql"
import { requireTransaction } from "./transaction"

/**
 * The one rule for lapsed holds (contract invariant 3): an ACTIVE hold whose
 * `expires_at` has passed is free capacity.
 *
 * - Reads report it as EXPIRED and its capacity as free (`LAPSED_HOLD` /
 *   `LIVE_HOLD` below, used by every repository read; the availability
 *   statement, a database function planned once per connection, spells the
 *   same condition in SQL: resource_booking_availability).
 * - Writes expire it before any decision that counts capacity: the hold
 *   decision, a confirmation that must re-take capacity, a capacity change
 *   (`expireLapsed`, the SQL function resource_booking_expire_lapsed).
 * - The sweep expires the rest in the background; nothing waits for it.
 */
export function LAPSED_HOLD(alias = "h"): string {
  return `${alias}.status = 'ACTIVE' AND ${alias}.expires_at <= now()`
}

export function LIVE_HOLD(alias = "h"): string {
  return `${alias}.status = 'ACTIVE' AND ${alias}.expires_at > now()`
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
