#!/usr/bin/env node
"use strict"
/**
 * `npm run test:reliability`: correctness under concurrency, crashes and
 * hostile input, against the production build (integration-tests/harness,
 * the same build as the bench) and a fresh database rb_rel_<timestamp> (dropped at
 * the end). Each check prints what it did and ends with PASS or FAIL; the last
 * line is `N passed, N failed`; the exit code is non-zero on any failure.
 *
 *   npm run test:reliability                 full run
 *   npm run test:reliability -- --short      CI mode (also RELIABILITY_SHORT=1): fewer requests
 *   npm run test:reliability -- --only=fuzz,fuzz_routes,kill9
 *   npm run test:reliability -- --reuse-build
 *   npm run test:reliability -- --seed=42    fuzz seed (default 20261122)
 *   npm run test:reliability -- --only=octo_two_servers --octo-redis   the OCTo race with Redis modules
 *   npm run test:reliability -- --only=appointment_two_servers,departure_two_servers --redis[=url]
 *                                            appointments and departures on two servers with Redis modules
 *   npm run test:reliability -- --only=appointment_two_servers --sabotage=count|ledger|ledger+constraint
 *                                            the ledger's overlap check removed in the run's database: must FAIL
 *
 * Servers listen on free ports of 127.0.0.1. The two-server check runs with
 * REDIS_URL (default redis://127.0.0.1:6379/11: a database index of its own so
 * its queues never meet other Medusa servers on the same Redis). The OCTo
 * two-server check runs without it (Medusa's default in-process locking, as
 * `npm run demo` and many small shops run), unless --octo-redis.
 */
const fs = require("fs")
const path = require("path")
const lib = require("../harness")

/** The same build as the bench (harness app "server", admin disabled). */
const app = lib.app({ name: "server" })

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(`--${name}`)
const opt = (name) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1]
const SHORT = flag("short") || process.env.RELIABILITY_SHORT === "1"
const ONLY = opt("only") ? opt("only").split(",") : null
const SEED = Number(opt("seed") || process.env.RELIABILITY_SEED || 20261122)
const REDIS_URL = process.env.RELIABILITY_REDIS_URL || "redis://127.0.0.1:6379/11"
const N = SHORT
  ? { race: 300, sweepHolds: 600, killLoad: 400, fuzz: 2000, fuzzRoutes: 1000 }
  : { race: 1000, sweepHolds: 3000, killLoad: 2000, fuzz: 10_000, fuzzRoutes: 5000 }

const results = []
function report(name, ok, details) {
  results.push({ name, ok, details })
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}${details ? ` — ${details}` : ""}\n`)
}
const say = (...a) => console.log("   ", ...a)

/** Audit invariants per hold: one HOLD row per date, at most one RELEASE/EXPIRE per date, and what the status implies. */
async function auditPerHold(sql, resourceIds) {
  const { rows } = await sql.query(
    `WITH a AS (
       SELECT x.hold_id, x.date,
              count(*) FILTER (WHERE x.change_reason = 'HOLD') AS holds,
              count(*) FILTER (WHERE x.change_reason IN ('RELEASE', 'EXPIRE')) AS ends,
              count(*) FILTER (WHERE x.change_reason = 'CONFIRM') AS confirms
       FROM resource_capacity_audit x WHERE x.resource_id = ANY($1::text[]) AND x.hold_id IS NOT NULL
       GROUP BY 1, 2
     )
     SELECT h.id, h.status, h.dates::text[] AS dates,
            coalesce(json_agg(a.*) FILTER (WHERE a.hold_id IS NOT NULL), '[]') AS per_date,
            (SELECT count(*)::int FROM resource_allocation al WHERE al.hold_id = h.id) AS allocations
     FROM resource_hold h LEFT JOIN a ON a.hold_id = h.id
     WHERE h.resource_id = ANY($1::text[])
     GROUP BY h.id`,
    [resourceIds]
  )
  const problems = []
  for (const h of rows) {
    const per = new Map(h.per_date.map((d) => [d.date, d]))
    for (const date of h.dates) {
      const d = per.get(date) || { holds: 0, ends: 0, confirms: 0 }
      if (Number(d.holds) !== 1) problems.push(`${h.id} ${date}: ${d.holds} HOLD rows`)
      if (Number(d.ends) > 1) problems.push(`${h.id} ${date}: ${d.ends} RELEASE/EXPIRE rows`)
      if (h.status === "CONFIRMED" && Number(d.ends) !== 0) problems.push(`${h.id} ${date}: CONFIRMED but ${d.ends} RELEASE/EXPIRE rows`)
      if ((h.status === "EXPIRED" || h.status === "RELEASED") && Number(d.ends) !== 1)
        problems.push(`${h.id} ${date}: ${h.status} with ${d.ends} RELEASE/EXPIRE rows`)
      if (Number(d.confirms) > 1) problems.push(`${h.id} ${date}: ${d.confirms} CONFIRM rows`)
    }
    if (h.allocations > 1) problems.push(`${h.id}: ${h.allocations} allocations`)
  }
  return { holds: rows.length, problems }
}

async function deadlocks(sql) {
  const { rows } = await sql.query(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`)
  return rows[0].n
}

async function main() {
  await app.build({ reuse: flag("reuse-build") })
  const db = await app.createDatabase("rb_rel")
  const sql = await lib.pgClient(db.url)
  const setupFile = path.join(app.work, `setup-${db.name}.json`)
  await app.exec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "rel-setup" })
  const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"))
  const pk = { "x-publishable-api-key": setup.publishable_key }
  const wanted = (name) => !ONLY || ONLY.includes(name)
  const checks = [
    ["two_servers", twoServers],
    ["octo_two_servers", octoTwoServers],
    ["appointment_two_servers", appointmentTwoServers],
    ["departure_two_servers", departureTwoServers],
    ["parallel_sweeps", parallelSweeps],
    ["kill9", kill9],
    ["fuzz", fuzz],
    ["fuzz_routes", fuzzRoutes],
    ["expired_then_taken", expiredThenTaken],
  ]
  try {
    for (const [name, fn] of checks) {
      if (!wanted(name)) continue
      console.log(`== ${name}`)
      try {
        await fn({ db, sql, pk, setup })
      } catch (e) {
        report(name, false, `harness error: ${e.stack || e}`.slice(0, 1500))
      }
    }
  } finally {
    await stopBerlinServers()
    await sql.end().catch(() => {})
    if (!flag("keep-db")) await db.drop().catch((e) => console.log(`drop failed: ${e.message}`))
  }
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  const summary = { generated_at: new Date().toISOString(), mode: SHORT ? "short" : "full", seed: SEED, results }
  fs.mkdirSync(app.work, { recursive: true })
  fs.writeFileSync(path.join(app.work, `reliability-${SHORT ? "short" : "full"}.json`), JSON.stringify(summary, null, 2))
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
}

// ---------------------------------------------------------------- 1. two servers

/** True when a Redis answers PING at the URL's host:port. */
function redisAnswers(url) {
  const net = require("net")
  const u = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2000, () => done(false))
    socket.on("error", () => done(false))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (d) => done(String(d).startsWith("+PONG")))
  })
}

async function twoServers({ db, sql, pk }) {
  const redis = await redisAnswers(REDIS_URL)
  const name = `two servers (${redis ? "Redis modules on" : "no Redis reachable: in-memory modules"}), one database: race for capacity 10`
  const dates = [lib.dayOffset(5), lib.dayOffset(6), lib.dayOffset(7)]
  const [rid] = await lib.createResources(sql, { count: 1, prefix: "race", max: 10, fromOffset: 5, toOffset: 7 })
  say(`resource ${rid}: capacity 10 on ${dates.join(", ")}; starting two servers ${redis ? `with REDIS_URL=${REDIS_URL}` : "WITHOUT Redis (none answers at " + REDIS_URL + "; booking correctness does not depend on it)"}`)
  const deadlocksBefore = await deadlocks(sql)
  const servers = await Promise.all([
    app.start({ databaseUrl: db.url, env: redis ? { REDIS_URL } : {}, name: "rel-a" }),
    app.start({ databaseUrl: db.url, env: redis ? { REDIS_URL } : {}, name: "rel-b" }),
  ])
  try {
    const http = require("http")
    const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: Math.ceil(N.race / 2) }))
    say(`${N.race} concurrent POST /store/resource-holds (quantity 1, the same 3 dates), alternating servers`)
    const statuses = {}
    const created = []
    await Promise.all(
      Array.from({ length: N.race }, async (_, i) => {
        const s = i % 2
        let r
        try {
          r = await lib.request({
            port: servers[s].port,
            agent: agents[s],
            method: "POST",
            path: "/store/resource-holds",
            headers: pk,
            body: { resource_id: rid, dates: [...dates].sort(() => Math.random() - 0.5), quantity: 1, customer_email: `racer${i}@example.com` },
            timeoutMs: 120_000,
          })
        } catch (e) {
          r = { status: `error:${e.code || e.message}` }
        }
        statuses[r.status] = (statuses[r.status] || 0) + 1
        if (r.status === 201) created.push(r.body.resource_hold.id)
      })
    )
    agents.forEach((a) => a.destroy())
    say(`statuses: ${JSON.stringify(statuses)}`)
    const check = await lib.checkOversold(sql, { resourceIds: [rid] })
    const { rows: cap } = await sql.query(`SELECT date::text, available_capacity FROM resource_capacity WHERE resource_id = $1 ORDER BY date`, [rid])
    const { rows: act } = await sql.query(`SELECT count(*)::int AS n FROM resource_hold WHERE resource_id = $1 AND status = 'ACTIVE'`, [rid])
    const audit = await auditPerHold(sql, [rid])
    const dl = (await deadlocks(sql)) - deadlocksBefore
    const logs = servers.map((s) => fs.readFileSync(s.logFile, "utf8")).join("\n")
    const deadlockLogged = /deadlock detected/i.test(logs)
    say(`capacity after: ${cap.map((c) => `${c.date}=${c.available_capacity}`).join(", ")}; ACTIVE holds ${act[0].n}; deadlocks ${dl}${deadlockLogged ? " (in server logs)" : ""}`)
    const fiveXX = Object.entries(statuses).filter(([k]) => /^5/.test(k) || /^error/.test(k)).reduce((n, [, v]) => n + v, 0)
    const ok =
      created.length === 10 &&
      statuses[409] === N.race - 10 &&
      fiveXX === 0 &&
      check.oversold === 0 &&
      act[0].n === 10 &&
      cap.every((c) => c.available_capacity === 0) &&
      audit.problems.length === 0 &&
      dl === 0 &&
      !deadlockLogged
    report(name, ok, `${created.length} winners (want 10), ${statuses[409] || 0} × 409, ${fiveXX} 5xx/errors, oversold ${check.oversold}, audit problems ${audit.problems.length}${audit.problems.length ? ` e.g. ${audit.problems[0]}` : ""}, deadlocks ${dl}`)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

