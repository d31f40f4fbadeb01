import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The live holds of a cart (issue 16): every time Medusa refreshes a cart
 * (a line added, updated or removed, the cart updated), the plugin looks for
 * ACTIVE holds on that cart (`metadata.cart_id`, set by the cart booking
 * route) that no line names any more, to release them at once. A partial
 * expression index keeps that lookup an index probe, proportional to the
 * cart's live holds, not to every hold ever made.
 */
export class Migration20261203080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "idx_hold_active_cart" ON "resource_hold" ((metadata->>'cart_id')) WHERE status = 'ACTIVE';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_active_cart";`)
  }
}
