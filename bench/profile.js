#!/usr/bin/env node
"use strict"
/**
 * Where does a hold request spend its time? (docs/PERFORMANCE.md)
 *
 *   node bench/profile.js [--reuse-build] [--requests=1000]
 *
 * Starts the production build with `--cpu-prof` and a preload that counts pg
 * round trips (bench/count-queries.js) and a preload that times routes,
 * middlewares, workflows and steps (bench/workflow-timing.js), sends POST /store/resource-holds
 * (32 clients, one resource) and availability reads, then prints: round trips
 * per request by kind, time waiting on PostgreSQL per request, wall time per
 * request of the route, its middlewares, workflow and steps, and the CPU
 * profile's self time by package and top functions. Also runs service.createHold
 * in-process (medusa exec) with the same counter. Writes bench/tmp/profile.json.
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")

const argv = process.argv.slice(2)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const REQUESTS = Number(opt("requests") || 1000)
let PORT = 0

async function main() {
  await lib.buildApp({ reuse: argv.includes("--reuse-build") })
  const db = await lib.createDatabase("rb_bench_prof")
  const sql = await lib.pgClient(db.url)
  const profDir = path.join(lib.TMP, "prof")
  fs.rmSync(profDir, { recursive: true, force: true })
  fs.mkdirSync(profDir, { recursive: true })
  const countFile = path.join(lib.TMP, "query-count.json")
  const timingFile = path.join(lib.TMP, "hold-timing.json")
  fs.rmSync(timingFile, { force: true })
  const report = {}
  let server
  try {
    const setupFile = path.join(lib.TMP, `setup-${db.name}.json`)
    await lib.medusaExec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "prof-setup" })
    const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"))
    const pk = { "x-publishable-api-key": setup.publishable_key }
    const [hot, warm, moduleHot, avail] = await lib.createResources(sql, { count: 4, prefix: "prof", max: 10_000_000, fromOffset: 0, toOffset: 100 })
    server = await lib.startServer({
      databaseUrl: db.url,
      name: "prof-server",
      env: {
        NODE_ARGS: `--require ${path.join(__dirname, "count-queries.js")} --require ${path.join(__dirname, "workflow-timing.js")} --cpu-prof --cpu-prof-dir=${profDir}`,
        RB_QUERY_COUNT_FILE: countFile,
        RB_TIMING_FILE: timingFile,
      },
    })
    PORT = server.port
    const counts = async () => {
      await lib.sleep(700)
      return JSON.parse(fs.readFileSync(countFile, "utf8"))
    }
    const dates = () => {
      const s = 2 + Math.floor(Math.random() * 30)
      return [0, 1, 2].map((k) => lib.dayOffset(s + k))
    }
    const hold = (rid) => async () =>
      (await lib.request({ port: PORT, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: rid, dates: dates(), quantity: 1, customer_email: "prof@example.com" } })).status
    await lib.runLoad({ clients: 8, requests: 100, maxSeconds: 60, op: hold(warm) })

    // What the database's sessions of this app are doing during the load:
    // waiting for the advisory lock, or holding a transaction open while
    // waiting for Node (idle in transaction).
    const sessionSampler = () => {
      const tally = { samples: 0, waiting_advisory: 0, idle_in_transaction: 0, active: 0 }
      let stop = false
      const loop = (async () => {
        const c = await lib.pgClient(db.url)
        while (!stop) {
          const { rows } = await c.query(
            `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int AS waiting_advisory,
                    count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle_in_transaction,
                    count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock')::int AS active
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
          )
          tally.samples++
          for (const k of ["waiting_advisory", "idle_in_transaction", "active"]) tally[k] += rows[0][k]
          await lib.sleep(20)
        }
        await c.end()
      })()
      return async () => {
        stop = true
        await loop
        const avg = (k) => lib.round(tally[k] / Math.max(1, tally.samples), 2)
        return { samples: tally.samples, avg_waiting_for_advisory_lock: avg("waiting_advisory"), avg_idle_in_transaction: avg("idle_in_transaction"), avg_active_not_waiting: avg("active") }
      }
    }
    const loadStartedAt = Date.now()
    const measure = async (label, load) => {
      const a = await counts()
      const timingBefore = lib.readTiming(timingFile)
      const stopSessions = sessionSampler()
      const stats = await lib.runLoad(load)
      const sessions = await stopSessions()
      const b = await counts()
      const timing = lib.timingDelta(timingBefore, lib.readTiming(timingFile), stats.requests)
      const per = (x) => lib.round(x / stats.requests, 2)
      const byKind = {}
      for (const [k, v] of Object.entries(b.by_kind)) {
        const d = v - (a.by_kind[k] || 0)
        if (d) byKind[k] = per(d)
      }
      report[label] = {
        requests: stats.requests,
        ops_per_s: stats.ops_per_s,
        p50_ms: stats.p50_ms,
        statuses: stats.statuses,
        round_trips_per_request: per(b.queries - a.queries),
        by_kind_per_request: byKind,
        examples: Object.fromEntries(Object.keys(byKind).map((k) => [k, b.example_by_kind[k]])),
        pg_wait_ms_per_request: per(b.wait_ms - a.wait_ms),
        // Wall time per request of the route, middlewares, workflow and steps (nested).
        wall_ms_per_request: Object.fromEntries(Object.entries(timing).slice(0, 15).map(([k, v]) => [k, v.per_unit_ms])),
        db_sessions: sessions,
      }
      lib.log(`${label}: ${JSON.stringify(report[label])}`)
    }
    await measure("hold_http_1_client", { clients: 1, requests: 200, maxSeconds: 60, op: hold(warm) })
    await measure("hold_http_32_clients", { clients: 32, requests: REQUESTS, maxSeconds: 120, op: hold(hot) })
    const spread = await lib.createResources(sql, { count: 200, prefix: "profspread", max: 10_000_000 })
    await measure("hold_http_32_clients_200_resources", { clients: 32, requests: REQUESTS, maxSeconds: 120, op: () => hold(spread[Math.floor(Math.random() * spread.length)])() })
    const from = lib.dayOffset(2)
    const to = lib.dayOffset(91)
    await measure("availability_http_1_client", {
      clients: 1,
      requests: 200,
      maxSeconds: 60,
      op: async () => (await lib.request({ port: PORT, path: `/store/resources/${avail}/availability?from=${from}&to=${to}`, headers: pk })).status,
    })
    const loadEndedAt = Date.now()
    const spawnedAt = server.spawnedAt
    await server.stop()
    server = null

    // CPU profile of the server (written at exit).
    const prof = fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"))
    if (prof.length) report.cpu_profile = summarizeProfile(path.join(profDir, prof[0]), loadStartedAt - spawnedAt, loadEndedAt - spawnedAt)

    // In-process: the module alone, with the same counter.
    const cfgFile = path.join(lib.TMP, "prof-module.json")
    const outFile = path.join(lib.TMP, "prof-module.out.json")
    fs.writeFileSync(cfgFile, JSON.stringify({ mode: "hot_hold", clients: 1, requests: 300, maxSeconds: 60, resource_id: moduleHot, baseline_resource_id: moduleHot, warmup_resource_id: warm, fromOffset: 2, window: 30, count_file: countFile }))
    fs.rmSync(countFile, { force: true })
    await lib.medusaExec("./bench/module-bench.ts", [cfgFile, outFile], {
      databaseUrl: db.url,
      name: "prof-module",
      env: { NODE_OPTIONS: `--require ${path.join(__dirname, "count-queries.js")}`, RB_QUERY_COUNT_FILE: countFile },
    })
    const out = JSON.parse(fs.readFileSync(outFile, "utf8"))
    report.module_in_process = out.profile
  } finally {
    if (server) await server.stop()
    await sql.end().catch(() => {})
    await db.drop().catch(() => {})
  }
  const outFile = path.join(lib.REPO_ROOT, "bench", "tmp", "profile.json")
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2))
  console.log(JSON.stringify(report, null, 2))
}

/** Self time by package / source area and the top functions of a .cpuprofile. */
function summarizeProfile(file, fromMs, toMs) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"))
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  const dt = profile.timeDeltas
  // Only the samples taken during the load (times are relative to process
  // start, which is within a few ms of the spawn).
  let t = 0
  for (let i = 0; i < profile.samples.length; i++) {
    t += dt[i] || 0
    const ms = t / 1000
    if (ms < fromMs || ms > toMs) continue
    self.set(profile.samples[i], (self.get(profile.samples[i]) || 0) + (dt[i] || 0))
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const area = (url) => {
    if (!url) return "(native/idle)"
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
    if (m) return m[1]
    if (url.includes("/.medusa/server/src/")) return "plugin (built src)"
    if (url.startsWith("node:")) return "node core"
    return url.split("/").slice(-2).join("/")
  }
  const byArea = {}
  const byFn = {}
  for (const [id, us] of self) {
    const n = byId.get(id)
    const cf = n.callFrame
    const a = cf.functionName === "(idle)" ? "(idle)" : cf.functionName === "(garbage collector)" ? "(gc)" : cf.functionName === "(program)" ? "(program)" : area(cf.url)
    byArea[a] = (byArea[a] || 0) + us
    const fn = `${cf.functionName || "(anonymous)"} ${area(cf.url)}:${cf.lineNumber + 1}`
    byFn[fn] = (byFn[fn] || 0) + us
  }
  const pct = (x) => lib.round((100 * x) / total, 1)
  const top = (o, n) => Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => ({ name: k, self_pct: pct(v) }))
  return { file: path.relative(lib.REPO_ROOT, file), window_ms: [fromMs, toMs], total_ms: lib.round(total / 1000, 0), by_area: top(byArea, 15), top_functions: top(byFn, 20) }
}

module.exports = { summarizeProfile }

if (require.main === module) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
