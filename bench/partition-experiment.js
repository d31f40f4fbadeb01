#!/usr/bin/env node
"use strict"
/**
 * Does range partitioning of holds by month help at 10 million rows (issue
 * 20)? On the database a scale run kept (`npm run bench -- --scale --keep-db`,
 * its state in bench/tmp/scale-state.json), copies resource_hold into
 * resource_hold_by_month, partitioned by created_at month with the same
 * indexes (the primary key must then include created_at, and the
 * idempotency token's unique index cannot be global), and times the hot
 * statements on both tables: EXPLAIN (ANALYZE, BUFFERS), the best of 7 runs.
 * Also times what partitioning is usually for: removing a month of finished
 * holds (a batched DELETE on the plain table, DETACH + DROP of a partition).
 *
 *   node bench/partition-experiment.js [--out=FILE] [--keep]   (--keep: leave the copy)
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")

const argv = process.argv.slice(2)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const OUT = opt("out") ? path.resolve(opt("out")) : path.join(lib.REPO_ROOT, "bench", "runs", "scale", "partitioning.json")

async function main() {
  const state = JSON.parse(fs.readFileSync(opt("state") || path.join(lib.REPO_ROOT, "bench", "tmp", "scale-state.json"), "utf8"))
  const sql = await lib.pgClient(state.db.url)
  const out = { generated_at: new Date().toISOString(), database: state.db.name, statements: {}, copy: {} }
  try {
    await sql.query("SET maintenance_work_mem = '512MB'")
    await sql.query("SET jit = off")
    const rows = Number((await sql.query("SELECT count(*) FROM resource_hold")).rows[0].count)
    out.rows = rows
    const exists = (await sql.query("SELECT to_regclass('resource_hold_by_month') AS t")).rows[0].t
    if (!exists) {
      lib.log(`Copying ${rows.toLocaleString("en")} holds into resource_hold_by_month (partitioned by created_at month)`)
      let t = Date.now()
      await sql.query(`CREATE TABLE resource_hold_by_month (LIKE resource_hold INCLUDING DEFAULTS) PARTITION BY RANGE (created_at)`)
      const { rows: months } = await sql.query(
        `SELECT m::date AS m FROM generate_series(date_trunc('month', (SELECT min(created_at) FROM resource_hold)),
                                                   date_trunc('month', now() + interval '1 month'), interval '1 month') AS m`
      )
      for (const { m } of months) {
        const from = m.toISOString().slice(0, 10)
        const name = `resource_hold_m${from.slice(0, 7).replace("-", "")}`
        await sql.query(`CREATE TABLE ${name} PARTITION OF resource_hold_by_month FOR VALUES FROM ('${from}') TO ('${from}'::date + interval '1 month')`)
      }
      await sql.query(`CREATE TABLE resource_hold_mdefault PARTITION OF resource_hold_by_month DEFAULT`)
      await sql.query(`INSERT INTO resource_hold_by_month SELECT * FROM resource_hold`)
      out.copy.insert_s = lib.round((Date.now() - t) / 1000, 1)
      out.copy.partitions = months.length + 1
      t = Date.now()
      await sql.query(`ALTER TABLE resource_hold_by_month ADD PRIMARY KEY (id, created_at)`)
      const { rows: defs } = await sql.query(
        `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
         WHERE i.indrelid = 'resource_hold'::regclass AND NOT i.indisprimary`
      )
      out.copy.indexes = []
      for (const { def } of defs) {
        // A unique index of a partitioned table must contain the partition key: the token's is made plain here.
        const d = def
          .replace(/ON public\.resource_hold /, "ON resource_hold_by_month ")
          .replace(/INDEX "?([A-Za-z_]+)"? /, (m, n) => `INDEX ${n}_bm `)
          .replace(/^CREATE UNIQUE INDEX/, "CREATE INDEX")
        await sql.query(d)
        out.copy.indexes.push(d)
      }
      out.copy.index_s = lib.round((Date.now() - t) / 1000, 1)
      await sql.query(`VACUUM (ANALYZE) resource_hold_by_month`)
      lib.log(`  copied in ${out.copy.insert_s} s, indexed in ${out.copy.index_s} s`)
    }
    out.sizes = (
      await sql.query(
        `SELECT 'resource_hold' AS t, pg_size_pretty(pg_table_size('resource_hold')) AS heap, pg_size_pretty(pg_indexes_size('resource_hold')) AS indexes
         UNION ALL
         SELECT 'resource_hold_by_month', pg_size_pretty(sum(pg_table_size(c.oid))), pg_size_pretty(sum(pg_indexes_size(c.oid)))
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'resource_hold_by_month'::regclass`
      )
    ).rows

    const sample = (await sql.query(`SELECT id, resource_id, customer_email, idempotency_token, created_at FROM resource_hold WHERE id >= 'rhold_s004242424' AND id < 'rhold_t' ORDER BY id DESC LIMIT 1`)).rows[0] || (await sql.query(`SELECT id, resource_id, customer_email, idempotency_token, created_at FROM resource_hold WHERE id < 'rhold_t' ORDER BY id DESC LIMIT 1`)).rows[0]
    const hot = state.ids.hot[0]
    const statements = {
      "sweep: lapsed holds, oldest first": [`SELECT resource_id FROM T WHERE status = 'ACTIVE' AND expires_at <= now() ORDER BY expires_at LIMIT 1000`, []],
      "decision: one resource's lapsed holds": [`SELECT id FROM T WHERE resource_id = $1 AND status = 'ACTIVE' AND expires_at <= now() ORDER BY expires_at LIMIT 1000`, [hot]],
      "availability: live holds of 1 resource": [`SELECT sum(quantity) FROM T WHERE resource_id = $1 AND status = 'ACTIVE'`, [hot]],
      "a hold by id (every read of a hold)": [`SELECT * FROM T WHERE id = $1`, [sample.id]],
      "idempotency: a token's group": [`SELECT group_id FROM T WHERE idempotency_token = $1 AND id = group_id`, [sample.idempotency_token]],
      "hold limit: a customer's live holds": [`SELECT count(*) FROM T WHERE lower(customer_email) = lower($1) AND status = 'ACTIVE'`, [sample.customer_email]],
      "a customer's holds, newest first": [`SELECT id FROM T WHERE customer_email = $1 ORDER BY created_at DESC LIMIT 20`, [sample.customer_email]],
      "conversion report: one month by status": [`SELECT status, count(*) FROM T WHERE created_at >= now() - interval '60 days' AND created_at < now() - interval '30 days' GROUP BY 1`, []],
      "retention: finished holds older than a year (a batch)": [`SELECT id FROM T WHERE status IN ('RELEASED', 'EXPIRED') AND updated_at < now() - interval '365 days' ORDER BY updated_at LIMIT 1000`, []],
    }
    for (const [name, [text, params]] of Object.entries(statements)) {
      out.statements[name] = {}
      for (const table of ["resource_hold", "resource_hold_by_month"]) {
        let best = null
        for (let i = 0; i < 7; i++) {
          const { rows: plan } = await sql.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text.replace("FROM T", `FROM ${table}`)}`, params)
          const p = plan[0]["QUERY PLAN"][0]
          const run = { ms: lib.round(p["Execution Time"] + p["Planning Time"], 3), exec_ms: lib.round(p["Execution Time"], 3), plan_ms: lib.round(p["Planning Time"], 3), buffers: p.Plan["Shared Hit Blocks"] + p.Plan["Shared Read Blocks"], top: p.Plan["Node Type"] }
          if (!best || run.ms < best.ms) best = run
        }
        out.statements[name][table] = best
      }
      const a = out.statements[name].resource_hold
      const b = out.statements[name].resource_hold_by_month
      lib.log(`  ${name}: plain ${a.ms} ms (${a.buffers} buffers) vs by month ${b.ms} ms (${b.buffers} buffers; planning ${b.plan_ms} ms)`)
    }
    const plans = {}
    for (const name of ["a hold by id (every read of a hold)", "sweep: lapsed holds, oldest first"]) {
      const [text, params] = statements[name]
      plans[name] = (await sql.query(`EXPLAIN (COSTS OFF) ${text.replace("FROM T", "FROM resource_hold_by_month")}`, params)).rows.map((r) => r["QUERY PLAN"]).join("\n")
    }
    out.partitioned_plans = plans

    // Removing a month of old holds: batched DELETE (plain) vs DETACH + DROP (partitioned), on the oldest full month, in a transaction rolled back.
    const { rows: oldest } = await sql.query(`SELECT date_trunc('month', min(created_at)) + interval '1 month' AS m FROM resource_hold`)
    const m = oldest[0].m
    await sql.query("BEGIN")
    let t = Date.now()
    const del = await sql.query(`DELETE FROM resource_hold WHERE created_at >= $1 AND created_at < $1::timestamptz + interval '1 month' AND status IN ('RELEASED', 'EXPIRED')
                                 AND NOT EXISTS (SELECT 1 FROM resource_allocation a WHERE a.hold_id = resource_hold.id)`, [m])
    out.month_removal = { plain_delete: { rows: del.rowCount, s: lib.round((Date.now() - t) / 1000, 2) } }
    await sql.query("ROLLBACK")
    const part = `resource_hold_m${new Date(m).toISOString().slice(0, 7).replace("-", "")}`
    await sql.query("BEGIN")
    t = Date.now()
    await sql.query(`ALTER TABLE resource_hold_by_month DETACH PARTITION ${part}`)
    await sql.query(`DROP TABLE ${part}`)
    out.month_removal.partition_drop = { s: lib.round((Date.now() - t) / 1000, 3), note: "drops CONFIRMED holds too (allocations reference them): only possible once every hold of the month is removable" }
    await sql.query("ROLLBACK")
    lib.log(`  a month of finished holds: DELETE ${out.month_removal.plain_delete.rows} rows in ${out.month_removal.plain_delete.s} s; DETACH + DROP ${out.month_removal.partition_drop.s} s`)
  } finally {
    if (!argv.includes("--keep")) await sql.query("DROP TABLE IF EXISTS resource_hold_by_month CASCADE").catch(() => {})
    await sql.end()
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + "\n")
  lib.log(`Wrote ${path.relative(lib.REPO_ROOT, OUT)}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
