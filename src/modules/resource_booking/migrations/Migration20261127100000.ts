import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { Migration20261122041500 } from "./Migration20261122041500"

/**
 * The ledger's database half (see src/modules/resource_booking/ledger/LOCKING.md).
 *
 * - resource_booking_lock_resources: the only place that takes a resource's
 *   advisory lock. Sorted key order, all at once, once per transaction, with a
 *   lock timeout. The key is get_resource_lock_id (first migration) and is
 *   computed nowhere else.
 * - resource_booking_apply_capacity_movements (replaced): locks the capacity
 *   rows it changes in date order, then applies the movements and writes the
 *   audit from the values the UPDATE actually produced, so it is exact without
 *   the resource lock too (giving capacity back needs no lock).
 * - resource_booking_expire_lapsed: the one rule for lapsed holds on the write
 *   side: an ACTIVE hold past expires_at is expired (capacity back) before any
 *   decision that counts capacity.
 * - resource_booking_rule_reason: the date part of a resource's booking rules
 *   (PAST, CUTOFF in the module's zone, OUTSIDE_WINDOW); reads use it too.
 * - resource_booking_try_create_holds: the hold decision for one or several
 *   resources (a group), all or nothing, in one call. Replaces
 *   resource_booking_try_create_hold.
 *
 * Schema: resource.booking_rules; resource_hold.group_id (a group of one for
 * every existing hold) with the idempotency token unique per group; allocations
 * unique per (order_id, line_item_id, resource_id).
 */
export class Migration20261127100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE "resource" ADD COLUMN IF NOT EXISTS "booking_rules" jsonb NULL;`)
    this.addSql(`ALTER TABLE "resource_hold" ADD COLUMN IF NOT EXISTS "group_id" text NULL;`)
    this.addSql(`UPDATE "resource_hold" SET "group_id" = "id" WHERE "group_id" IS NULL;`)
    this.addSql(`ALTER TABLE "resource_hold" ALTER COLUMN "group_id" SET NOT NULL;`)
    // A hold written without a group (raw SQL, an older writer) is a group of one.
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_default_group() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.group_id := coalesce(NEW.group_id, NEW.id);
  RETURN NEW;
END;
$$;`)
    this.addSql(
      `CREATE TRIGGER "trg_resource_hold_default_group" BEFORE INSERT ON "resource_hold" FOR EACH ROW EXECUTE FUNCTION resource_booking_default_group();`
    )
    this.addSql(`CREATE INDEX IF NOT EXISTS "idx_hold_group" ON "resource_hold" ("group_id");`)
    // One token makes one group: the token is unique among group heads (id = group_id).
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_idempotency";`)
    this.addSql(`CREATE UNIQUE INDEX "idx_hold_idempotency" ON "resource_hold" ("idempotency_token") WHERE "id" = "group_id";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_allocation_order_line_item";`)
    this.addSql(
      `CREATE UNIQUE INDEX "idx_allocation_order_line_item_resource" ON "resource_allocation" ("order_id", "line_item_id", "resource_id");`
    )

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_lock_resources(
  p_resource_ids text[], p_wait boolean DEFAULT true, p_lock_timeout text DEFAULT '10s'
) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_key bigint;
BEGIN
  IF current_setting('resource_booking.locked', true) = 'on' THEN
    RAISE EXCEPTION 'resource_booking ledger: resources are locked once per transaction, all at once (ledger/LOCKING.md)'
      USING ERRCODE = 'RBL01';
  END IF;
  PERFORM set_config('lock_timeout', p_lock_timeout, true);
  FOR v_key IN SELECT DISTINCT get_resource_lock_id(x) FROM unnest(p_resource_ids) AS x ORDER BY 1 LOOP
    IF p_wait THEN
      PERFORM pg_advisory_xact_lock(v_key);
    ELSIF NOT pg_try_advisory_xact_lock(v_key) THEN
      RETURN false;
    END IF;
  END LOOP;
  PERFORM set_config('resource_booking.locked', 'on', true);
  PERFORM set_config('resource_booking.locked_ids', array_to_string(p_resource_ids, ','), true);
  PERFORM set_config('resource_booking.audited', 'on', true);
  RETURN true;
