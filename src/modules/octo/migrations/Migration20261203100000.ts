import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Resellers own keys and bookings (issue 16, part 3), and a booking is
 * claimed by the call that changes it (part 2):
 *
 * - `octo_reseller`; every key belongs to one (`reseller_id`). Each key that
 *   exists becomes the first key of a reseller named after the key's title
 *   (id `orsl_` + the key's id without its prefix), so existing keys keep
 *   working and keep their bookings.
 * - `octo_reseller_key.replaced_by_id`: the key a rotation made.
 * - `octo_booking.reseller_id`, taken from the booking's key (a booking whose
 *   key row is gone gets a reseller of its own for that key); bookings are
 *   looked up by reseller, so the reference index is by reseller now.
 * - `octo_booking.claim_token`, `claim_action`, `claimed_at`: the claim.
 * - one booking per order: a unique index on `order_id`.
 *
 * The key ↔ sales channel link table does not change (a many-to-one link is
 * the same table as a one-to-one one; its cardinality is checked by Medusa's
 * link service).
 */
export class Migration20261203100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "octo_reseller" ("id" text not null, "name" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "octo_reseller_pkey" primary key ("id"));`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_octo_reseller_deleted_at" ON "octo_reseller" ("deleted_at") WHERE deleted_at IS NULL;`)

    this.addSql(`alter table "octo_reseller_key" add column if not exists "reseller_id" text null, add column if not exists "replaced_by_id" text null;`)
    this.addSql(
      `insert into "octo_reseller" ("id", "name", "created_at", "updated_at")
       select 'orsl_' || regexp_replace(k."id", '^orkey_', ''), k."title", k."created_at", now()
       from "octo_reseller_key" k where k."reseller_id" is null
       on conflict ("id") do nothing;`
    )
    this.addSql(`update "octo_reseller_key" set "reseller_id" = 'orsl_' || regexp_replace("id", '^orkey_', '') where "reseller_id" is null;`)
    this.addSql(`alter table "octo_reseller_key" alter column "reseller_id" set not null;`)
    this.addSql(
      `alter table "octo_reseller_key" add constraint "octo_reseller_key_reseller_id_foreign" foreign key ("reseller_id") references "octo_reseller" ("id") on update cascade;`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_octo_reseller_key_reseller_id" ON "octo_reseller_key" ("reseller_id") WHERE deleted_at IS NULL;`)

    this.addSql(
      `alter table "octo_booking" add column if not exists "reseller_id" text null, add column if not exists "claim_token" text null, add column if not exists "claim_action" text null, add column if not exists "claimed_at" timestamptz null;`
    )
    this.addSql(
      `update "octo_booking" b set "reseller_id" = k."reseller_id" from "octo_reseller_key" k where k."id" = b."reseller_key_id" and b."reseller_id" is null;`
    )
    this.addSql(
      `insert into "octo_reseller" ("id", "name")
       select distinct 'orsl_' || regexp_replace(b."reseller_key_id", '^orkey_', ''), 'Reseller of key ' || b."reseller_key_id"
       from "octo_booking" b where b."reseller_id" is null
       on conflict ("id") do nothing;`
    )
    this.addSql(`update "octo_booking" set "reseller_id" = 'orsl_' || regexp_replace("reseller_key_id", '^orkey_', '') where "reseller_id" is null;`)
    this.addSql(`alter table "octo_booking" alter column "reseller_id" set not null;`)
    this.addSql(`DROP INDEX IF EXISTS "idx_octo_booking_reseller_reference";`)
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "idx_octo_booking_reseller_reference" ON "octo_booking" ("reseller_id", "reseller_reference") WHERE deleted_at IS NULL;`
    )
    this.addSql(`DROP INDEX IF EXISTS "idx_octo_booking_order";`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "idx_octo_booking_order_unique" ON "octo_booking" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`DROP INDEX IF EXISTS "idx_octo_booking_order_unique";`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_octo_booking_order" ON "octo_booking" ("order_id");`)
    this.addSql(`DROP INDEX IF EXISTS "idx_octo_booking_reseller_reference";`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_octo_booking_reseller_reference" ON "octo_booking" ("sales_channel_id", "reseller_reference");`)
    this.addSql(
      `alter table "octo_booking" drop column if exists "reseller_id", drop column if exists "claim_token", drop column if exists "claim_action", drop column if exists "claimed_at";`
    )
    this.addSql(`alter table "octo_reseller_key" drop constraint if exists "octo_reseller_key_reseller_id_foreign";`)
    this.addSql(`DROP INDEX IF EXISTS "IDX_octo_reseller_key_reseller_id";`)
    this.addSql(`alter table "octo_reseller_key" drop column if exists "reseller_id", drop column if exists "replaced_by_id";`)
    this.addSql(`drop table if exists "octo_reseller" cascade;`)
  }
}
