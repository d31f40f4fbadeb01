import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * resource_booking_notifications: calendar feed tokens, reminder claims and
 * the notification outbox. The unique indexes are plain (not partial): the
 * claims rely on INSERT … ON CONFLICT against them.
 */
export class Migration20261127140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table if not exists "resource_booking_feed" ("id" text not null, "resource_id" text not null, "token" text not null, "include_customer" boolean not null default false, "include_holds" boolean not null default false, "rotated_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_booking_feed_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_rb_feed_resource" ON "resource_booking_feed" ("resource_id");`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_rb_feed_token" ON "resource_booking_feed" ("token");`)
    this.addSql(`ALTER TABLE "resource_booking_feed" ADD CONSTRAINT "chk_rb_feed_token_length" CHECK (length("token") >= 22);`)

    this.addSql(`create table if not exists "resource_booking_reminder" ("id" text not null, "allocation_id" text not null, "claimed_at" timestamptz not null, "sent_at" timestamptz null, "attempts" integer not null default 0, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_booking_reminder_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_rb_reminder_allocation" ON "resource_booking_reminder" ("allocation_id");`)

    this.addSql(`create table if not exists "resource_booking_notification" ("id" text not null, "template_key" text not null, "template" text not null, "channel" text not null, "to" text not null, "idempotency_key" text not null, "data" jsonb not null, "attachments" jsonb null, "resource_id" text null, "resource_type" text null, "status" text check ("status" in ('PENDING', 'SENDING', 'SENT', 'FAILED')) not null default 'PENDING', "attempts" integer not null default 0, "last_error" text null, "claimed_until" timestamptz null, "sent_at" timestamptz null, "notification_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "resource_booking_notification_pkey" primary key ("id"));`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_rb_notification_key" ON "resource_booking_notification" ("idempotency_key");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_rb_notification_retry" ON "resource_booking_notification" ("status", "created_at") WHERE "status" <> 'SENT';`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resource_booking_notification" cascade;`)
    this.addSql(`drop table if exists "resource_booking_reminder" cascade;`)
    this.addSql(`drop table if exists "resource_booking_feed" cascade;`)
  }
}