END;
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_apply_capacity_movements(
  p_resource_id text, p_reason text, p_actor_id text, p_movements jsonb
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_count int;
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true);
  -- Capacity rows are locked in date order (ledger/LOCKING.md, rule 4).
  PERFORM 1 FROM (
    SELECT c.id FROM resource_capacity c
    WHERE c.resource_id = p_resource_id
      AND c.date IN (SELECT d::date FROM jsonb_to_recordset(p_movements) AS x(delta int, dates text[]), unnest(x.dates) AS d
                     WHERE x.delta <> 0)
    ORDER BY c.date
    FOR UPDATE
  ) locked;
  WITH m AS (
    SELECT row_number() OVER () AS seq, x.hold_id, x.allocation_id, x.delta, d::date AS date
    FROM jsonb_to_recordset(p_movements) AS x(hold_id text, allocation_id text, delta int, dates text[]),
         unnest(x.dates) AS d
    WHERE x.delta <> 0
  ),
  per_date AS (SELECT date, sum(delta)::int AS delta FROM m GROUP BY date),
  updated AS (
    UPDATE resource_capacity c
    SET available_capacity = c.available_capacity + p.delta
    FROM per_date p
    WHERE c.resource_id = p_resource_id AND c.date = p.date
    RETURNING c.id, c.date, c.max_capacity, c.available_capacity AS final_available
  ),
  trail AS (
    -- old/new of each movement, counted back from what the UPDATE produced.
    SELECT u.id AS capacity_id, m.date, m.hold_id, m.allocation_id, u.max_capacity, m.delta,
           u.final_available - sum(m.delta) OVER (PARTITION BY m.date ORDER BY m.seq DESC) AS old_available
    FROM m JOIN updated u ON u.date = m.date
  ),
  audit AS (
    INSERT INTO resource_capacity_audit
      (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
       change_reason, hold_id, allocation_id, actor_id, changed_at, created_at, updated_at)
    SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), t.capacity_id, p_resource_id, t.date,
           t.old_available, t.old_available + t.delta, t.max_capacity, t.max_capacity,
           p_reason, t.hold_id, t.allocation_id, p_actor_id, clock_timestamp(), now(), now()
    FROM trail t
    RETURNING 1
  )
  SELECT count(*)::int INTO v_count FROM audit;
  RETURN v_count;
END;
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_expire_lapsed(
  p_resource_id text, p_dates date[], p_keep text[], p_limit int
) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  v_ids text[];
  v_moves jsonb;
BEGIN
  WITH expired AS (
    UPDATE resource_hold h SET status = 'EXPIRED'
    WHERE h.id IN (
      SELECT l.id FROM resource_hold l
      WHERE l.resource_id = p_resource_id AND l.status = 'ACTIVE' AND l.expires_at <= now()
        AND (p_dates IS NULL OR l.dates && p_dates)
        AND (p_keep IS NULL OR NOT l.id = ANY (p_keep))
      ORDER BY l.expires_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ) AND h.status = 'ACTIVE'
    RETURNING h.id, h.dates, h.quantity
  )
  SELECT array_agg(e.id),
         jsonb_agg(jsonb_build_object('hold_id', e.id, 'delta', e.quantity, 'dates', to_jsonb(e.dates::text[])))
    INTO v_ids, v_moves FROM expired e;
  IF v_ids IS NOT NULL THEN
    PERFORM resource_booking_apply_capacity_movements(p_resource_id, 'EXPIRE', NULL, v_moves);
  END IF;
  RETURN QUERY SELECT unnest(coalesce(v_ids, '{}'::text[]));
