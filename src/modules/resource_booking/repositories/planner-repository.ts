import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { LIVE_HOLD } from "../ledger/lapsed"
import { BookingMode, PlannerCellDTO, PlannerResourceDTO, ResourceType } from "../types"
import { DATE_RANGE_ARRAY } from "./allocation-repository"
import { runSql, toPgArray } from "./sql"

export type PlannerQuery = {
  from: string
  to: string
  type?: ResourceType
  q?: string
  limit: number
  offset: number
  timezone: string
}

/**
 * The operator's planner (contract "Scale and operations"): a page of
 * resources × every date of from..to, in two statements whatever the size of
 * the grid: the page of resources (with the count), then every cell of the
 * page at once.
 *
 * A cell's capacity, free capacity (lapsed holds count as free, invariant 3)
 * and blackout come from resource_booking_availability, the function the
 * store's availability reads (one row per date, per departure for DEPARTURE
 * resources); held (live holds) and allocated (active allocations) are summed
 * per date or departure as readUtilization sums them; APPOINTMENT resources
 * add their units, the minutes their working hours are open that date
 * (resource_booking_day_hours) and the unit-minutes booked inside that local
 * date (live holds and active allocations over [starts_at, ends_at)).
 */
export async function readPlanner(manager: SqlEntityManager, query: PlannerQuery): Promise<[PlannerResourceDTO[], number]> {
  const resources = await runSql<{ id: string; name: string; type: ResourceType; booking_mode: BookingMode; is_active: boolean; count: number }>(
    manager,
    `SELECT r.id, r.name, r.type, r.booking_mode, r.is_active, count(*) OVER ()::int AS count
     FROM resource r
     WHERE r.deleted_at IS NULL ${query.type ? "AND r.type = ?" : ""} ${query.q ? "AND r.name ILIKE ? ESCAPE '\\'" : ""}
     ORDER BY r.name, r.id
     LIMIT ? OFFSET ?`,
    [
      ...(query.type ? [query.type] : []),
      ...(query.q ? [`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] : []),
      query.limit,
      query.offset,
    ]
  )
  if (!resources.length) {
    if (query.offset === 0) return [[], 0]
    // Past the last page: the count still answers.
    const [{ count }] = await runSql(
      manager,
      `SELECT count(*)::int AS count FROM resource r
       WHERE r.deleted_at IS NULL ${query.type ? "AND r.type = ?" : ""} ${query.q ? "AND r.name ILIKE ? ESCAPE '\\'" : ""}`,
      [...(query.type ? [query.type] : []), ...(query.q ? [`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] : [])]
    )
    return [[], count]
  }
  const ids = toPgArray(resources.map((r) => r.id))
  const cells = await runSql<CellRow>(
    manager,
    `WITH av AS (
       SELECT * FROM resource_booking_availability(?::text[], ARRAY(SELECT 1 FROM unnest(?::text[])), ?::date, ?::date, ?)
     ),
     held AS (
       SELECT h.resource_id, k.date, k.start_time, sum(h.quantity)::int AS quantity
       FROM resource_hold h, resource_booking_hold_slots(h.dates, h.departures) k
       WHERE h.resource_id = ANY (?::text[]) AND ${LIVE_HOLD("h")} AND h.dates && ${DATE_RANGE_ARRAY}
         AND k.date BETWEEN ?::date AND ?::date
       GROUP BY 1, 2, 3
     ),
     allocated AS (
       SELECT a.resource_id, k.date, k.start_time, sum(a.quantity)::int AS quantity
       FROM resource_allocation a, resource_booking_hold_slots(a.dates, a.departures) k
       WHERE a.resource_id = ANY (?::text[]) AND a.status = 'ACTIVE' AND a.deleted_at IS NULL
         AND a.dates && ${DATE_RANGE_ARRAY} AND k.date BETWEEN ?::date AND ?::date
       GROUP BY 1, 2, 3
     ),
     days AS (
       SELECT g::date AS date, (g::date::timestamp AT TIME ZONE ?) AS day_start,
              ((g::date + 1)::timestamp AT TIME ZONE ?) AS day_end
       FROM generate_series(?::date, ?::date, interval '1 day') AS g
     ),
     appointment_resource AS (
       SELECT r.id, greatest(coalesce((r.appointment->>'units')::int, 1), 1) AS units FROM resource r
       WHERE r.id = ANY (?::text[]) AND r.booking_mode = 'APPOINTMENT'
     ),
     booking AS (
       SELECT h.resource_id, h.quantity, h.starts_at, h.ends_at FROM resource_hold h
       WHERE h.resource_id IN (SELECT id FROM appointment_resource) AND ${LIVE_HOLD("h")} AND h.starts_at IS NOT NULL
         AND h.dates && ${DATE_RANGE_ARRAY}
       UNION ALL
       SELECT a.resource_id, a.quantity, a.starts_at, a.ends_at FROM resource_allocation a
       WHERE a.resource_id IN (SELECT id FROM appointment_resource) AND a.status = 'ACTIVE' AND a.deleted_at IS NULL
         AND a.starts_at IS NOT NULL AND a.dates && ${DATE_RANGE_ARRAY}
     ),
     appointment_busy AS (
       SELECT b.resource_id, d.date,
              round(sum(b.quantity * extract(epoch FROM least(b.ends_at, d.day_end) - greatest(b.starts_at, d.day_start)) / 60))::int
                AS busy_unit_minutes,
              count(*)::int AS bookings
       FROM booking b JOIN days d ON b.starts_at < d.day_end AND b.ends_at > d.day_start
       GROUP BY 1, 2
     ),
     appointment_day AS (
       SELECT ar.id AS resource_id, d.date, ar.units,
              (SELECT coalesce(sum(CASE WHEN x.range->>1 = '24:00' THEN 1440
                                        ELSE extract(epoch FROM (x.range->>1)::time)::int / 60 END
                                   - extract(epoch FROM (x.range->>0)::time)::int / 60), 0)::int
               FROM jsonb_array_elements(resource_booking_day_hours(ar.id, d.date)) AS x(range)) AS open_minutes,
              coalesce(ab.busy_unit_minutes, 0) AS busy_unit_minutes, coalesce(ab.bookings, 0) AS bookings
       FROM appointment_resource ar CROSS JOIN days d
       LEFT JOIN appointment_busy ab ON ab.resource_id = ar.id AND ab.date = d.date
     )
     SELECT av.resource_id, av.date, av.start_time, av.starts_at, av.ends_at, av.max_capacity, av.available_capacity,
            av.is_blacked_out, coalesce(h.quantity, 0) AS held, coalesce(a.quantity, 0) AS allocated,
            ad.units, ad.open_minutes, ad.busy_unit_minutes, ad.bookings
     FROM av
     LEFT JOIN held h ON h.resource_id = av.resource_id AND h.date = av.date::date
                     AND h.start_time IS NOT DISTINCT FROM av.start_time::time
     LEFT JOIN allocated a ON a.resource_id = av.resource_id AND a.date = av.date::date
                          AND a.start_time IS NOT DISTINCT FROM av.start_time::time
     LEFT JOIN appointment_day ad ON ad.resource_id = av.resource_id AND ad.date = av.date::date
     ORDER BY av.resource_id, av.date, av.start_time NULLS FIRST`,
    [
      ids, ids, query.from, query.to, query.timezone,
      ids, query.from, query.to, query.from, query.to,
      ids, query.from, query.to, query.from, query.to,
      query.timezone, query.timezone, query.from, query.to,
      ids,
      query.from, query.to,
      query.from, query.to,
    ]
  )
  const byResource = new Map<string, PlannerCellDTO[]>()
  for (const row of cells) {
    let days = byResource.get(row.resource_id)
    if (!days) byResource.set(row.resource_id, (days = []))
    const last = days[days.length - 1]
    if (row.start_time !== null) {
      // A departure: a sub-row of its date's cell (the date's first departure makes the cell).
      const departure = {
        start_time: row.start_time,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        max_capacity: row.max_capacity!,
        available_capacity: row.available_capacity!,
        held: row.held,
        allocated: row.allocated,
      }
      if (last?.date === row.date && last.departures) {
        last.departures.push(departure)
        last.max_capacity! += departure.max_capacity
        last.available_capacity! += departure.available_capacity
        last.held += departure.held
        last.allocated += departure.allocated
        continue
      }
      days.push({
        date: row.date,
        is_blacked_out: row.is_blacked_out,
        max_capacity: departure.max_capacity,
        available_capacity: departure.available_capacity,
        held: departure.held,
        allocated: departure.allocated,
        departures: [departure],
      })
      continue
    }
    days.push({
      date: row.date,
      is_blacked_out: row.is_blacked_out,
      max_capacity: row.max_capacity,
      available_capacity: row.available_capacity,
      held: row.held,
      allocated: row.allocated,
      ...(row.units !== null
        ? {
            appointment: {
              units: row.units,
              open_minutes: row.open_minutes!,
              busy_unit_minutes: row.busy_unit_minutes!,
              bookings: row.bookings!,
            },
          }
        : {}),
    })
  }
  return [
    resources.map(({ count: _count, ...resource }) => {
      const days = byResource.get(resource.id) ?? []
      // A DEPARTURE resource's date without departures still has its cell, with no departures.
      if (resource.booking_mode === "DEPARTURE") for (const day of days) day.departures ??= []
      return { ...resource, days }
    }),
    resources[0].count,
  ]
}

type CellRow = {
  resource_id: string
  date: string
  start_time: string | null
  starts_at: Date | null
  ends_at: Date | null
  max_capacity: number | null
  available_capacity: number | null
  is_blacked_out: boolean
  held: number
  allocated: number
  units: number | null
  open_minutes: number | null
  busy_unit_minutes: number | null
  bookings: number | null
}
