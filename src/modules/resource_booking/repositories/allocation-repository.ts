import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { Paging, ResourceAllocationDTO } from "../types"
import { listPage, retrieveOne, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

export const ALLOCATION_COLUMNS = `a.id, a.resource_id, a.hold_id, a.order_id, a.line_item_id, a.dates::text[] AS dates,
  resource_booking_departures_json(a.resource_id, a.departures) AS departures, a.appointment, a.starts_at, a.ends_at,
  a.quantity, a.status, a.capacity_deducted, a.needs_review, a.review_reason, a.canceled_at, a.metadata,
  a.created_at, a.updated_at`

/** Dates from..to as a DATE[] expression (two `?` parameters). */
export const DATE_RANGE_ARRAY = `ARRAY(SELECT generate_series(?::date, ?::date, interval '1 day')::date)`

export type AllocationFilters = {
  resource_id?: string
  order_id?: string
  needs_review?: boolean
  status?: string
  from?: string
  to?: string
  hold_ids?: string[]
}

export async function retrieveAllocation(manager: SqlEntityManager, allocationId: string): Promise<ResourceAllocationDTO> {
  return await retrieveOne(manager, {
    select: ALLOCATION_COLUMNS,
    from: "resource_allocation a",
    id: allocationId,
    label: "Resource allocation",
  })
}

export async function findAllocationOfLine(
  manager: SqlEntityManager,
  key: { order_id: string; line_item_id: string; resource_id: string }
): Promise<ResourceAllocationDTO | undefined> {
  const [allocation] = await runSql(
    manager,
    `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a
     WHERE a.order_id = ? AND a.line_item_id = ? AND a.resource_id = ?`,
    [key.order_id, key.line_item_id, key.resource_id]
  )
  return allocation
}

/** The allocation a hold was confirmed into (whatever its status since), if any: a hold has at most one. */
export async function findAllocationOfHold(manager: SqlEntityManager, holdId: string): Promise<ResourceAllocationDTO | undefined> {
  const [allocation] = await runSql(
    manager,
    `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a WHERE a.hold_id = ? ORDER BY a.created_at, a.id LIMIT 1`,
    [holdId]
  )
  return allocation
}

export async function listAllocations(
  manager: SqlEntityManager,
  filters: AllocationFilters,
  paging?: Paging
): Promise<[ResourceAllocationDTO[], number]> {
  const where = new Where("a.deleted_at IS NULL")
    .when(filters.resource_id, "a.resource_id = ?", filters.resource_id)
    .when(filters.order_id, "a.order_id = ?", filters.order_id)
    .when(filters.hold_ids, "a.hold_id = ANY(?::text[])", filters.hold_ids && toPgArray(filters.hold_ids))
    .when(typeof filters.needs_review === "boolean" || undefined, "a.needs_review = ?", filters.needs_review)
    .when(filters.status, "a.status = ?", filters.status)
    // Allocations with at least one date in the range (GIN index on dates).
    .when(filters.from || filters.to, `a.dates && ${DATE_RANGE_ARRAY}`, filters.from ?? filters.to, filters.to ?? filters.from)
  return await listPage<ResourceAllocationDTO>(manager, {
    select: ALLOCATION_COLUMNS,
    from: "resource_allocation a",
    where,
    orderBy: "a.created_at DESC, a.id",
    paging,
  })
}

/** A day's active allocations on one resource. */
export async function listAllocationsOn(manager: SqlEntityManager, resourceId: string, date: string) {
  return await runSql<ResourceAllocationDTO>(
    manager,
    `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a
     WHERE a.resource_id = ? AND a.status = 'ACTIVE' AND a.deleted_at IS NULL AND a.dates @> ARRAY[?::date]
     ORDER BY a.created_at`,
    [resourceId, date]
  )
}
