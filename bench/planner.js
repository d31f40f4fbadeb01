"use strict"
/**
 * Scenario planner_http (issue 20, the operator's planner): GET
 * /admin/resource-planner for 200 resources × 31 days in one request, with
 * live holds (through the store API) and blackouts on them; ops/s with the
 * ratio to the framework floor (floor_http, measured before), the single
 * client latency and the answer's size. Self-contained: run.js calls
 * `plannerScenario` once the floor is known.
 */
const RESOURCES = 200
const DAYS = 31

async function plannerScenario({ lib, sql, port, pk, adminAuth, quick, secs, measureHttp, results, printRow }) {
  const ids = await lib.createResources(sql, { count: RESOURCES, prefix: "planner", max: 20, fromOffset: 2, toOffset: 2 + DAYS - 1 })
  const from = lib.dayOffset(2)
  const to = lib.dayOffset(2 + DAYS - 1)
  // Blackouts on every 20th resource, and holds of 1..3 dates through the store API on the rest.
  for (const id of ids.filter((_, i) => i % 20 === 0)) {
    const r = await lib.request({ port, method: "POST", path: `/admin/resources/${id}/blackouts`, headers: adminAuth, body: { start_date: lib.dayOffset(10), end_date: lib.dayOffset(12), reason: "bench" } })
    if (r.status !== 200) throw new Error(`blackout: ${r.status} ${r.text.slice(0, 200)}`)
  }
  let made = 0
  const holds = quick ? 200 : 1000
  await lib.runLoad({
    clients: 8,
    requests: holds,
    maxSeconds: 120,
    op: async () => {
      const start = 2 + Math.floor(Math.random() * (DAYS - 3))
      const r = await lib.request({
        port,
        method: "POST",
        path: "/store/resource-holds",
        headers: pk,
        body: {
          resource_id: ids[1 + Math.floor(Math.random() * (RESOURCES - 1))],
          dates: [0, 1, 2].slice(0, 1 + Math.floor(Math.random() * 3)).map((k) => lib.dayOffset(start + k)),
          quantity: 1,
          customer_email: `planner${made++}@example.com`, // one each: the per-customer limit (maxActiveHoldsPerCustomer) stays out of it
        },
      })
      return r.status
    },
  })
  const path = `/admin/resource-planner?from=${from}&to=${to}&q=planner&limit=${RESOURCES}`
  const probe = await lib.request({ port, path, headers: adminAuth })
  if (probe.status !== 200) throw new Error(`GET ${path}: ${probe.status} ${probe.text.slice(0, 200)}`)
  const cells = probe.body.planner.resources.reduce((n, r) => n + r.days.length, 0)
  if (probe.body.planner.resources.length !== RESOURCES || cells !== RESOURCES * DAYS) {
    throw new Error(`planner answered ${probe.body.planner.resources.length} resources, ${cells} cells`)
  }
  const held = probe.body.planner.resources.reduce((n, r) => n + r.days.reduce((m, d) => m + d.held, 0), 0)
  const get = async () => (await lib.request({ port, path, headers: adminAuth })).status
  lib.log(`Scenario planner_http: GET /admin/resource-planner, ${RESOURCES} resources × ${DAYS} days (${held} unit-days held), ${Buffer.byteLength(probe.text)} bytes`)
  await lib.runLoad({ clients: 4, requests: 20, maxSeconds: 30, op: get }) // warm-up
  const single = await lib.runLoad({ clients: 1, requests: quick ? 20 : 60, maxSeconds: 60, op: get })
  const stats = await measureHttp("planner_http", { resourceIds: ids, load: { clients: 8, requests: quick ? 80 : 400, maxSeconds: secs, op: get } })
  const floor = results.scenarios.floor_http
  results.scenarios.planner_http = {
    ...stats,
    baseline: null,
    ratio_to_baseline: null,
    ratio_to_floor: floor?.ops_per_s ? lib.round(stats.ops_per_s / floor.ops_per_s, 4) : null,
    resources: RESOURCES,
    days: DAYS,
    cells,
    held_unit_days: held,
    response_bytes: Buffer.byteLength(probe.text),
    single_client: { ops_per_s: single.ops_per_s, p50_ms: single.p50_ms, p99_ms: single.p99_ms },
    note: "one request answers the whole grid (6,200 cells): ratio_to_floor compares a whole grid with Medusa's cheapest store read; single_client.p50_ms is the time an operator waits",
  }
  printRow("planner_http", results.scenarios.planner_http)
}

module.exports = { plannerScenario }
