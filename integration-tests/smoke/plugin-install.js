#!/usr/bin/env node
"use strict"
/**
 * Proves that the packaged plugin installs into a separate Medusa 2.21.2 app
 * (`npm run test:smoke`):
 *
 *   1. `npm run build` (medusa plugin:build) and `npm pack` make a tarball;
 *      the tarball holds the built server code and admin, and no tests.
 *   2. A minimal app (package.json + medusa-config.ts + tsconfig.json, written
 *      here) in a temporary directory registers the plugin under `plugins`
 *      with options.
 *   3. The tarball is installed into the app's node_modules. By default the
 *      app's other dependencies are symlinked from this repository's
 *      node_modules (same versions as the app asks for; no 2-minute install);
 *      SMOKE_NPM_INSTALL=1 runs a real `npm install` of the app instead.
 *   4. `medusa db:migrate` runs the plugin's migrations and link migrations in
 *      a fresh database; `medusa build` builds the app with the plugin's admin
 *      extensions; `medusa start` serves it (through the shared harness,
 *      integration-tests/harness: free port, process-group stop); the plugin's
 *      admin routes answer (401 without auth; create a resource, set capacity
 *      with a token) and the admin bundle contains the plugin's pages.
 *
 * Prints `N passed, N failed` last; exits non-zero on any failure.
 * Env: SMOKE_PORT (default: a free port), SMOKE_KEEP=1 keeps the temp dir and
 * database, SMOKE_SKIP_BUILD=1 reuses an existing plugin build.
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const harness = require("../harness")

const { REPO_ROOT } = harness
const pkg = require(path.join(REPO_ROOT, "package.json"))
const MEDUSA_VERSION = require(path.join(REPO_ROOT, "node_modules", "@medusajs", "medusa", "package.json")).version
const TIMEZONE = "Australia/Brisbane"

let passed = 0
let failed = 0
const log = (m) => console.log(`[smoke] ${m}`)
const pass = (m) => {
  passed++
  console.log(`  ok   ${m}`)
}
const fail = (m) => {
  failed++
  console.log(`  FAIL ${m}`)
}
const check = (ok, okMessage, failMessage = okMessage) => (ok ? pass(okMessage) : fail(failMessage))
class Abort extends Error {}
const abort = (m) => {
  fail(m)
  throw new Abort(m)
}

/** Runs a step; on failure prints the end of its output and aborts the run. */
async function must(what, fn) {
  try {
    return await fn()
  } catch (e) {
    console.log(String(e.message || e).split("\n").slice(-30).join("\n"))
    abort(what)
  }
}

function writeApp(app, port, tarball) {
  fs.mkdirSync(path.join(app, "src"), { recursive: true })
  const dependencies = Object.fromEntries(
    ["admin-sdk", "cli", "framework", "icons", "medusa"].map((p) => [`@medusajs/${p}`, MEDUSA_VERSION])
  )
  const dev = pkg.devDependencies
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify(
      {
        name: "rb-smoke-app",
        version: "0.0.0",
        private: true,
        scripts: { build: "medusa build", start: "medusa start" },
        dependencies: { ...dependencies, "@medusajs/ui": dev["@medusajs/ui"], [pkg.name]: `file:${tarball}` },
        devDependencies: Object.fromEntries(
          ["@medusajs/test-utils", "@swc/core", "@types/node", "@types/react", "@types/react-dom", "react", "react-dom", "ts-node", "typescript", "vite"].map((d) => [d, dev[d]])
        ),
      },
      null,
      2
    )
  )
  fs.writeFileSync(
    path.join(app, "medusa-config.ts"),
    `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://${harness.HOST}:${port}",
      authCors: "http://${harness.HOST}:${port}",
      jwtSecret: "smoke-jwt-secret",
      cookieSecret: "smoke-cookie-secret",
    },
  },
  plugins: [
    {
      resolve: "${pkg.name}",
      options: { holdTtlMinutes: 20, timezone: "${TIMEZONE}" },
    },
  ],
})
`
  )
  const tsconfig = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8"))
  tsconfig.exclude = ["node_modules", ".medusa/server", ".medusa/admin", ".cache"]
  fs.writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(tsconfig, null, 2))
}

