#!/usr/bin/env node
"use strict"
/**
 * Where does a booking checkout spend its time? (docs/PERFORMANCE.md)
 *
 *   node bench/checkout-profile.js [--reuse-build] [--checkouts=40] [--clients=1] [--ref=COMMIT]
 *
 * Starts the production build (the harness's "server" build, as the bench)
 * with two preloads: bench/workflow-timing.js (wall time of every route,
 * middleware, workflow, workflow step and subscriber, through the hooks of
 * Medusa's own instrumentation) and bench/count-queries.js (pg round trips).
 * Runs the bench's storefront checkout (bench/checkout.js) with a product
 * without a booking, then with a booking, and prints per checkout: each
 * route, workflow, the slowest steps and the subscribers, marking the
 * plugin's parts (its routes and workflows, the completeCartWorkflow
 * `validate` hook, the order.placed subscriber), and the difference booking −
 * plain. One client by default, so the times do not include queueing behind
 * other checkouts. Writes bench/tmp/checkout-profile.json.
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")
const { makeCheckout } = require("./checkout")

const argv = process.argv.slice(2)
const opt = (name, d) => (argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1] || d
const CHECKOUTS = Number(opt("checkouts", 40))
const CLIENTS = Number(opt("clients", 1))
const OUT = path.join(lib.REPO_ROOT, "bench", "tmp", "checkout-profile.json")

/**
 * The plugin's own parts of a checkout (everything else is Medusa's): its
 * routes, workflows and subscriber, its steps (a Medusa workflow run as a step
 * of the plugin's workflow stays Medusa's), and the completeCartWorkflow
 * `validate` hook, which only the plugin registers.
 */
const isPlugin = (key) =>
  key.startsWith("step ") ? /resource/i.test(key.split(" › ").pop()) || key === "step complete-cart › validate" : /resource/i.test(key)

const pickDates = () => {
  const start = 2 + Math.floor(Math.random() * 30)
  return [0, 1, 2].map((k) => lib.dayOffset(start + k))
}

async function main() {
  await lib.buildApp({ reuse: argv.includes("--reuse-build"), ref: opt("ref", null) })
  const db = await lib.createDatabase("rb_bench_coprof")
  const sql = await lib.pgClient(db.url)
  const timingFile = path.join(lib.TMP, "checkout-timing.json")
  const countFile = path.join(lib.TMP, "checkout-query-count.json")
  const report = { generated_at: new Date().toISOString(), clients: CLIENTS, checkouts: CHECKOUTS, kinds: {} }
  let server
  try {
    const setupFile = path.join(lib.TMP, `setup-${db.name}.json`)
    await lib.medusaExec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "coprof-setup" })
    const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"))
    for (const f of [timingFile, countFile]) fs.rmSync(f, { force: true })
    server = await lib.startServer({
      databaseUrl: db.url,
      name: "checkout-profile",
      env: {
        NODE_ARGS: `--require ${path.join(__dirname, "workflow-timing.js")} --require ${path.join(__dirname, "count-queries.js")}`,
        RB_TIMING_FILE: timingFile,
        RB_QUERY_COUNT_FILE: countFile,
      },
    })
    const snapshot = async () => {
      await lib.sleep(700)
      const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : {})
      return { timing: lib.readTiming(timingFile), queries: read(countFile) }
    }
    const allocations = async () => Number((await sql.query(`SELECT count(*) FROM resource_allocation WHERE resource_id = $1`, [setup.checkout.resource_id])).rows[0].count)

    const flows = Object.fromEntries(["plain", "booking"].map((kind) => [kind, makeCheckout({ port: server.port, setup, kind, dates: pickDates })]))
    lib.log("Warm-up: 5 checkouts of each kind")
    for (let i = 0; i < 5; i++) for (const flow of Object.values(flows)) await flow.checkout()

    for (const [kind, flow] of Object.entries(flows)) {
      lib.log(`${kind}: ${CHECKOUTS} checkouts, ${CLIENTS} client(s)`)
      const allocationsBefore = await allocations()
      const a = await snapshot()
      flow.resetCalls()
      const stats = await lib.runLoad({ clients: CLIENTS, requests: CHECKOUTS, maxSeconds: 600, op: flow.checkout })
      const orders = stats.statuses.order || 0
      if (kind === "booking") {
        // The order.placed subscriber runs after the response: wait for it (bounded).
        for (let i = 0; i < 60 && (await allocations()) < allocationsBefore + orders; i++) await lib.sleep(500)
      }
      const b = await snapshot()
      const per = (x) => lib.round(x / Math.max(1, orders), 2)
      const parts = {}
      for (const [key, v] of Object.entries(lib.timingDelta(a.timing, b.timing, orders))) {
        parts[key] = { per_checkout_ms: v.per_unit_ms, calls_per_checkout: v.calls_per_unit, plugin: isPlugin(key) }
      }
      report.kinds[kind] = {
        orders,
        statuses: stats.statuses,
        orders_per_s: stats.ops_per_s,
        checkout_p50_ms: stats.p50_ms,
        call_p50_ms: flow.callP50(),
        pg_round_trips_per_checkout: per((b.queries.queries || 0) - (a.queries.queries || 0)),
        pg_wait_ms_per_checkout: per((b.queries.wait_ms || 0) - (a.queries.wait_ms || 0)),
        parts,
        failures: Object.keys(flow.failures).length ? flow.failures : undefined,
      }
    }
  } finally {
    if (server) await server.stop()
    await sql.end().catch(() => {})
    await db.drop().catch(() => {})
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(report, null, 2))
  print(report)
  lib.log(`Wrote ${path.relative(lib.REPO_ROOT, OUT)}`)
}

