import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { notFound } from "../errors"
import { LIVE_HOLD } from "../ledger/lapsed"
import { CapacityAuditDTO, CapacityDayDTO, Paging, ResourceType, UtilizationRowDTO } from "../types"
import { listPage, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

export async function getLiveResource(
  manager: SqlEntityManager,
  resourceId: string,
  { requireActive }: { requireActive: boolean }
): Promise<{ id: string; name: string; is_active: boolean; booking_rules: Record<string, unknown> | null }> {
  const [row] = await runSql(
    manager,
    `SELECT id, name, is_active, booking_rules FROM resource WHERE id = ? AND deleted_at IS NULL`,
    [resourceId]
  )
  if (!row || (requireActive && !row.is_active)) {
    throw notFound(`Resource with id: ${resourceId} was not found`)
  }
  return row
}

export type AvailabilityRow = {
  resource_id: string
  resource_active: boolean | null
  date: string
  max_capacity: number | null
  available_capacity: number | null
  is_blacked_out: boolean
  /** PAST, CUTOFF or OUTSIDE_WINDOW from the resource's rules, else null. */
  rule_reason: string | null
}

/**
 * Every date of `from`..`to` for each resource, in one statement: capacity
 * with lapsed holds counted free (invariant 3), blackouts and the date rules
 * (resource_booking_rule_reason, the same function the hold decision uses).
 * A resource that does not exist (or is deleted) gives rows with
 * `resource_active` null. The statement is the database function
 * resource_booking_availability (Migration20261127170000), so that each
 * connection plans it once.
 */
export async function readAvailability(
  manager: SqlEntityManager,
  input: { resource_ids: string[]; from: string; to: string; timezone: string }
): Promise<AvailabilityRow[]> {
  return await runSql<AvailabilityRow>(
    manager,
    `SELECT * FROM resource_booking_availability(?::text[], ?::date, ?::date, ?)`,
    [toPgArray(input.resource_ids), input.from, input.to, input.timezone]
  )
}

export async function listCapacity(
  manager: SqlEntityManager,
  input: { resource_id: string; from: string; to: string }
): Promise<CapacityDayDTO[]> {
  return await runSql(
    manager,
    `SELECT date::text AS date, max_capacity, available_capacity
     FROM resource_capacity WHERE resource_id = ? AND date BETWEEN ?::date AND ?::date ORDER BY date`,
    [input.resource_id, input.from, input.to]
  )
}

export async function listCapacityOn(
  manager: SqlEntityManager,
  resourceId: string,
  dates: string[]
): Promise<{ date: string; max_capacity: number; available_capacity: number }[]> {
  return await runSql(
    manager,
    `SELECT date::text AS date, max_capacity, available_capacity FROM resource_capacity
     WHERE resource_id = ? AND date = ANY(?::date[]) ORDER BY date`,
    [resourceId, toPgArray(dates)]
  )
}

export async function listCapacityAudit(
  manager: SqlEntityManager,
  filters: { resource_id: string; from?: string; to?: string },
  paging?: Paging
): Promise<[CapacityAuditDTO[], number]> {
  const where = new Where("x.resource_id = ?")
  where.params.push(filters.resource_id)
  where.when(filters.from, "x.date >= ?::date", filters.from).when(filters.to, "x.date <= ?::date", filters.to)
  return await listPage<CapacityAuditDTO>(manager, {
    select: `x.id, x.capacity_id, x.resource_id, x.date::text AS date, x.old_available, x.new_available,
             x.old_max, x.new_max, x.change_reason, x.hold_id, x.allocation_id, x.actor_id, x.changed_at`,
    from: "resource_capacity_audit x",
    where,
    orderBy: "x.changed_at DESC, x.id",
    paging,
  })
}

/** Unit-days per resource over a range (contract "Utilization"). */
export async function readUtilization(
  manager: SqlEntityManager,
  input: { from: string; to: string; type?: ResourceType }
): Promise<UtilizationRowDTO[]> {
  const rows = await runSql(
    manager,
    `WITH cap AS (
       SELECT c.resource_id, count(*)::int AS total_days, sum(c.max_capacity)::int AS total_capacity
       FROM resource_capacity c WHERE c.date BETWEEN ?::date AND ?::date GROUP BY c.resource_id
     ),
     held AS (
       SELECT h.resource_id, sum(h.quantity)::int AS held
       FROM resource_hold h, unnest(h.dates) AS d
       WHERE ${LIVE_HOLD("h")} AND d BETWEEN ?::date AND ?::date
       GROUP BY h.resource_id
     ),
     allocated AS (
       SELECT a.resource_id, sum(a.quantity)::int AS allocated
       FROM resource_allocation a, unnest(a.dates) AS d
       WHERE a.status = 'ACTIVE' AND a.deleted_at IS NULL AND d BETWEEN ?::date AND ?::date
       GROUP BY a.resource_id
     )
     SELECT r.id AS resource_id, r.name, coalesce(cap.total_days, 0) AS total_days,
            coalesce(cap.total_capacity, 0) AS total_capacity, coalesce(held.held, 0) AS held,
            coalesce(allocated.allocated, 0) AS allocated
     FROM resource r
     LEFT JOIN cap ON cap.resource_id = r.id
     LEFT JOIN held ON held.resource_id = r.id
     LEFT JOIN allocated ON allocated.resource_id = r.id
     WHERE r.deleted_at IS NULL ${input.type ? "AND r.type = ?" : ""}
     ORDER BY r.name`,
    [input.from, input.to, input.from, input.to, input.from, input.to, ...(input.type ? [input.type] : [])]
  )
  return rows.map((row: any) => ({
    ...row,
    utilization_percent:
      row.total_capacity > 0 ? Math.round((10000 * (row.held + row.allocated)) / row.total_capacity) / 100 : 0,
  }))
}

/** What still counts against a resource from `today` on, for the delete check. */
export async function countFutureBookings(
  manager: SqlEntityManager,
  resourceId: string,
  today: string
): Promise<{ holds: number; allocations: number }> {
  const [row] = await runSql(
    manager,
    `SELECT
       (SELECT count(*)::int FROM resource_hold h, unnest(h.dates) d
         WHERE h.resource_id = ? AND ${LIVE_HOLD("h")} AND d >= ?::date) AS holds,
       (SELECT count(*)::int FROM resource_allocation a, unnest(a.dates) d
         WHERE a.resource_id = ? AND a.status = 'ACTIVE' AND a.deleted_at IS NULL AND d >= ?::date) AS allocations`,
    [resourceId, today, resourceId, today]
  )
  return row
}

/** Whether any of the resources has a capacity, hold, allocation or blackout row. */
export async function hasAnyBookingRows(manager: SqlEntityManager, resourceIds: string[]): Promise<boolean> {
  const [row] = await runSql(
    manager,
    `SELECT EXISTS (SELECT 1 FROM resource_capacity WHERE resource_id = ANY(?::text[]))
         OR EXISTS (SELECT 1 FROM resource_hold WHERE resource_id = ANY(?::text[]))
         OR EXISTS (SELECT 1 FROM resource_allocation WHERE resource_id = ANY(?::text[]))
         OR EXISTS (SELECT 1 FROM resource_blackout WHERE resource_id = ANY(?::text[])) AS found`,
    [toPgArray(resourceIds), toPgArray(resourceIds), toPgArray(resourceIds), toPgArray(resourceIds)]
  )
  return row.found
}

/** Writes a resource's booking rules whole (the generated update would merge them). */
export async function replaceBookingRules(tx: SqlEntityManager, resourceId: string, rules: object | null): Promise<void> {
  await runSql(tx, `UPDATE resource SET booking_rules = ?::jsonb WHERE id = ?`, [rules === null ? null : JSON.stringify(rules), resourceId])
}
