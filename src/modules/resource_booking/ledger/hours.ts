import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { runSql } from "../repositories/sql"
import { lockResources } from "./lock"
import { requireTransaction } from "./transaction"

/**
 * Other working hours on one date of an APPOINTMENT resource (`[]` closes
 * it), or the date back to its weekday's hours (`hours` null). Under the
 * resource's lock: the appointment decision reads a date's hours under the
 * same lock, so a hold is decided on the hours before or after the change,
 * never on a mix. Existing holds and allocations are kept (as a change of
 * booking rules keeps them). Answers what the date had before (for a
 * compensation): its exception's hours, or null.
 */
export async function writeHoursException(
  tx: SqlEntityManager,
  input: { resource_id: string; date: string; hours: [string, string][] | null }
): Promise<{ previous: [string, string][] | null }> {
  requireTransaction(tx)
  await lockResources(tx, [input.resource_id])
  const [before] = await runSql(
    tx,
    `SELECT hours FROM resource_hours_exception WHERE resource_id = ? AND date = ?::date AND deleted_at IS NULL`,
    [input.resource_id, input.date]
  )
  if (input.hours === null) {
    await runSql(tx, `DELETE FROM resource_hours_exception WHERE resource_id = ? AND date = ?::date`, [input.resource_id, input.date])
  } else {
    await runSql(
      tx,
      `INSERT INTO resource_hours_exception (id, resource_id, date, hours, created_at, updated_at)
       VALUES ('rhex_' || replace(gen_random_uuid()::text, '-', ''), ?, ?::date, ?::jsonb, now(), now())
       ON CONFLICT (resource_id, date) WHERE deleted_at IS NULL DO UPDATE SET hours = excluded.hours`,
      [input.resource_id, input.date, JSON.stringify(input.hours)]
    )
  }
  return { previous: before ? before.hours : null }
}

