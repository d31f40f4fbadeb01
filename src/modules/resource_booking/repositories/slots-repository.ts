import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql, toPgArray } from "./sql"

export type SlotRow = {
  resource_id: string
  date: string
  start_time: string
  starts_at: Date
  ends_at: Date
  available_units: number
}

/**
 * The free starts of an appointment of `duration` minutes on each resource
 * (with the units it needs) from..to, in one statement: the database function
 * resource_booking_slots (ledger/sql/appointments.ts), which shares its grid
 * with the hold decision.
 */
export async function readSlots(
  manager: SqlEntityManager,
  input: { items: { resource_id: string; needed: number }[]; from: string; to: string; duration: number; timezone: string }
): Promise<SlotRow[]> {
  return await runSql<SlotRow>(manager, `SELECT * FROM resource_booking_slots(?::text[], ?::int[], ?::date, ?::date, ?, ?)`, [
    toPgArray(input.items.map((item) => item.resource_id)),
    `{${input.items.map((item) => item.needed).join(",")}}`,
    input.from,
    input.to,
    input.duration,
    input.timezone,
  ])
}

/** A day's timeline of an APPOINTMENT resource: each live unit occupancy with its booking. */
export async function readUnitTimeline(manager: SqlEntityManager, resourceId: string, date: string, timezone: string) {
  return await runSql(
    manager,
    `SELECT o.unit, o.hold_id, o.allocation_id, lower(o.during) AS window_starts_at, upper(o.during) AS window_ends_at,
            coalesce(a.starts_at, h.starts_at) AS starts_at, coalesce(a.ends_at, h.ends_at) AS ends_at,
            coalesce(a.quantity, h.quantity) AS quantity, a.order_id, h.customer_email,
            CASE WHEN o.allocation_id IS NOT NULL THEN 'ALLOCATED' ELSE 'HELD' END AS status
     FROM resource_occupancy o
     LEFT JOIN resource_allocation a ON a.id = o.allocation_id
     LEFT JOIN resource_hold h ON h.id = o.hold_id
     WHERE o.resource_id = ? AND o.live
       AND o.during && tstzrange((?::date)::timestamp AT TIME ZONE ?, (?::date + 1)::timestamp AT TIME ZONE ?)
       AND (o.allocation_id IS NOT NULL OR resource_booking_hold_is_live(h.status, h.expires_at))
     ORDER BY o.unit, lower(o.during)`,
    [resourceId, date, timezone, date, timezone]
  )
}
