import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql, toPgArray } from "../repositories/sql"
import { LAPSED_HOLD } from "./lapsed"
import { applyMovements } from "./movements"
import { requireTransaction } from "./transaction"

/**
 * Ends the given holds that are still ACTIVE: those past `expires_at` become
 * EXPIRED, the others RELEASED; their capacity goes back. Giving back needs no
 * resource lock: the conditional update decides once which call moves a hold
 * (LOCKING.md), and the hold rows are locked in id order before any capacity
 * row.
 */
export async function finishActiveHolds(
  tx: SqlEntityManager,
  holdIds: string[]
): Promise<{ released: string[]; expired: string[] }> {
  requireTransaction(tx)
  if (!holdIds.length) return { released: [], expired: [] }
  const rows = await runSql<{
    id: string
    resource_id: string
    dates: string[]
    departures: string[] | null
    quantity: number
    status: string
  }>(
    tx,
    `WITH target AS (
       SELECT id FROM resource_hold WHERE id = ANY(?::text[]) AND status = 'ACTIVE' ORDER BY id FOR UPDATE
     )
     UPDATE resource_hold h
     SET status = CASE WHEN ${LAPSED_HOLD("h")} THEN 'EXPIRED' ELSE 'RELEASED' END
     FROM target WHERE h.id = target.id AND h.status = 'ACTIVE'
     RETURNING h.id, h.resource_id, h.dates::text[] AS dates, h.departures::text[] AS departures, h.quantity, h.status`,
    [toPgArray(holdIds)]
  )
  const of = (status: string) => rows.filter((row) => row.status === status)
  const back = (row: (typeof rows)[number]) => ({
    resource_id: row.resource_id,
    hold_id: row.id,
    dates: row.dates,
    departures: row.departures,
    delta: row.quantity,
  })
  await applyMovements(tx, "RELEASE", of("RELEASED").map(back))
  await applyMovements(tx, "EXPIRE", of("EXPIRED").map(back))
  return { released: of("RELEASED").map((row) => row.id), expired: of("EXPIRED").map((row) => row.id) }
}
