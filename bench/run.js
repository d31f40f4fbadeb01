#!/usr/bin/env node
"use strict"
/**
 * `npm run bench`: reproducible throughput and correctness numbers, each
 * against a baseline measured in the same run (only ratios are comparable
 * across machines). Never fails on speed: the exit code is non-zero only when
 * the harness itself breaks.
 *
 *   npm run bench                      full run (a few minutes)
 *   npm run bench -- --quick           small counts, for debugging
 *   npm run bench -- --only=hot_hold_http,expiry_sweep
 *   npm run bench -- --reuse-build     keep the harness's existing build (see below)
 *   npm run bench -- --keep-db         do not drop the database at the end
 *   npm run bench -- --out=FILE        write the results there instead of bench/results.json
 *   npm run bench -- --port=N          serve on N instead of a free port
 *   npm run bench -- --ref=COMMIT      measure the app (src, config) of COMMIT instead of the working tree
 *   npm run bench -- --scale           the scale run (not in CI): 10M holds, 1M allocations (bench/scale.js),
 *                                      then the hold, availability, slot and sweep scenarios and the plans;
 *                                      the fill stops after --fill-budget=SECONDS (default 480) and keeps the
 *                                      database; `--scale --resume` goes on (state in bench/tmp/scale-state.json),
 *                                      `--fill-only` stops after the fill; --db-prefix=NAME names the database
 *
 * What it does: the shared harness (integration-tests/harness, app "server")
 * copies the app out of the checkout and builds it with the admin disabled;
 * creates rb_bench_<timestamp> on the PostgreSQL that scripts/lib/database.js
 * finds and migrates it; creates the publishable key, admin user, inventory
 * item and the checkout products through Medusa workflows (medusa exec
 * integration-tests/harness/setup-medusa.ts), the resources and capacity with
 * SQL; starts `medusa start` (NODE_ENV=production) on a free port of
 * 127.0.0.1; runs the scenarios; prints a table and the targets; writes
 * bench/results.json; stops the server and drops the database.
 *
 * Scenarios, in order: floor_http (Medusa's GET /store/regions?limit=1, before
 * and after the hold scenarios), availability_http_1k, hot_hold_http (+ raw SQL
 * baseline + POST /admin/reservations peer), hot_hold_module, spread_hold_http,
 * departure_hold_http, departure_availability_http, slots_http,
 * appointment_hold_http (bench/timed.js), availability_http_1m, checkout_http,
 * checkout_plain_http, expiry_sweep; planner_http (bench/planner.js) after the
 * second floor run.
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const lib = require("./lib")
const baseline = require("./baseline")
const { makeCheckout } = require("./checkout")
const { plannerScenario } = require("./planner")
const timed = require("./timed")
const scale = require("./scale")

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(`--${name}`)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const QUICK = flag("quick") || process.env.BENCH_QUICK === "1"
const ONLY = opt("only") ? opt("only").split(",") : null
const REF = opt("ref") || null
let PORT = Number(opt("port")) || 0 // 0: a free port
const SCALE = flag("scale")
const SCALE_STATE = path.join(lib.REPO_ROOT, "bench", "tmp", "scale-state.json")
const RESULTS = opt("out")
  ? path.resolve(opt("out"))
  : path.join(lib.REPO_ROOT, "bench", SCALE ? `runs/scale/scale-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, "")}.json` : QUICK ? "tmp/results.quick.json" : "results.json")

const N = QUICK
  ? { hot: 600, spread: 600, avail: 400, sweep: 5000, checkout: 40, historyFull: 50_000, secs: 15 }
  : { hot: 4000, spread: 4000, avail: 3000, sweep: 100_000, checkout: 200, historyFull: 1_000_000, secs: 45 }
const CLIENTS = 32
const HOLD_WINDOW = 30 // hold start dates: today+2 .. today+31 (3 dates each)
const TIMED = ["departure_hold_http", "departure_availability_http", "slots_http", "appointment_hold_http"]
const wanted = (name) => !ONLY || ONLY.some((o) => name.startsWith(o))

const pickDates = () => {
  const start = 2 + Math.floor(Math.random() * HOLD_WINDOW)
  return [0, 1, 2].map((k) => lib.dayOffset(start + k))
}

async function main() {
  fs.mkdirSync(lib.TMP, { recursive: true })
  fs.mkdirSync(path.dirname(SCALE_STATE), { recursive: true })
  // The scale run resumes a database an earlier call filled (--resume).
  let state = SCALE && flag("resume") ? JSON.parse(fs.readFileSync(SCALE_STATE, "utf8")) : null
  await lib.buildApp({ reuse: flag("reuse-build"), ref: REF })
  const db = state ? await reopenDatabase(state.db) : await lib.createDatabase(opt("db-prefix") || "rb_bench")
  const results = {
    generated_at: new Date().toISOString(),
    mode: SCALE ? "scale" : QUICK ? "quick" : "full",
    app: { ref: REF || "working tree", head: require("child_process").execSync("git rev-parse --short HEAD", { cwd: lib.REPO_ROOT }).toString().trim() },
    machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, node: process.version, postgres: db.pgVersion, load_avg_at_start: os.loadavg().map((x) => lib.round(x, 2)) },
    scenarios: {},
    targets: [],
    not_measured: {},
  }
  const sql = await lib.pgClient(db.url)
  let server = null
  let keepDb = flag("keep-db")
  try {
    // ---------------------------------------------------------------- setup
    let setup
    let ids
    if (state) {
      ;({ setup, ids } = state)
      lib.log(`Resuming ${db.name} (scale fill: ${JSON.stringify({ ...state.fill, dropped: undefined, built: undefined })})`)
    } else {
      lib.log("Creating publishable key, admin user, stock location and inventory item (medusa exec)")
      const setupFile = path.join(lib.TMP, `setup-${db.name}.json`)
      await lib.medusaExec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "setup" })
      setup = JSON.parse(fs.readFileSync(setupFile, "utf8"))

      lib.log("Creating resources and capacity (SQL)")
      const BIG = 10_000_000
      ids = {
        hot: await lib.createResources(sql, { count: 5, prefix: "hot", max: BIG }),
        spreadHttp: await lib.createResources(sql, { count: 1000, prefix: "spread", max: BIG }),
        spreadBase: await lib.createResources(sql, { count: 1000, prefix: "spreadbase", max: BIG }),
        avail: await lib.createResources(sql, { count: 100, prefix: "avail", max: 50, fromOffset: 0, toOffset: 100 }),
        historyOnly: await lib.createResources(sql, { count: 1000, prefix: "history", max: 50, fromOffset: 0, toOffset: 0 }),
      }
      if (!SCALE) await insertHistory(sql, { count: 1000, resourceIds: [...ids.avail, ...ids.historyOnly] })
    }
    const [hotHttp, hotBase, hotModule, hotModuleBase, warm] = ids.hot
    const { spreadHttp, spreadBase, avail: availIds } = ids
    const historyIds = ids.historyOnly

    if (SCALE) {
      // Finished history on every resource the scenarios use, and 1,000 more.
      ids.history = ids.history || [...ids.hot, ...spreadHttp, ...spreadBase, ...availIds, ...historyIds]
      state = state || { db: { name: db.name, url: db.url, adminUrl: db.adminUrl }, setup, ids }
      lib.log(`Scale fill (set-based SQL, budget ${Number(opt("fill-budget")) || 480} s)`)
      const done = await scale.fill(sql, state, { budgetSeconds: Number(opt("fill-budget")) || 480 })
      fs.writeFileSync(SCALE_STATE, JSON.stringify(state, null, 2))
      if (!done || flag("fill-only")) {
        keepDb = true
        lib.log(`Scale fill ${done ? "complete" : "not complete"}; state in ${path.relative(lib.REPO_ROOT, SCALE_STATE)}; go on with --scale --resume`)
        return
      }
      results.scale = { fill: { ...state.fill, dropped: state.fill.dropped.map((i) => i.name) }, sizes: await scale.sizes(sql) }
    }

    lib.log("Starting the server (production build)")
    // Hoarding limits (issue 20): every request comes from 127.0.0.1, so the
    // per-client limit is off; the per-customer limit stays on (default 20)
    // and every hold request names its own customer.
    server = await lib.startServer({ port: PORT || undefined, databaseUrl: db.url, name: "bench", env: { RESOURCE_BOOKING_MAX_HOLDS_PER_CLIENT: "0" } })
    PORT = server.port
    lib.log(`Server on ${lib.HOST}:${PORT}`)
    const pk = { "x-publishable-api-key": setup.publishable_key }
    const login = await lib.request({ port: PORT, method: "POST", path: "/auth/user/emailpass", body: { email: setup.admin.email, password: setup.admin.password } })
    if (!login.body?.token) throw new Error(`admin login failed: ${login.status} ${login.text.slice(0, 200)}`)
    const adminAuth = { authorization: `Bearer ${login.body.token}` }
    const pool = baseline.poolFor(db.url, CLIENTS)

    // Autovacuum's part, where the server has it off (this machine: SHOW
    // autovacuum = off; PostgreSQL's default, and every production database,
    // has it on). Without ANALYZE the hold table's partial indexes keep the
    // statistics they had when they were created on an empty table (0 rows),
    // and the ledger's cached plans read "every ACTIVE hold" through one of
    // them as if it were free: the per-customer limit and the lapsed-hold
    // lookups scanned all live holds on every hold (an appointment decision
    // 9.0 ms instead of 2.7 ms; docs/PERFORMANCE.md, "A database never
    // analyzed"). So the bench analyzes the plugin's tables before each
    // measured load and every 30 s, as autovacuum's autoanalyze would.
    const autovacuum = (await sql.query("SHOW autovacuum")).rows[0].autovacuum
    results.machine.autovacuum = autovacuum
    const analyze = autovacuum === "on" ? async () => {} : async () => { await sql.query(`ANALYZE ${lib.LEDGER_TABLES}`) }
    const analyzer = autovacuum === "on" ? null : setInterval(() => analyze().catch(() => {}), 30_000)
    analyzer?.unref()
    if (analyzer) lib.log("autovacuum is off on this server: the bench runs ANALYZE on the ledger's tables before each load and every 30 s")

    const holdHttp = (resource_id) => async () => {
      const r = await lib.request({
        port: PORT,
        method: "POST",
        path: "/store/resource-holds",
        headers: pk,
        body: { resource_id, dates: pickDates(), quantity: 1, customer_email: `bench${holdCount++}@example.com` },
      })
      if (r.status !== 201 && !noted.has(r.status)) {
        noted.add(r.status)
        lib.log(`  POST /store/resource-holds answered ${r.status}: ${r.text.slice(0, 200)}`)
      }
      return r.status
    }
    const noted = new Set()
    let holdCount = 0

    const probe = await lib.request({ port: PORT, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: warm, dates: pickDates(), quantity: 1, customer_email: "bench@example.com" } })
    const holdRouteExists = probe.status === 201
    if (!holdRouteExists) lib.log(`POST /store/resource-holds is not usable (${probe.status} ${probe.text.slice(0, 200)})`)

    const measureHttp = async (name, { load, resourceIds }) => {
      await analyze()
      const rss = lib.rssSampler([server.pid])
      const stats = await lib.runLoad(load)
      const peak = rss.stop()
      const check = await lib.checkOversold(sql, { resourceIds })
      return { ...stats, oversold: check.oversold, oversold_sample: check.sample.length ? check.sample : undefined, peak_rss_mb: peak }
    }
    const withBaseline = (stats, base, peer = null) => ({
      ...stats,
      baseline: base ? { name: base.name, ops_per_s: base.stats.ops_per_s, p50_ms: base.stats.p50_ms, p99_ms: base.stats.p99_ms, requests: base.stats.requests, failures: base.stats.failures } : null,
      ratio_to_baseline: base && base.stats.ops_per_s ? lib.round(stats.ops_per_s / base.stats.ops_per_s, 3) : null,
      peer: peer ? { name: peer.name, ops_per_s: peer.stats.ops_per_s, p50_ms: peer.stats.p50_ms, p99_ms: peer.stats.p99_ms, requests: peer.stats.requests, errors_5xx: peer.stats.errors_5xx, statuses: peer.stats.statuses } : null,
      ratio_to_peer: peer && peer.stats.ops_per_s ? lib.round(stats.ops_per_s / peer.stats.ops_per_s, 2) : null,
    })

    const guard = async (name, fn) => {
      try {
        await fn()
      } catch (e) {
        lib.log(`Scenario ${name} failed: ${e.stack || e}`)
        results.not_measured[name] = `failed: ${String(e.message || e).slice(0, 500)}`
      }
    }

    // Warm the server once (JIT, connection pools, caches) so the first
    // scenario is not measured cold: availability reads and holds on a resource
    // no scenario measures.
    {
      const from = lib.dayOffset(2)
      const to = lib.dayOffset(91)
      const warmAvail = () => lib.request({ port: PORT, path: `/store/resources/${availIds[availIds.length - 1]}/availability?from=${from}&to=${to}`, headers: pk }).then((r) => r.status)
      results.machine.server_rss_idle_mb = Math.round(lib.treeRssKb(server.pid) / 1024)
      lib.log(`Warming the server up (${QUICK ? 300 : 1500} availability reads, ${holdRouteExists ? (QUICK ? 100 : 500) : 0} holds); idle RSS ${results.machine.server_rss_idle_mb} MB`)
      await lib.runLoad({ clients: 16, requests: QUICK ? 300 : 1500, maxSeconds: 60, op: warmAvail })
      if (holdRouteExists) await lib.runLoad({ clients: 16, requests: QUICK ? 100 : 500, maxSeconds: 60, op: holdHttp(warm) })
      results.machine.server_rss_after_warmup_mb = Math.round(lib.treeRssKb(server.pid) / 1024)
    }

    // ---------------------------------------------------------------- floor (HTTP)
    // Medusa core's cheapest store read behind the publishable key, same
    // server, same clients: the framework's own floor. Measured twice (before
    // the hold scenarios and after them) so machine drift shows; the ratios use
    // the mean.
    const floorWanted = ["floor_http", "hot_hold_http", "spread_hold_http", "availability_http", "priced_availability_http", "planner_http", ...TIMED].some(wanted)
    const floorRuns = []
    const measureFloor = (label) =>
      guard("floor_http", async () => {
        lib.log(`Scenario floor_http (${label}): ${N.hot} × GET /store/regions?limit=1 (publishable key), ${CLIENTS} clients`)
        const get = async () => (await lib.request({ port: PORT, path: "/store/regions?limit=1", headers: pk })).status
        await lib.runLoad({ clients: 8, requests: 200, maxSeconds: 30, op: get })
        const stats = await measureHttp("floor_http", { resourceIds: [], load: { clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, op: get } })
        floorRuns.push({ label, ...stats })
        const mean = (k) => lib.round(floorRuns.reduce((a, r) => a + r[k], 0) / floorRuns.length, 2)
        results.scenarios.floor_http = {
          ...stats,
          ops_per_s: mean("ops_per_s"),
          p50_ms: mean("p50_ms"),
          p99_ms: mean("p99_ms"),
          requests: floorRuns.reduce((a, r) => a + r.requests, 0),
          oversold: null,
          runs: floorRuns.map((r) => ({ when: r.label, ops_per_s: r.ops_per_s, p50_ms: r.p50_ms, p99_ms: r.p99_ms, requests: r.requests })),
          note: "GET /store/regions?limit=1 with the publishable key: Medusa's cheapest store read, the floor the plugin's routes are compared with (ratio_to_floor); ops/s and latencies are the mean of the runs",
        }
        printRow("floor_http", results.scenarios.floor_http)
      })
    if (floorWanted) await measureFloor("before the hold scenarios")

    // ------------------------------------------------------- availability (1k holds)
    const availability = async (label) => {
      const from = lib.dayOffset(2)
      const to = lib.dayOffset(91) // 90 dates
      const pick = () => availIds[Math.floor(Math.random() * availIds.length)]
      const holdRows = Number((await sql.query("SELECT count(*) FROM resource_hold")).rows[0].count)
      lib.log(`Scenario ${label}: ${N.avail} × GET /store/resources/:id/availability (90 days), ${CLIENTS} clients, ${holdRows} hold rows`)
      const get = async () => (await lib.request({ port: PORT, path: `/store/resources/${pick()}/availability?from=${from}&to=${to}`, headers: pk })).status
      await lib.runLoad({ clients: 8, requests: 300, maxSeconds: 30, op: get }) // warm-up (JIT, pools)
      // Cost without queueing: one client, and the statement's plan and buffers (noise-free).
      const single = await lib.runLoad({ clients: 1, requests: QUICK ? 100 : 300, maxSeconds: 30, op: get })
      const plan = (await sql.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${baseline.AVAILABILITY_SQL}`, [availIds[0], from, to])).rows[0]["QUERY PLAN"][0]
      const buffers = plan.Plan["Shared Hit Blocks"] + plan.Plan["Shared Read Blocks"]
      const stats = await measureHttp(label, {
        resourceIds: availIds,
        load: {
          clients: CLIENTS,
          requests: N.avail,
          maxSeconds: N.secs,
          op: async () => (await lib.request({ port: PORT, path: `/store/resources/${pick()}/availability?from=${from}&to=${to}`, headers: pk })).status,
        },
      })
      const base = await lib.runLoad({ clients: CLIENTS, requests: N.avail, maxSeconds: N.secs, op: () => baseline.baselineAvailability(pool, { resource_id: pick(), from, to }) })
      results.scenarios[label] = {
        ...withBaseline(stats, { name: "raw SQL: the availability statement with the resource check folded in, one round trip (pg, no transaction)", stats: base }),
        hold_rows: holdRows,
        single_client: { ops_per_s: single.ops_per_s, p50_ms: single.p50_ms, p99_ms: single.p99_ms },
        statement_buffers: buffers,
        statement_ms: lib.round(plan["Execution Time"], 3),
      }
      printRow(label, results.scenarios[label])
    }
    if (wanted("availability_http")) await guard("availability_http_1k", () => availability(SCALE ? "availability_http_10m" : "availability_http_1k"))

    // ------------------------------------------- availability with prices (docs/PRICING.md)
    // The checkout variant with two rates (a season and a weekend): 90 dates, each priced, one pricing read per request.
    if (wanted("priced_availability_http")) await guard("priced_availability_http", async () => {
      const variant = setup.checkout.variant_id
      for (const body of [
        { title: "Peak", prices: [{ currency_code: "aud", amount: 150 }], season: { from: lib.dayOffset(20), to: lib.dayOffset(50) } },
        { title: "Weekend", prices: [{ currency_code: "aud", amount: 130 }], weekdays: [0, 6] },
      ]) {
        const made = await lib.request({ port: PORT, method: "POST", path: `/admin/product-variants/${variant}/rates`, headers: adminAuth, body })
        if (made.status !== 201) throw new Error(`POST rates answered ${made.status}`)
      }
      const url = `/store/product-variants/${variant}/resource-availability?from=${lib.dayOffset(2)}&to=${lib.dayOffset(91)}&currency_code=aud`
      lib.log(`Scenario priced_availability_http: ${N.avail} × GET ${url.split("?")[0]} (90 days, priced), ${CLIENTS} clients`)
      const get = async () => (await lib.request({ port: PORT, path: url, headers: pk })).status
      await lib.runLoad({ clients: 8, requests: 300, maxSeconds: 30, op: get })
      const stats = await measureHttp("priced_availability_http", { resourceIds: [setup.checkout.resource_id], load: { clients: CLIENTS, requests: N.avail, maxSeconds: N.secs, op: get } })
      results.scenarios.priced_availability_http = { ...stats, note: "variant availability over 90 dates with a season and a weekend rate, each date priced (one pricing read per request)" }
      printRow("priced_availability_http", results.scenarios.priced_availability_http)
    })

    // ---------------------------------------------------------------- hot hold (HTTP)
    if (wanted("hot_hold_http") && holdRouteExists) await guard("hot_hold_http", async () => {
      lib.log(`Scenario hot_hold_http: ${N.hot} × POST /store/resource-holds on one resource, ${CLIENTS} clients`)
      for (let i = 0; i < 50; i++) await holdHttp(warm)()
      const stats = await measureHttp("hot_hold_http", { resourceIds: [hotHttp], load: { clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, op: holdHttp(hotHttp) } })
      lib.log("  baseline: raw SQL hold transaction (pg)")
      const base = await lib.runLoad({ clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, op: () => baseline.baselineHold(pool, { resource_id: hotBase, dates: pickDates() }) })
      lib.log("  peer: POST /admin/reservations (Medusa inventory)")
      const reserve = async () =>
        (
          await lib.request({
            port: PORT,
            method: "POST",
            path: "/admin/reservations",
            headers: adminAuth,
            body: { location_id: setup.stock_location_id, inventory_item_id: setup.inventory_item_id, quantity: 1 },
          })
        ).status
      for (let i = 0; i < 20; i++) await reserve()
      const peerRss = lib.rssSampler([server.pid])
      const peer = await lib.runLoad({ clients: CLIENTS, requests: Math.min(N.hot, 2000), maxSeconds: N.secs, op: reserve })
      peerRss.stop()
      const baseCheck = await lib.checkOversold(sql, { resourceIds: [hotBase] })
      results.scenarios.hot_hold_http = {
        ...withBaseline(
          stats,
          { name: "raw SQL: lock rows in date order + conditional update + hold insert + audit rows, one transaction (pg)", stats: base },
          { name: "POST /admin/reservations (Medusa inventory reservation, one stock location)", stats: peer }
        ),
        baseline_oversold: baseCheck.oversold,
      }
      printRow("hot_hold_http", results.scenarios.hot_hold_http)
    })
    else if (wanted("hot_hold_http")) {
      results.not_measured.hot_hold_http = `POST /store/resource-holds not usable: ${probe.status}`
    }

    // ---------------------------------------------------------------- hot hold (module, in-process)
    if (wanted("hot_hold_module") && !SCALE) await guard("hot_hold_module", async () => {
      lib.log(`Scenario hot_hold_module: ${N.hot} × service.createHold in one medusa exec process, ${CLIENTS} concurrent loops`)
      await analyze()
      const cfgFile = path.join(lib.TMP, "module-hot.json")
      const outFile = path.join(lib.TMP, "module-hot.out.json")
      fs.writeFileSync(cfgFile, JSON.stringify({ mode: "hot_hold", clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, resource_id: hotModule, baseline_resource_id: hotModuleBase, warmup_resource_id: warm, fromOffset: 2, window: HOLD_WINDOW }))
      await lib.medusaExec("./bench/module-bench.ts", [cfgFile, outFile], { databaseUrl: db.url, name: "module-hot" })
      const out = JSON.parse(fs.readFileSync(outFile, "utf8"))
      const check = await lib.checkOversold(sql, { resourceIds: [hotModule, hotModuleBase] })
      results.scenarios.hot_hold_module = {
        ...withBaseline({ ...out.module, oversold: check.oversold }, { name: "raw SQL hold transaction (pg), same process", stats: out.baseline }),
        note: "peak_rss_mb is the medusa exec process (no server involved)",
      }
      printRow("hot_hold_module", results.scenarios.hot_hold_module)
    })

    // ---------------------------------------------------------------- spread hold (HTTP)
    if (wanted("spread_hold_http") && holdRouteExists) await guard("spread_hold_http", async () => {
      lib.log(`Scenario spread_hold_http: ${N.spread} × POST /store/resource-holds over 1,000 resources, ${CLIENTS} clients`)
      const pick = (ids) => ids[Math.floor(Math.random() * ids.length)]
      const stats = await measureHttp("spread_hold_http", {
        resourceIds: spreadHttp,
        load: { clients: CLIENTS, requests: N.spread, maxSeconds: N.secs, op: () => holdHttp(pick(spreadHttp))() },
      })
      const base = await lib.runLoad({ clients: CLIENTS, requests: N.spread, maxSeconds: N.secs, op: () => baseline.baselineHold(pool, { resource_id: pick(spreadBase), dates: pickDates() }) })
      results.scenarios.spread_hold_http = withBaseline(stats, { name: "raw SQL hold transaction (pg) over 1,000 other resources", stats: base })
      printRow("spread_hold_http", results.scenarios.spread_hold_http)
    })

    // ------------------------------------------- by the time of day (issues 17, 18)
    const timedCtx = {
      port: PORT, pk, adminAuth, sql, N, CLIENTS, QUICK, timezone: "Australia/Brisbane",
      measureLoad: async (load) => {
        await analyze()
        const rss = lib.rssSampler([server.pid])
        const stats = await lib.runLoad(load)
        return { ...stats, peak_rss_mb: rss.stop() }
      },
    }
    const timedScenario = (name, fn) =>
      wanted(name) &&
      guard(name, async () => {
        results.scenarios[name] = await fn(timedCtx)
        printRow(name, results.scenarios[name])
      })
    await timedScenario("departure_hold_http", timed.departureHold)
    await timedScenario("departure_availability_http", timed.departureAvailability)
    await timedScenario("slots_http", timed.slots)
    await timedScenario("appointment_hold_http", timed.appointmentHold)

    if (floorWanted) await measureFloor("after the hold scenarios")

    // ---------------------------------------------------------------- planner (HTTP, bench/planner.js)
    if (wanted("planner_http")) await guard("planner_http", () =>
      plannerScenario({ lib, sql, port: PORT, pk, adminAuth, quick: QUICK, secs: N.secs, measureHttp, results, printRow })
    )

    // ------------------------------------------------------- availability (1M holds)
    if (wanted("availability_http") && !SCALE) await guard("availability_http_1m", async () => {
      const have = Number((await sql.query("SELECT count(*) FROM resource_hold")).rows[0].count)
      lib.log(`Inserting ${N.historyFull - have} history hold rows (generate_series), then ACTIVE holds on filler resources`)
      const t = Date.now()
      await insertHistory(sql, { count: Math.max(0, N.historyFull - have), resourceIds: [...availIds, ...historyIds], activeShare: 0.02 })
      lib.log(`  inserted in ${((Date.now() - t) / 1000).toFixed(1)} s`)
      await availability(QUICK ? "availability_http_1m" : "availability_http_1m")
      const a = results.scenarios.availability_http_1k
      const b = results.scenarios.availability_http_1m
      if (a && b) {
        b.p50_vs_1k = lib.round(b.p50_ms / a.p50_ms, 2)
        b.single_client_p50_vs_1k = lib.round(b.single_client.p50_ms / a.single_client.p50_ms, 2)
        b.statement_buffers_vs_1k = lib.round(b.statement_buffers / a.statement_buffers, 2)
      }
    })

    // ---------------------------------------------------------------- checkout (HTTP)
    // The same storefront checkout twice, same clients: with a booking line
    // (POST …/resource-bookings) and with a plain product (POST …/line-items).
    // The difference is the plugin's share of a checkout.
    const CO_CLIENTS = 8
    const checkoutScenario = async (label, { kind, resourceIds, what }) => {
      lib.log(`Scenario ${label}: ${N.checkout} storefront checkouts (cart → ${what} → payment session → complete), ${CO_CLIENTS} clients`)
      const flow = makeCheckout({ port: PORT, setup, kind, dates: pickDates })
      for (let i = 0; i < 3; i++) await flow.checkout()
      flow.resetCalls()
      const stats = await measureHttp(label, { resourceIds, load: { clients: CO_CLIENTS, requests: N.checkout, maxSeconds: N.secs * 2, op: flow.checkout } })
      return {
        ...withBaseline(stats, null),
        orders_completed: stats.statuses.order || 0,
        call_p50_ms: flow.callP50(),
        failures: Object.keys(flow.failures).length ? flow.failures : undefined,
      }
    }
    if (wanted("checkout_http") && !SCALE) await guard("checkout_http", async () => {
      const co = setup.checkout
      const s = await checkoutScenario("checkout_http", {
        kind: "booking",
        what: "POST …/resource-bookings",
        resourceIds: [co.resource_id],
      })
      // The order.placed subscriber confirms the holds: wait (bounded) for the allocations.
      const orders = s.orders_completed + 3
      let allocations = 0
      for (let i = 0; i < 60; i++) {
        allocations = Number((await sql.query(`SELECT count(*) FROM resource_allocation WHERE resource_id = $1`, [co.resource_id])).rows[0].count)
        if (allocations >= orders) break
        await lib.sleep(500)
      }
      const check = await lib.checkOversold(sql, { resourceIds: [co.resource_id] })
      results.scenarios.checkout_http = {
        ...s,
        oversold: check.oversold,
        allocations_after_orders: allocations,
        orders_including_warmup: orders,
        note: "ops = completed checkouts per second (5 HTTP calls each); no baseline: compare with checkout_plain_http",
      }
      printRow("checkout_http", results.scenarios.checkout_http)
    })
    if (wanted("checkout_plain_http") && !SCALE) await guard("checkout_plain_http", async () => {
      results.scenarios.checkout_plain_http = {
        ...(await checkoutScenario("checkout_plain_http", {
          kind: "plain",
          what: "POST …/line-items (a product without a booking)",
          resourceIds: [],
        })),
        oversold: null,
        note: "the same checkout as checkout_http with a product that has no booking: Medusa alone",
      }
      printRow("checkout_plain_http", results.scenarios.checkout_plain_http)
      const booking = results.scenarios.checkout_http
      const plain = results.scenarios.checkout_plain_http
      if (booking && plain.ops_per_s) {
        booking.ratio_to_plain = lib.round(booking.ops_per_s / plain.ops_per_s, 3)
        booking.plugin_share_of_checkout_time = lib.round(1 - booking.ops_per_s / plain.ops_per_s, 3)
      }
    })

    // ---------------------------------------------------------------- expiry sweep
    if (wanted("expiry_sweep")) await guard("expiry_sweep", async () => {
      const sweepIds = await lib.createResources(sql, { count: 200, prefix: "sweep", max: 100_000 })
      const sweepBaseIds = await lib.createResources(sql, { count: 200, prefix: "sweepbase", max: 100_000 })
      lib.log(`Scenario expiry_sweep: ${N.sweep} lapsed ACTIVE holds over 200 resources, swept by service.expireHolds (medusa exec)`)
      await insertLapsedHolds(sql, { count: N.sweep, resourceIds: sweepIds })
      const cfgFile = path.join(lib.TMP, "module-sweep.json")
      const outFile = path.join(lib.TMP, "module-sweep.out.json")
      fs.writeFileSync(cfgFile, JSON.stringify({ mode: "expiry", batchSize: 1000, maxSeconds: QUICK ? 120 : 600 }))
      await lib.medusaExec("./bench/module-bench.ts", [cfgFile, outFile], { databaseUrl: db.url, name: "module-sweep" })
      const out = JSON.parse(fs.readFileSync(outFile, "utf8"))
      const left = Number((await sql.query(`SELECT count(*) FROM resource_hold WHERE status = 'ACTIVE' AND expires_at <= now()`)).rows[0].count)
      const check = await lib.checkOversold(sql, { resourceIds: sweepIds })

      lib.log("  baseline: raw FOR UPDATE SKIP LOCKED batch loop (pg)")
      await insertLapsedHolds(sql, { count: N.sweep, resourceIds: sweepBaseIds })
      const client = baseline.poolFor(db.url, 1)
      const started = Date.now()
      let expired = 0
      const lat = []
      while (Date.now() - started < 600_000) {
        const t = process.hrtime.bigint()
        const n = await baseline.baselineExpireBatch(client, 1000)
        lat.push(Number(process.hrtime.bigint() - t) / 1e6)
        expired += n
        if (!n) break
      }
      await client.end()
      const secs = (Date.now() - started) / 1000
      const baseCheck = await lib.checkOversold(sql, { resourceIds: sweepBaseIds })
      results.scenarios.expiry_sweep = {
        ...withBaseline(
          { ...out.module, oversold: check.oversold, left_unexpired: left },
          { name: "raw SQL: FOR UPDATE SKIP LOCKED batches of 1000 (status update + capacity give-back + audit rows), one loop", stats: { ops_per_s: lib.round(expired / secs, 1), requests: expired, p50_ms: lib.round(lib.percentile(lat.sort((x, y) => x - y), 50), 2), p99_ms: lib.round(lib.percentile(lat, 99), 2) } }
        ),
        baseline_oversold: baseCheck.oversold,
        note: "ops = holds expired per second; p50/p99 are per expireHolds({ batchSize: 1000 }) call; peak_rss_mb is the medusa exec process",
      }
      printRow("expiry_sweep", results.scenarios.expiry_sweep)
    })

    if (SCALE) {
      lib.log("Plans of the hot statements (EXPLAIN ANALYZE, auto_explain for the ledger's functions)")
      results.scale.plans = await scale.plans(sql, { ids, timezone: "Australia/Brisbane", appointmentId: results.scenarios.slots_http?.resource_id })
      results.scale.sizes_after = await scale.sizes(sql)
    }
    if (analyzer) clearInterval(analyzer)
    await pool.end()
    const all = await lib.checkOversold(sql)
    results.final_invariant_check = { capacity_rows: all.rows, oversold: all.oversold }
  } finally {
    await sql.end().catch(() => {})
    if (server) await server.stop()
    if (!keepDb) await db.drop().catch((e) => lib.log(`drop failed: ${e.message}`))
  }

  const floor = results.scenarios.floor_http
  for (const name of ["hot_hold_http", "spread_hold_http", "availability_http_1k", "availability_http_1m", "availability_http_10m", "priced_availability_http", ...TIMED]) {
    const sc = results.scenarios[name]
    if (sc && floor?.ops_per_s) sc.ratio_to_floor = lib.round(sc.ops_per_s / floor.ops_per_s, 3)
  }
  results.targets = evaluateTargets(results.scenarios)
  results.machine.load_avg_at_end = os.loadavg().map((x) => lib.round(x, 2))
  printTable(results)
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true })
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + "\n")
  lib.log(`Wrote ${path.relative(lib.REPO_ROOT, RESULTS)}`)
  // Speed never fails the run; a scenario that could not run does.
  const broken = Object.entries(results.not_measured).filter(([, why]) => String(why).startsWith("failed"))
  if (broken.length) {
    console.error(`Scenarios that failed to run: ${broken.map(([name]) => name).join(", ")}`)
    process.exitCode = 1
  }
}

/** The database an earlier --scale call made (its state file), with drop(). */
async function reopenDatabase(saved) {
  const c = await lib.pgClient(saved.url)
  const pgVersion = (await c.query("SHOW server_version")).rows[0].server_version
  await c.end()
  return {
    ...saved,
    pgVersion,
    async drop() {
      const admin = await lib.pgClient(saved.adminUrl)
      await admin.query(`DROP DATABASE IF EXISTS "${saved.name}" WITH (FORCE)`)
      await admin.end()
      lib.log(`Dropped database ${saved.name}`)
    },
  }
}

