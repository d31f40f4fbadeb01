import { LedgerFunction } from "./types"

/*
 * The hold decision (ledger/create-holds.ts, LOCKING.md "the hold path").
 *
 * Why it is written the way it is (measured, docs/PERFORMANCE.md):
 * - PL/pgSQL, not LANGUAGE sql: PostgreSQL plans the body of a LANGUAGE sql
 *   function it cannot inline on every call; PL/pgSQL keeps one plan per
 *   connection (planning was 0.57 ms of a 1.28 ms decision).
 * - Lookups joined to an item list (jsonb_to_recordset, estimated at 100
 *   rows) are fenced index probes, `LATERAL (… OFFSET 0)`: unfenced, the
 *   planner hashed the whole capacity or resource table per call (a hold went
 *   from 27 to 3 ms with 1,000 resources × 90 days; 0.55 ms of a 1 ms decision
 *   with 3,000 resources).
 * - hold_problems keeps one generic plan (plan_cache_mode): its lookups are
 *   index probes whatever the item and key counts, which is what a custom
 *   plan chose each time too.
 */

/**
 * What stops a request (items × keys) from being held now: one problem per
 * resource and date (or departure), with the first reason that applies
 * (resource_booking_unavailable_reason), or NULL when everything fits.
 */
export const resource_booking_hold_problems: LedgerFunction = {
  signature: "resource_booking_hold_problems(jsonb, date[], timestamp without time zone[], text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_hold_problems(
  p_items jsonb, p_dates date[], p_departures timestamp[], p_timezone text
) RETURNS jsonb LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
    SELECT jsonb_agg(jsonb_build_object('resource_id', x.resource_id, 'date', x.date::text,
                                        'start_time', to_char(x.start_time, 'HH24:MI'), 'reason', x.reason,
                                        'available', x.available) ORDER BY x.resource_id, x.date, x.start_time)
    FROM (
      SELECT i.resource_id, k.date, k.start_time, c.available_capacity AS available,
             resource_booking_unavailable_reason(
               resource_booking_rule_reason(r.booking_rules, k.date, c.starts_at, now(), p_timezone),
               EXISTS (SELECT 1 FROM resource_blackout b
                       WHERE b.resource_id = i.resource_id AND b.deleted_at IS NULL
                         AND k.date BETWEEN b.start_date AND b.end_date),
               c.max_capacity, c.available_capacity, i.quantity) AS reason
      FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int)
      CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
      CROSS JOIN resource_booking_hold_slots(p_dates, p_departures) AS k
      LEFT JOIN LATERAL (
        SELECT c.max_capacity, c.available_capacity, c.starts_at FROM resource_capacity c
        WHERE c.resource_id = i.resource_id AND c.date = k.date AND c.start_time IS NOT DISTINCT FROM k.start_time
        OFFSET 0
      ) c ON true
    ) x
    WHERE x.reason IS NOT NULL
  );
END;
$$;`,
}

/**
 * The shape rules of a DAY request (min_dates, max_dates, consecutive): one
 * problem per resource and broken rule, or NULL. Resources of other modes
 * have no shape rules (contract "Variants and booking rules over time").
 */
export const resource_booking_shape_problems: LedgerFunction = {
  signature: "resource_booking_shape_problems(jsonb, date[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_shape_problems(
  p_items jsonb, p_dates date[]
) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT jsonb_agg(jsonb_build_object('resource_id', i.resource_id, 'rule', x.rule, 'value', r.booking_rules->x.rule)
                     ORDER BY i.resource_id, x.rule)
    FROM jsonb_to_recordset(p_items) AS i(resource_id text)
    CROSS JOIN LATERAL (
      SELECT r.booking_rules FROM resource r WHERE r.id = i.resource_id AND r.booking_mode = 'DAY' OFFSET 0
    ) r,
    LATERAL (VALUES
      (CASE WHEN (r.booking_rules->>'min_dates')::int > cardinality(p_dates) THEN 'min_dates' END),
      (CASE WHEN (r.booking_rules->>'max_dates')::int < cardinality(p_dates) THEN 'max_dates' END),
      (CASE WHEN (r.booking_rules->>'consecutive')::boolean
                 AND (SELECT max(d) - min(d) + 1 FROM unnest(p_dates) d) <> cardinality(p_dates) THEN 'consecutive' END)
    ) AS x(rule)
    WHERE x.rule IS NOT NULL
  );
END;
$$;`,
}

/**
 * Idempotency, in one place (contract "Idempotency"): the group made with
 * this token answers 'replay' when the request is the same (the same
 * resources and quantities, the same set of dates or departures (or the same
 * appointment), the same email, case ignored; metadata is not compared), 'token_conflict' when it
 * is not, and nothing when the token is new.
 */
