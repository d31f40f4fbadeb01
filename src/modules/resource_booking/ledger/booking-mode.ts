import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { conflict } from "../errors"
import { countFutureBookings, getLiveResource } from "../repositories/capacity-repository"
import { runSql } from "../repositories/sql"
import { lockResources } from "./lock"
import { requireTransaction } from "./transaction"

/**
 * Changes resources' booking modes, under their lock: refused (409) for a
 * resource with unexpired ACTIVE holds or active allocations from today on
 * (what they booked would no longer mean the same). The hold decision checks
 * the mode under the same lock, so no hold slips in between.
 */
export async function changeBookingModes(
  tx: SqlEntityManager,
  changes: { id: string; booking_mode: string }[],
  today: string
): Promise<{ id: string; booking_mode: string }[]> {
  requireTransaction(tx)
  const previous: { id: string; booking_mode: string }[] = []
  for (const change of changes) await getLiveResource(tx, change.id, { requireActive: false })
  await lockResources(tx, changes.map((change) => change.id))
  for (const change of changes) {
    const [current] = await runSql(tx, `SELECT booking_mode FROM resource WHERE id = ?`, [change.id])
    previous.push({ id: change.id, booking_mode: current.booking_mode })
    if (current.booking_mode === change.booking_mode) continue
    const { holds, allocations } = await countFutureBookings(tx, change.id, today)
    if (holds > 0 || allocations > 0) {
      throw conflict(
        `Resource ${change.id} has active holds or allocations from ${today} on: its booking_mode (${current.booking_mode}) cannot change to ${change.booking_mode}`
      )
    }
    await runSql(tx, `UPDATE resource SET booking_mode = ? WHERE id = ?`, [change.booking_mode, change.id])
  }
  return previous
}