// ---------------------------------------------------------------- 1b. one OCTo booking confirmed on two servers

/**
 * A reseller's retrying client: 24 concurrent POST /octo/bookings/:uuid/confirm
 * for one reservation of 2 places, alternating between two server processes
 * on one database with Medusa's default in-process locking (no Redis). The
 * booking claim (a conditional UPDATE PostgreSQL decides) lets one of them
 * make the order; the others wait for it and answer the booking it confirmed.
 */
async function octoTwoServers({ db, sql, setup }) {
  const withRedis = flag("octo-redis")
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const name = `one OCTo reservation confirmed 24 times at once on two servers (${withRedis ? `REDIS_URL=${redisUrl}` : "in-process locking, no Redis"}): one order`
  const cfgFile = path.join(app.work, "rel-octo-key.json")
  const outFile = path.join(app.work, "rel-octo-key.out.json")
  fs.writeFileSync(cfgFile, JSON.stringify({ mode: "octo-key", sales_channel_id: setup.sales_channel_id }))
  await app.exec("./integration-tests/reliability/rel-exec.ts", [cfgFile, outFile], { databaseUrl: db.url, name: "rel-octo-key" })
  const { token } = JSON.parse(fs.readFileSync(outFile, "utf8"))
  const auth = { authorization: `Bearer ${token}` }
  say(`reseller key made; starting two servers ${withRedis ? `with REDIS_URL=${redisUrl}` : "WITHOUT Redis (in-process locking module)"}`)
  const env = withRedis ? { REDIS_URL: redisUrl } : {}
  const servers = await Promise.all([
    app.start({ databaseUrl: db.url, env, name: "rel-octo-a" }),
    app.start({ databaseUrl: db.url, env, name: "rel-octo-b" }),
  ])
  try {
    const call = (s, method, p, body) => lib.request({ port: servers[s].port, method, path: `/octo${p}`, headers: auth, body, timeoutMs: 120_000 })
    const variantId = setup.checkout.variant_id
    const products = await call(0, "GET", "/products")
    const product = (products.body || []).find((p) => p.options.some((o) => o.id === variantId))
    if (!product) throw new Error(`no OCTo product for ${variantId}: ${products.status} ${products.text.slice(0, 300)}`)
    const date = lib.dayOffset(9)
    const days = await call(0, "POST", "/availability", { productId: product.id, optionId: variantId, localDateStart: date, localDateEnd: date })
    const availabilityId = days.body?.[0]?.id
    const capacity = async () =>
      (await sql.query(`SELECT available_capacity FROM resource_capacity WHERE resource_id = $1 AND date = $2`, [setup.checkout.resource_id, date])).rows[0].available_capacity
    const before = await capacity()
    const uuid = require("crypto").randomUUID()
    const reserved = await call(0, "POST", "/bookings", { uuid, productId: product.id, optionId: variantId, availabilityId, unitItems: [{ unitId: "unit" }, { unitId: "unit" }] })
    if (reserved.status !== 200) throw new Error(`reservation answered ${reserved.status}: ${reserved.text.slice(0, 300)}`)
    say(`reservation ${uuid}: 2 places on ${date} (available ${before} before it); 24 concurrent confirms, alternating servers`)
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call(i % 2, "POST", `/bookings/${uuid}/confirm`, { resellerReference: `retry-${i}` }).catch((e) => ({ status: `error:${e.code || e.message}`, body: null }))
      )
    )
    const statuses = {}
    for (const a of answers) statuses[a.status] = (statuses[a.status] || 0) + 1
    const { rows: orders } = await sql.query(`SELECT id, status FROM "order" WHERE metadata->'octo'->>'uuid' = $1`, [uuid])
    const { rows: records } = await sql.query(`SELECT id, status, order_id, hold_ids, claim_token FROM octo_booking WHERE uuid = $1`, [uuid])
    const record = records[0]
    const { rows: allocations } = await sql.query(
      `SELECT id, order_id, resource_id, status FROM resource_allocation WHERE hold_id = ANY($1::text[]) OR order_id = ANY($2::text[])`,
      [record.hold_ids, orders.map((o) => o.id)]
    )
    const after = await capacity()
    const confirmed = answers.filter((a) => a.status === 200 && a.body?.status === "CONFIRMED")
    const sameBooking = confirmed.every(
      (a) => a.body.id === record.id && a.body.supplierReference === confirmed[0].body.supplierReference && a.body.utcConfirmedAt === confirmed[0].body.utcConfirmedAt
    )
    say(`statuses: ${JSON.stringify(statuses)}; orders ${orders.length}; allocations ${allocations.length}; record ${record.status} with order ${record.order_id}; available ${before} → ${after}`)
    const ok =
      confirmed.length === 24 &&
      sameBooking &&
      orders.length === 1 &&
      record.status === "CONFIRMED" &&
      record.order_id === orders[0].id &&
      record.claim_token === null &&
      allocations.length === 1 &&
      allocations[0].order_id === orders[0].id &&
      before - after === 2
    report(
      name,
      ok,
      `${confirmed.length}/24 answered CONFIRMED${sameBooking ? " with the one booking" : " (DIFFERENT bookings)"}, ${orders.length} order(s), ${allocations.length} allocation(s), capacity taken ${before - after} for 2 places`
    )
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
  }
}

// ---------------------------------------------------------------- 1c. appointments and departures on two servers

/** The Redis URL for a two-server scenario: --redis[=url] (else REDIS_URL, else db 12 of the local Redis), or none. */
function scenarioRedis() {
  const arg = argv.find((a) => a === "--redis" || a.startsWith("--redis="))
  if (!arg) return null
  return arg.includes("=") ? arg.slice("--redis=".length) : process.env.REDIS_URL || "redis://127.0.0.1:6379/12"
}

/**
 * Two servers on one database (Redis modules with --redis), in Europe/Berlin,
 * and an admin token: started once, shared by appointment_two_servers and
 * departure_two_servers (the boots are most of their time), stopped at the end
 * of the run (stopBerlinServers).
 */
let berlinPair = null
function twoBerlinServers(ctx) {
  berlinPair = berlinPair || startBerlinServers(ctx)
  return berlinPair
}
async function stopBerlinServers() {
  if (!berlinPair) return
  const pair = await berlinPair.catch(() => null)
  berlinPair = null
  if (pair) await Promise.all(pair.servers.map((s) => s.stop()))
}
async function startBerlinServers({ db, setup }) {
  const prefix = "rel-berlin"
  const redisUrl = scenarioRedis()
  if (redisUrl && !(await redisAnswers(redisUrl))) throw new Error(`--redis: nothing answers at ${redisUrl}`)
  const env = { RESOURCE_BOOKING_TIMEZONE: "Europe/Berlin", ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }
  const servers = await Promise.all([
    app.start({ databaseUrl: db.url, env, name: `${prefix}-a` }),
    app.start({ databaseUrl: db.url, env, name: `${prefix}-b` }),
  ])
  const login = await lib.request({ port: servers[0].port, method: "POST", path: "/auth/user/emailpass", body: { email: setup.admin.email, password: setup.admin.password } })
  if (login.status !== 200) throw new Error(`admin login answered ${login.status}`)
  return { servers, redisUrl, admin: { authorization: `Bearer ${login.body.token}` } }
}

