import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The conversion report (contract "Scale and operations",
 * GET /admin/resource-reports/conversion) reads the holds made between two
 * instants: an index on `created_at`, as resource_hold_archive already has
 * (idx_hold_archive_created), so a month of holds is a range scan, not a
 * pass over every hold ever made.
 */
export class Migration20261203140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_created" ON "resource_hold" ("created_at");`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_created";`)
  }
}