/**
 * Finished holds as a shop accumulates them: CONFIRMED / EXPIRED / RELEASED
 * over the given resources, dates spread over a year. With `activeShare`,
 * that share is made ACTIVE (unexpired) on 200 filler resources whose capacity
 * rows are written to match, so invariant 1 holds on them too.
 */
async function insertHistory(sql, { count, resourceIds, activeShare = 0 }) {
  if (count <= 0) return
  const active = Math.floor(count * activeShare)
  const batch = 250_000
  for (let done = 0; done < count - active; done += batch) {
    const n = Math.min(batch, count - active - done)
    await sql.query(
      `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, confirmed_at, created_at, updated_at)
       SELECT 'rhold_' || md5(random()::text || g::text), ($1::text[])[1 + (g % cardinality($1::text[]))],
              ARRAY[(current_date - 200 + (g % 300))::date, (current_date - 199 + (g % 300))::date], 1 + (g % 3),
              'history' || (g % 5000) || '@example.com', 'hist_' || md5(random()::text || g::text),
              (ARRAY['CONFIRMED','CONFIRMED','CONFIRMED','EXPIRED','EXPIRED','RELEASED'])[1 + (g % 6)],
              now() - interval '1 day' * (g % 300), NULL, now(), now()
       FROM generate_series($2::int, $3::int) AS g`,
      [resourceIds, done, done + n - 1]
    )
  }
  if (active > 0) {
    const fillers = await lib.createResources(sql, { count: 200, prefix: "filler", max: 1, fromOffset: 0, toOffset: -1 })
    await sql.query(
      `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, created_at, updated_at)
       SELECT 'rhold_' || md5(random()::text || g::text), ($1::text[])[1 + (g % 200)],
              ARRAY[(current_date + 2 + (g % 60))::date], 1, 'active@example.com', 'act_' || md5(random()::text || g::text),
              'ACTIVE', now() + interval '1 day', now(), now()
       FROM generate_series(1, $2::int) AS g`,
      [fillers, active]
    )
    await sql.query(
      `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity)
       SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), h.resource_id, d, 1000, 1000 - sum(h.quantity)
       FROM resource_hold h, unnest(h.dates) d WHERE h.resource_id = ANY($1::text[]) AND h.status = 'ACTIVE'
       GROUP BY h.resource_id, d`,
      [fillers]
    )
  }
  // Leave nothing for autovacuum to do during the measurement that follows.
  await sql.query("VACUUM (ANALYZE) resource_hold")
}

