"use strict"
/**
 * The one app harness behind the bench, the admin e2e test, the reliability
 * run and the plugin smoke test: copy, build, database, start, wait, stop.
 *
 *   const harness = require("./app")
 *   const app = harness.app({ name: "server" })        // or { name: "admin", admin: true }
 *   await app.build({ reuse })                          // copy the repo's app + `medusa build`
 *   const db = await app.createDatabase("rb_bench")     // fresh database, migrated
 *   const server = await app.start({ databaseUrl: db.url })   // resolves when /health answers
 *   await app.exec("./bench/module-bench.ts", [cfg, out], { databaseUrl: db.url })
 *   await server.stop(); await db.drop()
 *
 * - The copy lives in <tmpdir>/rb-harness-<repo hash>/<name>/app (stable, so
 *   `--reuse-build` works; outside the repository, so a build in the checkout
 *   cannot disturb it): src (without __tests__), medusa-config.ts,
 *   tsconfig.json, package.json, and the harness's own scripts (bench/,
 *   integration-tests/, scripts/lib) for `medusa exec`; node_modules is a
 *   symlink to the repository's. Logs go to <work>/logs.
 * - `medusa build` runs with the admin disabled unless `admin: true`.
 * - Databases are created on the PostgreSQL that scripts/lib/database.js finds
 *   and migrated with `medusa db:migrate`.
 * - Servers run `medusa start` from .medusa/server with NODE_ENV=production on
 *   127.0.0.1, each in its own process group (stopped with a group kill, so no
 *   child outlives the run), on a free port unless one is given. Every server
 *   still running when the process exits is killed.
 *
 * The lower-level functions (runCommand, medusa, startServer, createDatabase,
 * freePort) take an explicit app directory: the smoke test uses them on an app
 * it writes itself.
 */
const fs = require("fs")
const os = require("os")
const net = require("net")
const path = require("path")
const crypto = require("crypto")
const { spawn } = require("child_process")
const { findDatabase, REPO_ROOT } = require("../../scripts/lib/database")
const { HOST, request, sleep } = require("./http")

const WORK_ROOT = path.join(os.tmpdir(), `rb-harness-${crypto.createHash("md5").update(REPO_ROOT).digest("hex").slice(0, 8)}`)
/** What `medusa build` needs, plus the harness's `medusa exec` scripts. */
const APP_ENTRIES = ["src", "medusa-config.ts", "tsconfig.json", "package.json"]
const EXEC_ENTRIES = ["bench", "integration-tests", path.join("scripts", "lib")]

const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a)

// ------------------------------------------------------------------ processes

const children = new Set()
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch (e) {
    try {
      child.kill(signal)
    } catch (e2) {}
  }
}
process.on("exit", () => {
  for (const child of children) killGroup(child, "SIGKILL")
})
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => process.exit(130))
}

/** Spawns a command in its own process group; tracked, so it dies with this process. */
function spawnTracked(cmd, args, options) {
  const child = spawn(cmd, args, { ...options, detached: true })
  children.add(child)
  child.on("exit", () => children.delete(child))
  return child
}

