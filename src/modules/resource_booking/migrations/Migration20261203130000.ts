import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { applyLedgerSql } from "../ledger/sql"

/**
 * Issue 20 (scale and operations), after the time-of-day migration:
 * - holds made before holds recorded their channel get one by the best
 *   evidence (a waitlist offer's token, an OCTo reservation's metadata, else
 *   the storefront, the API every other hold came through);
 * - no hoarding: `client_keys` on holds (the cart, the client address, the
 *   reseller key a hold is counted by) and the partial indexes the ledger's
 *   limit counts read (ledger/sql/limits.ts);
 * - retention: finished holds and old audit rows move to archive tables with
 *   the same columns and when they moved (ledger/sql/retention.ts); a column
 *   added to resource_hold or resource_capacity_audit later is added there too;
 *   and the indexes the retention run reads (it must not scan live or recent rows).
 * Then the ledger's functions from the tree again (applyLedgerSql).
 */
export class Migration20261203130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`UPDATE "resource_hold" SET "channel" = CASE
      WHEN "idempotency_token" LIKE 'waitlist:%' THEN 'waitlist'
      WHEN "metadata" ? 'octo' OR "metadata" ? 'octo_booking_uuid' OR "metadata" ? 'octo_uuid' THEN 'octo'
      ELSE 'storefront' END WHERE "channel" IS NULL;`)
    this.addSql(`ALTER TABLE "resource_hold" ADD COLUMN IF NOT EXISTS "client_keys" text[] NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_active_client_keys" ON "resource_hold" USING gin ("client_keys") WHERE "status" = 'ACTIVE';`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_active_email" ON "resource_hold" (lower("customer_email")) WHERE "status" = 'ACTIVE';`)

    this.addSql(`CREATE TABLE IF NOT EXISTS "resource_hold_archive" (LIKE "resource_hold" INCLUDING DEFAULTS);`)
    this.addSql(`ALTER TABLE "resource_hold_archive" ADD COLUMN IF NOT EXISTS "archived_at" timestamptz NOT NULL DEFAULT now();`)
    this.addSql(`ALTER TABLE "resource_hold_archive" ADD CONSTRAINT "resource_hold_archive_pkey" PRIMARY KEY ("id");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_archive_created" ON "resource_hold_archive" ("created_at");`)
    this.addSql(`CREATE TABLE IF NOT EXISTS "resource_capacity_audit_archive" (LIKE "resource_capacity_audit" INCLUDING DEFAULTS);`)
    this.addSql(`ALTER TABLE "resource_capacity_audit_archive" ADD COLUMN IF NOT EXISTS "archived_at" timestamptz NOT NULL DEFAULT now();`)
    this.addSql(`ALTER TABLE "resource_capacity_audit_archive" ADD CONSTRAINT "resource_capacity_audit_archive_pkey" PRIMARY KEY ("id");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_capacity_audit_archive_resource_date" ON "resource_capacity_audit_archive" ("resource_id", "date");`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "idx_hold_finished_updated" ON "resource_hold" ("updated_at") WHERE "status" IN ('RELEASED', 'EXPIRED');`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_capacity_audit_changed" ON "resource_capacity_audit" ("changed_at");`)

    applyLedgerSql(this)
  }

  override async down(): Promise<void> {
    // The ledger's functions keep their current text (the earlier migration's
    // down drops them); only this migration's tables, indexes and column go.
    this.addSql(`DROP TABLE IF EXISTS "resource_hold_archive";`)
    this.addSql(`DROP TABLE IF EXISTS "resource_capacity_audit_archive";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_finished_updated";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_capacity_audit_changed";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_active_client_keys";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_active_email";`)
    this.addSql(`ALTER TABLE "resource_hold" DROP COLUMN IF EXISTS "client_keys";`)
  }
}