/** `count` ACTIVE holds already past expires_at (3 dates, quantity 1) with their capacity taken. */
async function insertLapsedHolds(sql, { count, resourceIds }) {
  await sql.query(
    `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, created_at, updated_at)
     SELECT 'rhold_' || md5(random()::text || g::text), ($1::text[])[1 + (g % cardinality($1::text[]))],
            ARRAY[(current_date + 2 + (g % 30))::date, (current_date + 3 + (g % 30))::date, (current_date + 4 + (g % 30))::date],
            1, 'lapsed@example.com', 'lapsed_' || md5(random()::text || g::text), 'ACTIVE',
            now() - interval '1 minute' * (1 + g % 600), now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, $2::int) AS g`,
    [resourceIds, count]
  )
  await sql.query("BEGIN; SELECT set_config('resource_booking.audited', 'on', true)")
  await sql.query(
    `UPDATE resource_capacity c SET available_capacity = c.max_capacity - t.q
     FROM (SELECT h.resource_id, d AS date, sum(h.quantity)::int AS q FROM resource_hold h, unnest(h.dates) d
           WHERE h.resource_id = ANY($1::text[]) AND h.status = 'ACTIVE' GROUP BY 1, 2) t
     WHERE c.resource_id = t.resource_id AND c.date = t.date`,
    [resourceIds]
  )
  await sql.query("COMMIT")
  await sql.query("VACUUM (ANALYZE) resource_hold, resource_capacity")
}