/** A request that must succeed (status < 300). */
async function must(port, method, p, body, headers) {
  const r = await lib.request({ port, method, path: p, body, headers, timeoutMs: 60_000 })
  if (r.status >= 300) throw new Error(`${method} ${p} answered ${r.status}: ${r.text.slice(0, 300)}`)
  return r.body
}

/**
 * --sabotage=count|ledger|ledger+constraint (appointment_two_servers only, to
 * show the scenario fails without the guarantee): rewrites the ledger's
 * functions IN THIS RUN'S DATABASE ONLY (from pg_get_functiondef, never the
 * tree): `count` drops the SOLD_OUT test on the units taken over the window
 * from the decision (resource_booking_take_appointment_locked); `ledger` also
 * makes resource_booking_occupy take the lowest units without looking at
 * what overlaps (the ledger's whole overlap check gone, the exclusion
 * constraint left); `ledger+constraint` also drops excl_occupancy_unit.
 */
async function sabotageAppointments(sql, what) {
  const rewrite = async (name, from, to) => {
    const { rows } = await sql.query(`SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p WHERE p.proname = $1`, [name])
    const before = rows[0].def
    const after = before.replace(from, to)
    if (after === before) throw new Error(`sabotage: ${name} did not contain ${from}`)
    await sql.query(after)
  }
  await rewrite("resource_booking_take_appointment_locked", /WHEN \(r\.a->>'units'\)::int - t\.taken < i\.quantity THEN 'SOLD_OUT'/, "")
  if (what === "ledger" || what === "ledger+constraint") {
    await rewrite("resource_booking_occupy", /WHERE NOT EXISTS \(\s*SELECT 1 FROM resource_occupancy o\s*WHERE o\.resource_id = p_resource_id AND o\.unit = u AND o\.live AND o\.during && p_window\)/, "WHERE true")
  }
  if (what === "ledger+constraint") await sql.query(`ALTER TABLE resource_occupancy DROP CONSTRAINT excl_occupancy_unit`)
}

/**
 * Issue 18, "done when": 120 concurrent holds of random overlapping ranges
 * (seeded; 60/90/120 minutes on a 30-minute grid, 15-minute buffers before
 * and after) on one APPOINTMENT resource with 2 units, alternating between two
 * server processes on one database. Checked from SQL over the ACTIVE holds
 * (their ranges widened by the buffers, not the ledger's occupancy rows): at
 * no instant more than `units` overlap; per unit no two occupancy windows
 * overlap; one occupancy row per winner. Then the views agree: the admin
 * manifest's timeline (asked of server B) lists exactly the winners with the
 * windows of the SQL, and the store's slots (asked of server A, 60 and 120
 * minutes, quantity 1 and 2) are exactly the grid starts a model computed
 * from the admin timeline leaves free, with the same available_units.
 */
async function appointmentTwoServers(ctx) {
  const { sql } = ctx
  const sabotage = opt("sabotage")
  if (sabotage) {
    await sabotageAppointments(sql, sabotage)
    say(`SABOTAGE (${sabotage}): the ledger's functions in this run's database were rewritten; this check is expected to FAIL`)
  }
  const UNITS = 2
  const BUFFER = 15
  const { servers, redisUrl, admin } = await twoBerlinServers(ctx)
  const name = `120 concurrent holds of random overlapping ranges on one APPOINTMENT resource (2 units, buffers) on two servers (${redisUrl ? `REDIS_URL=${redisUrl}` : "no Redis"})${sabotage ? ` [sabotage ${sabotage}]` : ""}`
  try {
    const [a, b] = servers.map((s) => s.port)
    const settings = {
      working_hours: Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["09:00", "17:00"]]])),
      slot_minutes: 30,
      min_duration_minutes: 60,
      max_duration_minutes: 120,
      buffer_before_minutes: BUFFER,
      buffer_after_minutes: BUFFER,
      units: UNITS,
    }
    const { resource } = await must(a, "POST", "/admin/resources", { type: "GUIDE", name: `Reliability guide ${Date.now()}`, booking_mode: "APPOINTMENT", appointment: settings }, admin)
    const date = lib.addDays(lib.todayIn("Europe/Berlin"), 12)
    const grid = Array.from({ length: 13 }, (_, i) => `${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`) // 09:00 … 15:00
    let seed = SEED
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const requests = Array.from({ length: 120 }, (_, i) => ({ start_time: grid[Math.floor(random() * grid.length)], duration_minutes: [60, 90, 120][Math.floor(random() * 3)], i }))
    say(`resource ${resource.id} (units ${UNITS}, buffers ${BUFFER}/${BUFFER} min) on ${date} (Europe/Berlin); 120 holds (seed ${SEED}) all in flight at once, alternating servers`)
    const http = require("http")
    const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: 60 }))
    const statuses = {}
    const refusals = []
    const won = []
    const started = Date.now()
    await Promise.all(
      requests.map(async (q) => {
        let r
        try {
          r = await lib.request({
            port: servers[q.i % 2].port,
            agent: agents[q.i % 2],
            method: "POST",
            path: "/store/resource-holds",
            headers: ctx.pk,
            body: { resource_id: resource.id, appointment: { date, start_time: q.start_time, duration_minutes: q.duration_minutes }, quantity: 1, customer_email: `appt${q.i}@example.com` },
            timeoutMs: 120_000,
          })
        } catch (e) {
          r = { status: `error:${e.code || e.message}`, text: "" }
        }
        statuses[r.status] = (statuses[r.status] || 0) + 1
        if (r.status === 201) won.push(r.body.resource_hold)
        else if (r.status !== 409 && refusals.length < 3) refusals.push(`${r.status} ${String(r.text).slice(0, 200)}`)
        else if (r.status === 409 && !String(r.body?.message).includes(`${date} ${q.start_time}`) && refusals.length < 3) refusals.push(`409 not naming the range: ${r.text.slice(0, 200)}`)
      })
    )
    agents.forEach((x) => x.destroy())
    say(`statuses: ${JSON.stringify(statuses)} in ${Date.now() - started} ms`)
    for (const x of refusals) say(`unexpected answer: ${x}`)

    // SQL over the holds: each ACTIVE hold's range widened by the buffers.
    const { rows: [over] } = await sql.query(
      `WITH w AS (
         SELECT id, tstzrange(starts_at - make_interval(mins => $2), ends_at + make_interval(mins => $2), '[)') AS during, quantity
         FROM resource_hold WHERE resource_id = $1 AND status = 'ACTIVE')
       SELECT count(*)::int AS holds,
              coalesce(max((SELECT sum(y.quantity) FROM w y WHERE y.during @> lower(x.during))), 0)::int AS most_at_once
       FROM w x`,
      [resource.id, BUFFER]
    )
    const { rows: [units] } = await sql.query(
      `SELECT count(*)::int AS rows,
              count(DISTINCT o.hold_id)::int AS holds,
              (SELECT count(*)::int FROM resource_occupancy x JOIN resource_occupancy y
                 ON x.resource_id = y.resource_id AND x.unit = y.unit AND x.id < y.id AND x.during && y.during
               WHERE x.resource_id = $1 AND x.live AND y.live) AS same_unit_overlaps,
              count(*) FILTER (WHERE h.status <> 'ACTIVE')::int AS not_active,
              count(*) FILTER (WHERE o.during <> tstzrange(h.starts_at - make_interval(mins => $2), h.ends_at + make_interval(mins => $2), '[)'))::int AS wrong_window
       FROM resource_occupancy o JOIN resource_hold h ON h.id = o.hold_id
       WHERE o.resource_id = $1 AND o.live`,
      [resource.id, BUFFER]
    )
    say(`SQL: ${over.holds} ACTIVE holds, at most ${over.most_at_once} at once (buffers included, units ${UNITS}); occupancy rows ${units.rows} for ${units.holds} holds, same-unit overlaps ${units.same_unit_overlaps}, windows not the hold's range ± buffers ${units.wrong_window}`)

    // The admin's view (server B) and the store's (server A).
    const manifest = (await must(b, "GET", `/admin/resources/${resource.id}/manifest?date=${date}`, undefined, admin)).manifest
    const timeline = manifest.units.flatMap((u) => u.bookings.map((x) => ({ unit: u.unit, hold_id: x.hold_id, a: Date.parse(x.window_starts_at), b: Date.parse(x.window_ends_at) })))
    const wonIds = won.map((h) => h.id).sort()
    const manifestIds = timeline.map((x) => x.hold_id).sort()
    const manifestAgrees = JSON.stringify(wonIds) === JSON.stringify(manifestIds)
    const windowsAgree = won.every((h) => {
      const t = timeline.find((x) => x.hold_id === h.id)
      return t && t.a === Date.parse(h.starts_at) - BUFFER * 60000 && t.b === Date.parse(h.ends_at) + BUFFER * 60000
    })
    let slotMismatches = []
    let slotsCompared = 0
    for (const duration of [60, 120]) {
      for (const quantity of [1, 2]) {
        const got = (await must(a, "GET", `/store/resources/${resource.id}/slots?from=${date}&to=${date}&duration_minutes=${duration}&quantity=${quantity}`, undefined, ctx.pk)).slots.dates[0].slots
        const offered = new Map(got.map((s) => [s.start_time, s]))
        // Every start on the grid whose range fits the hours; free units from the admin timeline.
        const starts = grid.concat(["15:30", "16:00"]).filter((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) + duration <= 17 * 60)
        for (const t of starts) {
          const from = Date.parse(`${date}T${t}:00${berlinOffset(date, t)}`) - BUFFER * 60000
          const to = from + (duration + 2 * BUFFER) * 60000
          const free = manifest.units.filter((u) => !timeline.some((x) => x.unit === u.unit && x.a < to && from < x.b)).length
          const s = offered.get(t)
          slotsCompared++
          if ((free >= quantity) !== Boolean(s) || (s && s.available_units !== free)) {
            slotMismatches.push(`${duration} min × ${quantity} at ${t}: admin timeline leaves ${free} free, store ${s ? `offers it with ${s.available_units}` : "does not offer it"}`)
          }
        }
      }
    }
    say(`views: admin manifest (server B) lists ${manifestIds.length} bookings, ${manifestAgrees ? "exactly the winners" : "NOT the winners"}, windows ${windowsAgree ? "= hold ranges ± buffers" : "DIFFER"}; store slots (server A) agree with the admin timeline on ${slotsCompared - slotMismatches.length}/${slotsCompared} (start, duration, quantity)`)
    for (const m of slotMismatches.slice(0, 3)) say(`mismatch: ${m}`)
    const fiveXX = Object.entries(statuses).filter(([k]) => !["201", "409"].includes(k)).reduce((n, [, v]) => n + v, 0)
    const ok =
      won.length > UNITS &&
      fiveXX === 0 &&
      refusals.length === 0 &&
      over.holds === won.length &&
      over.most_at_once <= UNITS &&
      units.rows === won.length &&
      units.holds === won.length &&
      units.same_unit_overlaps === 0 &&
      units.not_active === 0 &&
      units.wrong_window === 0 &&
      manifestAgrees &&
      windowsAgree &&
      slotMismatches.length === 0
    report(
      name,
      ok,
      `${won.length} winners, ${statuses[409] || 0} × 409, ${fiveXX} other answers; at most ${over.most_at_once} at once (units ${UNITS}), same-unit overlaps ${units.same_unit_overlaps}; manifest ${manifestAgrees && windowsAgree ? "agrees" : "DISAGREES"}; slots ${slotMismatches.length} mismatches of ${slotsCompared}`
    )
  } catch (e) {
    await stopBerlinServers()
    throw e
  }
}

