import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { notFound } from "../errors"
import { LIVE_HOLD } from "../ledger/lapsed"
import { BookingMode, CapacityAuditDTO, CapacityDayDTO, Paging, ResourceType, UtilizationRowDTO } from "../types"
import { DATE_RANGE_ARRAY } from "./allocation-repository"
import { listPage, Where } from "./paging"
import { runSql, toPgArray } from "./sql"

export async function getLiveResource(
  manager: SqlEntityManager,
  resourceId: string,
  { requireActive }: { requireActive: boolean }
): Promise<{
  id: string
  name: string
  is_active: boolean
  booking_mode: BookingMode
  booking_rules: Record<string, unknown> | null
  appointment: Record<string, unknown> | null
}> {
  const [row] = await runSql(
    manager,
    `SELECT id, name, is_active, booking_mode, booking_rules, appointment FROM resource WHERE id = ? AND deleted_at IS NULL`,
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
  booking_mode: BookingMode | null
  date: string
  /** A departure's local start (HH:MM), its instants; null for a date (or a date without departures). */
  start_time: string | null
  starts_at: Date | null
  ends_at: Date | null
  max_capacity: number | null
  available_capacity: number | null
  is_blacked_out: boolean
  /** Why it cannot be booked for the units asked, or null (resource_booking_unavailable_reason). */
  reason: string | null
}

/**
 * Every date of `from`..`to` (every departure, for DEPARTURE resources) for
 * each resource and the units it needs, in one statement: capacity with
 * lapsed holds counted free (invariant 3), blackouts, and the reason it
 * cannot be booked, decided by the same SQL the hold decision uses. A
 * resource that does not exist (or is deleted) gives rows with
 * `resource_active` null. The statement is the database function
 * resource_booking_availability (ledger/sql/availability.ts), planned once
 * per connection.
 */
export async function readAvailability(
  manager: SqlEntityManager,
  input: { items: { resource_id: string; needed: number }[]; from: string; to: string; timezone: string }
): Promise<AvailabilityRow[]> {
  // The instants come as milliseconds since the epoch (float8) and become
  // Dates here: pg's timestamptz text (PostgreSQL's output in the session's
  // zone, then postgres-date's parser) cost ≈ 0.3 ms of Node CPU per 90 days
  // × 3 departures (540 instants), `new Date(ms)` almost nothing.
  const rows = await runSql<AvailabilityRow & { starts_ms: number | null; ends_ms: number | null }>(
    manager,
    `SELECT a.resource_id, a.resource_active, a.booking_mode, a.date, a.start_time,
            (extract(epoch FROM a.starts_at) * 1000)::float8 AS starts_ms, (extract(epoch FROM a.ends_at) * 1000)::float8 AS ends_ms,
            a.max_capacity, a.available_capacity, a.is_blacked_out, a.reason
     FROM resource_booking_availability(?::text[], ?::int[], ?::date, ?::date, ?) a`,
    [
      toPgArray(input.items.map((item) => item.resource_id)),
      `{${input.items.map((item) => item.needed).join(",")}}`,
      input.from,
      input.to,
      input.timezone,
    ]
  )
  return rows.map((row) => ({
    resource_id: row.resource_id,
    resource_active: row.resource_active,
    booking_mode: row.booking_mode,
    date: row.date,
    start_time: row.start_time,
    starts_at: row.starts_ms == null ? null : new Date(row.starts_ms),
    ends_at: row.ends_ms == null ? null : new Date(row.ends_ms),
    max_capacity: row.max_capacity,
    available_capacity: row.available_capacity,
    is_blacked_out: row.is_blacked_out,
    reason: row.reason,
  }))
}

export async function listCapacity(
  manager: SqlEntityManager,
  input: { resource_id: string; from: string; to: string }
): Promise<CapacityDayDTO[]> {
  return (
    await runSql(
      manager,
      `SELECT ${CAPACITY_COLUMNS} FROM resource_capacity c
       WHERE c.resource_id = ? AND c.date BETWEEN ?::date AND ?::date ORDER BY c.date, c.start_time NULLS FIRST`,
      [input.resource_id, input.from, input.to]
    )
  ).map(withoutNulls)
}

/**
 * The local start times (`HH:MM`) of each DEPARTURE resource's departures
 * from `from` on, by resource id (what OCTo calls an option's
 * `availabilityLocalStartTimes`).
 */
export async function listDepartureStartTimes(
  manager: SqlEntityManager,
  input: { resource_ids: string[]; from: string }
): Promise<Map<string, string[]>> {
  const byResource = new Map<string, string[]>()
  if (!input.resource_ids.length) return byResource
  const rows = await runSql(
    manager,
    `SELECT DISTINCT c.resource_id, to_char(c.start_time, 'HH24:MI') AS start_time FROM resource_capacity c
     WHERE c.resource_id = ANY(?::text[]) AND c.start_time IS NOT NULL AND c.date >= ?::date
     ORDER BY 1, 2`,
    [toPgArray(input.resource_ids), input.from]
  )
  for (const row of rows as any[]) byResource.set(row.resource_id, [...(byResource.get(row.resource_id) ?? []), row.start_time])
  return byResource
}

/** A capacity row as clients see it: a date, or a departure with its start time, duration and instants. */
const CAPACITY_COLUMNS = `c.date::text AS date, to_char(c.start_time, 'HH24:MI') AS start_time, c.duration_minutes,
  c.starts_at, c.ends_at, c.max_capacity, c.available_capacity`

/** A date's row carries no departure fields. */
function withoutNulls(row: any): CapacityDayDTO {
  if (row.start_time !== null) return row
  return { date: row.date, max_capacity: row.max_capacity, available_capacity: row.available_capacity }
}

/**
 * The keys (dates, or departures) of a booking of `quantity` on a resource
 * that lack a capacity row or the capacity: labels `YYYY-MM-DD` or
 * `YYYY-MM-DD HH:MM`, in order.
 */
export async function shortKeys(
  manager: SqlEntityManager,
  resourceId: string,
  keys: { dates: string[]; departures: string[] | null },
  quantity: number
): Promise<string[]> {
  const rows = await runSql<{ label: string }>(
    manager,
    `SELECT k.date::text || coalesce(' ' || to_char(k.start_time, 'HH24:MI'), '') AS label
     FROM resource_booking_hold_slots(?::date[], ?::timestamp[]) AS k
     LEFT JOIN resource_capacity c
       ON c.resource_id = ? AND c.date = k.date AND c.start_time IS NOT DISTINCT FROM k.start_time
     WHERE c.id IS NULL OR c.available_capacity < ?
     ORDER BY k.date, k.start_time`,
    [toPgArray(keys.dates), keys.departures ? toPgArray(keys.departures) : null, resourceId, quantity]
  )
  return rows.map((row) => row.label)
}

/** The capacity rows of a resource on these dates (each date, or each departure on it). */
export async function listCapacityOn(manager: SqlEntityManager, resourceId: string, dates: string[]): Promise<CapacityDayDTO[]> {
  return (
    await runSql(
      manager,
      `SELECT ${CAPACITY_COLUMNS} FROM resource_capacity c
       WHERE c.resource_id = ? AND c.date = ANY(?::date[]) ORDER BY c.date, c.start_time NULLS FIRST`,
      [resourceId, toPgArray(dates)]
    )
  ).map(withoutNulls)
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
    select: `x.id, x.capacity_id, x.resource_id, x.date::text AS date, to_char(x.start_time, 'HH24:MI') AS start_time,
             x.old_available, x.new_available,
             x.old_max, x.new_max, x.change_reason, x.hold_id, x.allocation_id, x.actor_id, x.changed_at`,
    from: "resource_capacity_audit x",
    where,
    orderBy: "x.changed_at DESC, x.id",
    paging,
  })
}

