import { LedgerFunction } from "./types"

/**
 * Availability of each resource (with the units each needs) on every date of
 * p_from..p_to: one row per date for a DAY resource, one per departure for a
 * DEPARTURE resource (a date without departures gives one row without a
 * start time), with capacity counting lapsed holds as free (invariant 3,
 * resource_booking_hold_is_lapsed), blackouts, and the reason the slot
 * cannot be booked for `needed` units (resource_booking_unavailable_reason:
 * the one definition the hold decision uses too). A resource that does not
 * exist (or is deleted) gives rows with resource_active NULL.
 *
 * Planned once per connection with a generic plan (PL/pgSQL), and every
 * lookup is an index probe (LATERAL fenced with OFFSET 0, or = ANY(ids)): an
 * opaque list joined to the tables lets the planner hash them whole. The
 * generic plan assumes 1,000 days (generate_series' estimate), which crosses
 * jit_above_cost and would JIT-compile every call (25 ms): JIT is off.
 * A date's blackout is asked once per resource and date (fenced LATERAL):
 * as a column of `slots` the EXISTS was copied into both its uses and ran
 * twice per row, 540 index probes for 90 days × 3 departures instead of 90
 * (Migration20261203180000).
 */
export const resource_booking_availability: LedgerFunction = {
  signature: "resource_booking_availability(text[], integer[], date, date, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_availability(
  p_resource_ids text[], p_needed int[], p_from date, p_to date, p_timezone text
) RETURNS TABLE (
  resource_id text, resource_active boolean, booking_mode text, date text, start_time text,
  starts_at timestamptz, ends_at timestamptz, max_capacity int, available_capacity int,
  is_blacked_out boolean, reason text
) LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH ids AS (SELECT t.resource_id, t.needed FROM unnest(p_resource_ids, p_needed) AS t(resource_id, needed)),
  days AS (SELECT d::date AS date FROM generate_series(p_from, p_to, interval '1 day') AS d),
  lapsed AS (
    SELECT h.resource_id, k.date, k.start_time, sum(h.quantity)::int AS quantity
    FROM resource_hold h, resource_booking_hold_slots(h.dates, h.departures) AS k
    WHERE h.resource_id = ANY (p_resource_ids) AND resource_booking_hold_is_lapsed(h.status, h.expires_at)
      AND k.date BETWEEN p_from AND p_to
    GROUP BY 1, 2, 3
  ),
  slots AS (
    SELECT ids.resource_id, ids.needed, r.is_active, r.booking_mode, r.booking_rules, days.date, c.start_time,
           c.starts_at, c.ends_at, c.max_capacity,
           c.available_capacity + coalesce(lapsed.quantity, 0) AS available_capacity,
           bl.is_blacked_out
    FROM ids
    CROSS JOIN days
    LEFT JOIN LATERAL (
      SELECT r.is_active, r.booking_mode, r.booking_rules FROM resource r
      WHERE r.id = ids.resource_id AND r.deleted_at IS NULL OFFSET 0
    ) r ON true
    CROSS JOIN LATERAL (
      SELECT EXISTS (
               SELECT 1 FROM resource_blackout b
               WHERE b.resource_id = ids.resource_id AND b.deleted_at IS NULL
                 AND days.date BETWEEN b.start_date AND b.end_date
             ) AS is_blacked_out
      OFFSET 0
    ) bl
    LEFT JOIN LATERAL (
      SELECT c.start_time, c.starts_at, c.ends_at, c.max_capacity, c.available_capacity FROM resource_capacity c
      WHERE c.resource_id = ids.resource_id AND c.date = days.date
        AND (c.start_time IS NULL) = (r.booking_mode IS DISTINCT FROM 'DEPARTURE')
      OFFSET 0
    ) c ON true
    LEFT JOIN lapsed ON lapsed.resource_id = ids.resource_id AND lapsed.date = days.date
                    AND lapsed.start_time IS NOT DISTINCT FROM c.start_time
  )
  SELECT s.resource_id, s.is_active, s.booking_mode, s.date::text, to_char(s.start_time, 'HH24:MI'),
         s.starts_at, s.ends_at, s.max_capacity, s.available_capacity, s.is_blacked_out,
         resource_booking_unavailable_reason(
           resource_booking_rule_reason(s.booking_rules, s.date, s.starts_at, now(), p_timezone),
           s.is_blacked_out, s.max_capacity, s.available_capacity, s.needed)
  FROM slots s
  ORDER BY s.resource_id, s.date, s.start_time NULLS FIRST;
END;
$$;`,
}
