#!/usr/bin/env node
"use strict"
/**
 * `npm run demo`: from a fresh clone to a running Medusa server with the
 * resource_booking plugin and demo data.
 *
 *   1. npm install, if node_modules is missing;
 *   2. a PostgreSQL (scripts/lib/database.js): DATABASE_URL if set and
 *      reachable, else localhost:5432 (database resource_booking_demo), else
 *      an embedded PostgreSQL 17 in .data/pg (port 54329);
 *   3. creates the database if missing, `medusa db:migrate`, the seed script
 *      (resources, 90 days of capacity, publishable API key), an admin user;
 *   4. starts the server on PORT (default 9000) and prints URLs and
 *      credentials. By default `medusa start` with NODE_ENV=development (what
 *      `medusa develop` runs, without its file watcher, which restarts the
 *      server whenever any file in the repository changes); DEMO_WATCH=1 uses
 *      `medusa develop` instead.
 *
 * Nothing is written to tracked files; the connection string is only passed to
 * the child processes. Ctrl-C stops the server (and the embedded PostgreSQL if
 * this command started it).
 *
 * Env: DATABASE_URL, PORT, REDIS_URL (passed through), DEMO_DB_NAME
 * (default resource_booking_demo), ADMIN_EMAIL / ADMIN_PASSWORD,
 * RESOURCE_BOOKING_WAITLIST_OFFER_URL (default: the demo page, so that the
 * waitlist offer email's link opens the offer in the widget).
 */
const fs = require("fs")
const path = require("path")
const http = require("http")
const { spawn, spawnSync } = require("child_process")

const ROOT = path.resolve(__dirname, "..")
const DB_NAME = process.env.DEMO_DB_NAME || "resource_booking_demo"
const PORT = Number(process.env.PORT || 9000)
const ADMIN_EMAIL = process.env.ADMIN_EMAIL || "admin@example.com"
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || "supersecret"
const log = (m) => console.log(`\x1b[36m[demo]\x1b[0m ${m}`)

