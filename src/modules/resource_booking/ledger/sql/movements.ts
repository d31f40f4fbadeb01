import { LedgerFunction } from "./types"

/**
 * The only writer of available_capacity besides a capacity change
 * (ledger/movements.ts calls it, resource by resource in id order). Each
 * movement is `{ hold_id, allocation_id, delta, dates, departures }`: the
 * capacity rows of its keys (resource_booking_hold_slots: dates, or
 * departures) move by `delta` (negative takes). It locks those rows in
 * (date, start time) order (LOCKING.md, rule 4), applies the sum per row,
 * and writes one audit row per movement and row with old/new counted back
 * from what the UPDATE produced, so the trail is exact without the
 * resource's lock too (giving back needs none). For APPOINTMENT resources
 * (no capacity rows), a give-back frees the units its hold or allocation
 * occupies (resource_occupancy); taking them is resource_booking_occupy's.
 */
export const resource_booking_apply_capacity_movements: LedgerFunction = {
  signature: "resource_booking_apply_capacity_movements(text, text, text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_apply_capacity_movements(
  p_resource_id text, p_reason text, p_actor_id text, p_movements jsonb
) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_count int;
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true);
  -- Capacity rows are locked in (date, start time) order (ledger/LOCKING.md, rule 4).
  PERFORM 1 FROM (
    SELECT c.id FROM resource_capacity c
    JOIN (SELECT DISTINCT k.date, k.start_time
          FROM jsonb_to_recordset(p_movements) AS x(delta int, dates text[], departures text[]),
               resource_booking_hold_slots(x.dates::date[], x.departures::timestamp[]) AS k
          WHERE x.delta <> 0) s ON s.date = c.date AND s.start_time IS NOT DISTINCT FROM c.start_time
    WHERE c.resource_id = p_resource_id
    ORDER BY c.date, c.start_time NULLS FIRST
    FOR UPDATE OF c
  ) locked;
  WITH m AS (
    SELECT row_number() OVER () AS seq, x.hold_id, x.allocation_id, x.delta, k.date, k.start_time
    FROM jsonb_to_recordset(p_movements) AS x(hold_id text, allocation_id text, delta int, dates text[], departures text[]),
         resource_booking_hold_slots(x.dates::date[], x.departures::timestamp[]) AS k
    WHERE x.delta <> 0
  ),
  per_slot AS (SELECT m.date, m.start_time, sum(m.delta)::int AS delta FROM m GROUP BY 1, 2),
  updated AS (
    UPDATE resource_capacity c
    SET available_capacity = c.available_capacity + p.delta
    FROM per_slot p
    WHERE c.resource_id = p_resource_id AND c.date = p.date AND c.start_time IS NOT DISTINCT FROM p.start_time
    RETURNING c.id, c.date, c.start_time, c.max_capacity, c.available_capacity AS final_available
  ),
  trail AS (
    -- old/new of each movement, counted back from what the UPDATE produced.
    SELECT u.id AS capacity_id, m.date, m.start_time, m.hold_id, m.allocation_id, u.max_capacity, m.delta,
           u.final_available - sum(m.delta) OVER (PARTITION BY m.date, m.start_time ORDER BY m.seq DESC) AS old_available
    FROM m JOIN updated u ON u.date = m.date AND u.start_time IS NOT DISTINCT FROM m.start_time
  ),
  audit AS (
    INSERT INTO resource_capacity_audit
      (id, capacity_id, resource_id, date, start_time, old_available, new_available, old_max, new_max,
       change_reason, hold_id, allocation_id, actor_id, changed_at, created_at, updated_at)
    SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), t.capacity_id, p_resource_id, t.date, t.start_time,
           t.old_available, t.old_available + t.delta, t.max_capacity, t.max_capacity,
           p_reason, t.hold_id, t.allocation_id, p_actor_id, clock_timestamp(), now(), now()
    FROM trail t
    RETURNING 1
  )
  SELECT count(*)::int INTO v_count FROM audit;

  -- Appointments: what a give-back frees is the units its hold or allocation
  -- occupies (resource_occupancy), with one audit row for each.
  WITH moved AS (
    SELECT x.hold_id, x.allocation_id FROM jsonb_to_recordset(p_movements) AS x(hold_id text, allocation_id text, delta int)
    WHERE x.delta > 0
  ),
  vacated AS (
    UPDATE resource_occupancy o SET live = false
    FROM moved m
    WHERE o.resource_id = p_resource_id AND o.live
      AND ((m.allocation_id IS NOT NULL AND o.allocation_id = m.allocation_id)
        OR (m.allocation_id IS NULL AND o.hold_id = m.hold_id AND o.allocation_id IS NULL))
    RETURNING o.hold_id, o.allocation_id, o.during
  )
  INSERT INTO resource_capacity_audit
    (id, capacity_id, resource_id, date, start_time, during, old_available, new_available, old_max, new_max,
     change_reason, hold_id, allocation_id, actor_id, changed_at, created_at, updated_at)
  SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), NULL, p_resource_id,
         (a.appointment->>'date')::date, (a.appointment->>'start_time')::time, v.during,
         NULL, NULL, NULL, NULL, p_reason, v.hold_id, v.allocation_id, p_actor_id, clock_timestamp(), now(), now()
  FROM (SELECT hold_id, allocation_id, during, count(*) AS units FROM vacated GROUP BY 1, 2, 3) v
  LEFT JOIN LATERAL (
    SELECT coalesce(al.appointment, h.appointment) AS appointment
    FROM (SELECT 1) one
    LEFT JOIN resource_allocation al ON al.id = v.allocation_id
    LEFT JOIN resource_hold h ON h.id = v.hold_id
  ) a ON true;
  RETURN v_count;
END;
$$;`,
}

/**
 * The one rule for lapsed holds on the write side (ledger/lapsed.ts): a
 * resource's ACTIVE holds past expires_at (on `p_dates` when given, except
 * `p_keep`, at most `p_limit`, oldest first) become EXPIRED and give their
 * capacity back, with EXPIRE audit rows. Rows another transaction is moving
 * are skipped (SKIP LOCKED: it is finishing them). Every decision that counts
 * capacity calls it first for what it needs; the sweep calls it for the rest.
 */
export const resource_booking_expire_lapsed: LedgerFunction = {
  signature: "resource_booking_expire_lapsed(text, date[], text[], integer)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_expire_lapsed(
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
      WHERE l.resource_id = p_resource_id AND resource_booking_hold_is_lapsed(l.status, l.expires_at)
        AND (p_dates IS NULL OR l.dates && p_dates)
        AND (p_keep IS NULL OR NOT l.id = ANY (p_keep))
      ORDER BY l.expires_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ) AND h.status = 'ACTIVE'
    RETURNING h.id, h.dates, h.departures, h.quantity
  )
  SELECT array_agg(e.id),
         jsonb_agg(jsonb_build_object('hold_id', e.id, 'delta', e.quantity, 'dates', to_jsonb(e.dates::text[]),
                                      'departures', to_jsonb(e.departures::text[])))
    INTO v_ids, v_moves FROM expired e;
  IF v_ids IS NOT NULL THEN
    PERFORM resource_booking_apply_capacity_movements(p_resource_id, 'EXPIRE', NULL, v_moves);
  END IF;
  RETURN QUERY SELECT unnest(coalesce(v_ids, '{}'::text[]));
END;
$$;`,
}