/** The UTC offset (`+01:00`/`+02:00`) of a local Berlin time on a date (Intl's zone database). */
function berlinOffset(date, time) {
  const offsetAt = (ms) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", timeZoneName: "longOffset" })
      .formatToParts(new Date(ms))
      .find((p) => p.type === "timeZoneName")
      .value.replace("GMT", "") || "+00:00"
  const first = offsetAt(Date.parse(`${date}T${time}:00+01:00`))
  return offsetAt(Date.parse(`${date}T${time}:00${first}`))
}

/**
 * Issue 17, "done when", over HTTP on two servers: 100 concurrent one-seat
 * holds on a departure of 5 (07:00; a 16:30 departure beside it), alternating
 * servers → exactly 5 × 201, 95 × 409 naming the departure; both servers'
 * availability agree (07:00 → 0, 16:30 → 5); in SQL the 07:00 row's
 * available capacity is max − the ACTIVE holds' seats, one HOLD audit row per
 * winner, the 16:30 row untouched.
 */
async function departureTwoServers(ctx) {
  const { sql } = ctx
  const { servers, redisUrl, admin } = await twoBerlinServers(ctx)
  const name = `100 concurrent one-seat holds on a departure of 5 on two servers (${redisUrl ? `REDIS_URL=${redisUrl}` : "no Redis"}): exactly 5`
  try {
    const [a, b] = servers.map((s) => s.port)
    const date = lib.addDays(lib.todayIn("Europe/Berlin"), 13)
    const { resource } = await must(a, "POST", "/admin/resources", { type: "TOUR", name: `Reliability sailing ${Date.now()}`, booking_mode: "DEPARTURE" }, admin)
    await must(b, "POST", `/admin/resources/${resource.id}/capacity`, { from: date, to: date, start_times: ["07:00", "16:30"], duration_minutes: 60, max_capacity: 5 }, admin)
    say(`resource ${resource.id}: departures 07:00 and 16:30 on ${date}, 5 seats each; 100 holds of one seat on 07:00, all in flight at once, alternating servers`)
    const http = require("http")
    const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: 50 }))
    const statuses = {}
    const odd = []
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        let r
        try {
          r = await lib.request({
            port: servers[i % 2].port,
            agent: agents[i % 2],
            method: "POST",
            path: "/store/resource-holds",
            headers: ctx.pk,
            body: { resource_id: resource.id, departures: [{ date, start_time: "07:00" }], quantity: 1, customer_email: `dep${i}@example.com` },
            timeoutMs: 120_000,
          })
        } catch (e) {
          r = { status: `error:${e.code || e.message}`, text: "" }
        }
        statuses[r.status] = (statuses[r.status] || 0) + 1
        if (r.status !== 201 && !(r.status === 409 && String(r.body?.message).includes(`${date} 07:00`)) && odd.length < 3) odd.push(`${r.status} ${String(r.text).slice(0, 200)}`)
      })
    )
    agents.forEach((x) => x.destroy())
    say(`statuses: ${JSON.stringify(statuses)}`)
    for (const x of odd) say(`unexpected answer: ${x}`)
    const views = await Promise.all(
      [a, b].map(async (port) =>
        (await must(port, "GET", `/store/resources/${resource.id}/availability?from=${date}&to=${date}`, undefined, ctx.pk)).availability.dates[0].departures.map((d) => `${d.start_time}=${d.available_capacity}`).join(",")
      )
    )
    const { rows: cap } = await sql.query(
      `SELECT c.start_time::text AS start_time, c.max_capacity, c.available_capacity,
              (SELECT coalesce(sum(h.quantity), 0)::int FROM resource_hold h WHERE h.resource_id = c.resource_id AND h.status = 'ACTIVE') AS held,
              (SELECT count(*)::int FROM resource_capacity_audit x WHERE x.resource_id = c.resource_id AND x.capacity_id = c.id AND x.change_reason = 'HOLD') AS hold_rows
       FROM resource_capacity c WHERE c.resource_id = $1 ORDER BY c.start_time`,
      [resource.id]
    )
    say(`availability on server A: ${views[0]}; on server B: ${views[1]}; SQL: ${cap.map((c) => `${c.start_time.slice(0, 5)} ${c.available_capacity}/${c.max_capacity} (HOLD audit rows ${c.hold_rows})`).join(", ")}; ACTIVE seats ${cap[0]?.held}`)
    const [seven, sunset] = cap
    const ok =
      statuses[201] === 5 &&
      statuses[409] === 95 &&
      odd.length === 0 &&
      views[0] === "07:00=0,16:30=5" &&
      views[1] === views[0] &&
      seven.available_capacity === 0 &&
      seven.max_capacity - seven.available_capacity === seven.held &&
      seven.hold_rows === 5 &&
      sunset.available_capacity === 5 &&
      sunset.hold_rows === 0
    report(name, ok, `${statuses[201] || 0} × 201 (want 5), ${statuses[409] || 0} × 409; 07:00 ${seven.available_capacity}/${seven.max_capacity}, 16:30 ${sunset.available_capacity}/${sunset.max_capacity}; views ${views[0] === views[1] ? "agree" : "DIFFER"}`)

    await crossingDepartureGroups(ctx, { servers, admin, redisUrl })
  } finally {
    await stopBerlinServers()
  }
}

/**
 * Crossing departure groups over HTTP on two servers: two variants, each
 * linked to the same two DEPARTURE resources in the other order (A ×1 then
 * B ×2, and B ×2 then A ×1), 6 seats on each departure; 60 cart bookings of
 * two departures (07:00 on one date, 16:30 on the next), alternating variants
 * and servers, all in flight at once → exactly 3 groups (B's 6 seats / 2),
 * every group whole (a hold on A and one on B), no deadlock, no 5xx.
 */