const TARGETS = [
  ["hot_hold_http", "ratio_to_baseline ≥ 0.40", (s) => s.ratio_to_baseline >= 0.4, (s) => s.ratio_to_baseline],
  ["hot_hold_http", "ratio_to_peer ≥ 5", (s) => s.ratio_to_peer >= 5, (s) => s.ratio_to_peer],
  ["hot_hold_http", "ratio_to_floor ≥ 1.0", (s) => s.ratio_to_floor >= 1.0, (s) => s.ratio_to_floor],
  ["hot_hold_http", "p99 ≤ 10 × p50", (s) => s.p99_ms <= 10 * s.p50_ms, (s) => lib.round(s.p99_ms / s.p50_ms, 2) + "×"],
  ["hot_hold_http", "errors_5xx = 0", (s) => s.errors_5xx === 0, (s) => s.errors_5xx],
  ["hot_hold_http", "oversold = 0", (s) => s.oversold === 0, (s) => s.oversold],
  ["hot_hold_module", "ratio_to_baseline ≥ 0.70", (s) => s.ratio_to_baseline >= 0.7, (s) => s.ratio_to_baseline],
  ["hot_hold_module", "oversold = 0", (s) => s.oversold === 0, (s) => s.oversold],
  ["spread_hold_http", "ratio_to_baseline ≥ 0.40", (s) => s.ratio_to_baseline >= 0.4, (s) => s.ratio_to_baseline],
  ["spread_hold_http", "errors_5xx = 0, oversold = 0", (s) => s.errors_5xx === 0 && s.oversold === 0, (s) => `${s.errors_5xx}/${s.oversold}`],
  ["availability_http_1k", "ratio_to_baseline ≥ 0.30", (s) => s.ratio_to_baseline >= 0.3, (s) => s.ratio_to_baseline],
  ["availability_http_1k", "ratio_to_floor ≥ 1.2", (s) => s.ratio_to_floor >= 1.2, (s) => s.ratio_to_floor],
  ["availability_http_1m", "ratio_to_baseline ≥ 0.30", (s) => s.ratio_to_baseline >= 0.3, (s) => s.ratio_to_baseline],
  ["availability_http_1m", "p50 with 1M ≤ 1.3 × p50 with 1k", (s) => s.p50_vs_1k <= 1.3, (s) => `${s.p50_vs_1k}× at 32 clients; ${s.single_client_p50_vs_1k}× at 1 client; statement buffers ${s.statement_buffers_vs_1k}×`],
  ["departure_hold_http", "ratio_to_floor ≥ 1.0", (s) => s.ratio_to_floor >= 1.0, (s) => s.ratio_to_floor],
  ["departure_hold_http", "errors_5xx = 0, oversold = 0", (s) => s.errors_5xx === 0 && s.oversold === 0, (s) => `${s.errors_5xx}/${s.oversold}`],
  ["departure_availability_http", "ratio_to_floor ≥ 1.0", (s) => s.ratio_to_floor >= 1.0, (s) => s.ratio_to_floor],
  ["slots_http", "ratio_to_floor ≥ 1.2", (s) => s.ratio_to_floor >= 1.2, (s) => `${s.ratio_to_floor}; one client p50 ${s.single_client?.p50_ms} ms; statement ${s.statement_ms} ms`],
  ["appointment_hold_http", "ratio_to_floor ≥ 1.0", (s) => s.ratio_to_floor >= 1.0, (s) => s.ratio_to_floor],
  ["appointment_hold_http", "errors_5xx = 0, no overlap", (s) => s.errors_5xx === 0 && s.oversold === 0, (s) => `${s.errors_5xx}/${s.oversold}`],
  ["expiry_sweep", "ratio_to_baseline ≥ 0.50", (s) => s.ratio_to_baseline >= 0.5, (s) => s.ratio_to_baseline],
  ["expiry_sweep", "oversold = 0", (s) => s.oversold === 0, (s) => s.oversold],
  ["*", "peak RSS < 1 GB", null, null],
]

