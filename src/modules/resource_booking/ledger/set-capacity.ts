import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { conflict } from "../errors"
import { listCapacityOn } from "../repositories/capacity-repository"
import { runSql } from "../repositories/sql"
import { SetCapacityResult } from "../types"
import { expireLapsed } from "./lapsed"
import { lockResources } from "./lock"
import { requireTransaction } from "./transaction"

/**
 * Sets `max_capacity` on each date of one resource, under its lock. A new date
 * starts fully available; an existing one keeps what is taken
 * (available += new − old), counting lapsed holds as free (they are expired
 * first, lapsed.ts). If any date would go below 0, nothing changes and the
 * conflict names the dates. Writes an ADJUST audit row per changed date.
 */
export async function writeCapacity(
  tx: SqlEntityManager,
  resourceId: string,
  targets: { date: string; max_capacity: number }[],
  actorId: string | null
): Promise<SetCapacityResult> {
  requireTransaction(tx)
  if (!targets.length) return { capacity: [], previous: [] }
  const dates = targets.map((target) => target.date)
  await lockResources(tx, [resourceId])
  await expireLapsed(tx, resourceId, { dates })
  const current = await listCapacityOn(tx, resourceId, dates)
  const currentByDate = new Map(current.map((row) => [row.date, row]))
  const rows = targets.map((target) => {
    const row = currentByDate.get(target.date)
    return {
      date: target.date,
      old_max: row ? row.max_capacity : null,
      old_available: row ? row.available_capacity : null,
      new_max: target.max_capacity,
      new_available: row ? row.available_capacity + target.max_capacity - row.max_capacity : target.max_capacity,
    }
  })
  const tooLow = rows.filter((row) => row.new_available < 0).map((row) => row.date)
  if (tooLow.length) {
    throw conflict(`max_capacity would fall below what is already taken on: ${tooLow.join(", ")}`)
  }
  const changed = rows.filter((row) => row.old_max !== row.new_max || row.old_available !== row.new_available)
  if (changed.length) {
    // Rows are written in date order (capacity rows lock in (resource, date) order).
    await runSql(
      tx,
      `WITH t AS (
         SELECT * FROM json_to_recordset(?::json)
           AS t(date date, old_max int, old_available int, new_max int, new_available int)
       ),
       written AS (
         INSERT INTO resource_capacity AS c (id, resource_id, date, max_capacity, available_capacity, created_at, updated_at)
         SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), ?, t.date, t.new_max, t.new_available, now(), now()
         FROM t ORDER BY t.date
         ON CONFLICT (resource_id, date) DO UPDATE
           SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity
         RETURNING c.id, c.date
       )
       INSERT INTO resource_capacity_audit
         (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
          change_reason, actor_id, changed_at, created_at, updated_at)
       SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), w.id, ?, t.date, t.old_available, t.new_available,
              t.old_max, t.new_max, 'ADJUST', ?, clock_timestamp(), now(), now()
       FROM t JOIN written w ON w.date = t.date`,
      [JSON.stringify(changed), resourceId, resourceId, actorId]
    )
  }
  return {
    capacity: rows.map((row) => ({ date: row.date, max_capacity: row.new_max, available_capacity: row.new_available })),
    previous: rows.map((row) => ({ date: row.date, max_capacity: row.old_max })),
  }
}
