import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql, LEDGER_FUNCTIONS } from "../ledger/sql"
import { Migration20261122030750 } from "./Migration20261122030750"
import { Migration20261122041500 } from "./Migration20261122041500"
import { Migration20261127100000 } from "./Migration20261127100000"
import { Migration20261127150000 } from "./Migration20261127150000"
import { Migration20261127170000 } from "./Migration20261127170000"

/**
 * Booking modes and departures (contract "Round 3 additions"), and the
 * ledger's SQL functions from their one definition in the tree
 * (ledger/sql/, applied by applyLedgerSql).
 *
 * - resource.booking_mode: DAY (every existing resource), DEPARTURE or
 *   APPOINTMENT.
 * - resource_capacity: a row is a date (start_time NULL) or a departure
 *   (date + local start_time, duration_minutes, and the instants it starts
 *   and ends, computed in the zone when it is set). One row per resource,
 *   date and start time (NULLS NOT DISTINCT); the unique index of the schema
 *   document, one row per resource and date, stays for the rows of dates.
 * - resource_hold / resource_allocation: `departures` (local timestamps, the
 *   capacity keys of a departure booking; NULL for dates), `starts_at` and
 *   `ends_at` (first start, last end); holds record their `channel`.
 * - resource_capacity_audit.start_time: which departure a row moved.
 * - resource_waitlist_entry.departures.
 * - Appointments: resource.appointment (working hours, grid, durations,
 *   buffers, units), resource_hours_exception (other hours on a date),
 *   resource_occupancy (the units each live booking occupies over its window,
 *   buffers included) with the exclusion constraint excl_occupancy_unit
 *   (btree_gist), `appointment` on holds, allocations and waitlist entries,
 *   and audit rows for a window (capacity_id NULL, `during`).
 */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE "resource" ADD COLUMN IF NOT EXISTS "booking_mode" text NOT NULL DEFAULT 'DAY';`)
    this.addSql(
      `ALTER TABLE "resource" ADD CONSTRAINT "chk_resource_booking_mode" CHECK ("booking_mode" IN ('DAY', 'DEPARTURE', 'APPOINTMENT'));`
    )

    this.addSql(`ALTER TABLE "resource_capacity"
      ADD COLUMN IF NOT EXISTS "start_time" time NULL,
      ADD COLUMN IF NOT EXISTS "duration_minutes" integer NULL,
      ADD COLUMN IF NOT EXISTS "starts_at" timestamptz NULL,
      ADD COLUMN IF NOT EXISTS "ends_at" timestamptz NULL;`)
    this.addSql(`ALTER TABLE "resource_capacity" ADD CONSTRAINT "chk_capacity_departure" CHECK (
      ("start_time" IS NULL) = ("duration_minutes" IS NULL)
      AND ("start_time" IS NULL) = ("starts_at" IS NULL)
      AND ("start_time" IS NULL) = ("ends_at" IS NULL)
      AND ("duration_minutes" IS NULL OR "duration_minutes" > 0)
      AND ("ends_at" IS NULL OR "ends_at" > "starts_at"));`)
    this.addSql(`DROP INDEX IF EXISTS "idx_capacity_resource_date";`)
    this.addSql(
      `CREATE UNIQUE INDEX "idx_capacity_resource_date" ON "resource_capacity" ("resource_id", "date") WHERE "start_time" IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX "idx_capacity_slot" ON "resource_capacity" ("resource_id", "date", "start_time") NULLS NOT DISTINCT;`
    )

    for (const table of ["resource_hold", "resource_allocation"]) {
      this.addSql(`ALTER TABLE "${table}"
        ADD COLUMN IF NOT EXISTS "departures" timestamp[] NULL,
        ADD COLUMN IF NOT EXISTS "starts_at" timestamptz NULL,
        ADD COLUMN IF NOT EXISTS "ends_at" timestamptz NULL;`)
      this.addSql(
        `ALTER TABLE "${table}" ADD CONSTRAINT "chk_${table.replace("resource_", "")}_departures" CHECK ("departures" IS NULL OR cardinality("departures") > 0);`
      )
    }
    this.addSql(`ALTER TABLE "resource_hold" ADD COLUMN IF NOT EXISTS "channel" text NULL;`)
    this.addSql(
      `ALTER TABLE "resource_hold" ADD CONSTRAINT "chk_hold_channel" CHECK ("channel" IS NULL OR "channel" IN ('storefront', 'widget', 'octo', 'waitlist', 'admin'));`
    )
    this.addSql(`ALTER TABLE "resource_capacity_audit" ADD COLUMN IF NOT EXISTS "start_time" time NULL;`)
    this.addSql(`ALTER TABLE "resource_waitlist_entry" ADD COLUMN IF NOT EXISTS "departures" timestamp[] NULL;`)

    // Appointments: the resource's settings, date exceptions to its hours,
    // and the units each live booking occupies, which no two bookings share
    // at any instant (the exclusion constraint is the last line; the ledger
    // decides first, under the resource's lock).
    this.addSql(`CREATE EXTENSION IF NOT EXISTS btree_gist;`)
    this.addSql(`ALTER TABLE "resource" ADD COLUMN IF NOT EXISTS "appointment" jsonb NULL;`)
    for (const table of ["resource_hold", "resource_allocation", "resource_waitlist_entry"]) {
      this.addSql(`ALTER TABLE "${table}" ADD COLUMN IF NOT EXISTS "appointment" jsonb NULL;`)
    }
    this.addSql(`CREATE TABLE IF NOT EXISTS "resource_hours_exception" (
  "id" text NOT NULL,
  "resource_id" text NOT NULL,
  "date" date NOT NULL,
  "hours" jsonb NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  "deleted_at" timestamptz NULL,
  CONSTRAINT "resource_hours_exception_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "resource_hours_exception_resource_id_foreign" FOREIGN KEY ("resource_id") REFERENCES "resource" ("id") ON DELETE CASCADE,
  CONSTRAINT "chk_hours_exception_hours" CHECK (jsonb_typeof("hours") = 'array')
);`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "idx_hours_exception_resource_date" ON "resource_hours_exception" ("resource_id", "date") WHERE "deleted_at" IS NULL;`
    )
    this.addSql(
      `CREATE TRIGGER "trg_hours_exception_updated_at" BEFORE UPDATE ON "resource_hours_exception" FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`
    )
    this.addSql(`CREATE TABLE IF NOT EXISTS "resource_occupancy" (
  "id" text NOT NULL,
  "resource_id" text NOT NULL,
  "unit" integer NOT NULL,
  "hold_id" text NULL,
  "allocation_id" text NULL,
  "during" tstzrange NOT NULL,
  "live" boolean NOT NULL DEFAULT true,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT "resource_occupancy_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "resource_occupancy_resource_id_foreign" FOREIGN KEY ("resource_id") REFERENCES "resource" ("id") ON DELETE RESTRICT,
  CONSTRAINT "resource_occupancy_hold_id_foreign" FOREIGN KEY ("hold_id") REFERENCES "resource_hold" ("id") ON DELETE CASCADE,
  CONSTRAINT "resource_occupancy_allocation_id_foreign" FOREIGN KEY ("allocation_id") REFERENCES "resource_allocation" ("id") ON DELETE SET NULL,
  CONSTRAINT "chk_occupancy_unit" CHECK ("unit" >= 1),
  CONSTRAINT "chk_occupancy_owner" CHECK ("hold_id" IS NOT NULL OR "allocation_id" IS NOT NULL),
  CONSTRAINT "chk_occupancy_range" CHECK (NOT isempty("during") AND NOT lower_inf("during") AND NOT upper_inf("during")),
  CONSTRAINT "excl_occupancy_unit" EXCLUDE USING gist ("resource_id" WITH =, "unit" WITH =, "during" WITH &&) WHERE ("live")
);`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_occupancy_hold" ON "resource_occupancy" ("hold_id") WHERE "live";`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_occupancy_allocation" ON "resource_occupancy" ("allocation_id") WHERE "live";`)
    this.addSql(
      `CREATE TRIGGER "trg_occupancy_updated_at" BEFORE UPDATE ON "resource_occupancy" FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`
    )
    // An appointment's audit rows name the window it took or gave back; they have no capacity row.
    this.addSql(`ALTER TABLE "resource_capacity_audit" ALTER COLUMN "capacity_id" DROP NOT NULL;`)
    this.addSql(`ALTER TABLE "resource_capacity_audit" ADD COLUMN IF NOT EXISTS "during" tstzrange NULL;`)

    applyLedgerSql(this)
  }

  override async down(): Promise<void> {
    // Trigger functions are replaced below (their triggers depend on them); the rest go.
    for (const fn of [...LEDGER_FUNCTIONS].reverse()) {
      if (!/RETURNS TRIGGER/i.test(fn.sql)) this.addSql(`DROP FUNCTION IF EXISTS ${fn.signature};`)
    }
    this.addSql(`DROP TABLE IF EXISTS "resource_occupancy";`)
    this.addSql(`DROP TABLE IF EXISTS "resource_hours_exception";`)
    this.addSql(`DELETE FROM "resource_capacity_audit" WHERE "capacity_id" IS NULL;`)
    this.addSql(`ALTER TABLE "resource_capacity_audit" DROP COLUMN IF EXISTS "during";`)
    this.addSql(`ALTER TABLE "resource_capacity_audit" ALTER COLUMN "capacity_id" SET NOT NULL;`)
    for (const table of ["resource", "resource_hold", "resource_allocation", "resource_waitlist_entry"]) {
      this.addSql(`ALTER TABLE "${table}" DROP COLUMN IF EXISTS "appointment";`)
    }
    // Departures cannot exist without the columns that name them.
    this.addSql(`DELETE FROM "resource_capacity_audit" WHERE "start_time" IS NOT NULL;`)
    this.addSql(`DELETE FROM "resource_capacity" WHERE "start_time" IS NOT NULL;`)
    this.addSql(`ALTER TABLE "resource_waitlist_entry" DROP COLUMN IF EXISTS "departures";`)
    this.addSql(`ALTER TABLE "resource_capacity_audit" DROP COLUMN IF EXISTS "start_time";`)
    this.addSql(`ALTER TABLE "resource_hold" DROP CONSTRAINT IF EXISTS "chk_hold_channel";`)
    this.addSql(`ALTER TABLE "resource_hold" DROP COLUMN IF EXISTS "channel";`)
    for (const table of ["resource_hold", "resource_allocation"]) {
      this.addSql(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "chk_${table.replace("resource_", "")}_departures";`)
      this.addSql(`ALTER TABLE "${table}" DROP COLUMN IF EXISTS "departures", DROP COLUMN IF EXISTS "starts_at", DROP COLUMN IF EXISTS "ends_at";`)
    }
    this.addSql(`DROP INDEX IF EXISTS "idx_capacity_slot";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_capacity_resource_date";`)
    this.addSql(`CREATE UNIQUE INDEX "idx_capacity_resource_date" ON "resource_capacity" ("resource_id", "date");`)
    this.addSql(`ALTER TABLE "resource_capacity" DROP CONSTRAINT IF EXISTS "chk_capacity_departure";`)
    this.addSql(`ALTER TABLE "resource_capacity" DROP COLUMN IF EXISTS "start_time", DROP COLUMN IF EXISTS "duration_minutes",
      DROP COLUMN IF EXISTS "starts_at", DROP COLUMN IF EXISTS "ends_at";`)
    this.addSql(`ALTER TABLE "resource" DROP CONSTRAINT IF EXISTS "chk_resource_booking_mode";`)
    this.addSql(`ALTER TABLE "resource" DROP COLUMN IF EXISTS "booking_mode";`)
    // The functions as the earlier migrations left them: their own statements
    // again, in order (no copy of their text here).
    for (const Earlier of [
      Migration20261122030750,
      Migration20261122041500,
      Migration20261127100000,
      Migration20261127150000,
      Migration20261127170000,
    ]) {
      for (const statement of await functionStatementsOf(Earlier, this)) this.addSql(statement)
    }
  }
}

/** The statements of an earlier migration's up() that make or change functions (not its tables, triggers or data). */
async function functionStatementsOf(MigrationClass: any, self: Migration): Promise<string[]> {
  const migration = new MigrationClass((self as any).driver, (self as any).config)
  await migration.up()
  return migration
    .getQueries()
    .map(String)
    .filter((statement: string) => /^\s*(CREATE OR REPLACE FUNCTION|DROP FUNCTION|DO \$do\$|ALTER FUNCTION)/i.test(statement))
}
