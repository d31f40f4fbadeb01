import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { CapacityChangeReason } from "../constants"
import { runSql } from "../repositories/sql"
import { DepartureDTO } from "../types"
import { departureKey } from "../validation"
import { requireTransaction } from "./transaction"

/**
 * One change of capacity on the dates (or departures) of one resource, and
 * what caused it: the capacity rows are the keys of
 * resource_booking_hold_slots (dates, or departures when given).
 */
export type CapacityMovement = {
  resource_id: string
  dates: string[]
  /** Ledger keys `YYYY-MM-DD HH:MM` of the departures moved; null or absent for dates. */
  departures?: string[] | null
  /** Signed: negative takes capacity, positive gives it back. */
  delta: number
  hold_id?: string | null
  allocation_id?: string | null
}

/**
 * The only writer of `available_capacity` besides a capacity change
 * (set-capacity.ts). Applies the movements resource by resource in id order,
 * each through resource_booking_apply_capacity_movements, which locks the
 * capacity rows in date order and writes one audit row per movement and date.
 *
 * Taking capacity (negative delta) needs the resources' locks and a check
 * first; giving it back does not (LOCKING.md).
 */
/** What a hold or an allocation takes, as a movement names it: its dates and its departures' keys. */
export function bookingKeys(booking: { dates: string[]; departures?: DepartureDTO[] | null }): {
  dates: string[]
  departures: string[] | null
} {
  return { dates: booking.dates, departures: booking.departures ? booking.departures.map(departureKey) : null }
}

export async function applyMovements(
  tx: SqlEntityManager,
  reason: CapacityChangeReason,
  movements: CapacityMovement[],
  actorId: string | null = null
): Promise<void> {
  requireTransaction(tx)
  const byResource = new Map<string, CapacityMovement[]>()
  for (const movement of movements) {
    if (movement.delta === 0 || !movement.dates.length) continue
    byResource.set(movement.resource_id, [...(byResource.get(movement.resource_id) ?? []), movement])
  }
  for (const resourceId of [...byResource.keys()].sort()) {
    await runSql(tx, `SELECT resource_booking_apply_capacity_movements(?, ?, ?, ?::jsonb)`, [
      resourceId,
      reason,
      actorId,
      JSON.stringify(
        byResource.get(resourceId)!.map((movement) => ({
          hold_id: movement.hold_id ?? null,
          allocation_id: movement.allocation_id ?? null,
          delta: movement.delta,
          dates: movement.dates,
          departures: movement.departures ?? null,
        }))
      ),
    ])
  }
}
