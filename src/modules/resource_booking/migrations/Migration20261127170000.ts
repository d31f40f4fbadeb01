import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * The hot statements planned once per connection, and probing indexes instead
 * of hashing tables (docs/PERFORMANCE.md, "Results after issue 8").
 *
 * PostgreSQL 15 plans the body of a LANGUAGE sql function that it cannot
 * inline on every call, and a statement sent with parameters on every
 * execution; PL/pgSQL keeps a plan per connection. Measured on one hot resource
 * (pgbench, one client): planning was 0.57 ms of the hold decision's 1.28 ms
 * and half of an availability read.
 *
 * - resource_booking_hold_problems and resource_booking_shape_problems: the
 *   statements of Migration20261127100000 as PL/pgSQL functions, with their
 *   resource and capacity lookups fenced as index probes (LATERAL … OFFSET 0;
 *   joined to the opaque item list, the planner hashed the whole capacity and
 *   resource tables per call). hold_problems keeps one generic plan
 *   (plan_cache_mode): its lookups are index probes whatever the item and date
 *   counts, which is what a custom plan chose each time too.
 * - The same fence where two longer functions join an item list to
 *   `resource` (the planner takes jsonb_to_recordset / jsonb_array_elements
 *   for 100 rows and hashed the whole resource table to check one item: 0.55
 *   ms of a 1 ms hold decision with 3,000 resources): the existence check of
 *   resource_booking_take_holds_locked and the two lookups of
 *   resource_booking_offer_waitlist. Only those statements change, replaced in
 *   the functions' own definitions (`PROBES`; the migration fails if a
 *   statement is not found as many times as expected).
 * - resource_booking_availability: the availability statement of
 *   repositories/capacity-repository.readAvailability, moved here unchanged so
 *   that it is planned once. Its generic plan assumes 1,000 days (the estimate
 *   of generate_series over dates), which crosses jit_above_cost and would
 *   compile every call (25 ms): JIT is off for it.
 */
export class Migration20261127170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_hold_problems(
  p_items jsonb, p_dates date[], p_timezone text
) RETURNS jsonb LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN (
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
      CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = i.resource_id OFFSET 0) r
      CROSS JOIN unnest(p_dates) AS d
      LEFT JOIN LATERAL (
        SELECT c.id, c.available_capacity FROM resource_capacity c WHERE c.resource_id = i.resource_id AND c.date = d OFFSET 0
      ) c ON true
    ) x
    WHERE x.reason IS NOT NULL
  );
