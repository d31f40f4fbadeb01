import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261127133000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "octo_reseller_key" ("id" text not null, "title" text not null, "token_hash" text not null, "redacted" text not null, "created_by" text null, "revoked_at" timestamptz null, "revoked_by" text null, "last_used_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "octo_reseller_key_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_octo_reseller_key_deleted_at" ON "octo_reseller_key" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_octo_reseller_key_token_hash" ON "octo_reseller_key" ("token_hash");`)

    this.addSql(
      `create table if not exists "octo_booking" ("id" text not null, "uuid" text not null, "sales_channel_id" text not null, "reseller_key_id" text not null, "status" text check ("status" in ('ON_HOLD', 'CONFIRMED', 'CANCELLED', 'EXPIRED')) not null default 'ON_HOLD', "product_id" text not null, "option_id" text not null, "unit_id" text not null, "availability_id" text not null, "local_date" text not null, "quantity" integer not null, "hold_ids" jsonb not null, "hold_revision" integer not null default 0, "order_id" text null, "reseller_reference" text null, "supplier_reference" text not null, "contact" jsonb null, "notes" text null, "unit_items" jsonb not null, "confirmed_at" timestamptz null, "cancelled_at" timestamptz null, "cancellation_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "octo_booking_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_octo_booking_deleted_at" ON "octo_booking" ("deleted_at") WHERE deleted_at IS NULL;`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_octo_booking_uuid" ON "octo_booking" ("uuid");`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_octo_booking_supplier_reference" ON "octo_booking" ("supplier_reference");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_octo_booking_reseller_reference" ON "octo_booking" ("sales_channel_id", "reseller_reference");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_octo_booking_order" ON "octo_booking" ("order_id");`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "octo_booking" cascade;`)
    this.addSql(`drop table if exists "octo_reseller_key" cascade;`)
  }
}
