"use strict"
/**
 * The bench's view of the shared harness (integration-tests/harness): one
 * build of the app with the admin disabled (harness app "server", shared with
 * the reliability run and the profilers), its databases, servers and
 * `medusa exec` scripts, the load generator and the SQL fixtures; plus RSS
 * sampling of a server's process tree.
 */
const fs = require("fs")
const harness = require("../integration-tests/harness")

const { round } = harness

const server = harness.app({ name: "server" })

// ------------------------------------------------------------------ RSS

function readProcTree() {
  const byParent = new Map()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
      if (!byParent.has(ppid)) byParent.set(ppid, [])
      byParent.get(ppid).push(Number(entry))
    } catch (e) {}
  }
  return byParent
}

function treeRssKb(rootPid) {
  const byParent = readProcTree()
  const pids = [rootPid]
  for (let i = 0; i < pids.length; i++) pids.push(...(byParent.get(pids[i]) || []))
  let total = 0
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
      if (m) total += Number(m[1])
    } catch (e) {}
  }
  return total
}

/** Samples the RSS of a process tree every 250 ms; stop() returns the peak in MB. */
function rssSampler(pids) {
  let peak = 0
  const sample = () => {
    let sum = 0
    for (const pid of pids) sum += treeRssKb(pid)
    peak = Math.max(peak, sum)
  }
  sample()
  const timer = setInterval(sample, 250)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return Math.round(peak / 1024)
    },
  }
}

// ------------------------------------------------------------------ timing preload

/** The counters bench/workflow-timing.js last wrote to `file` ({} before the first write). */
function readTiming(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")).by_kind || {}
  } catch (e) {
    return {}
  }
}

/**
 * What ran between two readings of the timing preload, per unit of work (a
 * request, a checkout): { "<kind> <name>": { per_unit_ms, calls_per_unit } },
 * slowest first.
 */
function timingDelta(before, after, units) {
  const per = (x) => round(x / Math.max(1, units), 2)
  return Object.fromEntries(
    Object.entries(after)
      .map(([key, v]) => [key, v.n - (before[key]?.n || 0), v.ms - (before[key]?.ms || 0)])
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[2] - x[2])
      .map(([key, n, ms]) => [key, { per_unit_ms: per(ms), calls_per_unit: per(n) }])
  )
}

/** The ledger's tables, which the bench ANALYZEs itself where the server's autovacuum is off (docs/PERFORMANCE.md). */
const LEDGER_TABLES = "resource, resource_hold, resource_capacity, resource_allocation, resource_occupancy, resource_capacity_audit"

module.exports = {
  ...harness,
  LEDGER_TABLES,
  /** Work directory of the build: logs, exec configs and outputs. */
  TMP: server.work,
  APP: server.dir,
  SERVER_DIR: server.serverDir,
  buildApp: (opts) => server.build(opts),
  createDatabase: (prefix) => server.createDatabase(prefix),
  startServer: (opts) => server.start(opts),
  medusaExec: (script, args, opts) => server.exec(script, args, opts),
  medusaExecAsync: (script, args, opts) => server.execAsync(script, args, opts),
  rssSampler,
  treeRssKb,
  readTiming,
  timingDelta,
}
