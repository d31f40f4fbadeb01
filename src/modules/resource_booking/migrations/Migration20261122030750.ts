import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261122030750 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "resource" ("id" text not null, "type" text not null, "name" text not null, "description" text null, "metadata" jsonb null, "is_active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_deleted_at" ON "resource" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_resource_name_unique" ON "resource" ("name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_resource_type" ON "resource" ("type") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_resource_active" ON "resource" ("is_active") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "resource_allocation" ("id" text not null, "resource_id" text not null, "hold_id" text null, "order_id" text not null, "line_item_id" text not null, "dates" date[] not null, "quantity" integer not null, "status" text check ("status" in ('ACTIVE', 'CANCELED')) not null default 'ACTIVE', "capacity_deducted" boolean not null default true, "needs_review" boolean not null default false, "review_reason" text null, "canceled_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_allocation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_allocation_deleted_at" ON "resource_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_allocation_order_line_item" ON "resource_allocation" ("order_id", "line_item_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_allocation_resource" ON "resource_allocation" ("resource_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_allocation_order" ON "resource_allocation" ("order_id");`);

    this.addSql(`create table if not exists "resource_blackout" ("id" text not null, "resource_id" text not null, "start_date" date not null, "end_date" date not null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_blackout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_blackout_deleted_at" ON "resource_blackout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_blackout_resource" ON "resource_blackout" ("resource_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_blackout_dates" ON "resource_blackout" ("resource_id", "start_date", "end_date") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "resource_capacity" ("id" text not null, "resource_id" text not null, "date" date not null, "max_capacity" integer not null, "available_capacity" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_capacity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_capacity_deleted_at" ON "resource_capacity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_capacity_resource_date" ON "resource_capacity" ("resource_id", "date");`);

    this.addSql(`create table if not exists "resource_capacity_audit" ("id" text not null, "capacity_id" text not null, "resource_id" text not null, "date" date not null, "old_available" integer null, "new_available" integer null, "old_max" integer null, "new_max" integer null, "change_reason" text check ("change_reason" in ('HOLD', 'RELEASE', 'EXPIRE', 'CONFIRM', 'ADJUST', 'CANCEL')) not null, "hold_id" text null, "allocation_id" text null, "actor_id" text null, "changed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_capacity_audit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_capacity_audit_deleted_at" ON "resource_capacity_audit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_capacity_audit_resource_date" ON "resource_capacity_audit" ("resource_id", "date");`);

    this.addSql(`create table if not exists "resource_hold" ("id" text not null, "resource_id" text not null, "dates" date[] not null, "quantity" integer not null, "customer_email" text not null, "idempotency_token" text not null, "status" text not null default 'ACTIVE', "expires_at" timestamptz not null, "confirmed_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_hold_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_resource_hold_deleted_at" ON "resource_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_hold_idempotency" ON "resource_hold" ("idempotency_token");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_resource" ON "resource_hold" ("resource_id", "status");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_customer" ON "resource_hold" ("customer_email", "status");`);

    // ---- Completed by hand: what 000_*.txt lists and the DML cannot express.

    // Foreign keys, with the ON DELETE rules of the schema document.
    this.addSql(`alter table "resource_capacity" add constraint "resource_capacity_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete cascade;`);
    this.addSql(`alter table "resource_blackout" add constraint "resource_blackout_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete cascade;`);
    this.addSql(`alter table "resource_hold" add constraint "resource_hold_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete restrict;`);
    this.addSql(`alter table "resource_allocation" add constraint "resource_allocation_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete restrict;`);
    this.addSql(`alter table "resource_allocation" add constraint "resource_allocation_hold_id_foreign" foreign key ("hold_id") references "resource_hold" ("id") on delete restrict;`);

    // CHECK constraints. "Dates not empty" uses cardinality(): the schema
    // document's array_length(dates, 1) > 0 is NULL for '{}', which a CHECK lets pass.
    this.addSql(`alter table "resource" add constraint "chk_resource_type" check ("type" in ('VEHICLE', 'TOUR', 'GUIDE'));`);
    this.addSql(`alter table "resource_capacity" add constraint "chk_capacity_positive" check ("max_capacity" >= 0);`);
    this.addSql(`alter table "resource_capacity" add constraint "chk_available_positive" check ("available_capacity" >= 0);`);
    this.addSql(`alter table "resource_capacity" add constraint "chk_available_lte_max" check ("available_capacity" <= "max_capacity");`);
    this.addSql(`alter table "resource_hold" add constraint "chk_hold_status" check ("status" in ('ACTIVE', 'CONFIRMED', 'RELEASED', 'EXPIRED'));`);
    this.addSql(`alter table "resource_hold" add constraint "chk_hold_quantity_positive" check ("quantity" > 0);`);
    this.addSql(`alter table "resource_hold" add constraint "chk_hold_dates_not_empty" check (cardinality("dates") > 0);`);
    this.addSql(`alter table "resource_allocation" add constraint "chk_allocation_quantity_positive" check ("quantity" > 0);`);
    this.addSql(`alter table "resource_allocation" add constraint "chk_allocation_dates_not_empty" check (cardinality("dates") > 0);`);
    this.addSql(`alter table "resource_allocation" add constraint "chk_allocation_canceled_at" check (("status" = 'CANCELED') = ("canceled_at" is not null));`);
    this.addSql(`alter table "resource_allocation" add constraint "chk_allocation_review_reason" check (not "needs_review" or "review_reason" is not null);`);
    this.addSql(`alter table "resource_blackout" add constraint "chk_blackout_date_order" check ("end_date" >= "start_date");`);

    // Partial and GIN indexes.
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_capacity_available" ON "resource_capacity" ("resource_id", "date") WHERE available_capacity > 0;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_expiration" ON "resource_hold" ("expires_at", "status") WHERE status = 'ACTIVE';`);
    // Lapsed-hold lookups per resource (availability, reclaim, blackouts) stay
    // proportional to the ACTIVE holds, not to every hold ever made.
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_active_resource" ON "resource_hold" ("resource_id", "expires_at") WHERE status = 'ACTIVE';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_allocation_dates" ON "resource_allocation" USING GIN ("dates");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_allocation_hold" ON "resource_allocation" ("hold_id");`);

    // updated_at maintained by the database, for raw SQL writers too.
    this.addSql(`CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;`);
    for (const [trigger, table] of UPDATED_AT_TRIGGERS) {
      this.addSql(`CREATE TRIGGER "${trigger}" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`);
    }

    // Advisory-lock keys: per resource and date (schema document), and per
    // resource (what the module locks; see service.ts, rule 1).
    this.addSql(`CREATE OR REPLACE FUNCTION get_resource_date_lock_id(p_resource_id VARCHAR, p_date DATE) RETURNS BIGINT AS $$
BEGIN
  RETURN ('x' || substr(md5(p_resource_id || p_date::text), 1, 15))::bit(60)::bigint;
END;
$$ LANGUAGE plpgsql IMMUTABLE;`);
    this.addSql(`CREATE OR REPLACE FUNCTION get_resource_lock_id(p_resource_id VARCHAR) RETURNS BIGINT AS $$
BEGIN
  RETURN ('x' || substr(md5('resource:' || p_resource_id), 1, 15))::bit(60)::bigint;
END;
$$ LANGUAGE plpgsql IMMUTABLE;`);

    // Safety net for invariant 6: the module writes its own audit rows (with
    // reason and hold/allocation) and marks its transactions; a change of
    // available_capacity made any other way (psql, another tool) is still
    // recorded, as ADJUST by the database user.
    this.addSql(`CREATE OR REPLACE FUNCTION audit_capacity_change() RETURNS TRIGGER AS $$
BEGIN
  IF OLD.available_capacity IS DISTINCT FROM NEW.available_capacity
     AND current_setting('resource_booking.audited', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO resource_capacity_audit (
      id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
      change_reason, actor_id, changed_at
    ) VALUES (
      'raud_' || replace(gen_random_uuid()::text, '-', ''), NEW.id, NEW.resource_id, NEW.date,
      OLD.available_capacity, NEW.available_capacity, OLD.max_capacity, NEW.max_capacity,
      'ADJUST', 'db:' || current_user, clock_timestamp()
    );
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;`);
    this.addSql(`CREATE TRIGGER "trg_audit_capacity_change" AFTER UPDATE ON "resource_capacity" FOR EACH ROW EXECUTE FUNCTION audit_capacity_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resource_capacity_audit" cascade;`);
    this.addSql(`drop table if exists "resource_allocation" cascade;`);
    this.addSql(`drop table if exists "resource_hold" cascade;`);
    this.addSql(`drop table if exists "resource_blackout" cascade;`);
    this.addSql(`drop table if exists "resource_capacity" cascade;`);
    this.addSql(`drop table if exists "resource" cascade;`);
    this.addSql(`DROP FUNCTION IF EXISTS audit_capacity_change();`);
    this.addSql(`DROP FUNCTION IF EXISTS get_resource_lock_id(VARCHAR);`);
    this.addSql(`DROP FUNCTION IF EXISTS get_resource_date_lock_id(VARCHAR, DATE);`);
    // The generic name comes from the schema document: keep it if another
    // table's trigger still uses it.
    this.addSql(`DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'update_updated_at_column'
  ) THEN
    DROP FUNCTION IF EXISTS update_updated_at_column();
  END IF;
END
$$;`);
  }
}

const UPDATED_AT_TRIGGERS = [
  ["trg_resource_updated_at", "resource"],
  ["trg_capacity_updated_at", "resource_capacity"],
  ["trg_hold_updated_at", "resource_hold"],
  ["trg_allocation_updated_at", "resource_allocation"],
  ["trg_blackout_updated_at", "resource_blackout"],
] as const
