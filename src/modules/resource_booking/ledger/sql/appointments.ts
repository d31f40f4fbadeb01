import { LedgerFunction } from "./types"

/*
 * APPOINTMENT resources (contract "Appointments"): a booking is one time
 * range on a grid inside the resource's working hours, on `quantity` of its
 * `units`. Each live hold and allocation occupies its units over the range
 * with its buffers (resource_occupancy, one row per unit); the ledger decides
 * under the resource's lock which units are free, and the exclusion
 * constraint excl_occupancy_unit (GiST over resource, unit and range) is the
 * last line, as the CHECKs are for counted capacity. A lapsed hold stops
 * blocking at expires_at: reads count it free (resource_booking_hold_is_lapsed)
 * and the decision expires it before it takes the range.
 */

/**
 * A date's working hours: its exception when it has one, else its weekday's
 * ranges from the resource's appointment settings; `[]` when closed.
 * PL/pgSQL: as a SQL function with sub-selects PostgreSQL cannot inline it
 * and planned it on every call (0.16 ms, twice a hold and once a date of a
 * slot search).
 */
export const resource_booking_day_hours: LedgerFunction = {
  signature: "resource_booking_day_hours(text, date)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_day_hours(p_resource_id text, p_date date)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce(
    (SELECT x.hours FROM resource_hours_exception x
     WHERE x.resource_id = p_resource_id AND x.date = p_date AND x.deleted_at IS NULL),
    (SELECT r.appointment->'working_hours'->(extract(dow FROM p_date)::int::text) FROM resource r WHERE r.id = p_resource_id),
    '[]'::jsonb);
END;
$$;`,
}

/**
 * Every start of an appointment of `p_duration` minutes on a resource's grid
 * from p_from to p_to: counted from the start of each working-hours range in
 * `slot_minutes` steps of local time, where [start, start + duration) lies
 * inside the range in real time. A local start that does not exist (the
 * spring gap) is no start; every appointment lasts its real duration. The
 * one definition of "a start on the grid" the slot search and the hold
 * decision share.
 *
 * A date whose next 48 hours have no clock change (`steady`: two local
 * midnights 48 real hours apart, every date of most zones) takes its
 * instants as its local midnight plus minutes; only the dates around a change
 * ask resource_booking_local_instant for each start (the gap, the overlap).
 */
export const resource_booking_appointment_starts: LedgerFunction = {
  signature: "resource_booking_appointment_starts(text, date, date, integer, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_appointment_starts(
  p_resource_id text, p_from date, p_to date, p_duration int, p_timezone text
) RETURNS TABLE (date date, start_time time, starts_at timestamptz, ends_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT d.date, (b.s + k * interval '1 minute')::time, st.at, st.at + p_duration * interval '1 minute'
  FROM (SELECT (r.appointment->>'slot_minutes')::int AS slot FROM resource r WHERE r.id = p_resource_id) r
  CROSS JOIN LATERAL (SELECT g::date AS date FROM generate_series(p_from, p_to, interval '1 day') AS g) d
  CROSS JOIN LATERAL (
    SELECT z.day0, (z.day2 - z.day0) = interval '48 hours' AS steady
    FROM (SELECT d.date::timestamp AT TIME ZONE p_timezone AS day0, (d.date + 2)::timestamp AT TIME ZONE p_timezone AS day2) z
  ) z
  CROSS JOIN LATERAL jsonb_array_elements(resource_booking_day_hours(p_resource_id, d.date)) AS h(range)
  CROSS JOIN LATERAL (
    SELECT (h.range->>0)::time AS s,
           CASE WHEN h.range->>1 = '24:00' THEN 1440
                ELSE extract(epoch FROM (h.range->>1)::time)::int / 60 END AS end_minute
  ) b
  CROSS JOIN LATERAL (
    SELECT CASE WHEN z.steady THEN z.day0 + b.end_minute * interval '1 minute'
                WHEN b.end_minute = 1440 THEN resource_booking_local_instant(d.date + 1, '00:00', p_timezone)
                ELSE coalesce(resource_booking_local_instant(d.date, (h.range->>1)::time, p_timezone),
                              (d.date + (h.range->>1)::time) AT TIME ZONE p_timezone) END AS range_end
  ) e
  CROSS JOIN LATERAL generate_series(0, b.end_minute - extract(epoch FROM b.s)::int / 60 - r.slot, r.slot) AS k
  CROSS JOIN LATERAL (
    SELECT CASE WHEN z.steady THEN z.day0 + (extract(epoch FROM b.s)::int / 60 + k) * interval '1 minute'
                ELSE resource_booking_local_instant(d.date, (b.s + k * interval '1 minute')::time, p_timezone) END AS at
  ) st
  WHERE st.at IS NOT NULL AND st.at + p_duration * interval '1 minute' <= e.range_end
$$;`,
}

