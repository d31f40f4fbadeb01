import { Context } from "@medusajs/framework/types"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/** The ledger refuses to run outside a transaction: a check and its write must commit together. */
export function requireTransaction(manager: SqlEntityManager | undefined): asserts manager is SqlEntityManager {
  if (!manager || !manager.isInTransaction()) {
    throw new Error("resource_booking ledger: this operation must run inside a transaction (ledger/LOCKING.md)")
  }
}

/** The transaction of a service method decorated with @InjectTransactionManager. */
export function transactionOf(sharedContext: Context): SqlEntityManager {
  const tx = sharedContext.transactionManager as SqlEntityManager
  requireTransaction(tx)
  return tx
}
