import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { generateEntityId } from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../constants"
import { conflict, invalid, notFound } from "../errors"
import { ALLOCATION_COLUMNS, findAllocationOfHold, findAllocationOfLine } from "../repositories/allocation-repository"
import { shortKeys } from "../repositories/capacity-repository"
import { runSql, toPgArray } from "../repositories/sql"
import { ConfirmHoldInput, ConfirmHoldResult } from "../types"
import { expireLapsed } from "./lapsed"
import { lockResources } from "./lock"
import { addDays } from "../utils/dates"
import { applyMovements, bookingKeys, CapacityMovement } from "./movements"
import { requireTransaction } from "./transaction"

/**
 * Turns a hold into the allocation of an order line item, once per
 * (order_id, line_item_id, resource_id).
 *
 * A hold belongs to the first order line it is confirmed into: confirming it
 * again for that (order_id, line_item_id) answers the allocation it made
 * (created: false); for any other order line it is refused (409 CONFLICT),
 * whatever became of that allocation since. This is decided under the
 * resource's lock with the hold row locked, so two processes confirming one
 * hold into two orders at once make one allocation and move capacity once.
 *
 * A paid order is never lost (invariant 5): an ACTIVE hold (even one past
 * expires_at: its capacity is still taken) is confirmed; a hold that lapsed
 * or was released (and no order owns) re-takes its capacity when every date
 * has it, after lapsed holds are expired (the one rule, lapsed.ts), and
 * otherwise is recorded without it, flagged `needs_review` with the reason;
 * capacity never goes below 0.
 */
export async function confirmHold(tx: SqlEntityManager, input: ConfirmHoldInput): Promise<ConfirmHoldResult> {
  requireTransaction(tx)
  if (!input.order_id || !input.line_item_id) throw invalid("order_id and line_item_id are required")
  const [found] = await runSql(tx, `SELECT resource_id FROM resource_hold WHERE id = ?`, [input.hold_id])
  if (!found) throw notFound(`Resource hold with id: ${input.hold_id} was not found`)
  await lockResources(tx, [found.resource_id])

  const key = { order_id: input.order_id, line_item_id: input.line_item_id, resource_id: found.resource_id }
  const existing = await findAllocationOfLine(tx, key)
  if (existing) return { allocation: existing, created: false, hold_confirmed: false }

  // The hold row before any allocation or capacity row (LOCKING.md, rule 4);
  // a release or sweep of it that is under way finishes first.
  const [hold] = await runSql(
    tx,
    `SELECT h.id, h.resource_id, h.dates::text[] AS dates, h.departures::text[] AS departures, h.starts_at, h.ends_at,
            h.appointment, h.quantity, h.status, h.metadata
     FROM resource_hold h WHERE h.id = ? FOR UPDATE`,
    [input.hold_id]
  )
  const owner = await findAllocationOfHold(tx, hold.id)
  if (owner) {
    if (owner.order_id === input.order_id && owner.line_item_id === input.line_item_id) {
      return { allocation: owner, created: false, hold_confirmed: false }
    }
    throw conflict(
      `Resource hold ${hold.id} is already confirmed into order ${owner.order_id} (line item ${owner.line_item_id}); it cannot be confirmed into order ${input.order_id} (line item ${input.line_item_id})`
    )
  }
  const allocationId = generateEntityId(undefined, ID_PREFIXES.allocation)
  let capacityDeducted = true
  let reviewReason: string | null = null
  let holdConfirmed = false

  if (hold.status === "ACTIVE") {
    await runSql(tx, `UPDATE resource_hold SET status = 'CONFIRMED', confirmed_at = now() WHERE id = ?`, [hold.id])
    holdConfirmed = true
  } else {
    await expireLapsed(tx, hold.resource_id, { dates: hold.appointment ? aroundDate(hold.dates[0]) : hold.dates })
    const keys = { dates: hold.dates as string[], departures: hold.departures as string[] | null }
    const short = hold.appointment
      ? await shortUnits(tx, hold.resource_id, hold.starts_at, hold.ends_at, hold.quantity)
      : await shortKeys(tx, hold.resource_id, keys, hold.quantity)
    if (short.length) {
      capacityDeducted = false
      reviewReason = `Hold ${hold.id} was ${hold.status} when order ${input.order_id} was placed, and capacity for quantity ${hold.quantity} was no longer available on: ${short.join(", ")}`
    } else {
      const movement: CapacityMovement = {
        resource_id: hold.resource_id,
        allocation_id: allocationId,
        hold_id: hold.id,
        ...keys,
        delta: -hold.quantity,
      }
      // An appointment's units are taken once its allocation exists (below).
      if (!hold.appointment) await applyMovements(tx, "CONFIRM", [movement])
    }
  }

  const [allocation] = await runSql(
    tx,
    `INSERT INTO resource_allocation AS a
       (id, resource_id, hold_id, order_id, line_item_id, dates, departures, appointment, starts_at, ends_at, quantity, status,
        capacity_deducted, needs_review, review_reason, metadata, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?::date[], ?::timestamp[], ?::jsonb, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?::jsonb, now(), now())
     RETURNING ${ALLOCATION_COLUMNS}`,
    [
      allocationId,
      hold.resource_id,
      hold.id,
      input.order_id,
      input.line_item_id,
      toPgArray(hold.dates),
      hold.departures ? toPgArray(hold.departures) : null,
      hold.appointment ? JSON.stringify(hold.appointment) : null,
      hold.starts_at,
      hold.ends_at,
      hold.quantity,
      capacityDeducted,
      reviewReason !== null,
      reviewReason,
      JSON.stringify({ ...(hold.metadata ?? {}), ...(input.metadata ?? {}) }),
    ]
  )
  if (hold.appointment) {
    if (holdConfirmed) {
      // The units the hold occupies are the allocation's now.
      await runSql(tx, `UPDATE resource_occupancy SET allocation_id = ? WHERE hold_id = ? AND live AND allocation_id IS NULL`, [
        allocationId,
        hold.id,
      ])
    } else if (capacityDeducted) {
      await occupyFor(tx, { resource_id: hold.resource_id, hold_id: hold.id, allocation_id: allocationId, reason: "CONFIRM", booking: hold })
    }
  }
  return { allocation, created: true, hold_confirmed: holdConfirmed }
}

