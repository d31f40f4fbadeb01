import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { mapLockError } from "../errors"
import { ResourceBookingOptions } from "../options"
import { runSql, toPgArray } from "../repositories/sql"
import { WaitlistOfferDTO } from "../types"

/**
 * Offers freed capacity on these resources to the waitlist: one call of
 * resource_booking_offer_waitlist, which locks every resource of the entries
 * that touch them (sorted, once), records offers that ended (FULFILLED,
 * OFFER_EXPIRED: their capacity goes on to the next entry), then walks the
 * waiting entries in the order they were made and gives each whose whole
 * request fits a hold group through the same hold decision as every other
 * hold (resource_booking_take_holds_locked), alive waitlistOfferMinutes and
 * never past the first date's cutoff. An entry that does not fit is passed
 * over, not waited on (first fit). The offer's idempotency token is the
 * entry's id, so an entry never holds two offers, and capacity taken under
 * the lock is never offered twice.
 *
 * Runs in autocommit, after the change that freed capacity has committed
 * (LOCKING.md, "the hold path"); the sweep job runs it again for every
 * resource with live entries, so a run that failed is made up for.
 */
export async function offerWaitlist(
  manager: SqlEntityManager,
  options: ResourceBookingOptions,
  resourceIds: string[]
): Promise<WaitlistOfferDTO[]> {
  if (!resourceIds.length) return []
  try {
    return await runSql<WaitlistOfferDTO>(
      manager,
      `SELECT * FROM resource_booking_offer_waitlist(?::text[], ?::numeric, ?, ?)`,
      [
        toPgArray([...new Set(resourceIds)]),
        Math.round(options.waitlistOfferMinutes * 60),
        options.timezone,
        options.maxWaitlistOffersPerCustomer,
      ]
    )
  } catch (error) {
    mapLockError(error)
  }
}

/** Resources that have live (WAITING or OFFERED) waitlist entries: what the sweep offers again. */
export async function listWaitlistedResources(manager: SqlEntityManager): Promise<string[]> {
  const rows = await runSql<{ resource_id: string }>(
    manager,
    `SELECT DISTINCT x->>'resource_id' AS resource_id
     FROM resource_waitlist_entry w, jsonb_array_elements(w.items) x
     WHERE w.status IN ('WAITING', 'OFFERED') AND w.deleted_at IS NULL`
  )
  return rows.map((row) => row.resource_id)
}
