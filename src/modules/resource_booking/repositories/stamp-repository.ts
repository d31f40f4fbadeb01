import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql, toPgArray } from "./sql"

/** Read stamps (ledger/sql/stamps.ts): what a kept answer checks (read-cache.ts). */
export type ReadStamp = { stamp: string; checked_at: Date; valid_until: Date }

/** The read stamp of some resources now (resource_booking_read_stamp, ledger/sql/stamps.ts). */
export async function readStamp(manager: SqlEntityManager, resourceIds: string[]): Promise<ReadStamp> {
  const [row] = await runSql<ReadStamp>(manager, `SELECT * FROM resource_booking_read_stamp(?::text[])`, [toPgArray(resourceIds)])
  return row
}

/** Bumps the read stamps of some ids, in id order (resource_booking_bump_read_stamps). */
export async function bumpReadStamps(manager: SqlEntityManager, ids: string[]): Promise<void> {
  await runSql(manager, `SELECT resource_booking_bump_read_stamps(?::text[])`, [toPgArray(ids)])
}
