#!/usr/bin/env node
"use strict"
/**
 * Is the server's RSS growth a leak or a lazy garbage collector?
 *
 *   node bench/rss-soak.js [--reuse-build] [--blocks=8] [--per-block=1000] [--heap-mb=384] [--capped-only]
 *
 * Runs the production server twice on a fresh database: with Node's default
 * heap limit, then with --max-old-space-size=<heap-mb>. Each run sends blocks
 * of hold requests (32 clients, 200 resources) and availability reads and
 * prints the server's RSS after each block. With a leak the capped run grows
 * until it dies; with a lazy collector it stays flat and keeps its throughput.
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")

const argv = process.argv.slice(2)
const opt = (name, d) => Number((argv.find((a) => a.startsWith(`--${name}=`)) || "").split("=")[1] || d)
const BLOCKS = opt("blocks", 8)
const PER_BLOCK = opt("per-block", 1000)
const HEAP_MB = opt("heap-mb", 384)
let PORT = 0

async function main() {
  await lib.buildApp({ reuse: argv.includes("--reuse-build") })
  const db = await lib.createDatabase("rb_bench_soak")
  const sql = await lib.pgClient(db.url)
  const out = {}
  try {
    const setupFile = path.join(lib.TMP, `setup-${db.name}.json`)
    await lib.medusaExec("./integration-tests/harness/setup-medusa.ts", [setupFile], { databaseUrl: db.url, name: "soak-setup" })
    const pk = { "x-publishable-api-key": JSON.parse(fs.readFileSync(setupFile, "utf8")).publishable_key }
    const ids = await lib.createResources(sql, { count: 200, prefix: "soak", max: 10_000_000, fromOffset: 0, toOffset: 100 })
    const runs = [["default heap", ""], [`--max-old-space-size=${HEAP_MB}`, `--max-old-space-size=${HEAP_MB}`]]
    for (const [label, nodeArgs] of argv.includes("--capped-only") ? runs.slice(1) : runs) {
      const server = await lib.startServer({ databaseUrl: db.url, name: "soak", env: nodeArgs ? { NODE_ARGS: nodeArgs } : {} })
      PORT = server.port
      const series = [{ block: 0, rss_mb: Math.round(lib.treeRssKb(server.pid) / 1024) }]
      try {
        for (let b = 1; b <= BLOCKS; b++) {
          const stats = await lib.runLoad({
            clients: 32,
            requests: PER_BLOCK,
            maxSeconds: 120,
            op: async (c, i) => {
              const rid = ids[Math.floor(Math.random() * ids.length)]
              if (i % 2) {
                const s = 2 + Math.floor(Math.random() * 60)
                return (await lib.request({ port: PORT, method: "POST", path: "/store/resource-holds", headers: pk, body: { resource_id: rid, dates: [0, 1, 2].map((k) => lib.dayOffset(s + k)), quantity: 1, customer_email: "soak@example.com" } })).status
              }
              return (await lib.request({ port: PORT, path: `/store/resources/${rid}/availability?from=${lib.dayOffset(2)}&to=${lib.dayOffset(91)}`, headers: pk })).status
            },
          })
          series.push({ block: b, requests: stats.requests, ops_per_s: stats.ops_per_s, rss_mb: Math.round(lib.treeRssKb(server.pid) / 1024), errors: stats.failures, statuses: stats.statuses })
          lib.log(`${label}: block ${b}: ${JSON.stringify(series[series.length - 1])}`)
          if (server.exited !== null) break
        }
      } finally {
        series.push({ exited: server.exited })
        await server.stop()
      }
      out[label] = series
    }
  } finally {
    await sql.end().catch(() => {})
    await db.drop().catch(() => {})
  }
  fs.writeFileSync(path.join(lib.TMP, "rss-soak.json"), JSON.stringify(out, null, 2))
  console.log(JSON.stringify(out, null, 2))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