function runStep(title, cmd, args, env, { capture = false, allowFail = false } = {}) {
  log(title)
  const res = spawnSync(cmd, args, {
    cwd: ROOT,
    env,
    stdio: capture ? ["inherit", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = capture ? `${res.stdout || ""}${res.stderr || ""}` : ""
  if (capture) process.stdout.write(output)
  if (res.status !== 0 && !allowFail) {
    throw new Error(`${title} failed (exit code ${res.status})`)
  }
  return { status: res.status, output }
}

function waitForHealth(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve) => {
    const attempt = () => {
      const req = http.get({ host: "127.0.0.1", port, path: "/health", timeout: 2000 }, (res) => {
        res.resume()
        if (res.statusCode === 200) return resolve(true)
        retry()
      })
      req.on("error", retry)
      req.on("timeout", () => req.destroy())
    }
    const retry = () => (Date.now() > deadline ? resolve(false) : setTimeout(attempt, 1000))
    attempt()
  })
}

async function main() {
  // 1. dependencies
  if (!fs.existsSync(path.join(ROOT, "node_modules", "@medusajs", "medusa"))) {
    runStep("Installing dependencies (npm install)", "npm", ["install", "--no-audit", "--no-fund"], process.env)
  }
  const { findDatabase, ensureDatabase } = require("./lib/database")

  // 2. database
  const db = await findDatabase({ log: (m) => log(m) })
  const dbName = db.source === "env" ? db.database : DB_NAME
  if (await ensureDatabase(db, dbName)) log(`Created database ${dbName}`)
  const databaseUrl = db.source === "env" ? process.env.DATABASE_URL : db.url(dbName)
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    // The waitlist offer email links to the demo page, whose widget books the offer.
    RESOURCE_BOOKING_WAITLIST_OFFER_URL:
      process.env.RESOURCE_BOOKING_WAITLIST_OFFER_URL || `http://localhost:${PORT}/resource-booking-widget/demo?waitlist_entry={entry_id}`,
  }
  let server = null
  let shuttingDown = false
  const shutdown = async (code) => {
    if (shuttingDown) return
    shuttingDown = true
    if (server && server.exitCode === null) {
      try {
        process.kill(-server.pid, "SIGTERM")
      } catch (e) {}
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-server.pid, "SIGKILL")
          } catch (e) {}
          r()
        }, 10000)
        server.once("exit", () => {
          clearTimeout(t)
          r()
        })
      })
    }
    await db.stop()
    process.exit(code)
  }
  process.on("SIGINT", () => shutdown(0))
  process.on("SIGTERM", () => shutdown(0))

  try {
    // 3. schema, data, admin user
    runStep("Running migrations (medusa db:migrate)", "npx", ["medusa", "db:migrate"], env)
    const seed = runStep(
      "Seeding resources, capacity and a publishable API key",
      "npx",
      ["medusa", "exec", "./scripts/seed-resources.ts"],
      env,
      { capture: true }
    )
    const keyMatch = seed.output.match(/PUBLISHABLE_API_KEY=(pk_[A-Za-z0-9]+)/)
    const publishableKey = keyMatch ? keyMatch[1] : null

    const user = runStep(
      `Creating admin user ${ADMIN_EMAIL}`,
      "npx",
      ["medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD],
      env,
      { capture: true, allowFail: true }
    )
    if (user.status !== 0) {
      if (/already exists|duplicate|unique/i.test(user.output)) {
        log(`Admin user ${ADMIN_EMAIL} already exists`)
      } else {
        log(`warning: could not create the admin user (exit code ${user.status}); continuing`)
      }
    }

    // 4. server
    const command = process.env.DEMO_WATCH === "1" ? "develop" : "start"
    log(`Starting the server (medusa ${command}) on port ${PORT}`)
    server = spawn("npx", ["medusa", command], {
      cwd: ROOT,
      env: { ...env, NODE_ENV: process.env.NODE_ENV || "development" },
      stdio: "inherit",
      detached: true,
    })
    server.on("exit", (code) => {
      if (!shuttingDown) {
        log(`server exited (code ${code})`)
        shutdown(code || 0)
      }
    })
    const up = await waitForHealth(PORT, 5 * 60 * 1000)
    if (!up) {
      log(`warning: http://localhost:${PORT}/health did not answer within 5 minutes`)
      return
    }
    const base = `http://localhost:${PORT}`
    const key = publishableKey || "<see the admin: Settings > Publishable API Keys>"
    const lines = [
      "",
      "Resource booking demo is running",
      "",
      `  Admin dashboard   ${base}/app   (${ADMIN_EMAIL} / ${ADMIN_PASSWORD})`,
      `  Booking widget    ${base}/resource-booking-widget/demo   (demo storefront: book through the widget, docs/WIDGET.md)`,
      `  Health            ${base}/health`,
      `  Store API         ${base}/store/resources`,
      `                    ${base}/store/resources/:id/availability?from=YYYY-MM-DD&to=YYYY-MM-DD`,
      `                    ${base}/store/resource-holds`,
      `                    ${base}/store/product-variants/:id/resource-availability?from=…&to=…&currency_code=aud   (prices per date)`,
      `  Admin API         ${base}/admin/resources`,
      `  Rates             the day tour and the Sunset tour cost more on weekends and in the summer holidays (docs/PRICING.md)`,
      `  Publishable key   ${key}`,
      `  Database          ${databaseUrl.replace(/:[^:@/]+@/, ":****@")} (${db.source})`,
      "",
      `  Try: curl -H 'x-publishable-api-key: ${key}' ${base}/store/resources`,
      "",
      "  Ctrl-C stops the server.",
      "",
    ]
    console.log(lines.join("\n"))
  } catch (e) {
    console.error(`\n[demo] ${e.message}`)
    await shutdown(1)
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e)
  process.exit(1)
})