function dateIn(timeZone, addDays = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date())
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + addDays)
  return d.toISOString().slice(0, 10)
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "rb-smoke-"))
  const app = path.join(work, "app")
  const port = Number(process.env.SMOKE_PORT) || (await harness.freePort())
  const npm = (args, cwd, logName) => harness.runCommand("npm", args, { cwd, logFile: path.join(work, `${logName}.log`) })
  let db = null
  let server = null
  try {
    // 1. build and pack
    if (process.env.SMOKE_SKIP_BUILD !== "1") {
      log("building the plugin (medusa plugin:build)")
      await must("npm run build", () => npm(["run", "build"], REPO_ROOT, "plugin-build"))
    }
    pass("plugin builds")
    log("packing")
    const packed = await must("npm pack", () => npm(["pack", "--silent", "--pack-destination", work], REPO_ROOT, "pack"))
    const tarball = path.join(work, packed.trim().split("\n").pop())
    if (!fs.existsSync(tarball)) abort("npm pack made no tarball")
    pass(`npm pack: ${path.basename(tarball)} (${Math.round(fs.statSync(tarball).size / 1024)} kB)`)

    const contents = (await harness.runCommand("tar", ["-tzf", tarball])).split("\n")
    for (const required of [
      "package/package.json",
      "package/.medusa/server/src/modules/resource_booking/index.js",
      "package/.medusa/server/src/modules/resource_booking/migrations/",
      "package/.medusa/server/src/links/resource-product-variant.js",
      "package/.medusa/server/src/api/middlewares.js",
      "package/.medusa/server/src/api/admin/resources/route.js",
      "package/.medusa/server/src/admin/index.mjs",
      "package/.medusa/server/src/workflows/index.js",
    ]) {
      check(contents.some((f) => f.startsWith(required)), `tarball has ${required}`, `tarball lacks ${required}`)
    }
    const shipped = contents.filter((f) => /__tests__|integration-tests|\.spec\.|\/scripts\//.test(f))
    check(!shipped.length, "tarball ships no tests", `tarball ships tests or scripts: ${shipped.slice(0, 3).join(" ")}`)

    // 2. the app
    writeApp(app, port, tarball)
    pass("app written (plugin under `plugins`)")

    // 3. install
    const pkgDir = path.join(app, "node_modules", pkg.name)
    if (process.env.SMOKE_NPM_INSTALL === "1") {
      log("npm install (full)")
      await must("npm install", () => npm(["install", "--no-audit", "--no-fund"], app, "npm-install"))
      pass("npm install of the app and the tarball")
    } else {
      log("linking the repository's node_modules, installing the tarball")
      fs.mkdirSync(path.join(app, "node_modules"), { recursive: true })
      for (const entry of fs.readdirSync(path.join(REPO_ROOT, "node_modules"))) {
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules", entry), path.join(app, "node_modules", entry))
      }
      fs.mkdirSync(pkgDir, { recursive: true })
      await must("unpacking the tarball", () => harness.runCommand("tar", ["-xzf", tarball, "-C", pkgDir, "--strip-components=1"]))
      pass(`tarball installed into node_modules/${pkg.name}`)
    }
    const adminIndex = path.join(pkgDir, ".medusa", "server", "src", "admin", "index.mjs")
    check(fs.existsSync(adminIndex), "installed package has its admin build", "installed package lacks .medusa/server/src/admin/index.mjs")

    // 4. database, migrations
    const env = { MEDUSA_ADMIN_DISABLE: "false" }
    db = await must("medusa db:migrate", () => harness.createDatabase("rb_smoke", { appDir: app, logDir: work, env }))
    pass(`database ${db.name} created`)
    pass("medusa db:migrate")
    fs.writeFileSync(path.join(app, ".env"), `DATABASE_URL=${db.url}\n`)
    const tables = await harness.withClient(db.url, async (c) =>
      (await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).rows.map((r) => r.table_name)
    )
    for (const table of ["resource", "resource_capacity", "resource_hold", "resource_allocation", "resource_blackout", "resource_capacity_audit"]) {
      check(tables.includes(table), `migration made table ${table}`, `no table ${table} after migrate`)
    }
    check(tables.some((t) => /resource.*product_variant|product_variant.*resource/.test(t)), "link table resource <-> product_variant exists", "no resource <-> product_variant link table")

    // 5. build the app (admin included)
    log("medusa build (backend + admin; ~1-2 min)")
    await must("medusa build of the app", () => harness.medusa(app, ["build"], { env, logFile: path.join(work, "app-build.log") }))
    pass("medusa build of the app")
    const adminDir = path.join(app, ".medusa", "server", "public", "admin")
    check(fs.existsSync(path.join(adminDir, "index.html")), "admin built", "no admin index.html")
    const bundle = fs.existsSync(path.join(adminDir, "assets"))
      ? fs.readdirSync(path.join(adminDir, "assets")).map((f) => fs.readFileSync(path.join(adminDir, "assets", f), "utf8")).join("\n")
      : ""
    check(
      bundle.includes("resource-utilization") && bundle.includes("Capacity, next"),
      "admin bundle contains the plugin's pages (Resources, resource page, Utilization)",
      "the plugin's admin pages are missing from the admin bundle"
    )

    // 6. start and call the routes
    log("admin user")
    await harness.medusa(app, ["user", "-e", "smoke@example.com", "-p", "smoke-password"], { env: { ...env, DATABASE_URL: db.url }, logFile: path.join(work, "user.log") }).then(
      () => pass("admin user created"),
      (e) => fail(`medusa user: ${String(e.message).slice(-300)}`)
    )
    const serverDir = path.join(app, ".medusa", "server")
    fs.symlinkSync(path.join(app, "node_modules"), path.join(serverDir, "node_modules"))
    fs.copyFileSync(path.join(app, ".env"), path.join(serverDir, ".env"))
    log(`medusa start on port ${port}`)
    server = await must("server did not start", () => harness.startServer({ serverDir, appDir: app, port, databaseUrl: db.url, env, name: "smoke-server", logDir: work }))
    pass("server answers /health")

    const call = (method, p, { token, body } = {}) =>
      harness.request({ port, method, path: p, body, headers: token ? { authorization: `Bearer ${token}` } : {} })
    const short = (r) => `${r.status} ${r.text.slice(0, 300)}`

    let r = await call("GET", "/admin/resources")
    check(r.status === 401, "GET /admin/resources without auth: 401", `GET /admin/resources without auth: ${r.status}`)

    let token = ""
    for (let attempt = 1; attempt <= 3 && !token; attempt++) {
      r = await call("POST", "/auth/user/emailpass", { body: { email: "smoke@example.com", password: "smoke-password" } })
      token = r.body?.token || ""
      if (!token) {
        console.log(`  login attempt ${attempt}: HTTP ${short(r)}`)
        await harness.sleep(2000)
      }
    }
    check(Boolean(token), "admin login", "admin login gave no token")

    r = await call("POST", "/admin/resources", { token, body: { type: "VEHICLE", name: "Smoke Troopy" } })
    const resourceId = r.body?.resource?.id
    check(r.status === 200 && resourceId, `POST /admin/resources: 200 (${resourceId})`, `POST /admin/resources: ${short(r)}`)

    const from = dateIn(TIMEZONE)
    const to = dateIn(TIMEZONE, 6)
    r = await call("POST", `/admin/resources/${resourceId}/capacity`, { token, body: { from, to, max_capacity: 3 } })
    check(r.status === 200, "POST /admin/resources/:id/capacity: 200", `POST capacity: ${short(r)}`)

    r = await call("GET", `/admin/resource-utilization?from=${from}&to=${to}`, { token })
    check(r.status === 200 && r.text.includes('"total_capacity":21'), "GET /admin/resource-utilization: 200, capacity counted", `GET /admin/resource-utilization: ${short(r)}`)

    r = await call("GET", "/admin/resources?limit=101", { token })
    check(r.status === 400, "validation middleware active (limit=101: 400)", `limit=101: ${r.status}`)

    r = await call("GET", "/app/")
    check(r.status === 200 && /<html/i.test(r.text), "admin served at /app", `GET /app/: ${r.status}`)
  } catch (e) {
    if (!(e instanceof Abort)) fail(`harness error: ${e.stack || e}`)
  } finally {
    if (server) await server.stop()
    if (process.env.SMOKE_KEEP === "1") {
      log(`kept ${work}${db ? ` and database ${db.name}` : ""}`)
    } else {
      if (db) await db.drop().catch(() => {})
      fs.rmSync(work, { recursive: true, force: true })
    }
  }
}

main().finally(() => {
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(failed ? 1 : 0)
})