async function crossingDepartureGroups(ctx, { servers, admin, redisUrl }) {
  const { sql, setup, pk } = ctx
  const name = `crossing departure groups: 60 cart bookings of two linked DEPARTURE resources in both orders on two servers (${redisUrl ? `REDIS_URL=${redisUrl}` : "no Redis"}): 3 whole groups`
  const [a, b] = servers.map((s) => s.port)
  const d1 = lib.addDays(lib.todayIn("Europe/Berlin"), 15)
  const d2 = lib.addDays(d1, 1)
  const resources = []
  for (const label of ["boat", "guide"]) {
    const { resource } = await must(a, "POST", "/admin/resources", { type: "TOUR", name: `Crossing ${label} ${Date.now()}`, booking_mode: "DEPARTURE" }, admin)
    await must(b, "POST", `/admin/resources/${resource.id}/capacity`, { from: d1, to: d2, start_times: ["07:00", "16:30"], duration_minutes: 90, max_capacity: 6 }, admin)
    resources.push(resource.id)
  }
  const [ra, rb] = resources
  const variants = []
  for (const order of [[[ra, 1], [rb, 2]], [[rb, 2], [ra, 1]]]) {
    const { product } = await must(
      a,
      "POST",
      "/admin/products",
      {
        title: `Crossing tour ${variants.length} ${Date.now()}`,
        status: "published",
        options: [{ title: "Booking", values: ["Seat"] }],
        variants: [{ title: "Seat", options: { Booking: "Seat" }, manage_inventory: false, prices: [{ amount: 40, currency_code: "aud" }] }],
        sales_channels: [{ id: setup.sales_channel_id }],
      },
      admin
    )
    const variantId = product.variants[0].id
    for (const [resourceId, units] of order) await must(b, "POST", `/admin/product-variants/${variantId}/resources`, { resource_id: resourceId, units }, admin)
    variants.push(variantId)
  }
  const departures = [{ date: d1, start_time: "07:00" }, { date: d2, start_time: "16:30" }]
  const carts = []
  for (let i = 0; i < 60; i += 10) {
    carts.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, async (_, k) =>
          (await must(servers[(i + k) % 2].port, "POST", "/store/carts", { region_id: setup.checkout.region_id, sales_channel_id: setup.sales_channel_id, email: `cross${i + k}@example.com` }, pk)).cart.id
        )
      ))
    )
  }
  say(`resources A ${ra}, B ${rb} (6 seats on 07:00 ${d1} and 16:30 ${d2}); variants ${variants.join(", ")} link them A×1+B×2 and B×2+A×1; 60 cart bookings of both departures at once`)
  const deadlocksBefore = await deadlocks(sql)
  const statuses = {}
  const odd = []
  await Promise.all(
    carts.map(async (cartId, i) => {
      let r
      try {
        r = await lib.request({
          port: servers[i % 2].port,
          method: "POST",
          path: `/store/carts/${cartId}/resource-bookings`,
          headers: pk,
          body: { variant_id: variants[Math.floor(i / 2) % 2], departures, quantity: 1 },
          timeoutMs: 120_000,
        })
      } catch (e) {
        r = { status: `error:${e.code || e.message}`, text: "" }
      }
      statuses[r.status] = (statuses[r.status] || 0) + 1
      if (r.status !== 200 && r.status !== 409 && odd.length < 3) odd.push(`${r.status} ${String(r.text).slice(0, 200)}`)
    })
  )
  const { rows: groups } = await sql.query(
    `SELECT group_id, count(*)::int AS n, array_agg(resource_id ORDER BY resource_id) AS resources, sum(quantity)::int AS seats
     FROM resource_hold WHERE resource_id = ANY($1::text[]) AND status = 'ACTIVE' GROUP BY 1`,
    [[ra, rb]]
  )
  const { rows: cap } = await sql.query(
    `SELECT resource_id, date::text, start_time::text, max_capacity, available_capacity FROM resource_capacity
     WHERE resource_id = ANY($1::text[]) ORDER BY resource_id, date, start_time`,
    [[ra, rb]]
  )
  const taken = (rid, date, time) => {
    const row = cap.find((c) => c.resource_id === rid && c.date === date && c.start_time.startsWith(time))
    return row ? row.max_capacity - row.available_capacity : NaN
  }
  const dl = (await deadlocks(sql)) - deadlocksBefore
  const whole = groups.every((g) => g.n === 2 && g.resources.length === 2 && g.seats === 3)
  say(`statuses: ${JSON.stringify(statuses)}; ACTIVE groups ${groups.length} (${whole ? "each a hold on A ×1 and on B ×2" : "NOT WHOLE"}); taken A ${taken(ra, d1, "07:00")}/${taken(ra, d2, "16:30")}, B ${taken(rb, d1, "07:00")}/${taken(rb, d2, "16:30")} (07:00 ${d1} / 16:30 ${d2}); untouched A 16:30 ${d1}: ${taken(ra, d1, "16:30")}; deadlocks ${dl}`)
  for (const x of odd) say(`unexpected answer: ${x}`)
  const ok =
    statuses[200] === 3 &&
    statuses[409] === 57 &&
    groups.length === 3 &&
    whole &&
    taken(ra, d1, "07:00") === 3 &&
    taken(ra, d2, "16:30") === 3 &&
    taken(rb, d1, "07:00") === 6 &&
    taken(rb, d2, "16:30") === 6 &&
    taken(ra, d1, "16:30") === 0 &&
    dl === 0
  report(name, ok, `${statuses[200] || 0} × 200 (want 3), ${statuses[409] || 0} × 409, groups ${groups.length} ${whole ? "whole" : "NOT whole"}, deadlocks ${dl}`)
}

// ---------------------------------------------------------------- 2. parallel sweeps

async function parallelSweeps({ db, sql }) {
  const name = "four parallel expiry sweeps racing confirms and releases"
  const ids = await lib.createResources(sql, { count: 20, prefix: "sweeprace", max: 1000, fromOffset: 2, toOffset: 40 })
  const count = N.sweepHolds
  const startAt = Date.now() + (SHORT ? 30_000 : 35_000)
  say(`${count} ACTIVE holds on 20 resources (SQL, with their HOLD audit rows and capacity taken), expiring from 3 s before to 3 s after the race starts`)
  await sql.query("BEGIN; SELECT set_config('resource_booking.audited', 'on', true)")
  const { rows: holds } = await sql.query(
    `INSERT INTO resource_hold (id, resource_id, dates, quantity, customer_email, idempotency_token, status, expires_at, created_at, updated_at)
     SELECT 'rhold_' || md5(random()::text || g::text), ($1::text[])[1 + (g % 20)],
            ARRAY[(current_date + 3 + (g % 25))::date, (current_date + 4 + (g % 25))::date], 1 + (g % 2),
            'sweep@example.com', 'sweeprace_' || md5(random()::text || g::text), 'ACTIVE',
            to_timestamp($3::double precision / 1000) + interval '1 millisecond' * ((g * 7919) % 6000 - 3000),
            now() - interval '1 hour', now() - interval '1 hour'
     FROM generate_series(1, $2::int) AS g RETURNING id`,
    [ids, count, startAt]
  )
  await sql.query(
    `WITH t AS (SELECT h.resource_id, d AS date, sum(h.quantity)::int AS q FROM resource_hold h, unnest(h.dates) d
                WHERE h.resource_id = ANY($1::text[]) AND h.status = 'ACTIVE' GROUP BY 1, 2),
     u AS (UPDATE resource_capacity c SET available_capacity = c.max_capacity - t.q FROM t
           WHERE c.resource_id = t.resource_id AND c.date = t.date RETURNING c.id)
     INSERT INTO resource_capacity_audit (id, capacity_id, resource_id, date, old_available, new_available, old_max, new_max,
                                          change_reason, hold_id, changed_at)
     SELECT 'raud_' || replace(gen_random_uuid()::text, '-', ''), c.id, h.resource_id, d, NULL, NULL, c.max_capacity, c.max_capacity,
            'HOLD', h.id, now() - interval '1 hour'
     FROM resource_hold h, unnest(h.dates) d, resource_capacity c
     WHERE h.resource_id = ANY($1::text[]) AND c.resource_id = h.resource_id AND c.date = d AND (SELECT count(*) FROM u) >= 0`,
    [ids]
  )
  await sql.query("COMMIT")
  const shuffled = holds.map((h) => h.id).sort(() => Math.random() - 0.5)
  const confirmIds = shuffled.slice(0, Math.floor(count / 4))
  const releaseIds = shuffled.slice(Math.floor(count / 4), Math.floor(count / 2))
  say(`starting 4 sweep processes (expire-resource-holds workflow, batch 50) and 1 racer (${confirmIds.length} confirms, ${releaseIds.length} releases); all begin at the same instant`)
  const run = (cfg, i) => {
    const cfgFile = path.join(app.work, `rel-${cfg.mode}-${i}.json`)
    const outFile = path.join(app.work, `rel-${cfg.mode}-${i}.out.json`)
    fs.rmSync(outFile, { force: true })
    fs.writeFileSync(cfgFile, JSON.stringify({ ...cfg, start_at: startAt }))
    return app.execAsync("./integration-tests/reliability/rel-exec.ts", [cfgFile, outFile], { databaseUrl: db.url }).then((r) => ({
      ...r,
      result: fs.existsSync(outFile) ? JSON.parse(fs.readFileSync(outFile, "utf8")) : null,
    }))
  }
  const deadlocksBefore = await deadlocks(sql)
  const procs = await Promise.all([
    ...[0, 1, 2, 3].map((i) => run({ mode: "sweep", batch_size: 50, max_seconds: 180, min_seconds: 5 }, i)),
    run({ mode: "race", confirm_ids: confirmIds, release_ids: releaseIds, concurrency: 8 }, 0),
  ])
  if (Date.now() < startAt) say("warning: processes finished before the common start (boot slower than the start delay?)")
  const failedProcs = procs.filter((p) => p.code !== 0 || !p.result)
  for (const p of failedProcs) say(`process failed (exit ${p.code}): ${p.out.slice(-800)}`)
  const sweeps = procs.slice(0, 4).map((p) => p.result?.expired ?? [])
  const allExpired = sweeps.flat()
  const dupExpired = allExpired.length - new Set(allExpired).size
  const race = procs[4].result?.outcomes ?? []
  const raceErrors = race.filter((o) => !o.ok)
  const unexpectedErrors = raceErrors.filter((o) => !(o.kind === "release" && /CONFIRMED/.test(o.error)))
  say(`sweeps expired ${sweeps.map((s) => s.length).join(" + ")} = ${allExpired.length} (duplicates ${dupExpired}); racer: ${race.length} calls, ${raceErrors.length} refused (${unexpectedErrors.length} unexpected)`)
  const { rows: left } = await sql.query(`SELECT status, count(*)::int AS n FROM resource_hold WHERE resource_id = ANY($1::text[]) GROUP BY 1 ORDER BY 1`, [ids])
  say(`hold statuses after: ${left.map((r) => `${r.status}=${r.n}`).join(", ")}`)
  const audit = await auditPerHold(sql, ids)
  const check = await lib.checkOversold(sql, { resourceIds: ids })
  const { rows: dupAlloc } = await sql.query(
    `SELECT count(*)::int AS n FROM (SELECT hold_id FROM resource_allocation WHERE resource_id = ANY($1::text[]) GROUP BY hold_id HAVING count(*) > 1) x`,
    [ids]
  )
  const stillActive = left.find((r) => r.status === "ACTIVE")?.n ?? 0
  const dl = (await deadlocks(sql)) - deadlocksBefore
  const ok =
    failedProcs.length === 0 && dupExpired === 0 && unexpectedErrors.length === 0 && audit.problems.length === 0 &&
    check.oversold === 0 && dupAlloc[0].n === 0 && stillActive === 0 && dl === 0
  report(
    name,
    ok,
    `${audit.holds} holds, audit problems ${audit.problems.length}${audit.problems.length ? ` e.g. ${audit.problems.slice(0, 3).join("; ")}` : ""}, oversold rows ${check.oversold}, double-expired ${dupExpired}, double allocations ${dupAlloc[0].n}, left ACTIVE ${stillActive}, unexpected racer errors ${unexpectedErrors.length}${unexpectedErrors.length ? ` e.g. ${unexpectedErrors[0].error}` : ""}, deadlocks ${dl}`
  )
}

