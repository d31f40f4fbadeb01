import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { ALLOCATION_COLUMNS, retrieveAllocation } from "../repositories/allocation-repository"
import { shortKeys } from "../repositories/capacity-repository"
import { runSql } from "../repositories/sql"
import { CancelAllocationResult } from "../types"
import { aroundDate, occupyFor, shortUnits } from "./confirm-hold"
import { expireLapsed } from "./lapsed"
import { lockResources } from "./lock"
import { applyMovements, bookingKeys } from "./movements"
import { requireTransaction } from "./transaction"

/**
 * Cancels an allocation, once (conditional update); with `restore_capacity`,
 * gives its capacity back. Giving back needs no resource lock.
 */
export async function cancelAllocation(
  tx: SqlEntityManager,
  input: { allocation_id: string; restore_capacity: boolean; actor_id?: string | null }
): Promise<CancelAllocationResult> {
  requireTransaction(tx)
  await retrieveAllocation(tx, input.allocation_id)
  const [updated] = await runSql(
    tx,
    `UPDATE resource_allocation a SET status = 'CANCELED', canceled_at = now()
     WHERE a.id = ? AND a.status = 'ACTIVE' AND a.deleted_at IS NULL
     RETURNING ${ALLOCATION_COLUMNS}`,
    [input.allocation_id]
  )
  if (!updated) {
    return { allocation: await retrieveAllocation(tx, input.allocation_id), changed: false, capacity_restored: false }
  }
  const restore = input.restore_capacity && updated.capacity_deducted
  if (restore) {
    await applyMovements(
      tx,
      "CANCEL",
      [{ resource_id: updated.resource_id, allocation_id: updated.id, ...bookingKeys(updated), delta: updated.quantity }],
      input.actor_id ?? null
    )
  }
  return { allocation: updated, changed: true, capacity_restored: restore }
}

/**
 * Compensation of cancelAllocation: the allocation is ACTIVE again. Capacity
 * it gave back is taken again, under the resource's lock, when every date
 * still has it; otherwise the allocation is flagged for review without it
 * (capacity never below 0).
 */
export async function revertAllocationCancel(
  tx: SqlEntityManager,
  input: { allocation_id: string; capacity_restored: boolean }
): Promise<void> {
  requireTransaction(tx)
  const allocation = await retrieveAllocation(tx, input.allocation_id)
  let deducted = allocation.capacity_deducted
  let reason: string | null = null
  if (input.capacity_restored) {
    await lockResources(tx, [allocation.resource_id])
    await expireLapsed(tx, allocation.resource_id, {
      dates: allocation.appointment ? aroundDate(allocation.dates[0]) : allocation.dates,
    })
    const short = allocation.appointment
      ? await shortUnits(tx, allocation.resource_id, allocation.starts_at!, allocation.ends_at!, allocation.quantity)
      : await shortKeys(tx, allocation.resource_id, bookingKeys(allocation), allocation.quantity)
    if (short.length) {
      deducted = false
      reason = `Cancellation of allocation ${allocation.id} was undone, but its capacity was taken meanwhile on: ${short.join(", ")}`
    } else if (allocation.appointment) {
      await occupyFor(tx, {
        resource_id: allocation.resource_id,
        hold_id: allocation.hold_id,
        allocation_id: allocation.id,
        reason: "ADJUST",
        booking: allocation as any,
      })
    } else {
      await applyMovements(tx, "ADJUST", [
        { resource_id: allocation.resource_id, allocation_id: allocation.id, ...bookingKeys(allocation), delta: -allocation.quantity },
      ])
    }
  }
  await runSql(
    tx,
    `UPDATE resource_allocation SET status = 'ACTIVE', canceled_at = NULL, capacity_deducted = ?,
       needs_review = needs_review OR ?, review_reason = coalesce(?, review_reason)
     WHERE id = ?`,
    [deducted, reason !== null, reason, allocation.id]
  )
}
