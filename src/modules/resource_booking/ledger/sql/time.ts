import { LedgerFunction } from "./types"

/**
 * The instant a local date and time of day happen in a zone, by PostgreSQL's
 * own zone arithmetic (contract "Booking modes", time):
 * - a local time that does not exist that day (the spring gap) gives NULL:
 *   PostgreSQL would move it past the gap, and converting back shows it;
 * - a local time that happens twice (the autumn overlap) gives its first
 *   occurrence: PostgreSQL picks the later one (standard time), so the
 *   earlier instants that show the same wall clock are tried too (the zone's
 *   shift is at most 2 hours; 30 minutes in a few zones), earliest first.
 * One CASE expression (no FROM, no aggregate) so that PostgreSQL inlines it
 * into its callers: as a subquery it was a function call of ≈ 10 µs for each
 * start of an appointment grid (issue 18's slot search, docs/PERFORMANCE.md).
 */
export const resource_booking_local_instant: LedgerFunction = {
  signature: "resource_booking_local_instant(date, time without time zone, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_local_instant(
  p_date date, p_time time, p_timezone text
) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN (((p_date + p_time) AT TIME ZONE p_timezone) AT TIME ZONE p_timezone) <> p_date + p_time THEN NULL
    WHEN ((((p_date + p_time) AT TIME ZONE p_timezone) - interval '2 hours') AT TIME ZONE p_timezone) = p_date + p_time
      THEN ((p_date + p_time) AT TIME ZONE p_timezone) - interval '2 hours'
    WHEN ((((p_date + p_time) AT TIME ZONE p_timezone) - interval '1 hour') AT TIME ZONE p_timezone) = p_date + p_time
      THEN ((p_date + p_time) AT TIME ZONE p_timezone) - interval '1 hour'
    WHEN ((((p_date + p_time) AT TIME ZONE p_timezone) - interval '30 minutes') AT TIME ZONE p_timezone) = p_date + p_time
      THEN ((p_date + p_time) AT TIME ZONE p_timezone) - interval '30 minutes'
    ELSE (p_date + p_time) AT TIME ZONE p_timezone END
$$;`,
}

/**
 * The capacity keys of a hold, an allocation, a waitlist entry or a
 * movement: (date, NULL) for each date of a DAY booking, (date, start time)
 * for each departure (local timestamps). Every reader of "which capacity rows
 * does this take" goes through it.
 */
export const resource_booking_hold_slots: LedgerFunction = {
  signature: "resource_booking_hold_slots(date[], timestamp without time zone[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_hold_slots(
  p_dates date[], p_departures timestamp[]
) RETURNS TABLE (date date, start_time time) LANGUAGE sql IMMUTABLE AS $$
  SELECT d, NULL::time FROM unnest(p_dates) AS d WHERE p_departures IS NULL
  UNION ALL
  SELECT x::date, x::time FROM unnest(p_departures) AS x
$$;`,
}

/**
 * The departures a hold or an allocation of a resource books, as clients see
 * them: `[{ date, start_time, starts_at, ends_at }]` in start order, from the
 * resource's capacity rows (the instants are the departure's); NULL for a
 * booking of dates. PL/pgSQL (Migration20261203180000): as LANGUAGE sql with
 * a subquery PostgreSQL cannot inline it and planned its body on every call,
 * 0.26 ms of each departure hold under the resource's lock (pgbench,
 * pg_stat_user_functions); PL/pgSQL keeps the plan per connection.
 */
export const resource_booking_departures_json: LedgerFunction = {
  signature: "resource_booking_departures_json(text, timestamp without time zone[])",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_departures_json(
  p_resource_id text, p_departures timestamp[]
) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_departures IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN coalesce((
    SELECT jsonb_agg(jsonb_build_object('date', x::date::text, 'start_time', to_char(x, 'HH24:MI'),
                                        'starts_at', c.starts_at, 'ends_at', c.ends_at) ORDER BY x)
    FROM unnest(p_departures) AS x
    LEFT JOIN resource_capacity c ON c.resource_id = p_resource_id AND c.date = x::date AND c.start_time = x::time
  ), '[]'::jsonb);
END;
$$;`,
}
