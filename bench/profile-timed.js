#!/usr/bin/env node
"use strict"
/**
 * Where do the time-of-day routes spend their CPU? (docs/PERFORMANCE.md)
 *
 *   node bench/profile-timed.js [--reuse-build] [--requests=300]
 *
 * Starts the production build with `--cpu-prof` and the route/step timing
 * preload (bench/workflow-timing.js), makes the slots_http and
 * appointment_hold_http set-ups of bench/timed.js, then sends, one client at
 * a time: the 31-day slot search, appointment holds racing for one
 * resource (mostly 409), the variant availability of priced_availability_http
 * without and with prices, and GET /store/regions?limit=1 (the floor), and
 * prints per request: wall time, response bytes, the route's nested wall
 * times, and the CPU profile's self time by package and top functions.
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")
const timed = require("./timed")
const { summarizeProfile } = require("./profile")

const argv = process.argv.slice(2)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const REQUESTS = Number(opt("requests") || 300)

async function main() {
  await lib.buildApp({ reuse: argv.includes("--reuse-build") })
  const db = await lib.createDatabase("rb_bench_proftimed")
  const sql = await lib.pgClient(db.url)
  const profDir = path.join(lib.TMP, "prof-timed")
  fs.rmSync(profDir, { recursive: true, force: true })
  fs.mkdirSync(profDir, { recursive: true })
  const timingFile = path.join(lib.TMP, "timed-timing.json")
  const countFile = path.join(lib.TMP, "timed-query-count.json")
  const counts = () => JSON.parse(fs.readFileSync(countFile, "utf8"))
  fs.rmSync(timingFile, { force: true })
  const report = {}
  let server
  try {
    const setupFile = path.join(lib.TMP, `setup-${db.name}.json`)
    await lib.medusaExec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "proftimed-setup" })
    const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"))
    server = await lib.startServer({
      databaseUrl: db.url,
      name: "proftimed-server",
      env: {
        NODE_ARGS: `--require ${path.join(__dirname, "count-queries.js")} --require ${path.join(__dirname, "workflow-timing.js")} --cpu-prof --cpu-prof-dir=${profDir}`,
        RB_TIMING_FILE: timingFile,
        RB_QUERY_COUNT_FILE: countFile,
        RESOURCE_BOOKING_MAX_HOLDS_PER_CLIENT: "0",
      },
    })
    const port = server.port
    const pk = { "x-publishable-api-key": setup.publishable_key }
    const login = await lib.request({ port, method: "POST", path: "/auth/user/emailpass", body: { email: setup.admin.email, password: setup.admin.password } })
    const ctx = { port, pk, adminAuth: { authorization: `Bearer ${login.body.token}` }, sql }
    const autovacuum = (await sql.query("SHOW autovacuum")).rows[0].autovacuum
    const analyze = () => (autovacuum === "on" ? null : sql.query(`ANALYZE ${lib.LEDGER_TABLES}`))

    const id = (await lib.request({ port, method: "POST", path: "/admin/resources", headers: ctx.adminAuth, body: { type: "GUIDE", name: "prof month", booking_mode: "APPOINTMENT", appointment: timed.APPOINTMENT_SETTINGS } })).body.resource.id
    const from = lib.dayOffset(2)
    const to = lib.dayOffset(32)
    await timed.bookMonth(ctx, id, { first: from, days: 31, count: 1000 })
    await analyze()
    const race = (await lib.request({ port, method: "POST", path: "/admin/resources", headers: ctx.adminAuth, body: { type: "GUIDE", name: "prof race", booking_mode: "APPOINTMENT", appointment: { ...timed.APPOINTMENT_SETTINGS, units: 3, working_hours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [["00:00", "24:00"]]])), min_duration_minutes: 30, max_duration_minutes: 120, buffer_before_minutes: 15 } } })).body.resource.id

    // The priced_availability_http set-up of bench/run.js: the checkout variant with a season and a weekend rate.
    const variant = setup.checkout.variant_id
    for (const body of [
      { title: "Peak", prices: [{ currency_code: "aud", amount: 150 }], season: { from: lib.dayOffset(20), to: lib.dayOffset(50) } },
      { title: "Weekend", prices: [{ currency_code: "aud", amount: 130 }], weekdays: [0, 6] },
    ]) {
      await lib.request({ port, method: "POST", path: `/admin/product-variants/${variant}/rates`, headers: ctx.adminAuth, body })
    }
    const variantAvailability = `/store/product-variants/${variant}/resource-availability?from=${lib.dayOffset(2)}&to=${lib.dayOffset(91)}`
    const slotsPath = `/store/resources/${id}/slots?from=${from}&to=${to}&duration_minutes=60&quantity=1`
    let n = 0
    const ops = {
      floor: async () => lib.request({ port, path: "/store/regions?limit=1", headers: pk }),
      slots: async () => lib.request({ port, path: slotsPath, headers: pk }),
      variant_availability: async () => lib.request({ port, path: variantAvailability, headers: pk }),
      priced_availability: async () => lib.request({ port, path: `${variantAvailability}&currency_code=aud`, headers: pk }),
      appointment_hold: async () => {
        const q = Math.floor(Math.random() * 96 * 30)
        const minutes = (q % 96) * 15
        const start_time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`
        return lib.request({
          port, method: "POST", path: "/store/resource-holds", headers: pk,
          body: { resource_id: race, appointment: { date: lib.dayOffset(3 + Math.floor(q / 96)), start_time, duration_minutes: 30 + 15 * Math.floor(Math.random() * 7) }, quantity: 1, customer_email: `prof${n++}@example.com` },
        })
      },
    }
    // Warm up every route, and fill the race resource so most holds are refused.
    for (const op of Object.values(ops)) for (let i = 0; i < 100; i++) await op()
    for (let i = 0; i < 400; i++) await ops.appointment_hold()
    await analyze()

    const startedAt = Date.now()
    const windows = {}
    for (const [label, op] of Object.entries(ops)) {
      const before = lib.readTiming(timingFile)
      await lib.sleep(700)
      const countsBefore = counts()
      const t0 = Date.now()
      const times = []
      let bytes = 0
      const statuses = {}
      for (let i = 0; i < REQUESTS; i++) {
        const a = process.hrtime.bigint()
        const r = await op()
        times.push(Number(process.hrtime.bigint() - a) / 1e6)
        bytes += Buffer.byteLength(r.text || "")
        statuses[r.status] = (statuses[r.status] || 0) + 1
      }
      windows[label] = [t0, Date.now()]
      await lib.sleep(700)
      const timing = lib.timingDelta(before, lib.readTiming(timingFile), REQUESTS)
      const countsAfter = counts()
      const byKind = {}
      for (const [k, v] of Object.entries(countsAfter.by_kind)) {
        const d = v - (countsBefore.by_kind[k] || 0)
        if (d) byKind[k] = lib.round(d / REQUESTS, 2)
      }
      times.sort((x, y) => x - y)
      report[label] = {
        p50_ms: lib.round(times[Math.floor(times.length / 2)], 2),
        mean_ms: lib.round(times.reduce((x, y) => x + y, 0) / times.length, 2),
        bytes_per_response: Math.round(bytes / REQUESTS),
        statuses,
        round_trips_per_request: lib.round((countsAfter.queries - countsBefore.queries) / REQUESTS, 2),
        round_trips_by_kind: byKind,
        examples: Object.fromEntries(Object.keys(byKind).map((k) => [k, countsAfter.example_by_kind[k]])),
        pg_wait_ms_per_request: lib.round((countsAfter.wait_ms - countsBefore.wait_ms) / REQUESTS, 2),
        wall_ms_per_request: Object.fromEntries(Object.entries(timing).slice(0, 15).map(([k, v]) => [k, v.per_unit_ms])),
      }
      lib.log(`${label}: ${JSON.stringify(report[label])}`)
    }
    const spawnedAt = server.spawnedAt
    await server.stop()
    server = null
    const prof = fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile"))
    if (prof.length) {
      for (const [label, [a, b]] of Object.entries(windows)) {
        report[label].cpu_profile = summarizeProfile(path.join(profDir, prof[0]), a - spawnedAt, b - spawnedAt)
      }
    }
    report.started_at = startedAt
  } finally {
    if (server) await server.stop()
    await sql.end().catch(() => {})
    await db.drop().catch(() => {})
  }
  const outFile = path.join(lib.REPO_ROOT, "bench", "tmp", "profile-timed.json")
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2))
  console.log(JSON.stringify(report, null, 2))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