/**
 * Unit-days per resource over a range (contract "Utilization"): capacity,
 * live holds and active allocations per capacity row (a date, or a
 * departure: resource_booking_hold_slots), summed per resource; resources
 * with departures also get `by_departure`, the same figures per start time.
 */
export async function readUtilization(
  manager: SqlEntityManager,
  input: { from: string; to: string; type?: ResourceType }
): Promise<UtilizationRowDTO[]> {
  const rows = await runSql(
    manager,
    `WITH held AS (
       SELECT h.resource_id, k.date, k.start_time, sum(h.quantity)::int AS quantity
       FROM resource_hold h, resource_booking_hold_slots(h.dates, h.departures) k
       WHERE ${LIVE_HOLD("h")} AND k.date BETWEEN ?::date AND ?::date
       GROUP BY 1, 2, 3
     ),
     allocated AS (
       SELECT a.resource_id, k.date, k.start_time, sum(a.quantity)::int AS quantity
       FROM resource_allocation a, resource_booking_hold_slots(a.dates, a.departures) k
       WHERE a.status = 'ACTIVE' AND a.deleted_at IS NULL AND a.dates && ${DATE_RANGE_ARRAY}
         AND k.date BETWEEN ?::date AND ?::date
       GROUP BY 1, 2, 3
     ),
     slot AS (
       SELECT c.resource_id, c.date, c.start_time, c.max_capacity, coalesce(h.quantity, 0) AS held,
              coalesce(a.quantity, 0) AS allocated
       FROM resource_capacity c
       LEFT JOIN held h ON h.resource_id = c.resource_id AND h.date = c.date AND h.start_time IS NOT DISTINCT FROM c.start_time
       LEFT JOIN allocated a
         ON a.resource_id = c.resource_id AND a.date = c.date AND a.start_time IS NOT DISTINCT FROM c.start_time
       WHERE c.date BETWEEN ?::date AND ?::date
     ),
     per_resource AS (
       SELECT resource_id, count(DISTINCT date)::int AS total_days, sum(max_capacity)::int AS total_capacity,
              sum(held)::int AS held, sum(allocated)::int AS allocated
       FROM slot GROUP BY resource_id
     ),
     per_departure AS (
       SELECT resource_id, jsonb_agg(jsonb_build_object(
                'start_time', start_time, 'departures', departures, 'total_capacity', total_capacity,
                'held', held, 'allocated', allocated) ORDER BY start_time) AS by_departure
       FROM (SELECT resource_id, to_char(start_time, 'HH24:MI') AS start_time, count(*)::int AS departures,
                    sum(max_capacity)::int AS total_capacity, sum(held)::int AS held, sum(allocated)::int AS allocated
             FROM slot WHERE start_time IS NOT NULL GROUP BY 1, 2) d
       GROUP BY resource_id
     )
     SELECT r.id AS resource_id, r.name, r.booking_mode, coalesce(p.total_days, 0) AS total_days,
            coalesce(p.total_capacity, 0) AS total_capacity, coalesce(p.held, 0) AS held,
            coalesce(p.allocated, 0) AS allocated, d.by_departure
     FROM resource r
     LEFT JOIN per_resource p ON p.resource_id = r.id
     LEFT JOIN per_departure d ON d.resource_id = r.id
     WHERE r.deleted_at IS NULL ${input.type ? "AND r.type = ?" : ""}
     ORDER BY r.name`,
    [input.from, input.to, input.from, input.to, input.from, input.to, input.from, input.to, ...(input.type ? [input.type] : [])]
  )
  return rows.map((row: any) => {
    const { by_departure, booking_mode, ...rest } = row
    return {
      ...withPercent(rest),
      ...(booking_mode === "DEPARTURE" ? { by_departure: (by_departure ?? []).map(withPercent) } : {}),
    }
  })
}

/** utilization_percent = 100 × (held + allocated) / total_capacity, 2 decimals (0 without capacity). */
function withPercent<T extends { total_capacity: number; held: number; allocated: number }>(row: T) {
  return {
    ...row,
    utilization_percent:
      row.total_capacity > 0 ? Math.round((10000 * (row.held + row.allocated)) / row.total_capacity) / 100 : 0,
  }
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

/** Writes a JSON setting of a resource whole (booking rules, appointment settings): the generated update would merge it. */
export async function replaceJsonSetting(
  tx: SqlEntityManager,
  resourceId: string,
  column: "booking_rules" | "appointment",
  value: object | null
): Promise<void> {
  await runSql(tx, `UPDATE resource SET ${column} = ?::jsonb WHERE id = ?`, [value === null ? null : JSON.stringify(value), resourceId])
}
