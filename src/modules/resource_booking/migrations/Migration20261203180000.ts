import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql } from "../ledger/sql"

/**
 * The ledger's SQL functions from the tree again (applyLedgerSql), for the
 * speed of departures found by `npm run bench` (departure_hold_http,
 * departure_availability_http; docs/PERFORMANCE.md):
 * - resource_booking_departures_json is PL/pgSQL: as LANGUAGE sql (not
 *   inlinable: a subquery) its body was planned on every call, 0.26 ms of
 *   each departure hold under the resource's lock;
 * - resource_booking_availability asks a date's blackouts once per resource
 *   and date, not twice per row (540 index probes → 90 for 90 days × 3
 *   departures).
 * - resource_booking_limit_problem reads a customer's (a client key's) ACTIVE
 *   holds by its own index and tests liveness on those: the plan a
 *   connection kept could scan idx_hold_expiration (every live hold) under
 *   the resource's lock, more each hold; it is planned for each call
 *   (force_custom_plan): a plan kept from an empty, never-analyzed table
 *   scanned every ACTIVE hold through idx_hold_active_cart.
 * Same answers.
 */
export class Migration20261203180000 extends Migration {
  override async up(): Promise<void> {
    applyLedgerSql(this)
  }

  override async down(): Promise<void> {
    // The earlier definitions give the same answers; nothing to undo.
  }
}
