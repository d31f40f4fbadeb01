"use strict"
/**
 * The scale run's tables (`npm run bench -- --scale`, issue 20): set-based
 * SQL (generate_series) to 10,000,000 holds, 1,000,000 allocations and their
 * audit rows, as a shop accumulates them over two years:
 *
 * - finished holds (CONFIRMED 45 %, EXPIRED 35 %, RELEASED 20 %) created over
 *   the last 730 days in id order (ids grow with time, as Medusa's do), each
 *   for 1–3 dates after its creation and before today, spread over the
 *   scenarios' resources and 1,000 history resources;
 * - a live share (1 % = 100,000 ACTIVE holds, unexpired) on 200 filler
 *   resources whose capacity rows are written to match (invariant 1);
 * - 1,000,000 allocations, one for each of the first CONFIRMED holds, each
 *   with its two audit rows (HOLD and CONFIRM).
 *
 * Written in batches of 1,000,000 rows with the tables' secondary indexes
 * dropped and built again at the end (what a bulk load does; the scenarios
 * then run on exactly the migrated indexes). Resumable: `state.fill` records
 * how far it got, and each call stops after `budgetSeconds`, so the run can
 * be split over several holds of the shared bench lock.
 */
const lib = require("./lib")

const TABLES = ["resource_hold", "resource_allocation", "resource_capacity_audit"]
const BATCH = Number(process.env.SCALE_BATCH) || 1_000_000

/** The tables' indexes that no constraint owns: { name, table, def }. */
async function secondaryIndexes(sql) {
  const { rows } = await sql.query(
    `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table", pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 2, 1`,
    [TABLES]
  )
  return rows
}

/** Table and index sizes of the module's big tables. */
async function sizes(sql) {
  const { rows } = await sql.query(
    `SELECT c.relname AS "table", c.reltuples::bigint AS rows,
            pg_size_pretty(pg_relation_size(c.oid)) AS heap, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
            pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
            (SELECT json_object_agg(ic.relname, pg_size_pretty(pg_relation_size(ic.oid)) ORDER BY ic.relname)
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid) AS index_sizes
     FROM pg_class c WHERE c.relname = ANY($1::text[]) ORDER BY c.relname`,
    [[...TABLES, "resource_capacity", "resource_occupancy"]]
  )
  return rows
}

/**
 * Fills up to the targets, resuming from `state.fill`; returns true when
 * everything (rows, indexes, VACUUM ANALYZE) is done.
 */