/**
 * How many units of a resource are taken at some instant of a window: live
 * occupancy of allocations and of holds that have not lapsed. PL/pgSQL (one
 * plan per connection): as a SQL function with an aggregate it was planned
 * on every hold (0.39 ms of a 2.7 ms decision under the lock).
 */
export const resource_booking_units_taken: LedgerFunction = {
  signature: "resource_booking_units_taken(text, tstzrange)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_units_taken(p_resource_id text, p_window tstzrange)
RETURNS int LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT count(DISTINCT o.unit)::int FROM resource_occupancy o
    LEFT JOIN resource_hold h ON h.id = o.hold_id AND o.allocation_id IS NULL
    WHERE o.resource_id = p_resource_id AND o.live AND o.during && p_window
      AND (o.allocation_id IS NOT NULL OR NOT resource_booking_hold_is_lapsed(h.status, h.expires_at)));
END;
$$;`,
}

/**
 * The occupied window of an appointment: its range widened by the resource's
 * buffers (blocked for other bookings of the same unit). STABLE, as its body
 * is (timestamptz ± interval): declared IMMUTABLE, PostgreSQL would not
 * inline it and called it as a function once per start of a slot search.
 */
export const resource_booking_appointment_window: LedgerFunction = {
  signature: "resource_booking_appointment_window(jsonb, timestamp with time zone, timestamp with time zone)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_appointment_window(
  p_settings jsonb, p_starts_at timestamptz, p_ends_at timestamptz
) RETURNS tstzrange LANGUAGE sql STABLE AS $$
  SELECT tstzrange(p_starts_at - coalesce((p_settings->>'buffer_before_minutes')::int, 0) * interval '1 minute',
                   p_ends_at + coalesce((p_settings->>'buffer_after_minutes')::int, 0) * interval '1 minute', '[)')
$$;`,
}

/**
 * Takes `p_quantity` units of a resource over a window for a hold (and an
 * allocation, when re-taking for one), the lowest free unit numbers first
 * (which packs bookings onto few units); the caller holds the resource's
 * lock and has expired lapsed holds in the window. Answers the number of
 * units taken: p_quantity, or 0 when not enough are free (nothing taken).
 * Writes one audit row (the appointment's local date and start, the window)
 * with the free units before and after.
 */
export const resource_booking_occupy: LedgerFunction = {
  signature: "resource_booking_occupy(text, tstzrange, integer, text, text, text, date, time without time zone)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_occupy(
  p_resource_id text, p_window tstzrange, p_quantity int, p_hold_id text, p_allocation_id text, p_reason text,
  p_date date, p_start_time time
) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_units int;
  v_free int[];
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true);
  SELECT (r.appointment->>'units')::int INTO v_units FROM resource r WHERE r.id = p_resource_id;
  SELECT array_agg(u ORDER BY u) INTO v_free FROM generate_series(1, coalesce(v_units, 0)) AS u
  WHERE NOT EXISTS (
    SELECT 1 FROM resource_occupancy o
    WHERE o.resource_id = p_resource_id AND o.unit = u AND o.live AND o.during && p_window);
  IF coalesce(cardinality(v_free), 0) < p_quantity THEN
    RETURN 0;
  END IF;
  INSERT INTO resource_occupancy (id, resource_id, unit, hold_id, allocation_id, during, live, created_at, updated_at)
  SELECT 'rocc_' || replace(gen_random_uuid()::text, '-', ''), p_resource_id, u, p_hold_id, p_allocation_id, p_window, true,
         now(), now()
  FROM unnest(v_free[1:p_quantity]) AS u;
  INSERT INTO resource_capacity_audit
    (id, capacity_id, resource_id, date, start_time, during, old_available, new_available, old_max, new_max,
     change_reason, hold_id, allocation_id, changed_at, created_at, updated_at)
  VALUES ('raud_' || replace(gen_random_uuid()::text, '-', ''), NULL, p_resource_id,
          p_date, p_start_time, p_window,
          cardinality(v_free), cardinality(v_free) - p_quantity, v_units, v_units,
          p_reason, p_hold_id, p_allocation_id, clock_timestamp(), now(), now());
  RETURN p_quantity;
