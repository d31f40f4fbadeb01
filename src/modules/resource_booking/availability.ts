import { UNAVAILABLE_REASONS } from "./constants"
import { AvailabilityRow } from "./repositories/capacity-repository"
import { AvailabilityDTO, GroupAvailabilityDTO, UnavailableReason } from "./types"

/**
 * Availability answers composed from the rows of
 * repositories/capacity-repository.readAvailability (one statement).
 */

/** One date of one resource for a request of `needed` units: what is free, and why it cannot be booked. */
export function dayOf(row: AvailabilityRow, needed: number) {
  const max = row.max_capacity ?? 0
  const available = Math.max(0, Math.min(row.available_capacity ?? 0, max))
  const reason: UnavailableReason | undefined =
    (row.rule_reason as UnavailableReason | null) ??
    (row.is_blacked_out ? "BLACKOUT" : max === 0 ? "NO_CAPACITY" : available < needed ? "SOLD_OUT" : undefined)
  return { max, available, reason }
}

export function resourceAvailability(
  resourceId: string,
  rows: AvailabilityRow[],
  input: { from: string; to: string; quantity: number }
): AvailabilityDTO {
  const dates = rows.map((row) => {
    const day = dayOf(row, input.quantity)
    return {
      date: row.date,
      max_capacity: day.max,
      available_capacity: day.available,
      is_blacked_out: row.is_blacked_out,
      is_available: !day.reason,
      ...(day.reason ? { reason: day.reason } : {}),
    }
  })
  return {
    resource_id: resourceId,
    from: input.from,
    to: input.to,
    quantity: input.quantity,
    is_available: dates.every((date) => date.is_available),
    dates,
  }
}

/**
 * Per date, the least over the resources of floor(available / units) (0 where
 * a blackout or a rule blocks the date), and the first reason that applies on
 * any of them.
 */
export function groupAvailability(
  items: { resource_id: string; units: number }[],
  rowsByItem: AvailabilityRow[][],
  input: { from: string; to: string; quantity: number }
): GroupAvailabilityDTO {
  const dates = rowsByItem[0].map((first, index) => {
    let available = Number.MAX_SAFE_INTEGER
    let reason: UnavailableReason | undefined
    items.forEach((item, itemIndex) => {
      const day = dayOf(rowsByItem[itemIndex][index], input.quantity * item.units)
      available = Math.min(available, day.reason && day.reason !== "SOLD_OUT" ? 0 : Math.floor(day.available / item.units))
      if (day.reason && (!reason || UNAVAILABLE_REASONS.indexOf(day.reason) < UNAVAILABLE_REASONS.indexOf(reason))) {
        reason = day.reason
      }
    })
    return { date: first.date, available_quantity: available, is_available: !reason, ...(reason ? { reason } : {}) }
  })
  return {
    from: input.from,
    to: input.to,
    quantity: input.quantity,
    is_available: dates.every((date) => date.is_available),
    resources: items.map(({ resource_id, units }) => ({ resource_id, units })),
    dates,
  }
}
