import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql } from "../repositories/sql"

/**
 * One retention batch (ledger/sql/retention.ts): finished holds older than
 * `holdDays` and audit rows older than `auditDays` (0: none) move to the
 * archive tables. Runs in autocommit (one statement); rows another
 * transaction is moving are skipped, so it never waits on live traffic.
 */
export async function archiveHistory(
  manager: SqlEntityManager,
  input: { holdDays: number; auditDays: number; batch: number }
): Promise<{ holds: number; audit: number }> {
  const [row] = await runSql(manager, `SELECT * FROM resource_booking_archive_history(?, ?, ?)`, [
    input.holdDays,
    input.auditDays,
    input.batch,
  ])
  return { holds: row.holds, audit: row.audit }
}
