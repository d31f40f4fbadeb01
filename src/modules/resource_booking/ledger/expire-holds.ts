import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql } from "../repositories/sql"
import { LAPSED_HOLD } from "./lapsed"

/**
 * The sweep's first half: which resources have lapsed ACTIVE holds, oldest
 * first, at most `batchSize` holds. The second half is `expireLapsed` of each
 * resource in its own transaction (lapsed.ts): hold rows are taken
 * `FOR UPDATE SKIP LOCKED`, so parallel sweeps never expire a hold twice and
 * never wait on each other, and need no resource lock (giving back).
 */
export async function listLapsedHoldResources(
  manager: SqlEntityManager,
  batchSize: number
): Promise<{ resource_id: string; count: number }[]> {
  return await runSql(
    manager,
    `SELECT resource_id, count(*)::int AS count FROM (
       SELECT resource_id FROM resource_hold
       WHERE ${LAPSED_HOLD("resource_hold")}
       ORDER BY expires_at LIMIT ?
     ) lapsed GROUP BY resource_id ORDER BY resource_id`,
    [batchSize]
  )
}
