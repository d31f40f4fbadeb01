import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { conflict } from "../errors"
import { runSql } from "../repositories/sql"
import { DepartureKey, SetCapacityResult } from "../types"
import { expireLapsed } from "./lapsed"
import { lockResources } from "./lock"
import { requireTransaction } from "./transaction"

/** The capacity to set on one date, or on one departure of a date (start_time and duration). */
export type CapacityTarget = {
  date: string
  start_time?: string | null
  duration_minutes?: number | null
  max_capacity: number
}

type Row = {
  date: string
  start_time: string | null
  duration_minutes: number | null
  new_max: number
  old_max: number | null
  old_available: number | null
  old_duration: number | null
  starts_at: string | null
  exists_locally: boolean
}

/**
 * Sets `max_capacity` on each date (or departure) of one resource, under its
 * lock. A new one starts fully available; an existing one keeps what is
 * taken (available += new − old), counting lapsed holds as free (they are
 * expired first, lapsed.ts). A departure's instants are computed in the zone
 * by PostgreSQL (resource_booking_local_instant): a start time that does not
 * exist on its date (the spring gap) is skipped and reported. If anything
 * would go below 0, nothing changes and the conflict names it. Writes an
 * ADJUST audit row per changed row, in (date, start time) order (LOCKING.md,
 * rule 4).
 */
export async function writeCapacity(
  tx: SqlEntityManager,
  resourceId: string,
  targets: CapacityTarget[],
  actorId: string | null,
  timezone: string
): Promise<SetCapacityResult> {
  requireTransaction(tx)
  if (!targets.length) return { capacity: [], previous: [], skipped: [] }
  await lockResources(tx, [resourceId])
  await expireLapsed(tx, resourceId, { dates: [...new Set(targets.map((target) => target.date))] })
  const rows = await runSql<Row>(
    tx,
    `SELECT t.date::text AS date, to_char(t.start_time, 'HH24:MI') AS start_time, t.duration_minutes,
            t.max_capacity AS new_max, c.max_capacity AS old_max, c.available_capacity AS old_available,
            c.duration_minutes AS old_duration, s.starts_at, s.starts_at IS NOT NULL OR t.start_time IS NULL AS exists_locally
     FROM json_to_recordset(?::json) AS t(date date, start_time time, duration_minutes int, max_capacity int)
     CROSS JOIN LATERAL (
       SELECT CASE WHEN t.start_time IS NOT NULL THEN resource_booking_local_instant(t.date, t.start_time, ?) END AS starts_at
     ) s
     LEFT JOIN resource_capacity c
       ON c.resource_id = ? AND c.date = t.date AND c.start_time IS NOT DISTINCT FROM t.start_time
     ORDER BY t.date, t.start_time NULLS FIRST`,
    [JSON.stringify(targets.map((t) => ({ ...t, start_time: t.start_time ?? null, duration_minutes: t.duration_minutes ?? null }))), timezone, resourceId]
  )
  const skipped: DepartureKey[] = rows
    .filter((row) => !row.exists_locally)
    .map((row) => ({ date: row.date, start_time: row.start_time! }))
  const kept = rows
    .filter((row) => row.exists_locally)
    .map((row) => ({
      ...row,
      new_available: row.old_max === null ? row.new_max : row.old_available! + row.new_max - row.old_max,
    }))
  const label = (row: Row) => (row.start_time ? `${row.date} ${row.start_time}` : row.date)
  const tooLow = kept.filter((row) => row.new_available < 0).map(label)
  if (tooLow.length) {
    throw conflict(`max_capacity would fall below what is already taken on: ${tooLow.join(", ")}`)
  }
  const changed = kept.filter(
    (row) =>
      row.old_max !== row.new_max ||
      row.old_available !== row.new_available ||
      (row.start_time !== null && row.old_duration !== row.duration_minutes)
  )
  if (changed.length) {
    await runSql(
      tx,
      `WITH t AS (
         SELECT * FROM json_to_recordset(?::json)
           AS t(date date, start_time time, duration_minutes int, starts_at timestamptz,
                old_max int, old_available int, new_max int, new_available int)
       ),
       written AS (
         INSERT INTO resource_capacity AS c
           (id, resource_id, date, start_time, duration_minutes, starts_at, ends_at, max_capacity, available_capacity,
            created_at, updated_at)
         SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), ?, t.date, t.start_time, t.duration_minutes,
                t.starts_at, t.starts_at + t.duration_minutes * interval '1 minute', t.new_max, t.new_available, now(), now()
         FROM t ORDER BY t.date, t.start_time NULLS FIRST
         ON CONFLICT (resource_id, date, start_time)
           DO UPDATE SET max_capacity = excluded.max_capacity, available_capacity = excluded.available_capacity,
                         duration_minutes = excluded.duration_minutes, starts_at = excluded.starts_at,
                         ends_at = excluded.ends_at
         RETURNING c.id, c.date, c.start_time
       )
       INSERT INTO resource_capacity_audit
         (id, capacity_id, resource_id, date, start_time, old_available, new_available, old_max, new_max,
          change_reason, actor_id, changed_at, created_at, updated_at)
       SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), w.id, ?, t.date, t.start_time, t.old_available,
              t.new_available, t.old_max, t.new_max, 'ADJUST', ?, clock_timestamp(), now(), now()
       FROM t JOIN written w ON w.date = t.date AND w.start_time IS NOT DISTINCT FROM t.start_time`,
      [JSON.stringify(changed), resourceId, resourceId, actorId]
    )
  }
  return {
    capacity: kept.map((row) => ({
      date: row.date,
      ...(row.start_time ? { start_time: row.start_time, duration_minutes: row.duration_minutes! } : {}),
      max_capacity: row.new_max,
      available_capacity: row.new_available,
    })),
    previous: kept.map((row) => ({
      date: row.date,
      ...(row.start_time ? { start_time: row.start_time, duration_minutes: row.old_duration ?? row.duration_minutes! } : {}),
      max_capacity: row.old_max,
    })),
    skipped,
  }
}
