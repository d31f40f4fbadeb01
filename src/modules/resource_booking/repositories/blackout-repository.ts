import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Paging, ResourceBlackoutDTO } from "../types"
import { listPage, retrieveOne, Where } from "./paging"
import { runSql } from "./sql"

export const BLACKOUT_COLUMNS = `b.id, b.resource_id, b.start_date::text AS start_date, b.end_date::text AS end_date,
  b.reason, b.created_at, b.updated_at`

/** What the reads select, and from where. */
const BLACKOUTS = { select: BLACKOUT_COLUMNS, from: "resource_blackout b" }

export async function retrieveBlackout(manager: SqlEntityManager, blackoutId: string): Promise<ResourceBlackoutDTO> {
  return await retrieveOne(manager, { ...BLACKOUTS, id: blackoutId, label: "Resource blackout" })
}

export async function listBlackouts(
  manager: SqlEntityManager,
  filters: { resource_id: string; from?: string; to?: string },
  paging?: Paging
): Promise<[ResourceBlackoutDTO[], number]> {
  const where = new Where("b.deleted_at IS NULL")
    .when(filters.resource_id, "b.resource_id = ?", filters.resource_id)
    .when(filters.from, "b.end_date >= ?::date", filters.from)
    .when(filters.to, "b.start_date <= ?::date", filters.to)
  return await listPage<ResourceBlackoutDTO>(manager, { ...BLACKOUTS, where, orderBy: "b.start_date, b.id", paging })
}

export async function insertBlackout(
  tx: SqlEntityManager,
  row: { id: string; resource_id: string; start_date: string; end_date: string; reason: string | null }
): Promise<ResourceBlackoutDTO> {
  const [blackout] = await runSql(
    tx,
    `INSERT INTO resource_blackout AS b (id, resource_id, start_date, end_date, reason, created_at, updated_at)
     VALUES (?, ?, ?::date, ?::date, ?, now(), now())
     RETURNING ${BLACKOUT_COLUMNS}`,
    [row.id, row.resource_id, row.start_date, row.end_date, row.reason]
  )
  return blackout
}

export async function setBlackoutDeleted(tx: SqlEntityManager, blackoutId: string, deleted: boolean): Promise<void> {
  await runSql(tx, `UPDATE resource_blackout SET deleted_at = ${deleted ? "now()" : "NULL"} WHERE id = ?`, [blackoutId])
}
