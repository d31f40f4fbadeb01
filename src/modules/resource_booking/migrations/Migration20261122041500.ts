import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Moves the two hot pieces of the module into the database:
 *
 * - resource_booking_apply_capacity_movements: the only writer of
 *   available_capacity (rule 2 of service.ts). Applies signed movements to a
 *   resource's capacity rows and writes one audit row per movement and date,
 *   with running old/new values, in one statement.
 * - resource_booking_try_create_hold: a hold request in one round trip. It
 *   takes the resource's advisory lock, then decides and writes. Called in
 *   autocommit, the lock lasts only as long as the call, never while the Node
 *   process is busy elsewhere (measured: 2× holds/s on one hot resource, see
 *   docs/PERFORMANCE.md). In READ COMMITTED each statement of a VOLATILE
 *   PL/pgSQL function takes a new snapshot, so what follows the lock sees every
 *   transaction committed before the lock was granted.
 */
export class Migration20261122041500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_apply_capacity_movements(
  p_resource_id text, p_reason text, p_actor_id text, p_movements jsonb
) RETURNS integer LANGUAGE sql AS $$
  WITH m AS (
    SELECT row_number() OVER () AS seq, x.hold_id, x.allocation_id, x.delta, d::date AS date
    FROM jsonb_to_recordset(p_movements) AS x(hold_id text, allocation_id text, delta int, dates text[]),
         unnest(x.dates) AS d
    WHERE x.delta <> 0
  ),
  before AS (
    SELECT c.id, c.date, c.available_capacity, c.max_capacity
    FROM resource_capacity c
    WHERE c.resource_id = p_resource_id AND c.date IN (SELECT date FROM m)
  ),
  per_date AS (SELECT date, sum(delta) AS delta FROM m GROUP BY date),
  updated AS (
    UPDATE resource_capacity c
    SET available_capacity = c.available_capacity + p.delta
    FROM per_date p
    WHERE c.resource_id = p_resource_id AND c.date = p.date
    RETURNING c.id
  ),
  trail AS (
    SELECT b.id AS capacity_id, m.date, m.hold_id, m.allocation_id, b.max_capacity,
           b.available_capacity + sum(m.delta) OVER (PARTITION BY m.date ORDER BY m.seq) - m.delta AS old_available,
           b.available_capacity + sum(m.delta) OVER (PARTITION BY m.date ORDER BY m.seq) AS new_available
    FROM m JOIN before b ON b.date = m.date
  ),
  audit AS (
    INSERT INTO resource_capacity_audit
      (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
       change_reason, hold_id, allocation_id, actor_id, changed_at, created_at, updated_at)
    SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), t.capacity_id, p_resource_id, t.date,
           t.old_available, t.new_available, t.max_capacity, t.max_capacity,
           p_reason, t.hold_id, t.allocation_id, p_actor_id, clock_timestamp(), now(), now()
    FROM trail t
    RETURNING 1
  )
  SELECT count(*)::int FROM audit
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_try_create_hold(
  p_lock_key bigint, p_resource_id text, p_dates date[], p_quantity int, p_token text,
  p_hold_id text, p_email text, p_ttl_seconds numeric, p_metadata jsonb
) RETURNS TABLE (
  verdict text, existing_hold_id text, days jsonb,
  id text, resource_id text, dates text[], quantity int, customer_email text, status text,
  expires_at timestamptz, confirmed_at timestamptz, metadata jsonb, created_at timestamptz, updated_at timestamptz
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_existing text;
  v_active boolean;
  v_days jsonb;
  v_verdict text;
  v_hold resource_hold%ROWTYPE;
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true);
  PERFORM pg_advisory_xact_lock(p_lock_key);

  SELECT h.id INTO v_existing FROM resource_hold h WHERE h.idempotency_token = p_token;
  SELECT r.is_active INTO v_active FROM resource r WHERE r.id = p_resource_id AND r.deleted_at IS NULL;
  SELECT jsonb_agg(jsonb_build_object(
           'date', d::text, 'available', c.available_capacity,
           'blacked_out', EXISTS (SELECT 1 FROM resource_blackout b
                                  WHERE b.resource_id = p_resource_id AND b.deleted_at IS NULL
                                    AND d BETWEEN b.start_date AND b.end_date)) ORDER BY d)
    INTO v_days
    FROM unnest(p_dates) AS d
    LEFT JOIN resource_capacity c ON c.resource_id = p_resource_id AND c.date = d;

  v_verdict := CASE
    WHEN v_existing IS NOT NULL THEN 'replay'
    WHEN NOT coalesce(v_active, false) THEN 'not_found'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(v_days) e WHERE (e->>'blacked_out')::boolean) THEN 'blackout'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(v_days) e WHERE e->'available' = 'null'::jsonb) THEN 'no_capacity'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(v_days) e WHERE (e->>'available')::int < p_quantity) THEN 'short'
    ELSE 'ok' END;

  IF v_verdict <> 'ok' THEN
    RETURN QUERY SELECT v_verdict, v_existing, v_days,
      NULL::text, NULL::text, NULL::text[], NULL::int, NULL::text, NULL::text,
      NULL::timestamptz, NULL::timestamptz, NULL::jsonb, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;

  INSERT INTO resource_hold
    (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, metadata, created_at, updated_at)
  VALUES
    (p_hold_id, p_resource_id, p_dates, p_quantity, p_email, p_token, 'ACTIVE',
     now() + p_ttl_seconds * interval '1 second', p_metadata, now(), now())
  RETURNING * INTO v_hold;

  PERFORM resource_booking_apply_capacity_movements(
    p_resource_id, 'HOLD', NULL,
    jsonb_build_array(jsonb_build_object('hold_id', p_hold_id, 'delta', -p_quantity, 'dates', to_jsonb(p_dates::text[])))
  );

  RETURN QUERY SELECT 'ok'::text, NULL::text, v_days,
    v_hold.id, v_hold.resource_id, v_hold.dates::text[], v_hold.quantity, v_hold.customer_email, v_hold.status,
    v_hold.expires_at, v_hold.confirmed_at, v_hold.metadata, v_hold.created_at, v_hold.updated_at;
END;
$$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_try_create_hold(bigint, text, date[], int, text, text, text, numeric, jsonb);`)
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_apply_capacity_movements(text, text, text, jsonb);`)
  }
}