function evaluateTargets(scenarios) {
  const out = []
  for (const [name, target, test, value] of TARGETS) {
    if (name === "*") {
      const peaks = Object.values(scenarios).map((s) => s.peak_rss_mb).filter((x) => x != null)
      const max = peaks.length ? Math.max(...peaks) : null
      out.push({ scenario: "all", target, value: max === null ? null : `${max} MB`, met: max === null ? null : max < 1024 })
      continue
    }
    const s = scenarios[name]
    out.push({ scenario: name, target, value: s ? value(s) : "not measured", met: s ? Boolean(test(s)) : null })
  }
  return out
}

function printRow(name, s) {
  lib.log(
    `  ${name}: ${s.ops_per_s} ops/s, p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms, 5xx ${s.errors_5xx}, oversold ${s.oversold}` +
      (s.baseline ? `; baseline ${s.baseline.ops_per_s} ops/s (ratio ${s.ratio_to_baseline})` : "") +
      (s.peer ? `; peer ${s.peer.ops_per_s} ops/s (×${s.ratio_to_peer})` : "") +
      (s.call_p50_ms ? `; p50 per call ${JSON.stringify(s.call_p50_ms)}` : "")
  )
}

function printTable(results) {
  const head = ["scenario", "clients", "requests", "ops/s", "p50 ms", "p99 ms", "5xx", "oversold", "baseline ops/s", "ratio", "peer ops/s", "×peer", "×floor (×plain)", "RSS MB"]
  const rows = Object.entries(results.scenarios).map(([name, s]) => [
    name, s.clients, s.requests, s.ops_per_s, s.p50_ms, s.p99_ms, s.errors_5xx, s.oversold,
    s.baseline?.ops_per_s ?? "-", s.ratio_to_baseline ?? "-", s.peer?.ops_per_s ?? "-", s.ratio_to_peer ?? "-", s.ratio_to_floor ?? s.ratio_to_plain ?? "-", s.peak_rss_mb ?? "-",
  ])
  const table = [head, ...rows].map((r) => r.map((c) => String(c ?? "-")))
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)))
  const line = (r) => "| " + r.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |"
  console.log("\n" + line(table[0]))
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|")
  for (const r of table.slice(1)) console.log(line(r))
  for (const [name, why] of Object.entries(results.not_measured)) console.log(`| ${name}: ${why}`)
  console.log(`\nmachine: ${results.machine.cpus} CPUs, node ${results.machine.node}, PostgreSQL ${results.machine.postgres}, load ${results.machine.load_avg_at_start.join(" ")} → ${results.machine.load_avg_at_end.join(" ")}`)
  console.log("\ntargets (reported, never enforced):")
  for (const t of results.targets) {
    console.log(`  ${t.met === null ? "n/a    " : t.met ? "met    " : "NOT met"}  ${t.scenario}: ${t.target} (${t.value ?? "not measured"})`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
