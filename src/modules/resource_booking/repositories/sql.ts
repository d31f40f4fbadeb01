import { Context } from "@medusajs/framework/types"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * How the module talks to PostgreSQL: SQL text with knex `?` placeholders on
 * the manager Medusa hands the service (as @medusajs/pricing's repositories do
 * with getActiveManager). No lock and no capacity arithmetic is written here:
 * that is the ledger's (ledger/LOCKING.md).
 */
export async function runSql<T = any>(manager: SqlEntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await manager.execute(sql, params as any[])) as T[]
}

/**
 * The connection a read runs on: the caller's transaction when there is one
 * (a write reading its own changes), else a plain connection: a read needs no
 * BEGIN/COMMIT round trips.
 */
export function readerOf(sharedContext: Context): SqlEntityManager {
  return (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
}

/**
 * Encodes a list as a PostgreSQL array literal, to be bound as one parameter
 * and cast (`?::date[]`, `?::text[]`): knex would expand a JS array bound to
 * `?` into a comma-separated list.
 */
export function toPgArray(values: readonly string[]): string {
  const items = values.map((value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
  return `{${items.join(",")}}`
}