END;
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_rule_reason(
  p_rules jsonb, p_date date, p_now timestamptz, p_timezone text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_date < (p_now AT TIME ZONE p_timezone)::date THEN 'PAST'
    WHEN p_rules ? 'cutoff' AND p_now >= (
      (p_date - (p_rules->'cutoff'->>'days_before')::int) + (p_rules->'cutoff'->>'time')::time
    ) AT TIME ZONE p_timezone THEN 'CUTOFF'
    WHEN p_rules ? 'max_advance_days'
      AND p_date > (p_now AT TIME ZONE p_timezone)::date + (p_rules->>'max_advance_days')::int THEN 'OUTSIDE_WINDOW'
  END
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_hold_problems(
  p_items jsonb, p_dates date[], p_timezone text
) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_agg(jsonb_build_object('resource_id', x.resource_id, 'date', x.date::text, 'reason', x.reason,
                                      'available', x.available) ORDER BY x.resource_id, x.date)
  FROM (
    SELECT i.resource_id, d AS date, c.available_capacity AS available,
           coalesce(
             resource_booking_rule_reason(r.booking_rules, d, now(), p_timezone),
             CASE
               WHEN EXISTS (SELECT 1 FROM resource_blackout b
                            WHERE b.resource_id = i.resource_id AND b.deleted_at IS NULL
                              AND d BETWEEN b.start_date AND b.end_date) THEN 'BLACKOUT'
               WHEN c.id IS NULL THEN 'NO_CAPACITY'
               WHEN c.available_capacity < i.quantity THEN 'SOLD_OUT'
             END) AS reason
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int)
    JOIN resource r ON r.id = i.resource_id
    CROSS JOIN unnest(p_dates) AS d
    LEFT JOIN resource_capacity c ON c.resource_id = i.resource_id AND c.date = d
  ) x
  WHERE x.reason IS NOT NULL
$$;`)

    // The shape rules of a request (min_dates, max_dates, consecutive): one
    // problem per resource and broken rule, or NULL.
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_shape_problems(
  p_items jsonb, p_dates date[]
) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_agg(jsonb_build_object('resource_id', i.resource_id, 'rule', x.rule, 'value', r.booking_rules->x.rule)
                   ORDER BY i.resource_id, x.rule)
  FROM jsonb_to_recordset(p_items) AS i(resource_id text)
  JOIN resource r ON r.id = i.resource_id,
  LATERAL (VALUES
    (CASE WHEN (r.booking_rules->>'min_dates')::int > cardinality(p_dates) THEN 'min_dates' END),
    (CASE WHEN (r.booking_rules->>'max_dates')::int < cardinality(p_dates) THEN 'max_dates' END),
    (CASE WHEN (r.booking_rules->>'consecutive')::boolean
               AND (SELECT max(d) - min(d) + 1 FROM unnest(p_dates) d) <> cardinality(p_dates) THEN 'consecutive' END)
  ) AS x(rule)
  WHERE x.rule IS NOT NULL
$$;`)

    // The hold decision, for a caller that already holds the items' locks
    // (checked): replay, resources, shape rules, date rules, blackouts and
    // capacity (lapsed holds on short dates expired first), then the holds.
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_take_holds_locked(
  p_group_id text, p_token text, p_email text, p_expires_at timestamptz, p_metadata jsonb,
  p_dates date[], p_items jsonb, p_timezone text
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_existing text;
  v_problems jsonb;
  v_short record;
  v_reclaimed boolean := false;
  v_holds jsonb;
  v_item record;
BEGIN
  IF EXISTS (
    SELECT 1 FROM jsonb_array_elements(p_items) AS i
    WHERE NOT (i->>'resource_id') = ANY (string_to_array(coalesce(current_setting('resource_booking.locked_ids', true), ''), ','))
  ) THEN
    RAISE EXCEPTION 'resource_booking ledger: a hold decision needs its resources locked first (ledger/LOCKING.md)'
      USING ERRCODE = 'RBL02';
  END IF;

  SELECT h.group_id INTO v_existing FROM resource_hold h WHERE h.idempotency_token = p_token AND h.id = h.group_id;
  IF v_existing IS NOT NULL THEN
    RETURN QUERY SELECT 'replay'::text, v_existing, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;

  SELECT jsonb_agg(i.resource_id ORDER BY i.resource_id) INTO v_problems
  FROM jsonb_to_recordset(p_items) AS i(resource_id text)
  WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.id = i.resource_id AND r.deleted_at IS NULL AND r.is_active);
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  v_problems := resource_booking_shape_problems(p_items, p_dates);
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'rule'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  v_problems := resource_booking_hold_problems(p_items, p_dates, p_timezone);
  -- Capacity still held by lapsed holds is free (invariant 3): expire those on
  -- the short dates now, then decide again.
  IF v_problems IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jsonb_array_elements(v_problems) e WHERE e->>'reason' <> 'SOLD_OUT') THEN
    FOR v_short IN
      SELECT e->>'resource_id' AS resource_id, array_agg((e->>'date')::date) AS dates
      FROM jsonb_array_elements(v_problems) e GROUP BY 1 ORDER BY 1
    LOOP
      IF EXISTS (SELECT 1 FROM resource_booking_expire_lapsed(v_short.resource_id, v_short.dates, NULL, 100000)) THEN
        v_reclaimed := true;
      END IF;
    END LOOP;
    IF v_reclaimed THEN
      v_problems := resource_booking_hold_problems(p_items, p_dates, p_timezone);
    END IF;
  END IF;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  WITH inserted AS (
    INSERT INTO resource_hold
      (id, group_id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at,
       metadata, created_at, updated_at)
    SELECT i.hold_id, p_group_id, i.resource_id, p_dates, i.quantity, p_email, p_token, 'ACTIVE',
           p_expires_at, p_metadata, now(), now()
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
    RETURNING *
  )
  SELECT jsonb_agg(to_jsonb(inserted) ORDER BY inserted.resource_id) INTO v_holds FROM inserted;

  -- Capacity rows in (resource, date) order across the group.
  FOR v_item IN
    SELECT i.resource_id, i.quantity, i.hold_id
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text) ORDER BY i.resource_id
  LOOP
    PERFORM resource_booking_apply_capacity_movements(
      v_item.resource_id, 'HOLD', NULL,
      jsonb_build_array(jsonb_build_object('hold_id', v_item.hold_id, 'delta', -v_item.quantity,
                                           'dates', to_jsonb(p_dates::text[]))));
  END LOOP;

  RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::jsonb, v_holds;