function print(report) {
  const ms = (x) => (x == null ? "–" : x.toFixed(1).padStart(8))
  for (const [kind, k] of Object.entries(report.kinds)) {
    console.log(`\n== ${kind} checkout: ${k.orders} orders, ${report.clients} client(s), ${k.orders_per_s} orders/s, p50 ${k.checkout_p50_ms} ms`)
    console.log(`   HTTP calls, p50 ms: ${Object.entries(k.call_p50_ms).map(([n, v]) => `${n} ${v}`).join(", ")}`)
    console.log(`   pg round trips per checkout ${k.pg_round_trips_per_checkout}, waiting for pg ${k.pg_wait_ms_per_checkout} ms`)
    for (const group of ["route", "middleware", "workflow", "step", "subscriber"]) {
      const rows = Object.entries(k.parts)
        .filter(([key]) => key.startsWith(`${group} `))
        .sort((x, y) => y[1].per_checkout_ms - x[1].per_checkout_ms)
        .slice(0, group === "step" ? 20 : 12)
      if (!rows.length) continue
      console.log(`   ${group}s (wall ms per checkout; nested, so they do not add up)${group === "subscriber" ? ", after the response" : ""}:`)
      for (const [key, v] of rows) console.log(`   ${ms(v.per_checkout_ms)}  ${v.plugin ? "[plugin] " : "         "}${key.slice(group.length + 1)}${v.calls_per_checkout !== 1 ? `  (×${v.calls_per_checkout})` : ""}`)
    }
  }
  const { booking, plain } = report.kinds
  if (!booking || !plain) return
  const get = (k, key) => k.parts[key]?.per_checkout_ms ?? 0
  const pluginRoutes = Object.entries(booking.parts).filter(([key, v]) => key.startsWith("route ") && v.plugin)
  const hook = get(booking, "step complete-cart › validate")
  const completeBooking = get(booking, "workflow complete-cart")
  const completePlain = get(plain, "workflow complete-cart")
  const subscribers = Object.entries(booking.parts).filter(([key, v]) => key.startsWith("subscriber ") && v.plugin)
  console.log("\n== booking − plain, per checkout (wall ms)")
  console.log(`   checkout p50: ${booking.checkout_p50_ms} vs ${plain.checkout_p50_ms} ms; orders/s ${booking.orders_per_s} vs ${plain.orders_per_s}`)
  for (const [key, v] of pluginRoutes) console.log(`   plugin route ${key.slice(6)}: ${v.per_checkout_ms} ms (the plain checkout's POST /store/carts/:id/line-items: ${get(plain, "route POST /store/carts/:id/line-items")} ms)`)
  console.log(`   complete-cart workflow: ${completeBooking} vs ${completePlain} ms; of it the plugin's validate hook: ${hook} ms, Medusa's own steps: ${lib.round(completeBooking - hook, 2)} ms`)
  const addBooking = get(booking, "workflow add-resource-booking-to-cart-workflow")
  const addToCart = get(booking, "step add-resource-booking-to-cart-workflow › add-to-cart-as-step")
  if (addBooking) console.log(`   plugin workflow add-resource-booking-to-cart: ${addBooking} ms, of it Medusa's add-to-cart (run as its step): ${addToCart} ms, the plugin's own steps: ${lib.round(addBooking - addToCart, 2)} ms`)
  for (const [key, v] of subscribers) console.log(`   plugin subscriber ${key.slice(11)}: ${v.per_checkout_ms} ms after the response (on a plain order: ${get(plain, key)} ms)`)
  console.log(`   pg round trips: ${booking.pg_round_trips_per_checkout} vs ${plain.pg_round_trips_per_checkout}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