export const resource_booking_token_verdict: LedgerFunction = {
  signature: "resource_booking_token_verdict(text, text, date[], timestamp without time zone[], jsonb, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_token_verdict(
  p_token text, p_email text, p_dates date[], p_departures timestamp[], p_items jsonb, p_appointment jsonb
) RETURNS TABLE (verdict text, group_id text) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
DECLARE
  v_group text;
  v_same boolean;
BEGIN
  SELECT g.group_id INTO v_group FROM resource_hold g WHERE g.idempotency_token = p_token AND g.id = g.group_id;
  IF v_group IS NULL THEN
    RETURN;
  END IF;
  SELECT count(*) = jsonb_array_length(p_items)
         AND bool_and(i.quantity IS NOT DISTINCT FROM h.quantity
                      AND lower(h.customer_email) = lower(p_email)
                      AND h.dates @> p_dates AND h.dates <@ p_dates
                      AND (h.departures IS NULL) = (p_departures IS NULL)
                      AND (p_departures IS NULL OR (h.departures @> p_departures AND h.departures <@ p_departures))
                      AND h.appointment IS NOT DISTINCT FROM p_appointment)
    INTO v_same
    FROM resource_hold h
    LEFT JOIN jsonb_to_recordset(p_items) AS i(resource_id text, quantity int) ON i.resource_id = h.resource_id
    WHERE h.group_id = v_group;
  RETURN QUERY SELECT CASE WHEN v_same THEN 'replay' ELSE 'token_conflict' END, v_group;
