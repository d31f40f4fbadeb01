/**
 * `medusa exec` script: in-process benchmarks of the resource_booking module
 * service (no HTTP), each followed by its raw-SQL baseline in the same process.
 *
 *   medusa exec ./bench/module-bench.ts <config.json> <out.json>
 *
 * config.mode:
 *   "hot_hold": `clients` concurrent loops of service.createHold on one
 *               resource (3 consecutive dates, random start in a window),
 *               then the same through the raw SQL baseline on a twin resource.
 *   "expiry":   service.expireHolds({ batchSize }) in a loop until a call
 *               expires nothing (bounded by maxSeconds).
 */
import { readFileSync, writeFileSync } from "fs"
import path from "path"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const lib = require(path.join(process.cwd(), "integration-tests", "harness"))
// eslint-disable-next-line @typescript-eslint/no-var-requires
const baseline = require(path.join(process.cwd(), "bench", "baseline.js"))

function peakRss() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250)
  return () => {
    clearInterval(timer)
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024)
  }
}

export default async function moduleBench({ container, args }: { container: any; args: string[] }) {
  const cfg = JSON.parse(readFileSync(args[0], "utf8"))
  const out = args[1]
  const service = container.resolve("resource_booking")
  const result: Record<string, unknown> = {}

  if (cfg.mode === "hot_hold") {
    const pickDates = () => {
      const start = cfg.fromOffset + Math.floor(Math.random() * cfg.window)
      return [0, 1, 2].map((k) => lib.dayOffset(start + k))
    }
    // Warm-up: compile paths, fill the pool.
    for (let i = 0; i < 20; i++) {
      await service.createHold({ resource_id: cfg.warmup_resource_id, dates: pickDates(), quantity: 1, customer_email: `warm${i}@example.com` })
    }
    const counter = cfg.count_file ? require(path.join(process.cwd(), "bench", "count-queries.js")) : null
    const before = counter ? JSON.parse(JSON.stringify(counter)) : null
    // One customer per hold: the per-customer hold limit (issue 20, default 20) stays on.
    let seq = 0
    let stop = peakRss()
    result.module = await lib.runLoad({
      clients: cfg.clients,
      requests: cfg.requests,
      maxSeconds: cfg.maxSeconds,
      op: async () => {
        const r = await service.createHold({
          resource_id: cfg.resource_id,
          dates: pickDates(),
          quantity: 1,
          customer_email: `bench${seq++}@example.com`,
        })
        return r.created ? "created" : "replayed"
      },
    })
    ;(result.module as any).peak_rss_mb = stop()
    if (counter) {
      const n = (result.module as any).requests
      const byKind: Record<string, number> = {}
      for (const [k, v] of Object.entries(counter.by_kind as Record<string, number>)) {
        const d = v - (before.by_kind[k] || 0)
        if (d) byKind[k] = Math.round((d / n) * 100) / 100
      }
      const roundTrips = Math.round(((counter.queries - before.queries) / n) * 100) / 100
      const pgWait = Math.round(((counter.wait_ms - before.wait_ms) / n) * 100) / 100
      // The same hold through the workflow the store route runs (orchestration + event step).
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { createResourceHoldWorkflow } = require(path.join(process.cwd(), "src", "workflows", "create-resource-hold"))
      const wf = await lib.runLoad({
        clients: cfg.clients,
        requests: cfg.requests,
        maxSeconds: cfg.maxSeconds,
        op: async () => {
          const { result: r } = await createResourceHoldWorkflow(container).run({
            input: { resource_id: cfg.resource_id, dates: pickDates(), quantity: 1, customer_email: `bench${seq++}@example.com` },
          })
          return r.created ? "created" : "replayed"
        },
      })
      result.profile = {
        requests: n,
        p50_ms: (result.module as any).p50_ms,
        workflow_p50_ms: wf.p50_ms,
        workflow_ops_per_s: wf.ops_per_s,
        round_trips_per_hold: roundTrips,
        by_kind_per_hold: byKind,
        pg_wait_ms_per_hold: pgWait,
      }
      writeFileSync(out, JSON.stringify(result, null, 2))
      return
    }

    const pool = baseline.poolFor(process.env.DATABASE_URL, cfg.clients)
    for (let i = 0; i < 20; i++) await baseline.baselineHold(pool, { resource_id: cfg.warmup_resource_id, dates: pickDates() })
    stop = peakRss()
    result.baseline = await lib.runLoad({
      clients: cfg.clients,
      requests: cfg.requests,
      maxSeconds: cfg.maxSeconds,
      op: () => baseline.baselineHold(pool, { resource_id: cfg.baseline_resource_id, dates: pickDates() }),
    })
    ;(result.baseline as any).peak_rss_mb = stop()
    await pool.end()
  } else if (cfg.mode === "expiry") {
    const stop = peakRss()
    const started = Date.now()
    let expired = 0
    let calls = 0
    const batchLatencies: number[] = []
    while (Date.now() - started < cfg.maxSeconds * 1000) {
      const t = process.hrtime.bigint()
      const r = await service.expireHolds({ batchSize: cfg.batchSize })
      batchLatencies.push(Number(process.hrtime.bigint() - t) / 1e6)
      calls++
      expired += r.expired.length
      if (r.expired.length === 0) break
    }
    const seconds = (Date.now() - started) / 1000
    const sorted = [...batchLatencies].sort((a, b) => a - b)
    result.module = {
      clients: 1,
      requests: expired,
      calls,
      seconds,
      ops_per_s: Math.round((expired / seconds) * 10) / 10,
      p50_ms: lib.round(lib.percentile(sorted, 50), 2),
      p99_ms: lib.round(lib.percentile(sorted, 99), 2),
      errors_5xx: 0,
      peak_rss_mb: stop(),
    }
  } else {
    throw new Error(`unknown mode ${cfg.mode}`)
  }
  writeFileSync(out, JSON.stringify(result, null, 2))
}