END;
$$;`,
}

/**
 * The appointment decision, for a caller that holds the items' locks
 * (checked: RBL02), in order: the token (replay or conflict), the resources
 * (live, active, booked by appointment), the request against each
 * resource's settings ('invalid': the duration off the grid or out of
 * bounds, the quantity above `units`, a start that is not on the grid inside
 * the working hours), then the rules and blackouts of the date and the start
 * ('refused', with the reason), then lapsed holds around the window expired
 * and the free units counted ('refused' SOLD_OUT when short); then the holds
 * (the group head first, as for dates) and their units
 * (resource_booking_occupy).
 *
 * JIT is off (here and in resource_booking_try_create_appointment): the grid
 * (resource_booking_appointment_starts, inlined) is estimated at 1,000 days ×
 * 1,000 starts, which crosses jit_above_cost, and PostgreSQL JIT-compiled each
 * of its two statements on every call: 265 ms each, 2.2 s a hold with the
 * lock held (bench appointment_hold_http, issue 18); 21 ms with JIT off.
 */
export const resource_booking_take_appointment_locked: LedgerFunction = {
  signature:
    "resource_booking_take_appointment_locked(text, text, text, timestamp with time zone, jsonb, date, time without time zone, integer, jsonb, text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_take_appointment_locked(
  p_group_id text, p_token text, p_email text, p_expires_at timestamptz, p_metadata jsonb,
  p_date date, p_start_time time, p_duration int, p_items jsonb, p_timezone text, p_context jsonb
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql SET jit = off AS $$
#variable_conflict use_column
DECLARE
  v_token record;
  v_problems jsonb;
  v_appointment jsonb := jsonb_build_object('date', p_date::text, 'start_time', to_char(p_start_time, 'HH24:MI'),
                                            'duration_minutes', p_duration);
  v_start record;
  v_item record;
  v_head text;
  v_holds jsonb;
BEGIN
  IF EXISTS (
    SELECT 1 FROM jsonb_array_elements(p_items) AS i
    WHERE NOT (i->>'resource_id') = ANY (string_to_array(coalesce(current_setting('resource_booking.locked_ids', true), ''), ','))
  ) THEN
    RAISE EXCEPTION 'resource_booking ledger: a hold decision needs its resources locked first (ledger/LOCKING.md)'
      USING ERRCODE = 'RBL02';
  END IF;

  SELECT * INTO v_token FROM resource_booking_token_verdict(p_token, p_email, ARRAY[p_date], NULL, p_items, v_appointment);
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

  SELECT jsonb_agg(jsonb_build_object('resource_id', i.resource_id, 'booking_mode', r.booking_mode) ORDER BY i.resource_id)
    INTO v_problems
  FROM jsonb_to_recordset(p_items) AS i(resource_id text)
  CROSS JOIN LATERAL (SELECT r.booking_mode FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
  WHERE r.booking_mode <> 'APPOINTMENT';
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'mode'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  -- The start on the first resource's grid (the group's instants; the
  -- others' grids are checked below), read once for the check and the holds.
  SELECT s.starts_at, s.ends_at INTO v_start
  FROM resource_booking_appointment_starts((p_items->0)->>'resource_id', p_date, p_date, p_duration, p_timezone) s
  WHERE s.start_time = p_start_time;

  -- The request against each resource's settings: 400 problems.
  SELECT jsonb_agg(jsonb_build_object('resource_id', x.resource_id, 'problem', x.problem, 'value', x.value)
                   ORDER BY x.resource_id, x.problem) INTO v_problems
  FROM (
    SELECT i.resource_id, p.problem, p.value
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int)
    CROSS JOIN LATERAL (SELECT r.appointment AS a FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
    CROSS JOIN LATERAL (VALUES
      (CASE WHEN p_duration < (r.a->>'min_duration_minutes')::int OR p_duration > (r.a->>'max_duration_minutes')::int
            THEN 'duration_bounds' END, jsonb_build_array(r.a->'min_duration_minutes', r.a->'max_duration_minutes')),
      (CASE WHEN p_duration % (r.a->>'slot_minutes')::int <> 0 THEN 'duration_grid' END, r.a->'slot_minutes'),
      (CASE WHEN i.quantity > (r.a->>'units')::int THEN 'units' END, r.a->'units'),
      (CASE WHEN CASE WHEN i.resource_id = (p_items->0)->>'resource_id' THEN v_start.starts_at IS NULL
                      ELSE NOT EXISTS (
                        SELECT 1 FROM resource_booking_appointment_starts(i.resource_id, p_date, p_date, p_duration, p_timezone) s
                        WHERE s.start_time = p_start_time) END
            THEN 'start' END, to_jsonb(to_char(p_start_time, 'HH24:MI')))
    ) AS p(problem, value)
    WHERE p.problem IS NOT NULL
  ) x;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'invalid'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  -- Rules and blackouts, then the units free over each window (lapsed holds
  -- around it expired first: they stop blocking at expires_at).
  FOR v_item IN SELECT i.resource_id FROM jsonb_to_recordset(p_items) AS i(resource_id text) ORDER BY 1 LOOP
    PERFORM resource_booking_expire_lapsed(v_item.resource_id, ARRAY[p_date - 1, p_date, p_date + 1], NULL, 100000);
  END LOOP;
  SELECT jsonb_agg(jsonb_build_object('resource_id', x.resource_id, 'date', p_date::text,
                                      'start_time', to_char(p_start_time, 'HH24:MI'), 'reason', x.reason,
                                      'available', x.available) ORDER BY x.resource_id) INTO v_problems
  FROM (
    SELECT i.resource_id, (r.a->>'units')::int - t.taken AS available,
           coalesce(resource_booking_rule_reason(r.booking_rules, p_date, v_start.starts_at, now(), p_timezone),
                    CASE WHEN EXISTS (SELECT 1 FROM resource_blackout b
                                      WHERE b.resource_id = i.resource_id AND b.deleted_at IS NULL
                                        AND p_date BETWEEN b.start_date AND b.end_date) THEN 'BLACKOUT'
                         WHEN (r.a->>'units')::int - t.taken < i.quantity THEN 'SOLD_OUT' END) AS reason
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int)
    CROSS JOIN LATERAL (SELECT r.appointment AS a, r.booking_rules FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
    CROSS JOIN LATERAL (
      SELECT resource_booking_units_taken(i.resource_id,
               resource_booking_appointment_window(r.a, v_start.starts_at, v_start.ends_at)) AS taken
    ) t
  ) x
  WHERE x.reason IS NOT NULL;
  IF v_problems IS NOT NULL THEN
    RETURN QUERY SELECT 'refused'::text, NULL::text, v_problems, NULL::jsonb;
    RETURN;
  END IF;

  INSERT INTO resource_hold
    (id, group_id, resource_id, dates, appointment, starts_at, ends_at, quantity, customer_email, idempotency_token,
     status, expires_at, metadata, channel, client_keys, created_at, updated_at)
  SELECT i.hold_id, p_group_id, i.resource_id, ARRAY[p_date], v_appointment, v_start.starts_at, v_start.ends_at,
         i.quantity, p_email, p_token, 'ACTIVE', p_expires_at, p_metadata, p_context->>'channel',
         resource_booking_context_keys(p_context), now(), now()
  FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
  WHERE i.hold_id = p_group_id
  ON CONFLICT (idempotency_token) WHERE id = group_id DO NOTHING
  RETURNING id INTO v_head;
  IF v_head IS NULL THEN
    SELECT * INTO v_token FROM resource_booking_token_verdict(p_token, p_email, ARRAY[p_date], NULL, p_items, v_appointment);
    RETURN QUERY SELECT v_token.verdict, v_token.group_id, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  INSERT INTO resource_hold
    (id, group_id, resource_id, dates, appointment, starts_at, ends_at, quantity, customer_email, idempotency_token,
     status, expires_at, metadata, channel, client_keys, created_at, updated_at)
  SELECT i.hold_id, p_group_id, i.resource_id, ARRAY[p_date], v_appointment, v_start.starts_at, v_start.ends_at,
         i.quantity, p_email, p_token, 'ACTIVE', p_expires_at, p_metadata, p_context->>'channel',
         resource_booking_context_keys(p_context), now(), now()
  FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
  WHERE i.hold_id <> p_group_id;

  FOR v_item IN
    SELECT i.resource_id, i.quantity, i.hold_id, r.a
    FROM jsonb_to_recordset(p_items) AS i(resource_id text, quantity int, hold_id text)
    CROSS JOIN LATERAL (SELECT r.appointment AS a FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
    ORDER BY i.resource_id
  LOOP
    IF resource_booking_occupy(v_item.resource_id, resource_booking_appointment_window(v_item.a, v_start.starts_at, v_start.ends_at),
                               v_item.quantity, v_item.hold_id, NULL, 'HOLD', p_date, p_start_time) = 0 THEN
      RAISE EXCEPTION 'resource_booking ledger: units counted free were taken (resource %)', v_item.resource_id
        USING ERRCODE = 'RBL03';
    END IF;
  END LOOP;

  SELECT jsonb_agg(to_jsonb(h) || jsonb_build_object('departures', NULL) ORDER BY h.resource_id)
    INTO v_holds FROM resource_hold h WHERE h.group_id = p_group_id;
  RETURN QUERY SELECT 'ok'::text, NULL::text, NULL::jsonb, v_holds;
END;
$$;`,
}