END;
$$;`,
}

/**
 * The hold decision, for a caller that already holds the items' locks
 * (checked: RBL02). In order: the token (replay or conflict), the resources
 * (live, active), their booking mode (dates for DAY resources, departures
 * for DEPARTURE ones), the shape rules, then per key the rules, blackouts
 * and capacity, expiring lapsed holds on short keys first and deciding again
 * (invariant 3); then the holds (the group head first: a token racing in on
 * other resources' locks loses on the unique index and answers as a replay)
 * and their capacity with audit rows. Verdicts: ok, replay, token_conflict,
 * not_found, mode, rule, refused.
 */
export const resource_booking_take_holds_locked: LedgerFunction = {
  signature:
    "resource_booking_take_holds_locked(text, text, text, timestamp with time zone, jsonb, date[], timestamp without time zone[], jsonb, text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_take_holds_locked(
  p_group_id text, p_token text, p_email text, p_expires_at timestamptz, p_metadata jsonb,
  p_dates date[], p_departures timestamp[], p_items jsonb, p_timezone text, p_context jsonb
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_token record;
  v_problems jsonb;
  v_short record;
  v_reclaimed boolean := false;
  v_head text;
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

  SELECT * INTO v_token FROM resource_booking_token_verdict(p_token, p_email, p_dates, p_departures, p_items, NULL);
  IF v_token.verdict IS NOT NULL THEN
    RETURN QUERY SELECT v_token.verdict, v_token.group_id, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;

  -- No hoarding: a customer or a client keeps at most its limit of live holds
  -- (its keys are locked with the resources, so two requests of one customer
  -- on other resources cannot both pass).
  v_problems := resource_booking_limit_problem(p_email, p_context);
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'limit'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  SELECT jsonb_agg(i.resource_id ORDER BY i.resource_id) INTO v_problems
  FROM jsonb_to_recordset(p_items) AS i(resource_id text)
  LEFT JOIN LATERAL (
    SELECT r.id FROM resource r WHERE r.id = i.resource_id AND r.deleted_at IS NULL AND r.is_active OFFSET 0
  ) r ON true
  WHERE r.id IS NULL;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  SELECT jsonb_agg(jsonb_build_object('resource_id', i.resource_id, 'booking_mode', r.booking_mode)
                   ORDER BY i.resource_id) INTO v_problems
  FROM jsonb_to_recordset(p_items) AS i(resource_id text)
  CROSS JOIN LATERAL (SELECT r.booking_mode FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
  WHERE r.booking_mode <> CASE WHEN p_departures IS NULL THEN 'DAY' ELSE 'DEPARTURE' END;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'mode'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  v_problems := resource_booking_shape_problems(p_items, p_dates);
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'rule'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  v_problems := resource_booking_hold_problems(p_items, p_dates, p_departures, p_timezone);
  -- Capacity still held by lapsed holds is free (invariant 3): expire those on
  -- the short dates now, then decide again.
  IF v_problems IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM jsonb_array_elements(v_problems) e WHERE e->>'reason' <> 'SOLD_OUT') THEN
    FOR v_short IN
      SELECT e->>'resource_id' AS resource_id, array_agg(DISTINCT (e->>'date')::date) AS dates
      FROM jsonb_array_elements(v_problems) e GROUP BY 1 ORDER BY 1
    LOOP
      IF EXISTS (SELECT 1 FROM resource_booking_expire_lapsed(v_short.resource_id, v_short.dates, NULL, 100000)) THEN
        v_reclaimed := true;
      END IF;
    END LOOP;
    IF v_reclaimed THEN
      v_problems := resource_booking_hold_problems(p_items, p_dates, p_departures, p_timezone);
    END IF;
  END IF;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  -- The head first: the same token racing in on other resources' locks
  -- meets the unique index here and answers as a replay (or a conflict).
  INSERT INTO resource_hold
    (id, group_id, resource_id, dates, departures, starts_at, ends_at, quantity, customer_email, idempotency_token,
     status, expires_at, metadata, channel, client_keys, created_at, updated_at)
  SELECT i.hold_id, p_group_id, i.resource_id, p_dates, p_departures, s.starts_at, s.ends_at, i.quantity, p_email,
         p_token, 'ACTIVE', p_expires_at, p_metadata, p_context->>'channel',
         resource_booking_context_keys(p_context), now(), now()
  FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
  LEFT JOIN LATERAL (
    SELECT min(c.starts_at) AS starts_at, max(c.ends_at) AS ends_at FROM resource_capacity c
    WHERE p_departures IS NOT NULL AND c.resource_id = i.resource_id AND c.date = ANY (p_dates)
      AND (c.date + c.start_time) = ANY (p_departures)
  ) s ON true
  WHERE i.hold_id = p_group_id
  ON CONFLICT (idempotency_token) WHERE id = group_id DO NOTHING
  RETURNING id INTO v_head;
  IF v_head IS NULL THEN
    SELECT * INTO v_token FROM resource_booking_token_verdict(p_token, p_email, p_dates, p_departures, p_items, NULL);
    RETURN QUERY SELECT v_token.verdict, v_token.group_id, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;

  INSERT INTO resource_hold
    (id, group_id, resource_id, dates, departures, starts_at, ends_at, quantity, customer_email, idempotency_token,
     status, expires_at, metadata, channel, client_keys, created_at, updated_at)
  SELECT i.hold_id, p_group_id, i.resource_id, p_dates, p_departures, s.starts_at, s.ends_at, i.quantity, p_email,
         p_token, 'ACTIVE', p_expires_at, p_metadata, p_context->>'channel',
         resource_booking_context_keys(p_context), now(), now()
  FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
  LEFT JOIN LATERAL (
    SELECT min(c.starts_at) AS starts_at, max(c.ends_at) AS ends_at FROM resource_capacity c
    WHERE p_departures IS NOT NULL AND c.resource_id = i.resource_id AND c.date = ANY (p_dates)
      AND (c.date + c.start_time) = ANY (p_departures)
  ) s ON true
  WHERE i.hold_id <> p_group_id;

  -- (the departures' instants only where there are departures: a call for
  -- nothing is still a call, 0.15 ms of a day hold under the lock when the
  -- function was LANGUAGE sql and planned anew each time)
  SELECT jsonb_agg(to_jsonb(h) || jsonb_build_object('departures',
                     CASE WHEN h.departures IS NOT NULL THEN resource_booking_departures_json(h.resource_id, h.departures) END)
                   ORDER BY h.resource_id)
    INTO v_holds FROM resource_hold h WHERE h.group_id = p_group_id;

  -- Capacity rows in (resource, key) order across the group.
  FOR v_item IN
    SELECT i.resource_id, i.quantity, i.hold_id
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text) ORDER BY i.resource_id
  LOOP
    PERFORM resource_booking_apply_capacity_movements(
      v_item.resource_id, 'HOLD', NULL,
      jsonb_build_array(jsonb_build_object('hold_id', v_item.hold_id, 'delta', -v_item.quantity,
                                           'dates', to_jsonb(p_dates::text[]),
                                           'departures', to_jsonb(p_departures::text[]))));
  END LOOP;

  RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::jsonb, v_holds;
END;
$$;`,
}

/** A hold request in one call, in autocommit (LOCKING.md, rule 5): the items' locks, then the decision. */
export const resource_booking_try_create_holds: LedgerFunction = {
  signature:
    "resource_booking_try_create_holds(text, text, text, numeric, jsonb, date[], timestamp without time zone[], jsonb, text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_try_create_holds(
  p_group_id text, p_token text, p_email text, p_ttl_seconds numeric, p_metadata jsonb,
  p_dates date[], p_departures timestamp[], p_items jsonb, p_timezone text, p_context jsonb
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql AS $$
BEGIN
  -- The items' resources and the keys the hold limits count by (a customer,
  -- a client): every lock at once, sorted (LOCKING.md, rule 2).
  PERFORM resource_booking_lock_resources(
    ARRAY(SELECT i->>'resource_id' FROM jsonb_array_elements(p_items) AS i)
    || resource_booking_limit_keys(p_email, p_context));
  RETURN QUERY SELECT * FROM resource_booking_take_holds_locked(
    p_group_id, p_token, p_email, now() + p_ttl_seconds * interval '1 second', p_metadata,
    p_dates, p_departures, p_items, p_timezone, p_context);
END;
$$;`,
}
