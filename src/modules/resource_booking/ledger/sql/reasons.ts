import { LedgerFunction } from "./types"

/**
 * Why a date or a departure cannot be booked, from the booking rules and the
 * clock (contract "Booking rules", "Variants and booking rules over time"),
 * in the order of UNAVAILABLE_REASONS (constants.ts):
 * - PAST: the date is before today in the zone;
 * - STARTED: the departure (p_starts_at) has begun;
 * - CUTOFF: the date's cutoff (days_before, time) has passed, or a timed
 *   booking starts sooner than now + min_notice_minutes;
 * - OUTSIDE_WINDOW: after today + max_advance_days.
 * NULL when none applies. The hold decision, availability and the waitlist
 * all ask this function.
 */
export const resource_booking_rule_reason: LedgerFunction = {
  signature: "resource_booking_rule_reason(jsonb, date, timestamp with time zone, timestamp with time zone, text)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_rule_reason(
  p_rules jsonb, p_date date, p_starts_at timestamptz, p_now timestamptz, p_timezone text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_date < (p_now AT TIME ZONE p_timezone)::date THEN 'PAST'
    WHEN p_starts_at <= p_now THEN 'STARTED'
    WHEN p_rules ? 'cutoff' AND p_now >= (
      (p_date - (p_rules->'cutoff'->>'days_before')::int) + (p_rules->'cutoff'->>'time')::time
    ) AT TIME ZONE p_timezone THEN 'CUTOFF'
    WHEN p_rules ? 'min_notice_minutes'
      AND p_starts_at < p_now + (p_rules->>'min_notice_minutes')::int * interval '1 minute' THEN 'CUTOFF'
    WHEN p_rules ? 'max_advance_days'
      AND p_date > (p_now AT TIME ZONE p_timezone)::date + (p_rules->>'max_advance_days')::int THEN 'OUTSIDE_WINDOW'
  END
$$;`,
}

/**
 * The one definition of a date's or a departure's unavailable reason for
 * `p_needed` units: the rule reason first, then BLACKOUT, then NO_CAPACITY
 * (no capacity row, or max 0: closed), then SOLD_OUT. Availability answers
 * and the hold decision both use it.
 */
export const resource_booking_unavailable_reason: LedgerFunction = {
  signature: "resource_booking_unavailable_reason(text, boolean, integer, integer, integer)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_unavailable_reason(
  p_rule_reason text, p_blacked_out boolean, p_max int, p_available int, p_needed int
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(p_rule_reason, CASE
    WHEN p_blacked_out THEN 'BLACKOUT'
    WHEN coalesce(p_max, 0) = 0 THEN 'NO_CAPACITY'
    WHEN p_available < p_needed THEN 'SOLD_OUT'
  END)
$$;`,
}
