import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The waitlist (contract "Waitlist"): entries in the order they were made, and
 * the one function that offers freed capacity to them, through the ledger's
 * lock and hold decision (ledger/LOCKING.md, ledger/offer-waitlist.ts).
 */
export class Migration20261127150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE IF NOT EXISTS "resource_waitlist_entry" (
  "id" text NOT NULL,
  "seq" bigint GENERATED ALWAYS AS IDENTITY,
  "status" text NOT NULL DEFAULT 'WAITING',
  "resource_id" text NULL,
  "variant_id" text NULL,
  "items" jsonb NOT NULL,
  "dates" date[] NOT NULL,
  "quantity" integer NOT NULL,
  "customer_email" text NOT NULL,
  "hold_group_id" text NULL,
  "offer_expires_at" timestamptz NULL,
  "offered_at" timestamptz NULL,
  "ended_at" timestamptz NULL,
  "metadata" jsonb NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  "deleted_at" timestamptz NULL,
  CONSTRAINT "resource_waitlist_entry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "chk_waitlist_status" CHECK ("status" IN ('WAITING', 'OFFERED', 'FULFILLED', 'OFFER_EXPIRED', 'EXPIRED', 'LEFT', 'REMOVED')),
  CONSTRAINT "chk_waitlist_target" CHECK (("resource_id" IS NULL) <> ("variant_id" IS NULL)),
  CONSTRAINT "chk_waitlist_quantity_positive" CHECK ("quantity" > 0),
  CONSTRAINT "chk_waitlist_dates_not_empty" CHECK (cardinality("dates") > 0),
  CONSTRAINT "chk_waitlist_offer" CHECK (("status" = 'OFFERED') <= ("hold_group_id" IS NOT NULL))
);`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_waitlist_seq" ON "resource_waitlist_entry" ("seq");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_waitlist_live" ON "resource_waitlist_entry" ("seq") WHERE "status" IN ('WAITING', 'OFFERED') AND "deleted_at" IS NULL;`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_waitlist_items" ON "resource_waitlist_entry" USING GIN ("items" jsonb_path_ops);`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_waitlist_group" ON "resource_waitlist_entry" ("hold_group_id");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_waitlist_resource" ON "resource_waitlist_entry" ("resource_id");`)
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_waitlist_variant" ON "resource_waitlist_entry" ("variant_id");`)
    this.addSql(`CREATE TRIGGER "trg_resource_waitlist_entry_updated_at" BEFORE UPDATE ON "resource_waitlist_entry" FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_offer_waitlist(
  p_resource_ids text[], p_offer_seconds numeric, p_timezone text
) RETURNS TABLE (entry_id text, status text, hold_group_id text, offer_expires_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_ids text[];
  e record;
  v_first date;
  v_reason text;
  v_expires timestamptz;
  v_items jsonb;
  v_try record;
  v_holds record;
BEGIN
  -- Every resource of every live entry that touches the freed resources: one
  -- sorted lock over all of them (entries may span several resources).
  SELECT array_agg(DISTINCT x->>'resource_id') INTO v_ids
  FROM resource_waitlist_entry w, jsonb_array_elements(w.items) x
  WHERE w.status IN ('WAITING', 'OFFERED') AND w.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE y->>'resource_id' = ANY (p_resource_ids));
  IF v_ids IS NULL THEN
    RETURN;
  END IF;
  PERFORM resource_booking_lock_resources(v_ids);

  -- 1. Offers that ended: the order confirmed them (FULFILLED), or their holds
  --    were released or lapsed (OFFER_EXPIRED; lapsed holds are expired now,
  --    so what they free goes to the next entry below).
  FOR e IN
    SELECT w.* FROM resource_waitlist_entry w
    WHERE w.status = 'OFFERED' AND w.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE NOT (y->>'resource_id') = ANY (v_ids))
    ORDER BY w.seq FOR UPDATE SKIP LOCKED
  LOOP
    SELECT bool_and(h.status = 'CONFIRMED') AS confirmed,
           bool_or(h.status <> 'ACTIVE' OR h.expires_at <= now()) AS ended
      INTO v_holds FROM resource_hold h WHERE h.group_id = e.hold_group_id;
    IF v_holds.confirmed THEN
      UPDATE resource_waitlist_entry SET status = 'FULFILLED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'FULFILLED'::text, e.hold_group_id, e.offer_expires_at;
    ELSIF v_holds.ended IS NOT FALSE THEN
      PERFORM resource_booking_expire_lapsed(h.resource_id, h.dates, NULL, 100000)
        FROM resource_hold h WHERE h.group_id = e.hold_group_id AND h.status = 'ACTIVE' AND h.expires_at <= now()
        ORDER BY h.resource_id;
      UPDATE resource_waitlist_entry SET status = 'OFFER_EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'OFFER_EXPIRED'::text, e.hold_group_id, e.offer_expires_at;
    END IF;
  END LOOP;

  -- 2. Waiting entries in the order they were made: each whose whole request
  --    fits now gets a hold group; one that does not fit is passed over, and
  --    what it could not use goes on to the next (first fit).
  FOR e IN
    SELECT w.* FROM resource_waitlist_entry w
    WHERE w.status = 'WAITING' AND w.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE NOT (y->>'resource_id') = ANY (v_ids))
    ORDER BY w.seq FOR UPDATE SKIP LOCKED
  LOOP
    SELECT min(d) INTO v_first FROM unnest(e.dates) d;
    -- A waiting entry whose first date can no longer be held is over.
    SELECT reason INTO v_reason FROM (
      SELECT resource_booking_rule_reason(r.booking_rules, v_first, now(), p_timezone) AS reason
      FROM jsonb_array_elements(e.items) y JOIN resource r ON r.id = y->>'resource_id'
    ) x WHERE reason IN ('PAST', 'CUTOFF') LIMIT 1;
    IF v_reason IS NOT NULL THEN
      UPDATE resource_waitlist_entry SET status = 'EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'EXPIRED'::text, NULL::text, NULL::timestamptz;
      CONTINUE;
    END IF;
    -- The offer lives waitlistOfferMinutes, never past the first date's
    -- cutoff on any of its resources, and never past the end of that date.
    SELECT least(
             now() + p_offer_seconds * interval '1 second',
             ((v_first + 1)::timestamp) AT TIME ZONE p_timezone,
             min(((v_first - (r.booking_rules->'cutoff'->>'days_before')::int)
                  + (r.booking_rules->'cutoff'->>'time')::time) AT TIME ZONE p_timezone))
      INTO v_expires
      FROM jsonb_array_elements(e.items) y JOIN resource r ON r.id = y->>'resource_id';
    SELECT jsonb_agg(jsonb_build_object('resource_id', y->>'resource_id', 'quantity', (y->>'quantity')::int,
                                        'hold_id', 'rhold_' || replace(gen_random_uuid()::text, '-', '')
                                                           || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))
                     ORDER BY y->>'resource_id')
      INTO v_items FROM jsonb_array_elements(e.items) y;
    SELECT * INTO v_try FROM resource_booking_take_holds_locked(
      v_items->0->>'hold_id', 'waitlist:' || e.id, e.customer_email, v_expires,
      jsonb_build_object('waitlist_entry_id', e.id) || CASE WHEN e.variant_id IS NULL THEN '{}'::jsonb
                                                            ELSE jsonb_build_object('variant_id', e.variant_id) END,
      e.dates, v_items, p_timezone);
    IF v_try.verdict = 'ok' THEN
      UPDATE resource_waitlist_entry
        SET status = 'OFFERED', hold_group_id = v_items->0->>'hold_id', offer_expires_at = v_expires, offered_at = now()
        WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'OFFERED'::text, v_items->0->>'hold_id', v_expires;
    ELSIF v_try.verdict IN ('rule', 'not_found', 'replay') THEN
      -- It can never be offered (rules changed, resource gone) or was offered once already.
      UPDATE resource_waitlist_entry SET status = 'EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'EXPIRED'::text, NULL::text, NULL::timestamptz;
    END IF;
  END LOOP;
END;
$$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_offer_waitlist(text[], numeric, text);`)
    this.addSql(`DROP TABLE IF EXISTS "resource_waitlist_entry" CASCADE;`)
  }
}
