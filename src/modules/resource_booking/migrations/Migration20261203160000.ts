import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql } from "../ledger/sql"

/**
 * The ledger's SQL functions from the tree again (applyLedgerSql), for the
 * speed of appointments found by `npm run bench` (issue 18, docs/PERFORMANCE.md):
 * - the appointment hold decision (resource_booking_take_appointment_locked,
 *   resource_booking_try_create_appointment) runs with JIT off: its grid
 *   statements are estimated at millions of rows and PostgreSQL JIT-compiled
 *   them on every hold (2.2 s a hold under the resource's lock; 21 ms after);
 * - the slot search (resource_booking_slots) reads the occupancy once and
 *   joins it to the starts, instead of one units count per start;
 * - resource_booking_appointment_starts takes a date's instants from its
 *   local midnight when no clock change is near, and
 *   resource_booking_local_instant is one inlinable expression.
 * Same answers (the DST cases of the appointment tests hold them to it).
 */
export class Migration20261203160000 extends Migration {
  override async up(): Promise<void> {
    applyLedgerSql(this)
  }

  override async down(): Promise<void> {
    // The earlier definitions differ only by the JIT setting; nothing to undo.
  }
}