/** An appointment request in one call, in autocommit: the items' locks, then the decision. */
export const resource_booking_try_create_appointment: LedgerFunction = {
  signature:
    "resource_booking_try_create_appointment(text, text, text, numeric, jsonb, date, time without time zone, integer, jsonb, text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_try_create_appointment(
  p_group_id text, p_token text, p_email text, p_ttl_seconds numeric, p_metadata jsonb,
  p_date date, p_start_time time, p_duration int, p_items jsonb, p_timezone text, p_context jsonb
) RETURNS TABLE (verdict text, existing_group_id text, problems jsonb, holds jsonb)
LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  -- The items' resources and the keys the hold limits count by (a customer,
  -- a client): every lock at once, sorted (LOCKING.md, rule 2).
  PERFORM resource_booking_lock_resources(
    ARRAY(SELECT i->>'resource_id' FROM jsonb_array_elements(p_items) AS i)
    || resource_booking_limit_keys(p_email, p_context));
  RETURN QUERY SELECT * FROM resource_booking_take_appointment_locked(
    p_group_id, p_token, p_email, now() + p_ttl_seconds * interval '1 second', p_metadata,
    p_date, p_start_time, p_duration, p_items, p_timezone, p_context);
END;
$$;`,
}

/**
 * The slot search (contract "Appointments", slots), in one statement: every
 * start of an appointment of `p_duration` on each resource's grid from p_from
 * to p_to (resource_booking_appointment_starts), with the units free over
 * its window (buffers included; lapsed holds count as free), keeping those
 * that obey the resource's rules, are not blacked out and have `needed`
 * units free. A variant's slots are the starts every resource keeps.
 *
 * One pass over one read: what closes a whole date (the rules that do not
 * depend on the start, blackouts) is decided once per date; the rules of a
 * start (STARTED, min_notice_minutes) are asked only of starts sooner than
 * now + the notice (later ones pass them); the live occupancy of the whole
 * search is read once (one GiST probe per resource), keyed by the local
 * dates whose starts it can meet, and joined to the starts by (resource,
 * date) and overlap, with hash aggregates counting the distinct units taken
 * the way resource_booking_units_taken counts them for the hold decision
 * (allocations and holds that have not lapsed). Until issue 18's bench it
 * asked resource_booking_units_taken once per start: 540 ms for a 31-day
 * month with 1,000 bookings (70,000 buffers); ≈ 35 ms now on the same
 * machine, the same rows for every case compared (docs/PERFORMANCE.md).
 */
export const resource_booking_slots: LedgerFunction = {
  signature: "resource_booking_slots(text[], integer[], date, date, integer, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_slots(
  p_resource_ids text[], p_needed int[], p_from date, p_to date, p_duration int, p_timezone text
) RETURNS TABLE (resource_id text, date text, start_time text, starts_at timestamptz, ends_at timestamptz,
                 available_units int)
LANGUAGE plpgsql STABLE SET jit = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH ids AS MATERIALIZED (
    SELECT ids.resource_id, ids.needed, r.a, r.booking_rules, (r.a->>'units')::int AS units,
           coalesce((r.a->>'buffer_before_minutes')::int, 0) * interval '1 minute' AS before,
           coalesce((r.a->>'buffer_after_minutes')::int, 0) * interval '1 minute' AS after,
           greatest(now(), now() + coalesce((r.booking_rules->>'min_notice_minutes')::int, 0) * interval '1 minute') AS clear_from
    FROM unnest(p_resource_ids, p_needed) AS ids(resource_id, needed)
    CROSS JOIN LATERAL (
      SELECT r.appointment AS a, r.booking_rules FROM resource r
      WHERE r.id = ids.resource_id AND r.deleted_at IS NULL AND r.booking_mode = 'APPOINTMENT' OFFSET 0
    ) r
  ),
  -- What closes a whole date, once per date: the rules that do not depend on
  -- the start (resource_booking_rule_reason without one) and blackouts.
  open_dates AS MATERIALIZED (
    SELECT ids.resource_id, d::date AS date
    FROM ids CROSS JOIN generate_series(p_from, p_to, interval '1 day') AS d
    WHERE resource_booking_rule_reason(ids.booking_rules, d::date, NULL, now(), p_timezone) IS NULL
      AND NOT EXISTS (SELECT 1 FROM resource_blackout b
                      WHERE b.resource_id = ids.resource_id AND b.deleted_at IS NULL AND d::date BETWEEN b.start_date AND b.end_date)
  ),
  starts AS MATERIALIZED (
    SELECT ids.resource_id, ids.needed, ids.units, s.date, s.start_time, s.starts_at, s.ends_at,
           s.starts_at - ids.before AS w_from, s.ends_at + ids.after AS w_to
    FROM ids
    CROSS JOIN LATERAL resource_booking_appointment_starts(ids.resource_id, p_from, p_to, p_duration, p_timezone) AS s
    JOIN open_dates od ON od.resource_id = ids.resource_id AND od.date = s.date
    -- The rules of a start (STARTED, min_notice_minutes) only where they can
    -- apply: a start after now + the notice passes them.
    WHERE s.starts_at >= ids.clear_from AND s.starts_at > now()
       OR resource_booking_rule_reason(ids.booking_rules, s.date, s.starts_at, now(), p_timezone) IS NULL
  ),
  -- One read of the live occupancy over the whole search, keyed by every
  -- local date whose starts' windows it can meet (its range widened by the
  -- buffers the other way).
  occupied AS MATERIALIZED (
    SELECT o.resource_id, o.unit, lower(o.during) AS o_from, upper(o.during) AS o_to, k::date AS date
    FROM ids
    JOIN resource_occupancy o ON o.resource_id = ids.resource_id AND o.live
     AND o.during && tstzrange((p_from - 1)::timestamp AT TIME ZONE p_timezone, (p_to + 2)::timestamp AT TIME ZONE p_timezone)
    LEFT JOIN resource_hold h ON h.id = o.hold_id AND o.allocation_id IS NULL
    CROSS JOIN LATERAL generate_series(((lower(o.during) - ids.after) AT TIME ZONE p_timezone)::date,
                                       ((upper(o.during) + ids.before) AT TIME ZONE p_timezone)::date, interval '1 day') AS k
    WHERE o.allocation_id IS NOT NULL OR NOT resource_booking_hold_is_lapsed(h.status, h.expires_at)
  ),
  -- Units taken at each start: the distinct (start, unit) pairs that
  -- overlap, counted (hash joins and aggregates, no sort).
  taken AS (
    SELECT x.resource_id, x.starts_at, count(*)::int AS taken
    FROM (SELECT DISTINCT s.resource_id, s.starts_at, o.unit
          FROM starts s JOIN occupied o ON o.resource_id = s.resource_id AND o.date = s.date
                                      AND o.o_from < s.w_to AND o.o_to > s.w_from) x
    GROUP BY 1, 2
  )
  SELECT s.resource_id, s.date::text, to_char(s.start_time, 'HH24:MI'), s.starts_at, s.ends_at,
         s.units - coalesce(t.taken, 0)
  FROM starts s
  LEFT JOIN taken t ON t.resource_id = s.resource_id AND t.starts_at = s.starts_at
  WHERE s.units - coalesce(t.taken, 0) >= s.needed
  ORDER BY s.resource_id, s.starts_at;
END;
$$;`,
}
