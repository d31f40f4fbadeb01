import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql } from "../ledger/sql"

const EVENTS = ["INSERT", "UPDATE", "DELETE"] as const
const REFERENCING = {
  INSERT: "REFERENCING NEW TABLE AS new_rows",
  UPDATE: "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
  DELETE: "REFERENCING OLD TABLE AS old_rows",
}
const triggerName = (event: string) => `trg_read_stamp_resource_capacity_${event.toLowerCase()}`

/** The row trigger that notes holds whose status or expiry changed: every hold now, appointments only before. */
const holdNote = (when: string) =>
  `CREATE TRIGGER trg_read_stamp_resource_hold_note AFTER UPDATE ON "resource_hold" FOR EACH ROW WHEN (${when}) ` +
  `EXECUTE FUNCTION resource_booking_note_appointment_hold();`
const CHANGED = "NEW.status IS DISTINCT FROM OLD.status OR NEW.expires_at IS DISTINCT FROM OLD.expires_at"

/**
 * Read stamps for dates and departures (docs/PERFORMANCE.md): a change of
 * resource_capacity (a hold, a release, the sweep, a confirmation's
 * cancelation, an admin's capacity) bumps its resources' read versions, as a
 * change of resource_occupancy does for appointments (Migration20261203170000,
 * ledger/sql/stamps.ts), so that the module keeps availability answers for
 * DAY and DEPARTURE resources too. One statement trigger per event with its
 * transition table: a hold updates one to a few capacity rows in one statement.
 * The hold note trigger now notes every hold whose status or expiry changes
 * (a lapse moved by psql, an extension), and its function notes a resource
 * once per transaction; versions are bumped at commit by a deferred
 * constraint trigger on resource_read_stamp_pending, not at each statement
 * (stamps.ts says why: a release and a hold deadlocked). The ledger's SQL
 * from the tree: applyLedgerSql.
 */
export class Migration20261203190000 extends Migration {
  override async up(): Promise<void> {
    // One row per writing transaction, deleted by its own trigger before the transaction ends: never holds data.
    this.addSql(`CREATE UNLOGGED TABLE IF NOT EXISTS "resource_read_stamp_pending" ("txid" bigint NOT NULL, CONSTRAINT "resource_read_stamp_pending_pkey" PRIMARY KEY ("txid"));`)
    applyLedgerSql(this)
    this.addSql(`DROP TRIGGER IF EXISTS trg_read_stamp_commit ON "resource_read_stamp_pending";`)
    this.addSql(
      `CREATE CONSTRAINT TRIGGER trg_read_stamp_commit AFTER INSERT ON "resource_read_stamp_pending" ` +
        `DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION resource_booking_bump_noted_read_stamps();`
    )
    this.addSql(`DROP TRIGGER IF EXISTS trg_read_stamp_resource_hold_update ON "resource_hold";`)
    this.addSql(`DROP TRIGGER IF EXISTS trg_read_stamp_resource_hold_note ON "resource_hold";`)
    this.addSql(holdNote(CHANGED))
    for (const event of EVENTS) {
      this.addSql(`DROP TRIGGER IF EXISTS ${triggerName(event)} ON "resource_capacity";`)
      this.addSql(
        `CREATE TRIGGER ${triggerName(event)} AFTER ${event} ON "resource_capacity" ${REFERENCING[event]} ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION resource_booking_stamp_resource_rows();`
      )
    }
  }

  override async down(): Promise<void> {
    for (const event of EVENTS) this.addSql(`DROP TRIGGER IF EXISTS ${triggerName(event)} ON "resource_capacity";`)
    this.addSql(`DROP TRIGGER IF EXISTS trg_read_stamp_resource_hold_note ON "resource_hold";`)
    this.addSql(holdNote(`NEW.appointment IS NOT NULL AND (${CHANGED})`))
    this.addSql(
      `CREATE TRIGGER trg_read_stamp_resource_hold_update AFTER UPDATE ON "resource_hold" FOR EACH STATEMENT ` +
        `EXECUTE FUNCTION resource_booking_stamp_appointment_holds();`
    )
    this.addSql(`DROP TABLE IF EXISTS "resource_read_stamp_pending";`)
    // The note functions (ledger/sql/stamps.ts) then write to a table that is gone: down() is for going back
    // to Migration20261203170000's code, whose functions the tree no longer holds.
  }
}
