import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { mapLockError } from "../errors"
import { runSql, toPgArray } from "../repositories/sql"
import { requireTransaction } from "./transaction"

/**
 * Takes the advisory locks of a set of resources: the only lock call in the
 * module's code (the SQL function resource_booking_lock_resources sorts the
 * keys, computes them with get_resource_lock_id, refuses a second call in the
 * same transaction and sets a lock timeout). See LOCKING.md beside this file.
 *
 * With `wait: false` it returns false at once when a resource is locked.
 */
export async function lockResources(
  tx: SqlEntityManager,
  resourceIds: string[],
  { wait = true }: { wait?: boolean } = {}
): Promise<boolean> {
  requireTransaction(tx)
  try {
    const [row] = await runSql<{ locked: boolean }>(
      tx,
      `SELECT resource_booking_lock_resources(?::text[], ?) AS locked`,
      [toPgArray([...new Set(resourceIds)]), wait]
    )
    return row.locked
  } catch (error) {
    mapLockError(error)
  }
}