END;
$$;`)

    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_shape_problems(
  p_items jsonb, p_dates date[]
) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT jsonb_agg(jsonb_build_object('resource_id', i.resource_id, 'rule', x.rule, 'value', r.booking_rules->x.rule)
                     ORDER BY i.resource_id, x.rule)
    FROM jsonb_to_recordset(p_items) AS i(resource_id text)
    CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = i.resource_id OFFSET 0) r,
    LATERAL (VALUES
      (CASE WHEN (r.booking_rules->>'min_dates')::int > cardinality(p_dates) THEN 'min_dates' END),
      (CASE WHEN (r.booking_rules->>'max_dates')::int < cardinality(p_dates) THEN 'max_dates' END),
      (CASE WHEN (r.booking_rules->>'consecutive')::boolean
                 AND (SELECT max(d) - min(d) + 1 FROM unnest(p_dates) d) <> cardinality(p_dates) THEN 'consecutive' END)
    ) AS x(rule)
    WHERE x.rule IS NOT NULL
  );
END;
$$;`)
    for (const change of PROBES) this.addSql(replaceIn(change.fn, change.from, change.to, change.times))

    // Every date of p_from..p_to for each resource: capacity with lapsed holds
    // counted free (invariant 3), blackouts, and the date rules. A resource
    // that does not exist (or is deleted) gives rows with resource_active null.
    this.addSql(`CREATE OR REPLACE FUNCTION resource_booking_availability(
  p_resource_ids text[], p_from date, p_to date, p_timezone text
) RETURNS TABLE (
  resource_id text, resource_active boolean, date text, max_capacity int, available_capacity int,
  is_blacked_out boolean, rule_reason text
) LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
  -- Every lookup is an index probe (LATERAL fenced with OFFSET 0, or
  -- "= ANY(ids)"), whatever the number of resources: an opaque list joined
  -- to the tables lets the planner hash them whole.
  RETURN QUERY
  WITH ids AS (SELECT unnest(p_resource_ids) AS resource_id),
  days AS (SELECT d::date AS date FROM generate_series(p_from, p_to, interval '1 day') AS d),
  lapsed AS (
    -- ledger/lapsed.ts LAPSED_HOLD
    SELECT h.resource_id, d AS date, sum(h.quantity)::int AS quantity
    FROM resource_hold h, unnest(h.dates) AS d
    WHERE h.resource_id = ANY(p_resource_ids) AND h.status = 'ACTIVE' AND h.expires_at <= now()
      AND d BETWEEN p_from AND p_to
    GROUP BY h.resource_id, d
  )
  SELECT ids.resource_id, r.is_active, days.date::text, c.max_capacity,
         c.available_capacity + coalesce(lapsed.quantity, 0),
         EXISTS (
           SELECT 1 FROM resource_blackout b
           WHERE b.resource_id = ids.resource_id AND b.deleted_at IS NULL
             AND days.date BETWEEN b.start_date AND b.end_date
         ),
         resource_booking_rule_reason(r.booking_rules, days.date, now(), p_timezone)
  FROM ids
  CROSS JOIN days
  LEFT JOIN LATERAL (
    SELECT r.is_active, r.booking_rules FROM resource r WHERE r.id = ids.resource_id AND r.deleted_at IS NULL OFFSET 0
  ) r ON true
  LEFT JOIN LATERAL (
    SELECT c.max_capacity, c.available_capacity FROM resource_capacity c
    WHERE c.resource_id = ids.resource_id AND c.date = days.date OFFSET 0
  ) c ON true
  LEFT JOIN lapsed ON lapsed.resource_id = ids.resource_id AND lapsed.date = days.date
  ORDER BY ids.resource_id, days.date;
END;
$$;`)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS resource_booking_availability(text[], date, date, text);`)
    for (const change of [...PROBES].reverse()) this.addSql(replaceIn(change.fn, change.to, change.from, change.times))
    // The two decision statements stay PL/pgSQL: they answer what the
    // LANGUAGE sql ones of Migration20261127100000 answered.
    this.addSql(`ALTER FUNCTION resource_booking_hold_problems(jsonb, date[], text) RESET ALL;`)
  }
}

type Probe = { fn: string; from: string; to: string; times: number }

const PROBES: Probe[] = [
  {
    fn: "resource_booking_take_holds_locked(text, text, text, timestamptz, jsonb, date[], jsonb, text)",
    from: "WHERE NOT EXISTS (SELECT 1 FROM resource r WHERE r.id = i.resource_id AND r.deleted_at IS NULL AND r.is_active);",
    to: `LEFT JOIN LATERAL (
    SELECT r.id FROM resource r WHERE r.id = i.resource_id AND r.deleted_at IS NULL AND r.is_active OFFSET 0
  ) r ON true
  WHERE r.id IS NULL;`,
    times: 1,
  },
  {
    fn: "resource_booking_offer_waitlist(text[], numeric, text)",
    from: "FROM jsonb_array_elements(e.items) y JOIN resource r ON r.id = y->>'resource_id'",
    to: `FROM jsonb_array_elements(e.items) y
      CROSS JOIN LATERAL (SELECT r.booking_rules FROM resource r WHERE r.id = y->>'resource_id' OFFSET 0) r`,
    times: 2,
  },
]

/**
 * Re-creates function `fn` (its pg_get_functiondef) with `from` replaced by
 * `to`; fails unless `from` occurs exactly `times` times.
 */
function replaceIn(fn: string, from: string, to: string, times: number): string {
  return `DO $do$
DECLARE
  v_def text := pg_get_functiondef(to_regprocedure('${fn}'));
BEGIN
  IF coalesce(cardinality(string_to_array(v_def, ${quote(from)})) - 1, -1) <> ${times} THEN
    RAISE EXCEPTION '${fn}: the statement to replace is not there ${times} time(s)';
  END IF;
  EXECUTE replace(v_def, ${quote(from)}, ${quote(to)});
END
$do$;`
}

/** A PostgreSQL string literal (E'' so that \n is a newline). */
function quote(text: string): string {
  return `E'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`
}