END;
$$;`)

    // A hold request in one call: the items' locks, then the decision.
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_try_create_holds(
  p_group_id text, p_token text, p_email text, p_ttl_seconds numeric, p_metadata jsonb,
  p_dates date[], p_items jsonb, p_timezone text
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM resource_booking_lock_resources(
    ARRAY(SELECT i->>'resource_id' FROM jsonb_array_elements(p_items) AS i));
  RETURN QUERY SELECT * FROM resource_booking_take_holds_locked(
    p_group_id, p_token, p_email, now() + p_ttl_seconds * interval '1 second', p_metadata, p_dates, p_items, p_timezone);
END;
$$;`)

    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_try_create_hold(bigint, text, date[], int, text, text, text, numeric, jsonb);`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_try_create_holds(text, text, text, numeric, jsonb, date[], jsonb, text);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_take_holds_locked(text, text, text, timestamptz, jsonb, date[], jsonb, text);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_shape_problems(jsonb, date[]);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_hold_problems(jsonb, date[], text);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_rule_reason(jsonb, date, timestamptz, text);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_expire_lapsed(text, date[], text[], int);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_lock_resources(text[], boolean, text);`)
    this.addSql(`DROP INDEX IF EXISTS "idx_allocation_order_line_item_resource";`)
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "idx_allocation_order_line_item" ON "resource_allocation" ("order_id", "line_item_id");`
    )
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_idempotency";`)
    this.addSql(`DROP INDEX IF EXISTS "idx_hold_group";`)
    this.addSql(`DROP TRIGGER IF EXISTS "trg_resource_hold_default_group" ON "resource_hold";`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_default_group();`)
    this.addSql(`ALTER TABLE "resource_hold" DROP COLUMN IF EXISTS "group_id";`)
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "idx_hold_idempotency" ON "resource_hold" ("idempotency_token");`)
    this.addSql(`ALTER TABLE "resource" DROP COLUMN IF EXISTS "booking_rules";`)
    // Put back the previous migration's two functions as they were.
    await Migration20261122041500.prototype.up.call(this)
  }
}
