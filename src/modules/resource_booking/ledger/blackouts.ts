import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { generateEntityId } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../constants"
import { DATE_RANGE_ARRAY } from "../repositories/allocation-repository"
import { insertBlackout, retrieveBlackout, setBlackoutDeleted } from "../repositories/blackout-repository"
import { runSql } from "../repositories/sql"
import { CreateBlackoutInput, CreateBlackoutResult, ResourceBlackoutDTO } from "../types"
import { lockResources } from "./lock"
import { finishActiveHolds } from "./release-holds"
import { requireTransaction } from "./transaction"

/**
 * Closes a date range, under the resource's lock so that no hold slips into
 * it between the insert and the release. Active holds in it are released
 * (unless `release_active_holds` is false; their groups with them) and
 * allocations in it are flagged `needs_review`.
 */
export async function createBlackout(tx: SqlEntityManager, input: CreateBlackoutInput): Promise<CreateBlackoutResult> {
  requireTransaction(tx)
  await lockResources(tx, [input.resource_id])
  const blackout = await insertBlackout(tx, {
    id: generateEntityId(undefined, ID_PREFIXES.blackout),
    resource_id: input.resource_id,
    start_date: input.start_date,
    end_date: input.end_date,
    reason: input.reason ?? null,
  })
  let released: string[] = []
  let expired: string[] = []
  if (input.release_active_holds !== false) {
    const holds = await runSql<{ id: string }>(
      tx,
      `SELECT g.id FROM resource_hold g
       WHERE g.status = 'ACTIVE' AND g.group_id IN (
         SELECT h.group_id FROM resource_hold h
         WHERE h.resource_id = ? AND h.status = 'ACTIVE' AND h.dates && ${DATE_RANGE_ARRAY})`,
      [input.resource_id, input.start_date, input.end_date]
    )
    ;({ released, expired } = await finishActiveHolds(tx, holds.map((hold) => hold.id)))
  }
  const flagged = await runSql<{ id: string }>(
    tx,
    `UPDATE resource_allocation SET needs_review = true, review_reason = ?
     WHERE resource_id = ? AND status = 'ACTIVE' AND deleted_at IS NULL AND dates && ${DATE_RANGE_ARRAY}
     RETURNING id`,
    [
      `Blackout ${blackout.id} (${input.start_date}..${input.end_date})${input.reason ? `: ${input.reason}` : ""}`,
      input.resource_id,
      input.start_date,
      input.end_date,
    ]
  )
  return {
    blackout,
    released_hold_ids: released,
    expired_hold_ids: expired,
    flagged_allocation_ids: flagged.map((row) => row.id),
  }
}

/** Reopens a range: it frees dates, so it needs no lock (as giving capacity back). */
export async function deleteBlackout(tx: SqlEntityManager, blackoutId: string): Promise<ResourceBlackoutDTO> {
  requireTransaction(tx)
  const blackout = await retrieveBlackout(tx, blackoutId)
  await setBlackoutDeleted(tx, blackoutId, true)
  return blackout
}

/** Compensation of deleteBlackout: closes the range again, under the lock as a new blackout. */
export async function restoreBlackout(tx: SqlEntityManager, blackoutId: string): Promise<void> {
  requireTransaction(tx)
  const [row] = await runSql(tx, `SELECT resource_id FROM resource_blackout WHERE id = ?`, [blackoutId])
  if (!row) return
  await lockResources(tx, [row.resource_id])
  await setBlackoutDeleted(tx, blackoutId, false)
}