// ---------------------------------------------------------------- 3. kill -9

async function kill9({ db, sql, pk }) {
  const name = "kill -9 of a server in the middle of a hold load, then restart"
  const ids = await lib.createResources(sql, { count: 10, prefix: "crash", max: 40, fromOffset: 2, toOffset: 20 })
  let server = await app.start({ databaseUrl: db.url, name: "rel-kill" })
  const statuses = {}
  let killed = false
  say(`${N.killLoad} hold requests (32 clients) on 10 resources with capacity 40; the server is killed with SIGKILL after ~40% of them`)
  const killAt = Math.floor(N.killLoad * 0.4)
  let sent = 0
  const http = require("http")
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 })
  const load = lib.runLoad({
    clients: 32,
    requests: N.killLoad,
    maxSeconds: 60,
    op: async () => {
      if (++sent === killAt && !killed) {
        killed = true
        await server.kill9()
        say(`killed server pid ${server.pid} at request ${killAt}`)
      }
      if (killed) return "skipped-after-kill"
      const start = 2 + Math.floor(Math.random() * 15)
      try {
        const r = await lib.request({
          port: server.port,
          agent,
          method: "POST",
          path: "/store/resource-holds",
          headers: pk,
          body: { resource_id: ids[Math.floor(Math.random() * ids.length)], dates: [0, 1, 2].map((k) => lib.dayOffset(start + k)), quantity: 1 + Math.floor(Math.random() * 3), customer_email: "crash@example.com" },
          timeoutMs: 20_000,
        })
        return r.status
      } catch (e) {
        return "connection-error"
      }
    },
  })
  const stats = await load
  agent.destroy()
  Object.assign(statuses, stats.statuses)
  say(`statuses: ${JSON.stringify(statuses)}`)
  // Backends of the killed process end when PostgreSQL notices the closed sockets.
  let lingering = -1
  for (let i = 0; i < 40; i++) {
    const { rows } = await sql.query(
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND a.datname = current_database()`
    )
    lingering = rows[0].n
    if (lingering === 0) break
    await lib.sleep(250)
  }
  server = await app.start({ databaseUrl: db.url, name: "rel-kill-restart" })
  try {
    const after = await lib.request({
      port: server.port,
      method: "POST",
      path: "/store/resource-holds",
      headers: pk,
      body: { resource_id: ids[0], dates: [lib.dayOffset(18)], quantity: 1, customer_email: "after@example.com" },
    })
    const check = await lib.checkOversold(sql, { resourceIds: ids })
    const audit = await auditPerHold(sql, ids)
    const fiveXX = Object.keys(statuses).filter((k) => /^5/.test(k)).reduce((n, k) => n + statuses[k], 0)
    say(`after restart: new hold ${after.status}; advisory locks left ${lingering}; oversold rows ${check.oversold} of ${check.rows}; audit problems ${audit.problems.length}`)
    const ok = killed && after.status === 201 && check.oversold === 0 && audit.problems.length === 0 && lingering === 0 && fiveXX === 0
    report(name, ok, `killed ${killed}, 5xx before the kill ${fiveXX}, capacity rows checked ${check.rows}, leaked/oversold ${check.oversold}, audit problems ${audit.problems.length}, restart hold ${after.status}`)
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------- 4. fuzz

async function fuzz({ db, sql, pk }) {
  const name = `property-based fuzz: ${N.fuzz} malformed store requests (fast-check, seed ${SEED})`
  const fc = require("fast-check")
  const [rid] = await lib.createResources(sql, { count: 1, prefix: "fuzz", max: 5, fromOffset: 2, toOffset: 30 })
  const server = await app.start({ databaseUrl: db.url, name: "rel-fuzz" })
  try {
    // A real hold to aim releases/reads at (it is part of the "before" state).
    const made = await lib.request({ port: server.port, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: rid, dates: [lib.dayOffset(4)], quantity: 1, customer_email: "fuzz@example.com", idempotency_token: "fuzz-token" } })
    const holdId = made.body?.resource_hold?.id
    const snapshot = async () => {
      const { rows } = await sql.query(
        `SELECT (SELECT md5(string_agg(resource_id || date || ':' || max_capacity || '/' || available_capacity, ',' ORDER BY resource_id, date)) FROM resource_capacity) AS cap,
                (SELECT count(*)::int FROM resource_hold) AS holds,
                (SELECT md5(string_agg(id || status, ',' ORDER BY id)) FROM resource_hold) AS hold_states,
                (SELECT count(*)::int FROM resource_capacity_audit) AS audit`
      )
      return rows[0]
    }
    const before = await snapshot()

    const validDate = lib.dayOffset(6)
    const validDateOf = () => validDate
    const badDate = fc.oneof(
      fc.constantFrom("2020-01-01", "2026-02-30", "not-a-date", "", "9999-99-99", "2026-13-01", " 2027-01-01", "2027-1-1", "00000-01-01", "\u0000", "2027-01-01T00:00:00Z", lib.dayOffset(-3), `${validDateOf()}\ud800`, "\udc00"),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.integer(),
      fc.constant(null)
    )
    // A body that is invalid for sure: the real resource with at least one broken field, or random JSON.
    const brokenHold = fc.oneof(
      fc.record({
        resource_id: fc.oneof(fc.constant(rid), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constant(`${rid}\u0000`), fc.constant(`${rid}\ud800`), fc.constant(`\udfff${rid}`), fc.integer(), fc.constant(null)),
        dates: fc.oneof(fc.array(badDate, { minLength: 1, maxLength: 5 }), fc.constant([]), fc.constant([validDate, validDate]), fc.array(fc.constant(validDate), { minLength: 40, maxLength: 40 }), fc.string(), fc.constant(null)),
        quantity: fc.oneof(fc.constantFrom(0, -1, 1.5, "1", null, 1e12, Number.MAX_SAFE_INTEGER, true), fc.double()),
        customer_email: fc.oneof(fc.constantFrom("", "no-at-sign", "a@b", "x@y.z\u0000", "a\ud800@example.com", "@example.com"), fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }), fc.constant(null)),
        idempotency_token: fc.option(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constant("x".repeat(300)), fc.constant("fuzz-token"), fc.integer()), { nil: undefined }),
        metadata: fc.option(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3, stringUnit: "binary" })), { nil: undefined }),
      }),
      fc.jsonValue({ maxDepth: 4 })
    )
    const brokenQuery = fc.record({
      from: fc.oneof(badDate, fc.constant(lib.dayOffset(400))),
      to: fc.oneof(badDate, fc.constant(lib.dayOffset(2))),
      quantity: fc.option(fc.oneof(fc.constantFrom("0", "-1", "1.5", "abc", "%ZZ", "%00", "1e99", ""), fc.string({ maxLength: 8 })), { nil: undefined }),
    })
    const hostilePath = fc.constantFrom("%", "%Z", "%ZZ", "%E0%A4%A", "%00", "%C0%80", "..%2F..%2F", "%FF%FE", "%uD800", "a%00b", "%25%", "%%%")
    const id = fc.oneof(fc.constant(rid), fc.constant(holdId || "rhold_x"), fc.string({ maxLength: 30 }).map(encodeURIComponent), hostilePath)
    const headers = fc.oneof(
      fc.constant(pk),
      fc.constant(pk),
      fc.constant(pk),
      fc.constant({}),
      fc.constant({ "x-publishable-api-key": "pk_nonsense" }),
      fc.constant({ ...pk, "idempotency-key": "" }),
      fc.constant({ ...pk, "idempotency-key": "y".repeat(300) })
    )
    const qs = (o) =>
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        // A value with "%" made only of printable ASCII is sent as is (a malformed
        // encoding on purpose); anything else is encoded so it can be sent at all.
        .map(([k, v]) => `${k}=${typeof v === "string" && /%/.test(v) && /^[\x21-\x7e]*$/.test(v) ? v : encodeURIComponent(String(v))}`)
        .join("&")

    const requestArb = fc.oneof(
      fc.record({ kind: fc.constant("hold"), body: brokenHold, headers }),
      fc.record({ kind: fc.constant("hold-raw"), raw: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("{", "[1,2", '{"resource_id":', "\u0000", '{"a":"\\u0000"}', "null", "true", '{"__proto__":{"x":1}}')), headers }),
      fc.record({ kind: fc.constant("availability"), id, query: brokenQuery, headers }),
      fc.record({ kind: fc.constant("get-hold"), id, headers }),
      fc.record({ kind: fc.constant("release"), id: fc.oneof(fc.string({ maxLength: 30 }).map(encodeURIComponent), hostilePath), body: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), headers }),
      fc.record({ kind: fc.constant("release-body"), body: fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0), headers }),
      fc.record({ kind: fc.constant("cart-booking"), id, body: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3, stringUnit: "binary" })), headers }),
      fc.record({ kind: fc.constant("list"), query: fc.record({ limit: fc.oneof(fc.constantFrom("101", "-1", "abc", "1e3", "%ZZ"), fc.string({ maxLength: 5 })), type: fc.option(fc.constantFrom("BOAT", "%00", ""), { nil: undefined }), offset: fc.option(fc.constantFrom("-5", "x"), { nil: undefined }) }), headers })
    )
    const samples = fc.sample(requestArb, { numRuns: N.fuzz, seed: SEED })
    const toRequest = (s) => {
      switch (s.kind) {
        case "hold":
          return { method: "POST", path: "/store/resource-holds", body: s.body, headers: s.headers }
        case "hold-raw":
          return { method: "POST", path: "/store/resource-holds", rawBody: s.raw, headers: { ...s.headers, "content-type": "application/json", "content-length": Buffer.byteLength(s.raw) } }
        case "availability":
          return { method: "GET", path: `/store/resources/${s.id}/availability?${qs(s.query)}`, headers: s.headers }
        case "get-hold":
          return { method: "GET", path: `/store/resource-holds/${s.id}`, headers: s.headers }
        case "release":
          return { method: "POST", path: `/store/resource-holds/${s.id}/release`, body: s.body, headers: s.headers }
        case "release-body":
          // The real hold, with a body the route refuses (it takes none): must stay ACTIVE.
          return { method: "POST", path: `/store/resource-holds/${holdId}/release`, body: s.body, headers: s.headers }
        case "cart-booking":
          return { method: "POST", path: `/store/carts/${s.id}/resource-bookings`, body: s.body, headers: s.headers }
        case "list":
          return { method: "GET", path: `/store/resources?${qs(s.query)}`, headers: s.headers }
      }
    }
    say(`${samples.length} requests at concurrency 16 to the server (POST holds, availability, hold reads/releases, cart bookings, lists)`)
    const statuses = {}
    const fives = []
    const fiveByKind = {}
    let next = 0
    const http = require("http")
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < samples.length) {
          const s = samples[next++]
          let req
          try {
            req = toRequest(s)
          } catch (e) {
            continue
          }
          let status
          try {
            const r = await lib.request({ port: server.port, agent, ...req, timeoutMs: 30_000 })
            status = r.status
            if (status >= 500) {
              const key = `${s.kind} ${req.method} ${req.path.split("?")[0].replace(/res_\w+|rhold_\w+/g, ":id")}`
              fiveByKind[key] = (fiveByKind[key] || 0) + 1
              if (fives.length < 5) fives.push({ req: { ...req, body: req.body ?? req.rawBody }, status, text: r.text.slice(0, 300) })
            }
          } catch (e) {
            status = `client-error:${e.code || e.message}`
          }
          statuses[status] = (statuses[status] || 0) + 1
        }
      })
    )
    agent.destroy()
    const after = await snapshot()
    const fiveXX = Object.entries(statuses).filter(([k]) => /^5/.test(k)).reduce((n, [, v]) => n + v, 0)
    const successes = Object.entries(statuses).filter(([k]) => /^2/.test(k)).reduce((n, [, v]) => n + v, 0)
    say(`statuses: ${JSON.stringify(statuses)} (2xx are reads and replays of the real hold's token)`)
    if (Object.keys(fiveByKind).length) say(`5xx by request: ${JSON.stringify(fiveByKind)}`)
    for (const f of fives) say(`5xx example: ${JSON.stringify(f).slice(0, 600)}`)
    const same = before.cap === after.cap && before.holds === after.holds && before.hold_states === after.hold_states && before.audit === after.audit
    say(`state before/after: capacity ${before.cap === after.cap ? "identical" : "CHANGED"}, holds ${before.holds}→${after.holds}, hold statuses ${before.hold_states === after.hold_states ? "identical" : "CHANGED"}, audit rows ${before.audit}→${after.audit}`)
    const clientErrors = Object.keys(statuses).filter((k) => k.startsWith("client-error")).length
    report(name, fiveXX === 0 && same && clientErrors === 0, `${fiveXX} × 5xx, ${successes} × 2xx, state ${same ? "unchanged" : "CHANGED"}${clientErrors ? `, client errors ${JSON.stringify(statuses)}` : ""}`)
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------- 4b. hostile strings in every route

/**
 * The fixtures the route list (integration-tests/harness/plugin-routes.js)
 * is built from, made over HTTP the way clients make them: an admin token, a
 * hold, a sold-out date with a waiting entry, a cart, a placed order's
 * allocation, a blackout, a reseller key and an OCTo reservation, a feed.
 */
async function routeFixtures({ port, sql, pk, setup }) {
  const call = async (method, path, body, headers = pk) => {
    const r = await lib.request({ port, method, path, body, headers, timeoutMs: 60_000 })
    if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`)
    return r.body
  }
  const login = await call("POST", "/auth/user/emailpass", { email: setup.admin.email, password: setup.admin.password }, {})
  const admin = { authorization: `Bearer ${login.token}` }
  const { resource_id, variant_id, product_id, region_id } = setup.checkout
  const date = lib.dayOffset(20)
  const date2 = lib.dayOffset(21)
  const hold = (await call("POST", "/store/resource-holds", { resource_id, dates: [lib.dayOffset(22)], quantity: 1, customer_email: "fixture@example.com" })).resource_hold
  // A sold-out date on a resource of capacity 1, and an entry waiting for it.
  const [small] = await lib.createResources(sql, { count: 1, prefix: "fuzzroutes", max: 1, fromOffset: 2, toOffset: 30 })
  await call("POST", "/store/resource-holds", { resource_id: small, dates: [lib.dayOffset(23)], quantity: 1, customer_email: "fixture@example.com" })
  const entry = (await call("POST", "/store/resource-waitlist", { resource_id: small, dates: [lib.dayOffset(23)], quantity: 1, customer_email: "w@example.com" })).resource_waitlist_entry
  // A placed order: its allocation.
  const paid = (await call("POST", "/store/carts", { region_id, sales_channel_id: setup.sales_channel_id, email: "buyer@example.com" })).cart
  await call("POST", `/store/carts/${paid.id}/resource-bookings`, { variant_id, dates: [lib.dayOffset(24)], quantity: 1 })
  const collection = (await call("POST", "/store/payment-collections", { cart_id: paid.id })).payment_collection
  await call("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const order = (await call("POST", `/store/carts/${paid.id}/complete`, {})).order
  let allocation
  for (let i = 0; i < 100 && !allocation; i++) {
    const { rows } = await sql.query(`SELECT id FROM resource_allocation WHERE order_id = $1`, [order.id])
    allocation = rows[0]?.id
    if (!allocation) await lib.sleep(200)
  }
  const blackout = (await call("POST", `/admin/resources/${small}/blackouts`, { start_date: lib.dayOffset(29), end_date: lib.dayOffset(29) }, admin)).resource_blackout
  const key = (await call("POST", "/admin/reseller-keys", { title: "Fuzz reseller", sales_channel_id: setup.sales_channel_id }, admin)).reseller_key
  const octo = { authorization: `Bearer ${key.token}` }
  const availability = (d) => `${d}T00:00:00+10:00`
  const octoUuid = require("crypto").randomUUID()
  await call("POST", "/octo/bookings", { uuid: octoUuid, productId: product_id, optionId: variant_id, availabilityId: availability(lib.dayOffset(25)), unitItems: [{ unitId: "unit" }] }, octo)
  const feed = (await call("POST", `/admin/resources/${resource_id}/feed`, {}, admin)).resource_feed
  const cart = (await call("POST", "/store/carts", { region_id, sales_channel_id: setup.sales_channel_id })).cart
  const fixtures = {
    resource: resource_id,
    hold: hold.id,
    waitlist: entry.id,
    cart: cart.id,
    variant: variant_id,
    product: product_id,
    allocation,
    blackout: blackout.id,
    reseller_key: key.id,
    octo_uuid: octoUuid,
    feed_token: feed.path.split("/").pop().replace(/\.ics$/, ""),
    date,
    date2,
    availability: availability(date),
    availability2: availability(date2),
  }
  const missing = Object.entries(fixtures).filter(([, v]) => typeof v !== "string").map(([k]) => k)
  if (missing.length) throw new Error(`fixtures not made: ${missing.join(", ")}`)
  return { fixtures, headers: { store: pk, admin, octo, none: {} } }
}

/**
 * Issue 16: every string (and a key) of every route's body, every query
 * parameter, one unknown parameter and every path parameter, sent with a lone
 * UTF-16 surrogate or a NUL (integration-tests/harness/plugin-routes.js: store,
 * admin, OCTo, calendar feed, widget; cart bookings, extension, waitlist, OCTo
 * bodies included), then as many property-based requests: a random route, a
 * random string of it replaced by random text (any UTF-16 code unit) with a
 * lone surrogate or a NUL inserted at a random place. Each must answer 400
 * (never 5xx), and nothing the routes can change may change.
 */
async function fuzzRoutes({ db, sql, pk, setup }) {
  const routes = require("../harness/plugin-routes")
  const fc = require("fast-check")
  const server = await app.start({ databaseUrl: db.url, name: "rel-fuzz-routes" })
  try {
    const { fixtures, headers } = await routeFixtures({ port: server.port, sql, pk, setup })
    const snapshot = () => routes.snapshotState(async (text) => (await sql.query(text)).rows)
    const before = await snapshot()

    const sweep = routes.PLUGIN_ROUTES.flatMap((route) => routes.hostileVariants(route, fixtures))
    const lone = fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "\u0000")
    const hostileText = fc
      .tuple(fc.string({ unit: "binary", maxLength: 24 }), lone, fc.nat())
      .map(([text, bad, at]) => `${text.slice(0, at % (text.length + 1))}${bad}${text.slice(at % (text.length + 1))}`)
    const withBody = routes.PLUGIN_ROUTES.filter((route) => route.body)
    const random = fc
      .sample(fc.tuple(fc.nat(), fc.nat(), hostileText), { numRuns: N.fuzzRoutes, seed: SEED })
      .map(([r, l, text]) => {
        const route = withBody[r % withBody.length]
        const leaves = routes.stringLeaves(route.body(fixtures))
        const leaf = leaves[l % leaves.length]
        return { route, method: route.method, url: `${routes.fillPath(route, fixtures)}${routes.queryString(route.query ? route.query(fixtures) : {})}`, body: leaf.replace(text) }
      })
    const all = [...sweep, ...random]
    say(`${sweep.length} requests with one hostile string each over ${routes.PLUGIN_ROUTES.length} routes, then ${random.length} property-based ones (seed ${SEED}), concurrency 16`)
    const statuses = {}
    const wrong = []
    let next = 0
    const agent = new (require("http").Agent)({ keepAlive: true, maxSockets: 16 })
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < all.length) {
          const v = all[next++]
          let status
          try {
            const r = await lib.request({ port: server.port, agent, method: v.method, path: v.url, body: v.body, headers: headers[v.route.auth], timeoutMs: 30_000 })
            status = r.status
            if (status !== 400 && wrong.length < 10) wrong.push({ route: `${v.route.method} ${v.route.path}`, url: v.url, status, text: r.text.slice(0, 200) })
          } catch (e) {
            status = `client-error:${e.code || e.message}`
          }
          statuses[status] = (statuses[status] || 0) + 1
        }
      })
    )
    agent.destroy()
    const after = await snapshot()
    const changed = Object.keys(before).filter((k) => String(before[k]) !== String(after[k]))
    const fiveXX = Object.entries(statuses).filter(([k]) => /^5/.test(k)).reduce((n, [, v]) => n + v, 0)
    const not400 = Object.entries(statuses).filter(([k]) => k !== "400").reduce((n, [, v]) => n + v, 0)
    say(`statuses: ${JSON.stringify(statuses)}`)
    for (const w of wrong) say(`not 400: ${JSON.stringify(w)}`)
    say(`state before/after: ${changed.length ? `CHANGED (${changed.join(", ")})` : "identical"} (resources, capacity, holds, allocations, audit rows, blackouts, waitlist, OCTo bookings, reseller keys, feeds, variant links, cart lines, orders)`)
    report(
      `hostile strings: ${sweep.length} swept over every field of ${routes.PLUGIN_ROUTES.length} routes + ${random.length} property-based`,
      fiveXX === 0 && not400 === 0 && changed.length === 0,
      `${fiveXX} × 5xx, ${not400} answers other than 400, state ${changed.length ? `CHANGED: ${changed.join(", ")}` : "unchanged"}`
    )
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------- 5. order after expiry

async function expiredThenTaken({ db, sql, pk }) {
  const name = "order placed after its hold expired and its capacity was taken"
  const [rid] = await lib.createResources(sql, { count: 1, prefix: "late", max: 1, fromOffset: 8, toOffset: 9 })
  const dates = [lib.dayOffset(8), lib.dayOffset(9)]
  const server = await app.start({ databaseUrl: db.url, name: "rel-late" })
  let holdA
  let holdB
  try {
    const a = await lib.request({ port: server.port, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: rid, dates, quantity: 1, customer_email: "late@example.com" } })
    holdA = a.body?.resource_hold?.id
    say(`hold A ${holdA} (${a.status}) takes the only unit on ${dates.join(", ")}; its expires_at is moved into the past (SQL)`)
    await sql.query(`UPDATE resource_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [holdA])
    const b = await lib.request({ port: server.port, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: rid, dates, quantity: 1, customer_email: "other@example.com" } })
    holdB = b.body?.resource_hold?.id
    say(`hold B ${holdB} (${b.status}) gets the capacity at once (invariant 3)`)
  } finally {
    await server.stop()
  }
  say("the paid order for hold A is confirmed (service.confirmHold via medusa exec: the order.placed subscriber's path)")
  const cfgFile = path.join(app.work, "rel-confirm.json")
  const outFile = path.join(app.work, "rel-confirm.out.json")
  fs.writeFileSync(cfgFile, JSON.stringify({ mode: "confirm", hold_id: holdA, order_id: "order_rel_late", line_item_id: "ordli_rel_late" }))
  await app.exec("./integration-tests/reliability/rel-exec.ts", [cfgFile, outFile], { databaseUrl: db.url, name: "rel-confirm" })
  const out = JSON.parse(fs.readFileSync(outFile, "utf8"))
  const alloc = out.confirm?.allocation
  const { rows: cap } = await sql.query(`SELECT date::text, available_capacity FROM resource_capacity WHERE resource_id = $1 ORDER BY date`, [rid])
  const { rows: st } = await sql.query(`SELECT id, status FROM resource_hold WHERE id = ANY($1::text[])`, [[holdA, holdB]])
  const check = await lib.checkOversold(sql, { resourceIds: [rid] })
  say(`allocation ${alloc?.id}: needs_review=${alloc?.needs_review}, capacity_deducted=${alloc?.capacity_deducted}, reason "${alloc?.review_reason}"`)
  say(`capacity: ${cap.map((c) => `${c.date}=${c.available_capacity}`).join(", ")}; holds: ${st.map((s) => `${s.id === holdA ? "A" : "B"}=${s.status}`).join(", ")}`)
  const ok =
    Boolean(holdA && holdB && alloc) &&
    alloc.needs_review === true &&
    Boolean(alloc.review_reason) &&
    alloc.capacity_deducted === false &&
    cap.every((c) => c.available_capacity === 0) &&
    check.oversold === 0
  report(name, ok, `allocation recorded ${Boolean(alloc)}, needs_review ${alloc?.needs_review}, capacity never below 0 (${cap.map((c) => c.available_capacity).join(", ")}), oversold rows ${check.oversold}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