/** The dates around an appointment's date: a buffer may reach into the day before or after. */
export function aroundDate(date: string): string[] {
  return [addDays(date, -1), date, addDays(date, 1)]
}

/** An appointment whose units are not free over its window (buffers included): the label naming it, else []. */
export async function shortUnits(
  tx: SqlEntityManager,
  resourceId: string,
  startsAt: string | Date,
  endsAt: string | Date,
  quantity: number
): Promise<string[]> {
  const [row] = await runSql(
    tx,
    `SELECT (r.appointment->>'units')::int - resource_booking_units_taken(r.id,
              resource_booking_appointment_window(r.appointment, ?::timestamptz, ?::timestamptz)) < ? AS short,
            to_char(?::timestamptz, 'YYYY-MM-DD"T"HH24:MI:SSOF') AS label
     FROM resource r WHERE r.id = ?`,
    [startsAt, endsAt, quantity, startsAt, resourceId]
  )
  return row.short ? [row.label] : []
}

/** Takes the units of an appointment booking again (under the resource's lock, after a check): resource_booking_occupy. */
export async function occupyFor(
  tx: SqlEntityManager,
  input: {
    resource_id: string
    hold_id: string | null
    allocation_id: string | null
    reason: string
    booking: { starts_at: string | Date; ends_at: string | Date; quantity: number; appointment: { date: string; start_time: string } }
  }
): Promise<boolean> {
  const [row] = await runSql(
    tx,
    `SELECT resource_booking_occupy(r.id, resource_booking_appointment_window(r.appointment, ?::timestamptz, ?::timestamptz),
              ?, ?, ?, ?, ?::date, ?::time) AS taken
     FROM resource r WHERE r.id = ?`,
    [
      input.booking.starts_at,
      input.booking.ends_at,
      input.booking.quantity,
      input.hold_id,
      input.allocation_id,
      input.reason,
      input.booking.appointment.date,
      input.booking.appointment.start_time,
      input.resource_id,
    ]
  )
  return row.taken > 0
}

/**
 * Compensation of confirmHold: removes the allocation it made; a hold it moved
 * to CONFIRMED goes back to ACTIVE (its capacity never moved), a capacity it
 * re-took is given back (no lock needed).
 */
export async function revertConfirmation(
  tx: SqlEntityManager,
  input: { allocation_id: string; hold_confirmed: boolean }
): Promise<void> {
  requireTransaction(tx)
  const [allocation] = await runSql(
    tx,
    `SELECT ${ALLOCATION_COLUMNS} FROM resource_allocation a WHERE a.id = ? FOR UPDATE`,
    [input.allocation_id]
  )
  if (!allocation) return
  if (input.hold_confirmed && allocation.hold_id) {
    await runSql(tx, `UPDATE resource_hold SET status = 'ACTIVE', confirmed_at = NULL WHERE id = ? AND status = 'CONFIRMED'`, [
      allocation.hold_id,
    ])
  } else if (allocation.capacity_deducted && allocation.status === "ACTIVE") {
    await applyMovements(tx, "CANCEL", [
      { resource_id: allocation.resource_id, allocation_id: allocation.id, ...bookingKeys(allocation), delta: allocation.quantity },
    ])
  }
  await runSql(tx, `DELETE FROM resource_allocation WHERE id = ?`, [allocation.id])
}