async function fill(sql, state, { budgetSeconds = 480, holds = 10_000_000, allocations = 1_000_000, liveShare = 0.01 } = {}) {
  const started = Date.now()
  const f = (state.fill = state.fill || { finished: 0, live: 0, allocations: 0, dropped: null, indexed: false, seconds: 0 })
  const over = () => (Date.now() - started) / 1000 > budgetSeconds
  const live = Math.floor(holds * liveShare)
  const finished = holds - live
  const t0 = Date.now()
  try {
    await sql.query("SET maintenance_work_mem = '512MB'")
    // A bulk load of rows consistent by construction: no per-row triggers
    // (the foreign keys' checks, the group default) while it runs.
    await sql.query("SET session_replication_role = replica")
    if (!f.dropped) {
      f.dropped = await secondaryIndexes(sql)
      for (const ix of f.dropped) await sql.query(`DROP INDEX IF EXISTS ${ix.name}`)
      lib.log(`  dropped ${f.dropped.length} secondary indexes for the load: ${f.dropped.map((i) => i.name).join(", ")}`)
    }
    const resources = state.ids.history
    while (f.finished < finished && !over()) {
      const from = f.finished
      const to = Math.min(finished, from + BATCH) - 1
      const t = Date.now()
      // g / total orders the rows in time: created_at from 730 days ago to 40 days ago.
      await sql.query(
        `INSERT INTO resource_hold (id, group_id, resource_id, dates, quantity, customer_email, idempotency_token, status,
                                    expires_at, confirmed_at, channel, created_at, updated_at)
         SELECT 'rhold_s' || lpad(g::text, 9, '0'), 'rhold_s' || lpad(g::text, 9, '0'),
                ($1::text[])[1 + (g % cardinality($1::text[]))],
                CASE g % 3 WHEN 0 THEN ARRAY[t.at::date + 1 + g % 20]
                           WHEN 1 THEN ARRAY[t.at::date + 1 + g % 20, t.at::date + 2 + g % 20]
                           ELSE ARRAY[t.at::date + 1 + g % 20, t.at::date + 2 + g % 20, t.at::date + 3 + g % 20] END,
                1 + (g % 3), 'c' || (g % 200000) || '@example.com', 'scale_' || g,
                (ARRAY['CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED','CONFIRMED',
                       'EXPIRED','EXPIRED','EXPIRED','EXPIRED','EXPIRED','EXPIRED','EXPIRED','RELEASED','RELEASED','RELEASED','RELEASED'])[1 + (g % 20)],
                t.at + interval '30 minutes', CASE WHEN g % 20 < 9 THEN t.at + interval '10 minutes' END,
                (ARRAY['storefront','widget','storefront','octo','storefront'])[1 + (g % 5)], t.at, t.at + interval '10 minutes'
         FROM generate_series($2::int, $3::int) AS g
         CROSS JOIN LATERAL (SELECT now() - interval '730 days' + (interval '690 days') * (g::float8 / $4::float8) AS at) t`,
        [resources, from, to, finished]
      )
      f.finished = to + 1
      lib.log(`  finished holds: ${f.finished.toLocaleString("en")} / ${finished.toLocaleString("en")} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    }
    if (f.finished >= finished && f.live < live && !over()) {
      if (!state.ids.fillers) state.ids.fillers = await lib.createResources(sql, { count: 200, prefix: "filler", max: 1, fromOffset: 0, toOffset: -1 })
      await sql.query(
        `INSERT INTO resource_hold (id, group_id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at,
                                    channel, created_at, updated_at)
         SELECT 'rhold_l' || lpad(g::text, 9, '0'), 'rhold_l' || lpad(g::text, 9, '0'), ($1::text[])[1 + (g % 200)],
                ARRAY[(current_date + 2 + (g % 60))::date], 1, 'live' || g || '@example.com', 'live_' || g,
                'ACTIVE', now() + interval '1 day', 'storefront', now(), now()
         FROM generate_series(1, $2::int) AS g`,
        [state.ids.fillers, live]
      )
      await sql.query(
        `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity)
         SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), h.resource_id, d, 100000, 100000 - sum(h.quantity)
         FROM resource_hold h, unnest(h.dates) d WHERE h.resource_id = ANY($1::text[]) AND h.status = 'ACTIVE'
         GROUP BY h.resource_id, d`,
        [state.ids.fillers]
      )
      f.live = live
      lib.log(`  live holds: ${live.toLocaleString("en")} on 200 filler resources, capacity rows to match`)
    }
    while (f.live >= live && f.allocations < allocations && !over()) {
      const from = f.allocations
      const to = Math.min(allocations, from + BATCH / 2) - 1
      const t = Date.now()
      // The first CONFIRMED holds: g % 20 < 9 are CONFIRMED, so hold g = 20 * (a / 9) + a % 9.
      await sql.query(
        `WITH a AS (
           SELECT x AS n, 'rhold_s' || lpad((20 * (x / 9) + x % 9)::text, 9, '0') AS hold_id FROM generate_series($1::int, $2::int) AS x
         ), ins AS (
           INSERT INTO resource_allocation (id, resource_id, hold_id, order_id, line_item_id, dates, quantity, status, capacity_deducted,
                                            created_at, updated_at)
           SELECT 'ralloc_s' || lpad(a.n::text, 9, '0'), h.resource_id, h.id, 'order_s' || a.n, 'item_s' || a.n, h.dates, h.quantity,
                  'ACTIVE', true, h.confirmed_at, h.confirmed_at
           FROM a JOIN resource_hold h ON h.id = a.hold_id
           RETURNING id, resource_id, hold_id, dates, quantity, created_at
         )
         INSERT INTO resource_capacity_audit (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
                                              change_reason, hold_id, allocation_id, changed_at, created_at, updated_at)
         SELECT 'raud_s' || r.kind || substr(ins.id, 9), NULL, ins.resource_id, ins.dates[1], 50, 50 - ins.quantity, 50, 50,
                r.kind, ins.hold_id, CASE WHEN r.kind = 'CONFIRM' THEN ins.id END,
                ins.created_at - CASE WHEN r.kind = 'HOLD' THEN interval '10 minutes' ELSE interval '0' END,
                ins.created_at, ins.created_at
         FROM ins CROSS JOIN (VALUES ('HOLD'), ('CONFIRM')) AS r(kind)`,
        [from, to]
      )
      f.allocations = to + 1
      lib.log(`  allocations (+ 2 audit rows each): ${f.allocations.toLocaleString("en")} / ${allocations.toLocaleString("en")} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    }
    if (f.allocations >= allocations && !f.indexed) {
      for (const ix of f.dropped) {
        if (over()) return false
        const t = Date.now()
        await sql.query(ix.def.replace(/^CREATE (UNIQUE )?INDEX /, (m) => `${m}IF NOT EXISTS `))
        lib.log(`  built ${ix.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
        f.built = [...(f.built || []), { name: ix.name, seconds: lib.round((Date.now() - t) / 1000, 1) }]
      }
      if (over()) return false
      const t = Date.now()
      await sql.query(`VACUUM (ANALYZE) ${TABLES.join(", ")}, resource_capacity`)
      lib.log(`  VACUUM (ANALYZE) in ${((Date.now() - t) / 1000).toFixed(1)} s`)
      f.indexed = true
    }
    return f.indexed
  } finally {
    await sql.query("SET session_replication_role = DEFAULT").catch(() => {})
    f.seconds = lib.round((f.seconds || 0) + (Date.now() - t0) / 1000, 1)
  }
}

/**
 * The plans of the hot statements (EXPLAIN ANALYZE, BUFFERS), the ledger's
 * nested statements through auto_explain (each statement of the function
 * bodies, as LOG messages to this client): the sweep's two statements, the
 * availability read, a hold decision (rolled back) and a slot search.
 * Returns { name: { ms, plan } } with the plan as text.
 */
async function plans(sql, { ids, timezone, appointmentId }) {
  const out = {}
  const explain = async (name, text, params) => {
    const { rows } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params)
    const plan = rows.map((r) => r["QUERY PLAN"])
    const ms = Number((plan.find((l) => l.startsWith("Execution Time")) || "").replace(/[^0-9.]/g, ""))
    out[name] = { ms, plan: plan.join("\n") }
  }
  const nested = async (name, text, params, { rollback = false } = {}) => {
    const logs = []
    const onNotice = (m) => logs.push(m.message)
    sql.on("notice", onNotice)
    try {
      await sql.query("LOAD 'auto_explain'")
      await sql.query("SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on; SET client_min_messages = log")
      if (rollback) await sql.query("BEGIN")
      const t = process.hrtime.bigint()
      await sql.query(text, params)
      const ms = Number(process.hrtime.bigint() - t) / 1e6
      if (rollback) await sql.query("ROLLBACK")
      out[name] = { ms: Math.round(ms * 1000) / 1000, plan: logs.filter((l) => !/^duration: 0\.0[0-4]/.test(l)).join("\n\n") }
    } finally {
      await sql.query("SET client_min_messages = notice; SET auto_explain.log_min_duration = -1").catch(() => {})
      sql.removeListener("notice", onNotice)
    }
  }
  const day = (n) => lib.dayOffset(n)
  await explain(
    "sweep: lapsed holds, oldest first (listLapsedHoldResources)",
    `SELECT resource_id, count(*)::int AS count FROM (
       SELECT resource_id FROM resource_hold WHERE resource_booking_hold_is_lapsed(status, expires_at) ORDER BY expires_at LIMIT 1000
     ) lapsed GROUP BY resource_id ORDER BY resource_id`
  )
  await explain(
    "sweep: one resource's lapsed holds (resource_booking_expire_lapsed's select, without FOR UPDATE)",
    `SELECT l.id FROM resource_hold l WHERE l.resource_id = $1 AND resource_booking_hold_is_lapsed(l.status, l.expires_at) ORDER BY l.expires_at LIMIT 1000`,
    [ids.hot[0]]
  )
  await explain("holds of a customer (admin/store lists; idx_hold_customer)", `SELECT id FROM resource_hold WHERE customer_email = $1 ORDER BY created_at DESC LIMIT 20`, ["c4242@example.com"])
  await explain("a hold by id", `SELECT * FROM resource_hold WHERE id = $1`, ["rhold_s004242424"])
  await nested("availability: 90 days of one resource (resource_booking_availability)", `SELECT count(*) FROM resource_booking_availability($1::text[], $2::int[], $3::date, $4::date, $5)`, [[ids.avail[0]], [1], day(2), day(91), timezone])
  await nested(
    "hold decision: 3 dates on a hot resource (resource_booking_try_create_holds, rolled back)",
    `SELECT verdict FROM resource_booking_try_create_holds($1, $2, $3, 1800, NULL, $4::date[], NULL, $5::jsonb, $6, $7::jsonb)`,
    ["rhold_plan", "tok_plan", "plan@example.com", [day(10), day(11), day(12)], JSON.stringify([{ resource_id: ids.hot[0], quantity: 1, hold_id: "rhold_plan" }]), timezone, JSON.stringify({ channel: "storefront", client_keys: [], limits: { customer: 20, client: 0, octo: 500 } })],
    { rollback: true }
  )
  if (appointmentId) {
    await nested("slot search: 31 days, 60 minutes (resource_booking_slots)", `SELECT count(*) FROM resource_booking_slots($1::text[], $2::int[], $3::date, $4::date, 60, $5)`, [[appointmentId], [1], day(2), day(32), timezone])
  }
  return out
}

module.exports = { fill, sizes, secondaryIndexes, plans }
