import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { conflict } from "../errors"
import { countFutureBookings, getLiveResource } from "../repositories/capacity-repository"
import { lockResources } from "./lock"
import { requireTransaction } from "./transaction"

/**
 * Refuses to delete a resource that still has unexpired ACTIVE holds or
 * active allocations on today or later. Takes the resource's lock, so the
 * check and the delete that follows in the same transaction let no hold slip
 * in between.
 */
export async function assertResourceDeletable(tx: SqlEntityManager, resourceId: string, today: string): Promise<void> {
  requireTransaction(tx)
  await getLiveResource(tx, resourceId, { requireActive: false })
  await lockResources(tx, [resourceId])
  const { holds, allocations } = await countFutureBookings(tx, resourceId, today)
  if (holds > 0 || allocations > 0) {
    throw conflict(`Resource ${resourceId} has active holds or allocations from ${today} on and cannot be deleted`)
  }
}

