#!/usr/bin/env node
"use strict"
/**
 * Experiment behind the createHold proposal in docs/PERFORMANCE.md: what do
 * round trips under the per-resource advisory lock cost on a hot resource?
 *
 *   node bench/experiment-roundtrips.js [--reuse-build] [--requests=2000] [--clients=32]
 *
 * Same hold statement (bench/baseline.js HOLD_SQL), same data, raw pg,
 * three shapes, alternated A B C A B C … to spread machine noise:
 *   A  module shape today: BEGIN; SELECT set_config + pg_advisory_xact_lock; statement; COMMIT  (4 round trips, lock held over 2 of them)
 *   B  raw baseline: BEGIN + set_config; statement (row locks only); COMMIT                    (3 round trips)
 *   C  one function call: SELECT rb_exp_hold(...) = lock + statement in PL/pgSQL, autocommit    (1 round trip, lock held server-side only)
 * In C each statement of the function takes a fresh snapshot after the lock, as the module's
 * statement does after its lock today (READ COMMITTED), so the semantics are those of A.
 * Creates rb_bench_exp_<ts>, drops it at the end.
 */
const lib = require("./lib")
const baseline = require("./baseline")
const crypto = require("crypto")

const argv = process.argv.slice(2)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const REQUESTS = Number(opt("requests") || 2000)
const CLIENTS = Number(opt("clients") || 32)
const ROUNDS = Number(opt("rounds") || 3)

const FUNCTION_SQL = `
CREATE OR REPLACE FUNCTION rb_exp_hold(p_resource text, p_dates date[], p_quantity int, p_hold text, p_email text, p_token text, p_key bigint)
RETURNS int LANGUAGE plpgsql AS $fn$
DECLARE created int;
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true), pg_advisory_xact_lock(p_key);
  ${baseline.HOLD_SQL.replace(/\$1/g, "p_resource").replace(/\$2::date\[\]/g, "p_dates").replace(/\$2/g, "p_dates").replace(/\$3/g, "p_quantity").replace(/\$4/g, "p_hold").replace(/\$5/g, "p_email").replace(/\$6/g, "p_token").replace("SELECT count(*)::int AS created FROM hold", "SELECT count(*)::int INTO created FROM hold")};
  RETURN created;
END
$fn$`

function lockKey(resourceId) {
  const hex = crypto.createHash("md5").update(`resource:${resourceId}`).digest("hex").slice(0, 15)
  return BigInt(`0x${hex}`).toString()
}

async function main() {
  await lib.buildApp({ reuse: argv.includes("--reuse-build") })
  const db = await lib.createDatabase("rb_bench_exp")
  const sql = await lib.pgClient(db.url)
  const pool = baseline.poolFor(db.url, CLIENTS)
  const out = { A: [], B: [], C: [] }
  try {
    await sql.query(FUNCTION_SQL)
    const [ra, rb, rc] = await lib.createResources(sql, { count: 3, prefix: "exp", max: 10_000_000 })
    const dates = () => {
      const s = 2 + Math.floor(Math.random() * 30)
      return `{${[0, 1, 2].map((k) => lib.dayOffset(s + k)).join(",")}}`
    }
    const ids = () => [`rhold_${crypto.randomBytes(16).toString("hex")}`, `auto_${crypto.randomBytes(16).toString("hex")}`]
    const shapes = {
      A: async () => {
        const c = await pool.connect()
        try {
          await c.query("BEGIN")
          await c.query("SELECT set_config('resource_booking.audited', 'on', true), pg_advisory_xact_lock($1::bigint)", [lockKey(ra)])
          const [h, t] = ids()
          await c.query(baseline.HOLD_SQL, [ra, dates(), 1, h, "exp@example.com", t])
          await c.query("COMMIT")
          return "ok"
        } catch (e) {
          await c.query("ROLLBACK").catch(() => {})
          throw e
        } finally {
          c.release()
        }
      },
      B: () => baseline.baselineHold(pool, { resource_id: rb, dates: dates().slice(1, -1).split(",") }),
      C: async () => {
        const [h, t] = ids()
        await pool.query("SELECT rb_exp_hold($1, $2::date[], $3, $4, $5, $6, $7::bigint)", [rc, dates(), 1, h, "exp@example.com", t, lockKey(rc)])
        return "ok"
      },
    }
    for (const k of Object.keys(shapes)) await lib.runLoad({ clients: 8, requests: 200, maxSeconds: 20, op: shapes[k] })
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of ["A", "B", "C"]) {
        const s = await lib.runLoad({ clients: CLIENTS, requests: REQUESTS, maxSeconds: 60, op: shapes[k] })
        out[k].push(s)
        lib.log(`round ${round + 1} ${k}: ${s.ops_per_s} ops/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms, failures ${s.failures}${s.first_error ? ` (${s.first_error})` : ""}`)
      }
    }
    const check = await lib.checkOversold(sql, { resourceIds: [ra, rb, rc] })
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const summary = Object.fromEntries(
      Object.entries(out).map(([k, runs]) => [k, { median_ops_per_s: median(runs.map((r) => r.ops_per_s)), median_p50_ms: median(runs.map((r) => r.p50_ms)), runs: runs.map((r) => r.ops_per_s) }])
    )
    console.log(JSON.stringify({ clients: CLIENTS, requests_per_run: REQUESTS, rounds: ROUNDS, summary, oversold: check.oversold }, null, 2))
  } finally {
    await pool.end().catch(() => {})
    await sql.end().catch(() => {})
    await db.drop().catch(() => {})
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
