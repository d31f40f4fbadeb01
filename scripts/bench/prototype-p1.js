#!/usr/bin/env node
"use strict"
/**
 * Measures proposal P1 of docs/PERFORMANCE.md behind HTTP, without touching
 * src/: builds the app twice in bench/tmp/app — as it is, then with P1 applied
 * to the COPY of the service — and runs the hold scenarios on each
 * (`run.js --reuse-build --only=hot_hold_http,hot_hold_module,spread_hold_http`).
 *
 *   node scripts/bench/prototype-p1.js [--quick]
 *
 * The prototype of P1 (a one-off patch of the copy, tied to the service's text
 * of 2026-11-22; it refuses to run when that text changed):
 *  - a migration adds rb_proto_locked(key, sql, args[]): set_config + the
 *    resource's pg_advisory_xact_lock, then EXECUTE of the hold statement, in
 *    one autocommit call (one round trip, the lock held inside PostgreSQL only);
 *  - createHold_ first runs tryInsertHold_ through that function on a manager
 *    without a transaction (@InjectManager); any verdict other than "ok"
 *    (short, replay, blackout, ...) falls back to today's transactional path.
 * Writes bench/tmp/p1-before.json, bench/tmp/p1-after.json and prints both.
 */
const fs = require("fs")
const path = require("path")
const lib = require("./lib")

const QUICK = process.argv.includes("--quick")

const MIGRATION = `import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20991231000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`CREATE OR REPLACE FUNCTION rb_proto_locked(p_key bigint, p_sql text, a text[]) RETURNS json
LANGUAGE plpgsql AS $fn$
DECLARE r json;
BEGIN
  PERFORM set_config('resource_booking.audited', 'on', true), pg_advisory_xact_lock(p_key);
  EXECUTE p_sql INTO r USING a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16];
  RETURN r;
END
$fn$;\`)
  }
  override async down(): Promise<void> {
    this.addSql(\`DROP FUNCTION IF EXISTS rb_proto_locked(bigint, text, text[]);\`)
  }
}
`

const FAST_PATH = fs.readFileSync(path.join(__dirname, "prototype-p1.fastpath.txt"), "utf8")

function patchService(app) {
  const file = path.join(app, "src", "modules", "resource_booking", "service.ts")
  let s = fs.readFileSync(file, "utf8")
  const anchor = "  @InjectTransactionManager()\n  protected async createHold_("
  if (!s.includes(anchor) || !s.includes("protected async tryInsertHold_(") || !s.includes("SELECT v.outcome AS verdict")) {
    throw new Error("service.ts no longer has the shape this prototype patches; update scripts/bench/prototype-p1.js")
  }
  s = s.replace(anchor, FAST_PATH.trimEnd())
  if (!/InjectManager,/.test(s)) s = s.replace("InjectTransactionManager,", "InjectManager,\n  InjectTransactionManager,")
  fs.writeFileSync(file, s)
  fs.writeFileSync(path.join(app, "src", "modules", "resource_booking", "migrations", "Migration20991231000000.ts"), MIGRATION)
}

async function runSubset(label, out) {
  const args = [path.join(__dirname, "run.js"), "--reuse-build", "--only=hot_hold_http,hot_hold_module,spread_hold_http", `--out=${out}`]
  if (QUICK) args.push("--quick")
  lib.log(`${label}: node ${args.map((a) => path.relative(lib.REPO_ROOT, a) || a).join(" ")}`)
  await lib.runCommand(process.execPath, args, { cwd: lib.REPO_ROOT, logFile: path.join(lib.TMP, `p1-${label}.log`), timeoutMs: 1_200_000 })
  return JSON.parse(fs.readFileSync(out, "utf8"))
}

async function main() {
  fs.mkdirSync(lib.TMP, { recursive: true })
  const before = path.join(lib.TMP, "p1-before.json")
  const after = path.join(lib.TMP, "p1-after.json")
  await lib.buildApp({})
  const a = await runSubset("before", before)
  await lib.buildApp({ patch: patchService })
  const b = await runSubset("after", after)
  await lib.buildApp({}) // leave an unpatched build behind
  const rows = ["hot_hold_http", "hot_hold_module", "spread_hold_http"].map((k) => {
    const x = a.scenarios[k] || {}
    const y = b.scenarios[k] || {}
    return { scenario: k, before_ops: x.ops_per_s, before_ratio: x.ratio_to_baseline, before_p50: x.p50_ms, after_ops: y.ops_per_s, after_ratio: y.ratio_to_baseline, after_p50: y.p50_ms, after_5xx: y.errors_5xx, after_oversold: y.oversold }
  })
  console.table(rows)
  fs.writeFileSync(path.join(lib.TMP, "p1-compare.json"), JSON.stringify(rows, null, 2))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
