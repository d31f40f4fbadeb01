import { LedgerFunction } from "./types"

/*
 * No hoarding (contract "Scale and operations"; reliability R14): one
 * customer (email), one client (its cart, its address) or one reseller key
 * keeps at most a configured number of live holds (hold groups), so nobody
 * keeps a date sold out by holding it again every 30 minutes. Decided by the
 * ledger under locks on those keys (taken with the resources' locks, sorted,
 * at once), so it holds across server processes. The request's context is
 * `{ channel, client_keys: ["cart:…", "ip:…", "octo:…"], limits: { customer,
 * client, octo } }`; a limit of 0 (or none) is off.
 */

/*
 * The two key functions are PL/pgSQL, not SQL: a SQL function that cannot be
 * inlined is planned again on every call (as the decision functions were
 * before Migration20261127170000), 0.25 ms of each hold under its lock.
 */

/** The keys a request is counted by, as the hold rows record them (`client_keys`). */
export const resource_booking_context_keys: LedgerFunction = {
  signature: "resource_booking_context_keys(jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_context_keys(p_context jsonb)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CASE WHEN jsonb_typeof(p_context->'client_keys') = 'array'
              THEN ARRAY(SELECT jsonb_array_elements_text(p_context->'client_keys')) END;
END;
$$;`,
}

/** The lock keys of a request's limits: only those whose limit is on (they serialize one customer's or client's requests). */
export const resource_booking_limit_keys: LedgerFunction = {
  signature: "resource_booking_limit_keys(text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_limit_keys(p_email text, p_context jsonb)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN ARRAY(
    SELECT 'customer:' || lower(p_email)
    WHERE coalesce((p_context->'limits'->>'customer')::int, 0) > 0 AND p_context->>'channel' IN ('storefront', 'widget')
    UNION ALL
    SELECT k FROM unnest(resource_booking_context_keys(p_context)) AS k
    WHERE coalesce((p_context->'limits'->>(CASE WHEN k LIKE 'octo:%' THEN 'octo' ELSE 'client' END))::int, 0) > 0
    ORDER BY 1);
END;
$$;`,
}

/**
 * The first limit a new hold would break, or NULL: `{ limit, max, retry_after_seconds }`
 * (seconds until the earliest of the counted holds lapses). Counts hold
 * groups that are live (resource_booking_hold_is_live), of the customer's
 * storefront and widget holds, and of each client key's.
 *
 * Each count reads the customer's (or the key's) ACTIVE holds by its own
 * index and tests liveness on what it read (fenced, OFFSET 0): with
 * `expires_at > now()` beside the email, the plan a connection keeps
 * (PL/pgSQL, generic) could be a range scan of idx_hold_expiration — every
 * live hold of every customer, under the resource's lock — and was: in a
 * bench run the email index served 51 of ≈ 10,000 hold decisions, and a
 * generic plan made on 500 analyzed live holds picks idx_hold_expiration.
 * Planned for each call (force_custom_plan, ≈ 0.05 ms): a plan kept from
 * when the table was empty (never analyzed: autovacuum is off on the bench's
 * server, and nothing invalidates such a plan) was a full scan of
 * idx_hold_active_cart, 7,700 index entries a decision by the departure
 * scenario (64.9 M for 8,443 scans); planned with the table's current size,
 * the email's (the key's) index wins (Migration20261203180000,
 * docs/PERFORMANCE.md).
 */
export const resource_booking_limit_problem: LedgerFunction = {
  signature: "resource_booking_limit_problem(text, jsonb)",
  sql: String.raw`CREATE OR REPLACE FUNCTION resource_booking_limit_problem(p_email text, p_context jsonb)
RETURNS jsonb LANGUAGE plpgsql STABLE SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  v_max int := coalesce((p_context->'limits'->>'customer')::int, 0);
  v_key text;
  v_count record;
BEGIN
  IF v_max > 0 AND p_context->>'channel' IN ('storefront', 'widget') THEN
    SELECT count(DISTINCT h.group_id) AS n, min(h.expires_at) AS first_lapse INTO v_count
    FROM (SELECT h.group_id, h.status, h.expires_at FROM resource_hold h
          WHERE lower(h.customer_email) = lower(p_email) AND h.status = 'ACTIVE' AND h.channel IN ('storefront', 'widget')
          OFFSET 0) h
    WHERE resource_booking_hold_is_live(h.status, h.expires_at);
    IF v_count.n >= v_max THEN
      RETURN jsonb_build_object('limit', 'maxActiveHoldsPerCustomer', 'max', v_max,
        'retry_after_seconds', ceil(extract(epoch FROM v_count.first_lapse - now())));
    END IF;
  END IF;
  FOR v_key IN SELECT unnest(resource_booking_context_keys(p_context)) LOOP
    v_max := coalesce((p_context->'limits'->>(CASE WHEN v_key LIKE 'octo:%' THEN 'octo' ELSE 'client' END))::int, 0);
    CONTINUE WHEN v_max <= 0;
    SELECT count(DISTINCT h.group_id) AS n, min(h.expires_at) AS first_lapse INTO v_count
    FROM (SELECT h.group_id, h.status, h.expires_at FROM resource_hold h
          WHERE h.client_keys @> ARRAY[v_key] AND h.status = 'ACTIVE' OFFSET 0) h
    WHERE resource_booking_hold_is_live(h.status, h.expires_at);
    IF v_count.n >= v_max THEN
      RETURN jsonb_build_object('limit', CASE WHEN v_key LIKE 'octo:%' THEN 'maxActiveHoldsPerResellerKey' ELSE 'maxActiveHoldsPerClient' END,
        'max', v_max, 'key', split_part(v_key, ':', 1),
        'retry_after_seconds', ceil(extract(epoch FROM v_count.first_lapse - now())));
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;`,
}