/** Runs a command to completion; rejects on non-zero exit. Output goes to logFile (and is returned). */
function runCommand(cmd, args, { cwd, env, logFile, timeoutMs = 900_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const onData = (d) => {
      out += d
      if (logFile) fs.appendFileSync(logFile, d)
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), timeoutMs)
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code ?? signal}\n${out.slice(-3000)}`))
    })
  })
}

const medusaBin = (appDir) => path.join(appDir, "node_modules", "@medusajs", "cli", "cli.js")

/** `medusa <args>` in an app directory (admin disabled unless env says otherwise). */
function medusa(appDir, args, { env = {}, logFile, timeoutMs } = {}) {
  return runCommand(process.execPath, [medusaBin(appDir), ...args], {
    cwd: appDir,
    env: { MEDUSA_ADMIN_DISABLE: "true", LOG_LEVEL: "warn", ...env },
    logFile,
    timeoutMs,
  })
}

/** A TCP port nothing listens on right now (the kernel's pick). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.on("error", reject)
    s.listen(0, HOST, () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

// ------------------------------------------------------------------ database

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

/**
 * Finds PostgreSQL, creates `<prefix>_<timestamp>_<pid>` and, with appDir,
 * migrates it with `medusa db:migrate` there. Returns { name, url, adminUrl,
 * pgVersion, server, drop() }; drop() also stops an embedded PostgreSQL this
 * process started.
 */
async function createDatabase(prefix, { appDir, logDir, env = {} } = {}) {
  const db = await findDatabase({ log: (m) => log(`[db] ${m}`) })
  const name = `${prefix}_${new Date().toISOString().replace(/[-:TZ.]/g, "").slice(0, 14)}_${process.pid}`
  await withClient(db.url("postgres"), (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = db.url(name).replace("@localhost:", `@${HOST}:`)
  if (appDir) {
    log(`Created database ${name}; migrating`)
    await medusa(appDir, ["db:migrate"], { env: { DATABASE_URL: url, ...env }, logFile: logDir && path.join(logDir, `${name}.migrate.log`) })
  } else {
    log(`Created database ${name}`)
  }
  const pgVersion = await withClient(url, async (c) => (await c.query("SHOW server_version")).rows[0].server_version)
  return {
    name,
    url,
    adminUrl: db.url("postgres"),
    pgVersion,
    server: db,
    async drop() {
      await withClient(db.url("postgres"), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
      log(`Dropped database ${name}`)
      await db.stop()
    },
  }
}

// ------------------------------------------------------------------ server

/**
 * Starts `medusa start` in serverDir (NODE_ENV=production, 127.0.0.1, its own
 * process group) and resolves when /health answers 200. env.NODE_ARGS adds
 * node flags (a preload, --cpu-prof). REDIS_URL is passed only when env names
 * it, never inherited. Returns { pid, port, spawnedAt, logFile, exited, stop(), kill9() }.
 */
async function startServer({ serverDir, appDir, port, databaseUrl, env = {}, name, logDir, healthTimeoutMs = 180_000 }) {
  port = port || (await freePort())
  name = name || `server-${port}`
  logDir = logDir || os.tmpdir()
  fs.mkdirSync(logDir, { recursive: true })
  const logFile = path.join(logDir, `${name}.log`)
  fs.writeFileSync(logFile, "")
  const out = fs.openSync(logFile, "a")
  const { REDIS_URL: _ignored, ...inherited } = process.env
  const { NODE_ARGS, ...serverEnv } = env
  const spawnedAt = Date.now()
  const child = spawnTracked(process.execPath, [...(NODE_ARGS ? NODE_ARGS.split(" ") : []), medusaBin(appDir || serverDir), "start"], {
    cwd: serverDir,
    env: {
      ...inherited,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST,
      MEDUSA_ADMIN_DISABLE: "true",
      LOG_LEVEL: "warn",
      ...serverEnv,
    },
    stdio: ["ignore", out, out],
  })
  fs.closeSync(out)
  let exited = null
  child.on("exit", (code, signal) => (exited = code ?? signal))
  const server = {
    pid: child.pid,
    port,
    spawnedAt,
    logFile,
    url: `http://${HOST}:${port}`,
    get exited() {
      return exited
    },
    async stop() {
      if (exited !== null) return
      killGroup(child, "SIGTERM")
      const until = Date.now() + 10_000
      while (exited === null && Date.now() < until) await sleep(100)
      if (exited === null) {
        killGroup(child, "SIGKILL")
        await sleep(200)
      }
    },
    async kill9() {
      killGroup(child, "SIGKILL")
      const until = Date.now() + 5000
      while (exited === null && Date.now() < until) await sleep(50)
    },
  }
  const deadline = Date.now() + healthTimeoutMs
  for (;;) {
    if (exited !== null) throw new Error(`Server ${name} exited (${exited}); see ${logFile}\n${tail(logFile)}`)
    try {
      const res = await request({ port, path: "/health", timeoutMs: 2000 })
      if (res.status === 200) return server
    } catch (e) {}
    if (Date.now() > deadline) {
      await server.stop()
      throw new Error(`Server ${name} did not answer /health within ${healthTimeoutMs / 1000} s; see ${logFile}\n${tail(logFile)}`)
    }
    await sleep(300)
  }
}

