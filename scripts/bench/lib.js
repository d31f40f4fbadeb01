"use strict"
/**
 * Shared pieces of the benchmark (`npm run bench`) and the reliability
 * harness (`npm run test:reliability`):
 *
 *  - a snapshot of the app (src + medusa-config) in bench/tmp/app, built with
 *    `medusa build` (admin disabled) and run from .medusa/server in production
 *    mode; node_modules is a symlink to the repo's, so the built app resolves
 *    the root packages;
 *  - fresh databases (rb_bench_* / rb_rel_*) on the PostgreSQL that
 *    scripts/lib/database.js finds, migrated with `medusa db:migrate`;
 *  - server processes on 127.0.0.1, `medusa exec` scripts, RSS sampling;
 *  - a tiny keep-alive HTTP load generator and a pg load loop, bounded in
 *    request count and time;
 *  - SQL fixtures (resources, capacity, holds) and the invariant check.
 *
 * Everything talks to 127.0.0.1 only.
 */
const fs = require("fs")
const http = require("http")
const path = require("path")
const crypto = require("crypto")
const { spawn } = require("child_process")
const { findDatabase, REPO_ROOT } = require("../lib/database")

const TMP = path.join(REPO_ROOT, "bench", "tmp")
const APP = path.join(TMP, "app")
const SERVER_DIR = path.join(APP, ".medusa", "server")
const MEDUSA_BIN = path.join(REPO_ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const HOST = "127.0.0.1"

const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

// ------------------------------------------------------------------ processes

/** Runs a command to completion; rejects on non-zero exit. Output goes to logFile (and is returned). */
function runCommand(cmd, args, { cwd, env, logFile, timeoutMs = 600_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const onData = (d) => {
      out += d
      if (logFile) fs.appendFileSync(logFile, d)
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}\n${out.slice(-3000)}`))
    })
  })
}

/** Copies the app (src, medusa-config, tsconfig, package.json, scripts/bench) into bench/tmp/app. */
function snapshotApp() {
  fs.mkdirSync(TMP, { recursive: true })
  fs.rmSync(APP, { recursive: true, force: true })
  fs.mkdirSync(APP, { recursive: true })
  for (const item of ["src", "medusa-config.ts", "tsconfig.json", "package.json"]) {
    fs.cpSync(path.join(REPO_ROOT, item), path.join(APP, item), { recursive: true })
  }
  fs.mkdirSync(path.join(APP, "scripts"), { recursive: true })
  fs.cpSync(path.join(REPO_ROOT, "scripts", "bench"), path.join(APP, "scripts", "bench"), { recursive: true })
  fs.cpSync(path.join(REPO_ROOT, "scripts", "reliability"), path.join(APP, "scripts", "reliability"), { recursive: true })
  fs.cpSync(path.join(REPO_ROOT, "scripts", "lib"), path.join(APP, "scripts", "lib"), { recursive: true })
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(APP, "node_modules"), "dir")
}

/** Snapshot + `medusa build` (admin disabled). Skipped with reuse when a build exists. */
async function buildApp({ reuse = false, patch = null } = {}) {
  if (reuse && fs.existsSync(path.join(SERVER_DIR, "medusa-config.js"))) {
    log("Reusing the existing build in bench/tmp/app/.medusa/server")
    // Refresh the exec scripts (they run from the snapshot, not the build).
    for (const dir of ["bench", "reliability", "lib"]) {
      fs.cpSync(path.join(REPO_ROOT, "scripts", dir), path.join(APP, "scripts", dir), { recursive: true })
    }
    return
  }
  log("Snapshotting the app into bench/tmp/app and running `medusa build` (admin disabled)")
  snapshotApp()
  if (patch) await patch(APP)
  const started = Date.now()
  await runCommand(process.execPath, [MEDUSA_BIN, "build"], {
    cwd: APP,
    env: { MEDUSA_ADMIN_DISABLE: "true" },
    logFile: path.join(TMP, "build.log"),
  })
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** Finds PostgreSQL, creates a fresh database `prefix_<timestamp>` and migrates it. */
async function createDatabase(prefix) {
  const db = await findDatabase({ log: (m) => log(`[db] ${m}`) })
  const name = `${prefix}_${new Date().toISOString().replace(/[-:TZ.]/g, "").slice(0, 14)}_${process.pid}`
  const admin = await pgClient(db.url("postgres"))
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = db.url(name).replace("@localhost:", `@${HOST}:`)
  log(`Created database ${name}; migrating`)
  await runCommand(process.execPath, [MEDUSA_BIN, "db:migrate"], {
    cwd: APP,
    env: { DATABASE_URL: url, MEDUSA_ADMIN_DISABLE: "true" },
    logFile: path.join(TMP, `${name}.migrate.log`),
  })
  const pgVersion = await withClient(url, async (c) => (await c.query("SHOW server_version")).rows[0].server_version)
  return {
    name,
    url,
    pgVersion,
    server: db,
    async drop() {
      const c = await pgClient(db.url("postgres"))
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        log(`Dropped database ${name}`)
      } finally {
        await c.end()
      }
      await db.stop()
    },
  }
}

function pgClient(url) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: url })
  client.on("error", () => {})
  return client.connect().then(() => client)
}

async function withClient(url, fn) {
  const c = await pgClient(url)
  try {
    return await fn(c)
  } finally {
    await c.end().catch(() => {})
  }
}

const children = new Set()
function cleanupChildren() {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch (e) {}
  }
}
process.on("exit", cleanupChildren)
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    cleanupChildren()
    process.exit(130)
  })
}

/**
 * Starts `medusa start` from the build in production mode on 127.0.0.1:port.
 * Resolves when /health answers. Returns { pid, port, stop(), kill9(), logFile }.
 */
async function startServer({ port, databaseUrl, env = {}, name = `server-${port}` }) {
  const logFile = path.join(TMP, `${name}.log`)
  fs.writeFileSync(logFile, "")
  const out = fs.openSync(logFile, "a")
  // Redis modules only when asked for (env.REDIS_URL), not inherited from the shell.
  const { REDIS_URL: _ignored, ...inherited } = process.env
  const spawnedAt = Date.now()
  const child = spawn(process.execPath, [...(env.NODE_ARGS ? env.NODE_ARGS.split(" ") : []), MEDUSA_BIN, "start"], {
    cwd: SERVER_DIR,
    env: {
      ...inherited,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      MEDUSA_ADMIN_DISABLE: "true",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", out, out],
    detached: true,
  })
  children.add(child)
  let exited = null
  child.on("exit", (code, signal) => {
    exited = code ?? signal
    children.delete(child)
  })
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`Server ${name} exited (${exited}); see ${logFile}`)
    try {
      const res = await request({ port, method: "GET", path: "/health", timeoutMs: 2000 })
      if (res.status === 200) break
    } catch (e) {}
    await sleep(300)
  }
  if (Date.now() >= deadline) throw new Error(`Server ${name} did not become healthy; see ${logFile}`)
  const server = {
    pid: child.pid,
    spawnedAt,
    port,
    logFile,
    get exited() {
      return exited
    },
    async stop() {
      if (exited !== null) return
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch (e) {}
      const until = Date.now() + 10_000
      while (exited === null && Date.now() < until) await sleep(100)
      if (exited === null) {
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch (e) {}
        await sleep(200)
      }
    },
    async kill9() {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch (e) {}
      const until = Date.now() + 5000
      while (exited === null && Date.now() < until) await sleep(50)
    },
  }
  return server
}

/** Runs `medusa exec <script> ...args` from the app snapshot (dev mode, TypeScript). */
async function medusaExec(script, args, { databaseUrl, env = {}, name } = {}) {
  const logFile = path.join(TMP, `${name || path.basename(script)}.exec.log`)
  return await runCommand(process.execPath, [MEDUSA_BIN, "exec", script, ...args], {
    cwd: APP,
    env: { DATABASE_URL: databaseUrl, MEDUSA_ADMIN_DISABLE: "true", LOG_LEVEL: "warn", ...env },
    logFile,
    timeoutMs: 900_000,
  })
}

/** Spawns `medusa exec` without waiting (for parallel runs). Resolves { code, out }. */
function medusaExecAsync(script, args, { databaseUrl, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MEDUSA_BIN, "exec", script, ...args], {
      cwd: APP,
      env: { ...process.env, DATABASE_URL: databaseUrl, MEDUSA_ADMIN_DISABLE: "true", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    children.add(child)
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch (e) {}
    }, 900_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      children.delete(child)
      resolve({ code, out })
    })
  })
}

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

// ------------------------------------------------------------------ HTTP

const agents = new Map()
function agentFor(port, maxSockets = 64) {
  const key = `${port}:${maxSockets}`
  if (!agents.has(key)) agents.set(key, new http.Agent({ keepAlive: true, maxSockets }))
  return agents.get(key)
}

/**
 * One HTTP request to 127.0.0.1. `body` objects are sent as JSON; `rawPath`
 * allows paths node would otherwise refuse (the harness never sends to
 * anything but 127.0.0.1). Resolves { status, body, text }.
 */
function request({ port, method = "GET", path: p, body, headers = {}, timeoutMs = 30_000, agent, rawBody }) {
  return new Promise((resolve, reject) => {
    const payload = rawBody !== undefined ? rawBody : body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(
      {
        host: HOST,
        port,
        method,
        path: p,
        agent: agent || agentFor(port),
        headers: {
          ...(payload !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
          ...headers,
        },
        insecureHTTPParser: true,
      },
      (res) => {
        const chunks = []
        res.on("data", (c) => chunks.push(c))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          let json = null
          try {
            json = JSON.parse(text)
          } catch (e) {}
          resolve({ status: res.statusCode, body: json, text })
        })
        res.on("error", reject)
      }
    )
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")))
    req.on("error", reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

/**
 * Runs `clients` concurrent loops of `op(clientIndex, i)` until `requests`
 * operations were started or `maxSeconds` passed. `op` resolves a status
 * (HTTP code, or "ok"/"error" for non-HTTP work). Returns the measured stats.
 */
async function runLoad({ clients, requests, maxSeconds, op }) {
  const latencies = []
  const statuses = {}
  let started = 0
  let failures = 0
  let firstError = null
  const t0 = process.hrtime.bigint()
  const deadline = Date.now() + maxSeconds * 1000
  async function loop(client) {
    while (started < requests && Date.now() < deadline) {
      const i = started++
      const s = process.hrtime.bigint()
      let status
      try {
        status = await op(client, i)
      } catch (e) {
        status = "error"
        failures++
        if (!firstError) firstError = e
      }
      latencies.push(Number(process.hrtime.bigint() - s) / 1e6)
      statuses[status] = (statuses[status] || 0) + 1
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, c) => loop(c)))
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  return summarize({ latencies, statuses, seconds, clients, failures, firstError })
}

function percentile(sorted, p) {
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function summarize({ latencies, statuses, seconds, clients, failures = 0, firstError = null }) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const errors5xx = Object.entries(statuses)
    .filter(([k]) => /^5\d\d$/.test(k))
    .reduce((n, [, v]) => n + v, 0)
  return {
    clients,
    requests: latencies.length,
    seconds: round(seconds, 2),
    ops_per_s: round(latencies.length / seconds, 1),
    p50_ms: round(percentile(sorted, 50), 2),
    p99_ms: round(percentile(sorted, 99), 2),
    statuses,
    errors_5xx: errors5xx,
    failures,
    first_error: firstError ? String(firstError.message || firstError).slice(0, 300) : undefined,
  }
}

function round(x, d = 1) {
  if (x === null || x === undefined || !Number.isFinite(x)) return null
  const f = 10 ** d
  return Math.round(x * f) / f
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ------------------------------------------------------------------ fixtures (SQL)

/** Unguessable-enough ids in the module's shapes. */
function newId(prefix) {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
  let s = ""
  const bytes = crypto.randomBytes(26)
  for (let i = 0; i < 26; i++) s += alphabet[bytes[i] % 32]
  return `${prefix}_${s}`
}

/** `YYYY-MM-DD`, `offset` days after today (UTC); offsets ≥ 2 are in the future in every zone. */
function dayOffset(offset) {
  const d = new Date()
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

/**
 * Creates `count` resources (type, name prefix) with capacity `max` on
 * dates today+fromOffset .. today+toOffset, in a few SQL statements. Returns ids.
 */
async function createResources(client, { count, prefix, max, fromOffset = 2, toOffset = 40, type = "VEHICLE" }) {
  const ids = Array.from({ length: count }, () => newId("res"))
  const names = ids.map((id, i) => `${prefix} ${i} ${id.slice(-6)}`)
  await client.query(
    `INSERT INTO resource (id, type, name, is_active) SELECT unnest($1::text[]), $3, unnest($2::text[]), true`,
    [ids, names, type]
  )
  await client.query(
    `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity)
     SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), r, d::date, $2, $2
     FROM unnest($1::text[]) AS r, generate_series($3::date, $4::date, interval '1 day') AS d`,
    [ids, max, dayOffset(fromOffset), dayOffset(toOffset)]
  )
  return ids
}

/**
 * Invariant 1 (and the CHECKs) over every capacity row, from SQL:
 * available ≥ 0, available ≤ max, and max − available = ACTIVE hold quantity
 * + active allocation quantity that deducted capacity. Returns the number of
 * violating rows and a sample.
 */
async function checkOversold(client, { resourceIds } = {}) {
  const filter = resourceIds ? `WHERE c.resource_id = ANY($1::text[])` : ""
  const { rows } = await client.query(
    `WITH held AS (
       SELECT h.resource_id, d AS date, sum(h.quantity)::int AS q
       FROM resource_hold h, unnest(h.dates) d WHERE h.status = 'ACTIVE'
       ${resourceIds ? "AND h.resource_id = ANY($1::text[])" : ""}
       GROUP BY 1, 2
     ),
     alloc AS (
       SELECT a.resource_id, d AS date, sum(a.quantity)::int AS q
       FROM resource_allocation a, unnest(a.dates) d
       WHERE a.status = 'ACTIVE' AND a.capacity_deducted AND a.deleted_at IS NULL
       ${resourceIds ? "AND a.resource_id = ANY($1::text[])" : ""}
       GROUP BY 1, 2
     )
     SELECT c.resource_id, c.date::text, c.max_capacity, c.available_capacity,
            coalesce(held.q, 0) AS held, coalesce(alloc.q, 0) AS allocated
     FROM resource_capacity c
     LEFT JOIN held ON held.resource_id = c.resource_id AND held.date = c.date
     LEFT JOIN alloc ON alloc.resource_id = c.resource_id AND alloc.date = c.date
     ${filter}`,
    resourceIds ? [resourceIds] : []
  )
  const bad = rows.filter(
    (r) =>
      r.available_capacity < 0 ||
      r.available_capacity > r.max_capacity ||
      r.max_capacity - r.available_capacity !== r.held + r.allocated
  )
  return { rows: rows.length, oversold: bad.length, sample: bad.slice(0, 5) }
}

module.exports = {
  REPO_ROOT,
  TMP,
  APP,
  SERVER_DIR,
  HOST,
  log,
  runCommand,
  buildApp,
  createDatabase,
  pgClient,
  withClient,
  startServer,
  medusaExec,
  medusaExecAsync,
  rssSampler,
  treeRssKb,
  request,
  agentFor,
  runLoad,
  summarize,
  percentile,
  round,
  sleep,
  newId,
  dayOffset,
  createResources,
  checkOversold,
}
