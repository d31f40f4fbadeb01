import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql } from "../ledger/sql"
import * as stamps from "../ledger/sql/stamps"

/** The tables whose changes a slot search sees, with the trigger function each uses (ledger/sql/stamps.ts). */
const STAMPED: [table: string, fn: string, events: ("INSERT" | "UPDATE" | "DELETE")[]][] = [
  ["resource", "resource_booking_stamp_resources", ["UPDATE", "DELETE"]],
  ["resource_blackout", "resource_booking_stamp_resource_rows", ["INSERT", "UPDATE", "DELETE"]],
  ["resource_hours_exception", "resource_booking_stamp_resource_rows", ["INSERT", "UPDATE", "DELETE"]],
  ["resource_occupancy", "resource_booking_stamp_resource_rows", ["INSERT", "UPDATE", "DELETE"]],
]

/** resource_hold: a row trigger notes appointment holds whose status or expiry changed; the statement trigger bumps them (stamps.ts). */
const HOLD_TRIGGERS = [
  `CREATE TRIGGER trg_read_stamp_resource_hold_note AFTER UPDATE ON "resource_hold" FOR EACH ROW ` +
    `WHEN (NEW.appointment IS NOT NULL AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.expires_at IS DISTINCT FROM OLD.expires_at)) ` +
    `EXECUTE FUNCTION resource_booking_note_appointment_hold();`,
  `CREATE TRIGGER trg_read_stamp_resource_hold_update AFTER UPDATE ON "resource_hold" FOR EACH STATEMENT ` +
    `EXECUTE FUNCTION resource_booking_stamp_appointment_holds();`,
]
const HOLD_TRIGGER_NAMES = ["trg_read_stamp_resource_hold_note", "trg_read_stamp_resource_hold_update"]

const REFERENCING = {
  INSERT: "REFERENCING NEW TABLE AS new_rows",
  UPDATE: "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
  DELETE: "REFERENCING OLD TABLE AS old_rows",
}

const triggerName = (table: string, event: string) => `trg_read_stamp_${table}_${event.toLowerCase()}`

/**
 * Read stamps (issue 18's slot search, docs/PERFORMANCE.md): the table
 * resource_read_stamp (a version per resource), the statement triggers that
 * bump it when anything the slot search reads changes, and the ledger's SQL
 * from the tree (applyLedgerSql: the trigger functions and
 * resource_booking_read_stamp are new there; resource_booking_day_hours and
 * resource_booking_units_taken are PL/pgSQL, planned once per connection, and
 * the appointment decision reads the start on the grid once: 2.7 → 1.9 ms a
 * decision under the lock, pgbench on a bench database).
 */
export class Migration20261203170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE TABLE IF NOT EXISTS "resource_read_stamp" ("id" text NOT NULL, "version" integer NOT NULL DEFAULT 0, ` +
        `"created_at" timestamptz NOT NULL DEFAULT now(), "updated_at" timestamptz NOT NULL DEFAULT now(), ` +
        `"deleted_at" timestamptz NULL, CONSTRAINT "resource_read_stamp_pkey" PRIMARY KEY ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_resource_read_stamp_deleted_at" ON "resource_read_stamp" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    applyLedgerSql(this)
    for (const [table, fn, events] of STAMPED) {
      for (const event of events) {
        this.addSql(`DROP TRIGGER IF EXISTS ${triggerName(table, event)} ON "${table}";`)
        this.addSql(
          `CREATE TRIGGER ${triggerName(table, event)} AFTER ${event} ON "${table}" ${REFERENCING[event]} ` +
            `FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`
        )
      }
    }
    for (const name of HOLD_TRIGGER_NAMES) this.addSql(`DROP TRIGGER IF EXISTS ${name} ON "resource_hold";`)
    for (const statement of HOLD_TRIGGERS) this.addSql(statement)
  }

  override async down(): Promise<void> {
    for (const name of HOLD_TRIGGER_NAMES) this.addSql(`DROP TRIGGER IF EXISTS ${name} ON "resource_hold";`)
    for (const [table, , events] of STAMPED) {
      for (const event of events) this.addSql(`DROP TRIGGER IF EXISTS ${triggerName(table, event)} ON "${table}";`)
    }
    // The functions this migration brought (ledger/sql/stamps.ts), by their own signatures.
    for (const fn of Object.values(stamps)) this.addSql(`DROP FUNCTION IF EXISTS ${fn.signature};`)
    this.addSql(`DROP TABLE IF EXISTS "resource_read_stamp";`)
  }
}