function tail(file, chars = 2000) {
  try {
    return fs.readFileSync(file, "utf8").slice(-chars)
  } catch (e) {
    return ""
  }
}

// ------------------------------------------------------------------ the repository's app

/**
 * The repository's app, copied and built under <tmpdir>/rb-harness-<hash>/<name>.
 * Returns { dir, serverDir, work, logDir, build(), createDatabase(), start(), exec(), execAsync() }.
 */
function app({ name = "server", admin = false } = {}) {
  const work = path.join(WORK_ROOT, name)
  const dir = path.join(work, "app")
  const serverDir = path.join(dir, ".medusa", "server")
  const logDir = path.join(work, "logs")
  const buildEnv = { MEDUSA_ADMIN_DISABLE: admin ? "false" : "true" }
  const skip = (src) => !src.includes(`${path.sep}__tests__`) && !src.includes(`${path.sep}bench${path.sep}tmp`)

  const copyExecScripts = () => {
    for (const entry of EXEC_ENTRIES) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true })
      fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true, filter: skip })
    }
  }

  return {
    name,
    dir,
    serverDir,
    work,
    logDir,
    env: buildEnv,

    /**
     * Copy + `medusa build`; with reuse, keeps an existing build and refreshes
     * the exec scripts only. With ref (a commit), the app is taken from git
     * instead of the working tree (`git archive`), e.g. to measure an earlier
     * commit with today's harness; the exec scripts still come from the tree.
     */
    async build({ reuse = false, patch = null, ref = null } = {}) {
      fs.mkdirSync(logDir, { recursive: true })
      const built = fs.existsSync(path.join(serverDir, "medusa-config.js")) && (!admin || fs.existsSync(path.join(serverDir, "public", "admin", "index.html")))
      if (reuse && built) {
        log(`Reusing the build in ${serverDir}`)
        copyExecScripts()
        return this
      }
      log(`Copying the app${ref ? ` at ${ref}` : ""} to ${dir} and running \`medusa build\` (admin ${admin ? "included" : "disabled"})`)
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
      if (ref) {
        const archive = path.join(work, "app.tar")
        await runCommand("git", ["archive", "--output", archive, ref, ...APP_ENTRIES], { cwd: REPO_ROOT })
        await runCommand("tar", ["-xf", archive, "-C", dir])
        fs.rmSync(archive)
      } else {
        for (const entry of APP_ENTRIES) fs.cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true, filter: skip })
      }
      copyExecScripts()
      fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir")
      if (patch) await patch(dir)
      const started = Date.now()
      await medusa(dir, ["build"], { env: buildEnv, logFile: path.join(logDir, "build.log") })
      if (admin && !fs.existsSync(path.join(serverDir, "public", "admin", "index.html"))) throw new Error(`medusa build made no admin (${path.join(logDir, "build.log")})`)
      log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      return this
    },

    createDatabase(prefix, opts = {}) {
      return createDatabase(prefix, { appDir: dir, logDir, env: buildEnv, ...opts })
    },

    start(opts) {
      return startServer({ serverDir, appDir: dir, logDir, ...opts, env: { ...buildEnv, ...(opts.env || {}) } })
    },

    /** `medusa exec <script> ...args` from the copy (TypeScript, dev mode). */
    exec(script, args, { databaseUrl, env = {}, name: label } = {}) {
      return medusa(dir, ["exec", script, ...args], {
        env: { ...buildEnv, DATABASE_URL: databaseUrl, ...env },
        logFile: path.join(logDir, `${label || path.basename(script)}.exec.log`),
      })
    },

    /** The same, resolving { code, out } instead of rejecting (for parallel runs). */
    execAsync(script, args, opts = {}) {
      return this.exec(script, args, opts).then(
        (out) => ({ code: 0, out }),
        (e) => ({ code: 1, out: String(e.message) })
      )
    },

    /** A file path in the work directory (configs and outputs of exec scripts). */
    file(base) {
      fs.mkdirSync(work, { recursive: true })
      return path.join(work, base)
    },
  }
}

module.exports = {
  REPO_ROOT,
  HOST,
  WORK_ROOT,
  log,
  runCommand,
  medusa,
  freePort,
  pgClient,
  withClient,
  createDatabase,
  startServer,
  app,
}
