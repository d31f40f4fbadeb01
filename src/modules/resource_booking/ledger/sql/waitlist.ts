import { LedgerFunction } from "./types"

/**
 * Offers freed capacity on these resources to the waitlist (contract
 * "Waitlist"; ledger/offer-waitlist.ts): one sorted lock over every resource
 * of the live entries that touch them (entries may span several resources),
 * then
 * 1. offers that ended: confirmed by an order (FULFILLED), or their holds
 *    released or lapsed (OFFER_EXPIRED; lapsed holds are expired now, so
 *    what they free goes on to the next entry);
 * 2. waiting entries in the order they were made: an entry whose first date
 *    (or departure) can no longer be held is EXPIRED; one whose whole
 *    request fits gets a hold group through the same decision as every other
 *    hold (resource_booking_take_holds_locked), alive waitlistOfferMinutes
 *    and never past the first date's end, its cutoff, or the first
 *    departure's start less the minimum notice; one that does not fit is
 *    passed over (first fit), as is one whose customer already holds
 *    `p_max_offers_per_customer` live offers (0: no limit). The offer's token is the entry's id, so an
 *    entry never holds two offers.
 *
 * The resource lookups are fenced index probes (see decision.ts).
 */
export const resource_booking_offer_waitlist: LedgerFunction = {
  signature: "resource_booking_offer_waitlist(text[], numeric, text, integer)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_offer_waitlist(
  p_resource_ids text[], p_offer_seconds numeric, p_timezone text, p_max_offers_per_customer int DEFAULT 0
) RETURNS TABLE (entry_id text, status text, hold_group_id text, offer_expires_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_ids text[];
  e record;
  v_first record;
  v_reason text;
  v_expires timestamptz;
  v_items jsonb;
  v_try record;
  v_holds record;
BEGIN
  SELECT array_agg(DISTINCT x->>'resource_id') INTO v_ids
  FROM resource_waitlist_entry w, jsonb_array_elements(w.items) x
  WHERE w.status IN ('WAITING', 'OFFERED') AND w.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE y->>'resource_id' = ANY (p_resource_ids));
  IF v_ids IS NULL THEN
    RETURN;
  END IF;
  PERFORM resource_booking_lock_resources(v_ids);

  FOR e IN
    SELECT w.* FROM resource_waitlist_entry w
    WHERE w.status = 'OFFERED' AND w.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE NOT (y->>'resource_id') = ANY (v_ids))
    ORDER BY w.seq FOR UPDATE SKIP LOCKED
  LOOP
    SELECT bool_and(h.status = 'CONFIRMED') AS confirmed,
           bool_or(NOT resource_booking_hold_is_live(h.status, h.expires_at)) AS ended
      INTO v_holds FROM resource_hold h WHERE h.group_id = e.hold_group_id;
    IF v_holds.confirmed THEN
      UPDATE resource_waitlist_entry SET status = 'FULFILLED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'FULFILLED'::text, e.hold_group_id, e.offer_expires_at;
    ELSIF v_holds.ended IS NOT FALSE THEN
      PERFORM resource_booking_expire_lapsed(h.resource_id, h.dates, NULL, 100000)
        FROM resource_hold h
        WHERE h.group_id = e.hold_group_id AND resource_booking_hold_is_lapsed(h.status, h.expires_at)
        ORDER BY h.resource_id;
      UPDATE resource_waitlist_entry SET status = 'OFFER_EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'OFFER_EXPIRED'::text, e.hold_group_id, e.offer_expires_at;
    END IF;
  END LOOP;

  FOR e IN
    SELECT w.* FROM resource_waitlist_entry w
    WHERE w.status = 'WAITING' AND w.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(w.items) y WHERE NOT (y->>'resource_id') = ANY (v_ids))
    ORDER BY w.seq FOR UPDATE SKIP LOCKED
  LOOP
    -- The first date or departure of the entry, and when it starts (the
    -- earliest over its resources' departures).
    IF e.appointment IS NOT NULL THEN
      SELECT (e.appointment->>'date')::date AS date, (e.appointment->>'start_time')::time AS start_time,
             resource_booking_local_instant((e.appointment->>'date')::date, (e.appointment->>'start_time')::time, p_timezone)
               AS starts_at
        INTO v_first;
    ELSE
      SELECT k.date, k.start_time, (
               SELECT min(c.starts_at) FROM jsonb_array_elements(e.items) y
               CROSS JOIN LATERAL (
                 SELECT c.starts_at FROM resource_capacity c
                 WHERE c.resource_id = y->>'resource_id' AND c.date = k.date AND c.start_time = k.start_time OFFSET 0
               ) c) AS starts_at
        INTO v_first
        FROM resource_booking_hold_slots(e.dates, e.departures) k ORDER BY k.date, k.start_time LIMIT 1;
    END IF;
    SELECT reason INTO v_reason FROM (
      SELECT resource_booking_rule_reason(r.booking_rules, v_first.date, v_first.starts_at, now(), p_timezone) AS reason
      FROM jsonb_array_elements(e.items) y
      CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = y->>'resource_id' OFFSET 0) r
    ) x WHERE reason IN ('PAST', 'STARTED', 'CUTOFF') LIMIT 1;
    IF v_reason IS NOT NULL THEN
      UPDATE resource_waitlist_entry SET status = 'EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'EXPIRED'::text, NULL::text, NULL::timestamptz;
      CONTINUE;
    END IF;
    -- Offers count against their own limit per customer (no hoarding): a
    -- customer who holds that many live offers waits until one ends.
    IF p_max_offers_per_customer > 0 AND (
         SELECT count(DISTINCT h.group_id) FROM resource_hold h
         WHERE lower(h.customer_email) = lower(e.customer_email) AND h.channel = 'waitlist' AND h.status = 'ACTIVE'
           AND resource_booking_hold_is_live(h.status, h.expires_at)) >= p_max_offers_per_customer THEN
      CONTINUE;
    END IF;
    SELECT least(
             now() + p_offer_seconds * interval '1 second',
             ((v_first.date + 1)::timestamp) AT TIME ZONE p_timezone,
             min(((v_first.date - (r.booking_rules->'cutoff'->>'days_before')::int)
                  + (r.booking_rules->'cutoff'->>'time')::time) AT TIME ZONE p_timezone),
             v_first.starts_at - coalesce(max((r.booking_rules->>'min_notice_minutes')::int), 0) * interval '1 minute')
      INTO v_expires
      FROM jsonb_array_elements(e.items) y
      CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = y->>'resource_id' OFFSET 0) r;
    SELECT jsonb_agg(jsonb_build_object('resource_id', y->>'resource_id', 'quantity', (y->>'quantity')::int,
                                        'hold_id', 'rhold_' || replace(gen_random_uuid()::text, '-', '')
                                                           || substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))
                     ORDER BY y->>'resource_id')
      INTO v_items FROM jsonb_array_elements(e.items) y;
    IF e.appointment IS NOT NULL THEN
      SELECT * INTO v_try FROM resource_booking_take_appointment_locked(
        v_items->0->>'hold_id', 'waitlist:' || e.id, e.customer_email, v_expires,
        jsonb_build_object('waitlist_entry_id', e.id) || CASE WHEN e.variant_id IS NULL THEN '{}'::jsonb
                                                              ELSE jsonb_build_object('variant_id', e.variant_id) END,
        (e.appointment->>'date')::date, (e.appointment->>'start_time')::time, (e.appointment->>'duration_minutes')::int,
        v_items, p_timezone, jsonb_build_object('channel', 'waitlist'));
    ELSE
      SELECT * INTO v_try FROM resource_booking_take_holds_locked(
        v_items->0->>'hold_id', 'waitlist:' || e.id, e.customer_email, v_expires,
        jsonb_build_object('waitlist_entry_id', e.id) || CASE WHEN e.variant_id IS NULL THEN '{}'::jsonb
                                                              ELSE jsonb_build_object('variant_id', e.variant_id) END,
        e.dates, e.departures, v_items, p_timezone, jsonb_build_object('channel', 'waitlist'));
    END IF;
    IF v_try.verdict = 'ok' THEN
      UPDATE resource_waitlist_entry
        SET status = 'OFFERED', hold_group_id = v_items->0->>'hold_id', offer_expires_at = v_expires, offered_at = now()
        WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'OFFERED'::text, v_items->0->>'hold_id', v_expires;
    ELSIF v_try.verdict IN ('rule', 'mode', 'invalid', 'not_found', 'replay', 'token_conflict') THEN
      -- It can never be offered (rules or mode changed, resource gone) or was offered once already.
      UPDATE resource_waitlist_entry SET status = 'EXPIRED', ended_at = now() WHERE id = e.id;
      RETURN QUERY SELECT e.id, 'EXPIRED'::text, NULL::text, NULL::timestamptz;
    END IF;
  END LOOP;
END;
$$;`,
}
