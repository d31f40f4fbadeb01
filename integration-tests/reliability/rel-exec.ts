/**
 * `medusa exec` helper of the reliability harness (one process per call):
 *
 *   medusa exec ./integration-tests/reliability/rel-exec.ts <config.json> <out.json>
 *
 * config.mode:
 *   "sweep":   waits until config.start_at (epoch ms), then runs the
 *              expire-resource-holds workflow in a loop until no lapsed ACTIVE
 *              hold is left (bounded by max_seconds); writes the ids it expired.
 *   "race":    waits until config.start_at, then confirms (service.confirmHold,
 *              a made-up order/line id per hold) config.confirm_ids and releases
 *              (service.releaseHold) config.release_ids, interleaved, with
 *              `concurrency` loops; writes what each call returned.
 *   "confirm": confirms one hold for an order line (the path an order.placed
 *              subscriber takes) and writes the allocation.
 *   "octo-key": makes a reseller key for config.sales_channel_id through the
 *              admin route's workflow and writes its secret (the OCTo race).
 */
import { readFileSync, writeFileSync } from "fs"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { newResellerToken } from "../../src/modules/octo/service"
import { expireResourceHoldsWorkflow } from "../../src/workflows/expire-resource-holds"
import { createResellerKeyWorkflow } from "../../src/workflows/octo/create-reseller-key"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export default async function relExec({ container, args }: { container: any; args: string[] }) {
  const cfg = JSON.parse(readFileSync(args[0], "utf8"))
  const out = args[1]
  const service = container.resolve("resource_booking")
  const result: Record<string, unknown> = { mode: cfg.mode, pid: process.pid }

  if (cfg.start_at) await sleep(Math.max(0, cfg.start_at - Date.now()))

  if (cfg.mode === "sweep") {
    const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const expired: string[] = []
    const started = Date.now()
    let runs = 0
    let errors = 0
    let idle = 0
    while (Date.now() - started < (cfg.max_seconds ?? 120) * 1000) {
      runs++
      try {
        const { result: r } = await expireResourceHoldsWorkflow(container).run({ input: { batch_size: cfg.batch_size ?? 50 } })
        expired.push(...r.expired.map((e: any) => e.id))
        // A resource another process holds right now is skipped, not waited
        // for: after an empty run, stop only when no lapsed ACTIVE hold is left.
        if (r.expired.length === 0) {
          const [row] = await pg.raw(`SELECT count(*)::int AS n FROM resource_hold WHERE status = 'ACTIVE' AND expires_at <= now()`).then((x: any) => x.rows)
          if (row.n === 0 && Date.now() - started >= (cfg.min_seconds ?? 0) * 1000) break
          idle++
          await sleep(100)
        }
      } catch (e: any) {
        errors++
        result.last_error = String(e?.message ?? e)
      }
    }
    Object.assign(result, { expired, runs, errors, empty_runs_with_lapsed_left: idle })
  } else if (cfg.mode === "race") {
    const jobs: { kind: "confirm" | "release"; id: string }[] = []
    const n = Math.max(cfg.confirm_ids.length, cfg.release_ids.length)
    for (let i = 0; i < n; i++) {
      if (cfg.confirm_ids[i]) jobs.push({ kind: "confirm", id: cfg.confirm_ids[i] })
      if (cfg.release_ids[i]) jobs.push({ kind: "release", id: cfg.release_ids[i] })
    }
    const outcomes: Record<string, unknown>[] = []
    let next = 0
    const loop = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]
        try {
          if (job.kind === "confirm") {
            const r = await service.confirmHold({ hold_id: job.id, order_id: `order_rel_${job.id}`, line_item_id: `ordli_rel_${job.id}` })
            outcomes.push({ ...job, ok: true, hold_confirmed: r.hold_confirmed, needs_review: r.allocation.needs_review })
          } else {
            const r = await service.releaseHold(job.id)
            outcomes.push({ ...job, ok: true, status: r.hold.status, changed: r.changed })
          }
        } catch (e: any) {
          outcomes.push({ ...job, ok: false, error: String(e?.message ?? e).slice(0, 200), type: e?.type })
        }
      }
    }
    await Promise.all(Array.from({ length: cfg.concurrency ?? 8 }, loop))
    result.outcomes = outcomes
  } else if (cfg.mode === "confirm") {
    const r = await service.confirmHold({ hold_id: cfg.hold_id, order_id: cfg.order_id, line_item_id: cfg.line_item_id })
    result.confirm = r
  } else if (cfg.mode === "octo-key") {
    const { token, token_hash, redacted } = newResellerToken()
    const { result: key } = await createResellerKeyWorkflow(container).run({
      input: { title: "Reliability reseller", sales_channel_id: cfg.sales_channel_id, token_hash, redacted, created_by: "reliability" },
    })
    Object.assign(result, { key_id: key.id, token })
  } else {
    throw new Error(`unknown mode ${cfg.mode}`)
  }
  writeFileSync(out, JSON.stringify(result, null, 2))
}
