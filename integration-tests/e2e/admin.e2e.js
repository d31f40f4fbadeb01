#!/usr/bin/env node
"use strict"
/**
 * Browser end-to-end test of the admin (`npm run test:e2e`).
 *
 * 1. Builds the app with its admin through the shared harness
 *    (integration-tests/harness, app "admin": a copy outside the checkout, so
 *    a concurrent plugin build cannot disturb it).
 * 2. Creates a fresh database (PostgreSQL found by scripts/lib/database.js),
 *    migrates it, creates an admin user, starts the built server on a free
 *    port of 127.0.0.1.
 * 3. Drives Debian's Chromium with playwright-core: logs in, creates a
 *    resource, sets capacity, sees the calendar, shows a server error, creates
 *    a blackout (which releases a hold made through the store API), releases a
 *    hold, opens a day's manifest, edits booking rules (a 400 in words, then
 *    saved and shown), links a variant with 2 units, links and unlinks resources
 *    in the product variant page's widget, books the two-resource variant into a
 *    cart through the store API and sees the group in Holds (and releases it),
 *    opens the utilization page, and manages reseller keys in Settings (two
 *    keys of one reseller on one channel, a two-step rotation, a revocation,
 *    each checked against the OCTo API). Then departures (departureSteps, a
 *    block of its own): a DEPARTURE resource created in the drawer, its
 *    schedule with two start times, a start time skipped on the spring-forward
 *    date, a 409 under the form, the calendar's departures with their load
 *    after store holds and a paid order, the manifest per departure, the
 *    refused change of booking mode, utilization per departure. Then
 *    appointments (appointmentSteps): an APPOINTMENT resource created in the
 *    drawer with two ranges of hours on one weekday (after a 400 shown under
 *    the field it names), a date exception set, returned to its weekday and
 *    set to closed from the calendar, and a paid order with its buffer on the
 *    day's timeline per unit, clicked through to the order in Medusa admin.
 *    Then rates (rateSteps): a variant's booking rates on its page (a 400
 *    under the field, add, edit, delete) and a base price edited in Medusa's
 *    own price editor leaving them in place.
 *
 * Screenshots go to test-results/e2e/. Prints `N passed, N failed` last and
 * exits non-zero on any failure.
 *
 * The module (and the browser) run in Europe/Berlin, a zone that moves its
 * clocks, so the spring gap is seen in the admin; E2E_TIMEZONE picks another
 * zone (one without a change skips that check).
 *
 * Env: E2E_PORT (default: a free port), CHROMIUM_PATH (default /usr/bin/chromium),
 * E2E_KEEP=1 keeps the database, E2E_ONLY=appointments (or rates) runs only that block, E2E_REUSE_BUILD=1 (or --reuse-build) reuses
 * the harness's admin build from an earlier run.
 */
const fs = require("fs")
const path = require("path")
const harness = require("../harness")
const { todayIn, addDays } = harness

const { REPO_ROOT } = harness
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SHOTS = path.join(REPO_ROOT, "test-results", "e2e")
const ADMIN_EMAIL = "admin@e2e.test"
const ADMIN_PASSWORD = "e2e-password-1"
const TIMEZONE = process.env.E2E_TIMEZONE || "Europe/Berlin"
const REUSE = process.env.E2E_REUSE_BUILD === "1" || process.argv.includes("--reuse-build")
/** E2E_ONLY=appointments: after the setup and log-in, only the appointments block (a quicker run while working on it). */
const ONLY = process.env.E2E_ONLY || ""
let BASE = ""

const { step, expect, setPage, fail, finish } = require("../harness/steps").steps({ shots: SHOTS })
let server = null
let browser = null

function log(message) {
  console.log(`[e2e] ${message}`)
}

/** JSON with object keys sorted (jsonb does not keep the order they were written in). */
function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v
  )
}

const api = (method, url, options = {}) => harness.fetchJson(`${BASE}${url}`, { method, ...options })

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true })
  expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`)
  const app = harness.app({ name: "admin", admin: true })
  const port = Number(process.env.E2E_PORT) || (await harness.freePort())
  BASE = `http://${harness.HOST}:${port}`
  const env = {
    // The admin calls the API on its own origin.
    ADMIN_CORS: BASE,
    AUTH_CORS: BASE,
    STORE_CORS: BASE,
    RESOURCE_BOOKING_TIMEZONE: TIMEZONE,
  }
  let db = null

  try {
    const ready =
      (await step("medusa build (backend + admin)", () => app.build({ reuse: REUSE }))) &&
      (await step("db:migrate and admin user", async () => {
        db = await app.createDatabase("rb_e2e", { env })
        log(`database ${db.name}`)
        await harness.medusa(app.dir, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env: { ...app.env, ...env, DATABASE_URL: db.url } })
      })) &&
      (await step("server starts", async () => {
        server = await app.start({ port, databaseUrl: db.url, env, name: "e2e", logDir: SHOTS })
      }))
    if (!ready) return

    await browserTests()
  } finally {
    if (browser) await browser.close().catch(() => {})
    if (server) await server.stop()
    if (db && process.env.E2E_KEEP === "1") log(`kept database ${db.name}`)
    else if (db) await db.drop().catch((e) => log(`drop failed: ${e.message}`))
  }
}

async function browserTests() {
  const { chromium } = require("playwright-core")
  const today = todayIn(TIMEZONE)
  const resourceName = `Troopy ${process.pid}`
  let token = ""
  let publishableKey = ""
  let salesChannelId = ""
  let regionId = ""
  let resourceId = ""
  let page

  const storeHold = async (dates, quantity, email, onResource = resourceId) => {
    const res = await api("POST", "/store/resource-holds", {
      headers: { "x-publishable-api-key": publishableKey },
      body: { resource_id: onResource, dates, quantity, customer_email: email },
    })
    expect(res.status === 201, `store hold: ${res.status} ${JSON.stringify(res.data)}`)
    return res.data.resource_hold
  }

  await step("API login, a publishable key, demo resources with store holds", async () => {
    const login = await api("POST", "/auth/user/emailpass", { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
    expect(login.status === 200 && login.data.token, `login: ${login.status}`)
    token = login.data.token
    const key = await api("POST", "/admin/api-keys", { token, body: { title: "e2e store", type: "publishable" } })
    expect(key.status === 200, `api key: ${key.status} ${JSON.stringify(key.data)}`)
    publishableKey = key.data.api_key.token
    // A sales channel for the key and a region: the store's cart routes need both.
    const channel = await api("POST", "/admin/sales-channels", { token, body: { name: "e2e store" } })
    expect(channel.status === 200, `sales channel: ${channel.status} ${JSON.stringify(channel.data).slice(0, 200)}`)
    salesChannelId = channel.data.sales_channel.id
    const keyChannel = await api("POST", `/admin/api-keys/${key.data.api_key.id}/sales-channels`, { token, body: { add: [salesChannelId] } })
    expect(keyChannel.status === 200, `key ↔ sales channel: ${keyChannel.status}`)
    const region = await api("POST", "/admin/regions", { token, body: { name: "Australia", currency_code: "aud", countries: ["au"] } })
    expect(region.status === 200, `region: ${region.status} ${JSON.stringify(region.data).slice(0, 200)}`)
    regionId = region.data.region.id
    // Other resources so the list and utilization have something to show.
    // Booked days: [first day offset, number of days, quantity].
    for (const [type, name, max, booked] of [
      ["TOUR", "Fraser Island Day Tour", 12, [1, 5, 10]],
      ["GUIDE", "Guide: Sam", 2, [2, 10, 1]],
      ["VEHICLE", "Prado 2", 2, [1, 20, 2]],
    ]) {
      const r = await api("POST", "/admin/resources", { token, body: { type, name, description: `${type.toLowerCase()} for the demo` } })
      expect(r.status === 200, `create ${name}: ${r.status}`)
      const cap = await api("POST", `/admin/resources/${r.data.resource.id}/capacity`, {
        token,
        body: { from: today, to: addDays(today, 29), max_capacity: max },
      })
      expect(cap.status === 200, `capacity ${name}: ${cap.status}`)
      const [first, days, quantity] = booked
      await storeHold(
        Array.from({ length: days }, (_, i) => addDays(today, first + i)),
        quantity,
        "groups@example.com",
        r.data.resource.id
      )
    }
  })


  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  })
  // In production the session cookie is Secure; the header plays the
  // TLS-terminating proxy that a real deployment has in front of Medusa.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    // The operator's browser is where the resources are: pages that start on
    // the browser's today (utilization) agree with the module's dates.
    timezoneId: TIMEZONE,
    extraHTTPHeaders: { "x-forwarded-proto": "https" },
  })
  page = await context.newPage()
  setPage(page)
  page.setDefaultTimeout(30000)
  const pageErrors = []
  page.on("pageerror", (error) => pageErrors.push(String(error)))

  const ok = await step("log in to the admin", async () => {
    await page.goto(`${BASE}/app/login`, { waitUntil: "domcontentloaded" })
    await page.locator('input[name="email"]').fill(ADMIN_EMAIL)
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 60000 })
  })
  if (!ok) {
    await page.screenshot({ path: path.join(SHOTS, "login-failed.png") }).catch(() => {})
    return
  }

  await step("sidebar has Resources and Utilization", async () => {
    await page.getByRole("link", { name: "Resources" }).first().waitFor()
    await page.getByRole("link", { name: "Utilization" }).first().waitFor()
  })
  if (ONLY === "appointments" || ONLY === "rates") {
    // A development run of one block alone (E2E_ONLY=appointments or rates).
    if (ONLY === "appointments") await appointmentSteps({ page, token, publishableKey, salesChannelId, today })
    else await rateSteps({ page, token, salesChannelId, today })
    await step("no uncaught errors in the page", async () => expect(!pageErrors.length, pageErrors.join("\n")))
    return
  }

  await step("create a resource in the drawer", async () => {
    await page.goto(`${BASE}/app/resources`)
    await page.getByRole("heading", { name: "Resources" }).waitFor()
    await page.getByText("Fraser Island Day Tour").waitFor()
    await page.getByRole("button", { name: "Create" }).click()
    await page.locator("#resource-name").fill(resourceName)
    await page.locator("#resource-description").fill("Toyota Troop Carrier, 8 seats, snorkel, dual batteries")
    await page.getByRole("button", { name: "Create", exact: true }).last().click()
    await page.waitForURL(/\/app\/resources\/res_/)
    resourceId = page.url().split("/resources/")[1].split(/[?#/]/)[0]
    await page.getByRole("heading", { name: resourceName }).waitFor()
  })

  await step("a duplicate name shows the server's 409 message in the drawer", async () => {
    await page.goto(`${BASE}/app/resources`)
    await page.getByRole("button", { name: "Create" }).click()
    await page.locator("#resource-name").fill(resourceName)
    await page.getByRole("button", { name: "Create", exact: true }).last().click()
    const alert = page.getByRole("alert").filter({ hasText: "already exists" })
    await alert.waitFor()
    await page.keyboard.press("Escape")
  })

  await step("list search finds the resource", async () => {
    await page.getByLabel("Search").fill("troopy")
    await page.getByRole("link", { name: resourceName }).waitFor()
    await page.getByText("Fraser Island Day Tour").waitFor({ state: "detached" })
    await page.getByLabel("Search").fill("")
    await page.getByText("Fraser Island Day Tour").waitFor()
    await page.screenshot({ path: path.join(SHOTS, "resources-list.png"), fullPage: true })
  })

  await step("set capacity; the calendar shows it", async () => {
    await page.goto(`${BASE}/app/resources/${resourceId}`)
    await page.getByTestId("capacity-calendar").waitFor()
    const form = page.getByTestId("capacity-form")
    await form.locator("#capacity-max").fill("4")
    await form.getByRole("button", { name: "Set capacity" }).click()
    await page.locator(`[data-date="${today}"]`).getByText("4 / 4").waitFor()
    await page.locator(`[data-date="${addDays(today, 29)}"]`).getByText("4 / 4").waitFor()
  })

  await step("a capacity error (past date) shows the server's message", async () => {
    const form = page.getByTestId("capacity-form")
    await form.locator("#capacity-from").fill(addDays(today, -2))
    await form.getByRole("button", { name: "Set capacity" }).click()
    await form.getByRole("alert").filter({ hasText: "must not be in the past" }).waitFor()
    await form.locator("#capacity-from").fill(today)
  })

  let holdA, holdB
  await step("holds made through the store API show on the calendar and in Holds", async () => {
    holdA = await storeHold([addDays(today, 2), addDays(today, 3)], 3, "alex@example.com")
    holdB = await storeHold([addDays(today, 7)], 1, "blair@example.com")
    await storeHold([addDays(today, 3)], 1, "casey@example.com")
    // A full week-end and a busy stretch, for the calendar's colours.
    await storeHold([10, 11, 12, 13, 14].map((d) => addDays(today, d)), 4, "tour-group@example.com")
    await storeHold([15, 16, 17].map((d) => addDays(today, d)), 3, "family@example.com")
    await page.reload()
    await page.locator(`[data-date="${addDays(today, 3)}"]`).getByText("0 / 4").waitFor()
    await page.locator(`[data-date="${addDays(today, 2)}"]`).getByText("1 / 4").waitFor()
    await page.getByTestId("holds-section").getByText("alex@example.com").waitFor()
  })

  await step("create a blackout: it releases the hold in its range and marks the day", async () => {
    const section = page.getByTestId("blackouts-section")
    await section.locator("#blackout-start").fill(addDays(today, 7))
    await section.locator("#blackout-end").fill(addDays(today, 8))
    await section.locator("#blackout-reason").fill("Vehicle service")
    await section.getByRole("button", { name: "Create blackout" }).click()
    const result = page.getByTestId("blackout-result")
    await result.getByText(`Released holds (1): ${holdB.id}`).waitFor()
    await page.locator(`[data-date="${addDays(today, 7)}"]`).getByText("Blackout").waitFor()
    await section.getByRole("cell", { name: "Vehicle service" }).waitFor()
  })

  await step("release a hold from the Holds list", async () => {
    const row = page.locator(`[data-hold-id="${holdA.id}"]`)
    await row.getByRole("button", { name: "Release" }).click()
    await row.waitFor({ state: "detached" }) // the list shows ACTIVE holds
    await page.locator(`[data-date="${addDays(today, 2)}"]`).getByText("4 / 4").waitFor()
    const res = await api("GET", `/admin/resource-holds?resource_id=${resourceId}&status=RELEASED`, { token })
    expect(res.data.resource_holds.some((h) => h.id === holdA.id), "hold not RELEASED on the server")
  })

  await step("the audit trail lists the changes", async () => {
    const audit = page.getByTestId("audit-section")
    await audit.getByText("RELEASE").first().waitFor()
    await audit.getByText("HOLD").first().waitFor()
    // The oldest changes (capacity set by hand) are on the last page.
    for (let i = 0; i < 5 && !(await audit.getByText("ADJUST").count()); i++) {
      await audit.getByRole("button", { name: "Next" }).click()
      await page.waitForTimeout(300)
    }
    await audit.getByText("ADJUST").first().waitFor()
    await page.screenshot({ path: path.join(SHOTS, "resource-page.png") })
    const calendar = page.getByTestId("capacity-calendar")
    await calendar.scrollIntoViewIfNeeded()
    await calendar.screenshot({ path: path.join(SHOTS, "resource-calendar.png") })
  })

  await step("a click on a day opens its manifest", async () => {
    await page.locator(`[data-date="${addDays(today, 3)}"]`).click()
    const manifest = page.getByTestId("manifest")
    await manifest.getByText("casey@example.com").waitFor()
    await manifest.getByText("3 of 4 available").waitFor()
    await page.waitForTimeout(700) // the drawer's slide-in animation
    await page.screenshot({ path: path.join(SHOTS, "manifest.png") })
    await page.keyboard.press("Escape")
  })

  const rules = { cutoff: { days_before: 1, time: "18:00" }, max_advance_days: 180, min_dates: 2, max_dates: 7, consecutive: true }
  await step("booking rules: the form shows the server's 400 in words, then saves them and the page shows them", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click()
    const fields = page.getByTestId("booking-rules-fields")
    await fields.locator("#rules-min_dates").fill("5")
    await fields.locator("#rules-max_dates").fill("2")
    await page.getByRole("button", { name: "Save", exact: true }).click()
    // The message comes from the server and names the field.
    await page.getByRole("alert").filter({ hasText: "booking_rules.min_dates" }).waitFor()
    await fields.locator("#rules-days_before").fill("1")
    await fields.locator("#rules-time").fill("18:00")
    await fields.locator("#rules-max_advance_days").fill("180")
    await fields.locator("#rules-min_dates").fill("2")
    await fields.locator("#rules-max_dates").fill("7")
    await fields.getByRole("switch").click()
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await fields.waitFor({ state: "detached" })
    const shown = page.getByTestId("booking-rules")
    for (const text of [
      "Bookings close at 18:00, 1 day before the date",
      "At most 180 days ahead",
      "2 to 7 dates a booking",
      "Consecutive days only",
    ]) {
      await shown.getByText(text).waitFor()
    }
    const saved = await api("GET", `/admin/resources/${resourceId}`, { token })
    expect(
      canonical(saved.data.resource.booking_rules) === canonical(rules),
      `booking_rules on the server: ${JSON.stringify(saved.data.resource.booking_rules)}`
    )
    await page.screenshot({ path: path.join(SHOTS, "resource-rules.png") })
  })

  let product
  await step("link a product variant with 2 units on the resource page; the list shows the units", async () => {
    const created = await api("POST", "/admin/products", {
      token,
      body: {
        title: "Troopy hire",
        status: "published",
        options: [{ title: "Kind", values: ["Guided", "Self-drive"] }],
        variants: [
          // Guided: the vehicle (both seats of a double booking) and a guide; Self-drive: a vehicle alone.
          { title: "Troopy guided", sku: `TROOPY-G-${process.pid}`, options: { Kind: "Guided" }, manage_inventory: false, prices: [{ currency_code: "aud", amount: 450 }] },
          { title: "Troopy self-drive", sku: `TROOPY-S-${process.pid}`, options: { Kind: "Self-drive" }, manage_inventory: false, prices: [{ currency_code: "aud", amount: 250 }] },
        ],
        sales_channels: [{ id: salesChannelId }],
      },
    })
    expect(created.status === 200, `create product: ${created.status} ${JSON.stringify(created.data).slice(0, 300)}`)
    product = created.data.product
    const section = page.getByTestId("variant-links")
    await section.getByLabel("Search variants to link").fill(`TROOPY-G-${process.pid}`)
    await section.getByLabel("Units").fill("2")
    await section.getByRole("button", { name: "Link", exact: true }).click()
    const row = section.getByRole("row").filter({ hasText: "Troopy guided" })
    await row.getByRole("cell", { name: "2", exact: true }).waitFor()
    await section.getByText("linked, 2 unit(s)").waitFor()
    const linked = await api("GET", `/admin/resources/${resourceId}/variants`, { token })
    expect(
      linked.data.count === 1 && linked.data.product_variants[0].units === 2,
      `linked variants: ${JSON.stringify(linked.data)}`
    )
    await section.scrollIntoViewIfNeeded()
    await section.screenshot({ path: path.join(SHOTS, "resource-variants.png") })
  })

  await step("the variant page's widget lists the resources the variant books with units; link, set units, unlink", async () => {
    const variant = product.variants.find((v) => v.title === "Troopy guided")
    await page.goto(`${BASE}/app/products/${product.id}/variants/${variant.id}`)
    const widget = page.getByTestId("resource-links")
    await widget.getByRole("heading", { name: "Booked resources" }).waitFor()
    const troopy = widget.getByRole("row").filter({ hasText: resourceName })
    await troopy.getByRole("cell", { name: "2", exact: true }).waitFor()
    // Link the guide (1 unit) and Prado 2; then set Prado 2's units and unlink it.
    for (const name of ["Guide: Sam", "Prado 2"]) {
      await widget.getByLabel("Search resources to link").fill(name)
      await widget.getByLabel("Units").fill("1")
      const candidate = widget.locator("[data-candidate-id]").filter({ hasText: name })
      await candidate.getByRole("button", { name: "Link", exact: true }).click()
      await widget.getByRole("row").filter({ hasText: name }).getByRole("cell", { name: "1", exact: true }).waitFor()
    }
    // An existing link's units are set from the same search: Prado 2 to 3 units.
    await widget.getByLabel("Units").fill("3")
    await widget.locator("[data-candidate-id]").filter({ hasText: "Prado 2" }).getByRole("button", { name: "Set units" }).click()
    await widget.getByRole("row").filter({ hasText: "Prado 2" }).getByRole("cell", { name: "3", exact: true }).waitFor()
    await widget.getByRole("row").filter({ hasText: "Prado 2" }).getByRole("button", { name: "Unlink" }).click()
    await widget.getByRole("row").filter({ hasText: "Prado 2" }).waitFor({ state: "detached" })
    await widget.getByLabel("Search resources to link").fill("")
    const res = await api("GET", `/admin/product-variants/${variant.id}/resources`, { token })
    const units = Object.fromEntries(res.data.resources.map((r) => [r.name, r.units]))
    expect(canonical(units) === canonical({ [resourceName]: 2, "Guide: Sam": 1 }), `variant resources: ${JSON.stringify(res.data)}`)
    await widget.scrollIntoViewIfNeeded()
    await page.waitForTimeout(300) // the search results collapse
    await widget.screenshot({ path: path.join(SHOTS, "variant-resources.png") })
  })

  await step("a cart booking of the two-resource variant shows as a group of 2 in Holds; releasing it releases both", async () => {
    const variant = product.variants.find((v) => v.title === "Troopy guided")
    const store = { headers: { "x-publishable-api-key": publishableKey } }
    const cart = await api("POST", "/store/carts", { ...store, body: { region_id: regionId, sales_channel_id: salesChannelId, email: "dana@example.com" } })
    expect(cart.status === 200, `cart: ${cart.status} ${JSON.stringify(cart.data).slice(0, 300)}`)
    // Two consecutive days, as the vehicle's rules ask.
    const dates = [addDays(today, 20), addDays(today, 21)]
    const booked = await api("POST", `/store/carts/${cart.data.cart.id}/resource-bookings`, {
      ...store,
      body: { variant_id: variant.id, dates, quantity: 1, customer_email: "dana@example.com" },
    })
    expect(booked.status === 200 && booked.data.resource_holds?.length === 2, `booking: ${booked.status} ${JSON.stringify(booked.data).slice(0, 400)}`)
    const holds = booked.data.resource_holds
    const groupId = holds[0].group_id
    expect(holds.every((h) => h.group_id === groupId), `group ids: ${holds.map((h) => h.group_id)}`)
    const onTroopy = holds.find((h) => h.resource_id === resourceId)
    expect(onTroopy && onTroopy.quantity === 2, `hold on the vehicle takes 2 units: ${JSON.stringify(onTroopy)}`)

    await page.goto(`${BASE}/app/resources/${resourceId}`)
    const section = page.getByTestId("holds-section")
    const row = section.getByRole("row").filter({ hasText: "dana@example.com" })
    await row.getByText("group of 2").waitFor()
    await row.getByRole("link", { name: "Guide: Sam" }).waitFor()
    await row.locator(`[data-group-id="${groupId}"]`).waitFor()
    await page.locator(`[data-date="${addDays(today, 20)}"]`).getByText("2 / 4").waitFor()
    await section.scrollIntoViewIfNeeded()
    await section.screenshot({ path: path.join(SHOTS, "holds-group.png") })
    // The day's manifest ties the hold to its group too.
    await page.locator(`[data-date="${addDays(today, 20)}"]`).click()
    const manifest = page.getByTestId("manifest")
    await manifest.getByRole("row").filter({ hasText: "dana@example.com" }).getByText("group of 2").waitFor()
    await page.keyboard.press("Escape")
    await manifest.waitFor({ state: "detached" })

    await row.getByRole("button", { name: "Release group" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Release group" }).click()
    await row.waitFor({ state: "detached" })
    await page.locator(`[data-date="${addDays(today, 20)}"]`).getByText("4 / 4").waitFor()
    const released = await api("GET", `/admin/resource-holds?customer_email=dana@example.com&status=RELEASED`, { token })
    expect(released.data.count === 2, `released holds of the group: ${JSON.stringify(released.data).slice(0, 300)}`)
  })

  await step("utilization page shows a bar per resource", async () => {
    await page.goto(`${BASE}/app/resource-utilization`)
    await page.getByRole("heading", { name: "Resource utilization" }).waitFor()
    const table = page.getByTestId("utilization-table")
    await table.getByRole("link", { name: resourceName }).waitFor()
    await table.getByRole("link", { name: "Fraser Island Day Tour" }).waitFor()
    // Held unit-days: 1 + 5 × 4 + 3 × 3 = 30 out of 4 × 30.
    await table.getByText("25%").waitFor()
    // Prado 2: 20 × 2 of 30 × 2.
    await table.getByText("66.67%").waitFor()
    await page.screenshot({ path: path.join(SHOTS, "utilization.png"), fullPage: true })
  })

  await step("reseller keys: two keys of one reseller on one channel, a two-step rotation, a revocation; the OCTo API follows", async () => {
    const octo = (secret) => api("GET", "/octo/products", { token: secret }).then((r) => r.status)
    const chooseChannel = async () => {
      await page.locator("#reseller-key-channel").click()
      await page.getByRole("option", { name: "e2e store" }).click()
    }
    const issuedToken = async () => {
      const shown = page.getByTestId("reseller-key-token")
      await shown.waitFor()
      const secret = (await shown.textContent()).trim()
      expect(/^octo_/.test(secret), `secret shown: ${secret}`)
      return secret
    }
    const done = async () => {
      await page.getByTestId("reseller-key-secret").getByRole("button", { name: "Done" }).click()
      await page.getByTestId("reseller-key-secret").waitFor({ state: "detached" })
    }
    await page.goto(`${BASE}/app/settings/reseller-keys`)
    await page.getByRole("heading", { name: "Reseller keys" }).waitFor()

    // A key for a new reseller.
    await page.locator("#reseller-key-title").fill("Production")
    await page.locator("#reseller-key-reseller-name").fill("Viator")
    await chooseChannel()
    await page.getByRole("button", { name: "Create key" }).click()
    const production = await issuedToken()
    expect((await octo(production)) === 200, "the first key works")
    await done()

    // A second key of the same reseller on the same channel.
    await page.locator("#reseller-key-title").fill("Staging")
    await page.locator("#reseller-key-reseller").click()
    await page.getByRole("option", { name: "Viator" }).click()
    await chooseChannel()
    await page.getByRole("button", { name: "Create key" }).click()
    const staging = await issuedToken()
    expect((await octo(staging)) === 200 && (await octo(production)) === 200, "both keys of the channel work")
    await done()
    const rows = page.getByRole("row")
    await rows.filter({ hasText: "Staging" }).getByText("Viator").waitFor()

    // Rotation, step 1: a new key; the old one still works.
    await rows.filter({ hasText: "Production" }).getByRole("button", { name: "Rotate" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Rotate" }).click()
    await page.getByTestId("reseller-key-rotation").waitFor()
    const rotated = await issuedToken()
    expect(rotated !== production, "the rotation made a new secret")
    expect((await octo(rotated)) === 200 && (await octo(production)) === 200, "both the old and the new key work until the switch")
    await rows.filter({ hasText: "Rotating: revoke once switched" }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, "reseller-keys-rotating.png"), fullPage: true })

    // Step 2: the reseller has switched; the old key is revoked.
    await page.getByRole("button", { name: "Viator has switched: revoke the old key" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke old key" }).click()
    await page.getByTestId("reseller-key-rotation").waitFor({ state: "detached" })
    await rows.filter({ hasText: "Revoked" }).first().waitFor()
    expect((await octo(production)) === 403, "the replaced key is refused (403)")
    expect((await octo(rotated)) === 200 && (await octo(staging)) === 200, "the new key and the other key still work")
    await done()

    // Revoke the other key from its row.
    await rows.filter({ hasText: "Staging" }).getByRole("button", { name: "Revoke" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click()
    await rows.filter({ hasText: "Staging" }).getByText("Revoked").waitFor()
    expect((await octo(staging)) === 403 && (await octo(rotated)) === 200, "revoking one key leaves the other")
    const list = await api("GET", "/admin/reseller-keys", { token })
    const keys = list.data.reseller_keys
    expect(
      keys.length === 3 && keys.every((k) => k.reseller?.name === "Viator" && k.sales_channel?.id === salesChannelId) && keys.filter((k) => !k.revoked_at).length === 1,
      `keys: ${JSON.stringify(keys.map((k) => [k.title, k.reseller?.name, k.revoked_at ? "revoked" : "live"]))}`
    )
    await page.screenshot({ path: path.join(SHOTS, "reseller-keys.png"), fullPage: true })
  })
  await departureSteps({ page, token, publishableKey, salesChannelId, today })
  await operationsSteps({ page, token, publishableKey, today })
  await appointmentSteps({ page, token, publishableKey, salesChannelId, today })
  await rateSteps({ page, token, salesChannelId, today })

  await step("no uncaught errors in the page", async () => {
    expect(!pageErrors.length, pageErrors.join("\n"))
  })
}

// ====================================================================== departures
// Resources booked by departure (issue 17): their own block, so other blocks
// of steps can be added to this file beside it.

/**
 * A DEPARTURE resource from the drawer to the manifest: create it (the list
 * and the page show its mode), set a schedule of two start times with the
 * keyboard, see a start time skipped on the next spring-forward date (when the
 * zone has one), a 409 naming the departure under the form, the calendar's
 * departures with seats taken / seats (one sold out) after store holds and a
 * paid order, the manifest per departure opened with the keyboard, the change
 * of booking mode refused, and utilization per departure.
 */
async function departureSteps({ page, token, publishableKey, salesChannelId, today }) {
  const name = `Sunset boat ${process.pid}`
  const store = { headers: { "x-publishable-api-key": publishableKey } }
  const [d1, d2] = [addDays(today, 3), addDays(today, 4)]
  const cellOf = (date) => page.locator(`[data-date="${date}"]`)
  let resourceId = ""
  let orderId = ""
  /** Fills the schedule form (as many start time fields as `times`, through its Add and Remove buttons). */
  const fillSchedule = async ({ from, to, seats, duration, times }) => {
    const form = page.getByTestId("capacity-form")
    const inputs = form.locator('[data-testid="start-times"] input[type="time"]')
    while ((await inputs.count()) < times.length) await form.getByRole("button", { name: "Add start time" }).click()
    while ((await inputs.count()) > times.length) await form.getByRole("button", { name: /^Remove start time/ }).last().click()
    for (const [i, time] of times.entries()) await form.locator(`#capacity-start-${i}`).fill(time)
    await form.locator("#capacity-from").fill(from)
    await form.locator("#capacity-to").fill(to)
    await form.locator("#capacity-max").fill(String(seats))
    await form.locator("#capacity-duration").fill(String(duration))
    return form
  }
  const departureHold = async (departures, quantity, email) => {
    const res = await api("POST", "/store/resource-holds", {
      ...store,
      body: { resource_id: resourceId, departures, quantity, customer_email: email },
    })
    expect(res.status === 201, `store hold of departures: ${res.status} ${JSON.stringify(res.data)}`)
    expect(res.data.resource_hold.departures?.length === departures.length, `hold departures: ${JSON.stringify(res.data.resource_hold)}`)
    return res.data.resource_hold
  }

  const created = await step("departures: create a DEPARTURE resource in the drawer; the page and the list show its mode", async () => {
    await page.goto(`${BASE}/app/resources`)
    await page.getByRole("button", { name: "Create" }).click()
    await page.locator("#resource-type").selectOption("TOUR")
    await page.locator("#resource-booking-mode").selectOption("DEPARTURE")
    await page.locator("#resource-name").fill(name)
    await page.locator("#resource-description").fill("Harbour cruise: 07:00 and 16:30, 90 minutes")
    await page.getByRole("button", { name: "Create", exact: true }).last().click()
    await page.waitForURL(/\/app\/resources\/res_/)
    resourceId = page.url().split("/resources/")[1].split(/[?#/]/)[0]
    await page.getByRole("heading", { name }).waitFor()
    await page.locator('[data-booking-mode="DEPARTURE"]').first().waitFor()
    await page.getByRole("heading", { name: "Departure schedule" }).waitFor()
    const saved = await api("GET", `/admin/resources/${resourceId}`, { token })
    expect(saved.data.resource.booking_mode === "DEPARTURE", `booking_mode: ${saved.data.resource.booking_mode}`)
    await page.goto(`${BASE}/app/resources`)
    await page.getByRole("row").filter({ hasText: name }).locator('[data-booking-mode="DEPARTURE"]').waitFor()
    await page.getByRole("row").filter({ hasText: "Fraser Island Day Tour" }).locator('[data-booking-mode="DAY"]').waitFor()
  })
  if (!created) return

  await step("departures: a schedule of two start times set with the keyboard; the calendar shows both departures", async () => {
    await page.goto(`${BASE}/app/resources/${resourceId}`)
    const form = page.getByTestId("capacity-form")
    await form.locator("#capacity-max").fill("6")
    await form.locator("#capacity-duration").fill("90")
    await form.locator("#capacity-start-0").fill("07:00")
    // Add start time (Enter on the button) focuses the new time; a third one is added and removed again.
    await form.getByRole("button", { name: "Add start time" }).focus()
    await page.keyboard.press("Enter")
    await form.locator("#capacity-start-1").waitFor()
    expect(await form.locator("#capacity-start-1").evaluate((el) => el === document.activeElement), "the new start time has the focus")
    await form.locator("#capacity-start-1").fill("16:30")
    await form.getByRole("button", { name: "Add start time" }).click()
    await form.locator("#capacity-start-2").fill("12:00")
    await form.getByRole("button", { name: "Remove start time 12:00" }).focus()
    await page.keyboard.press("Enter")
    await form.locator("#capacity-start-2").waitFor({ state: "detached" })
    await form.getByRole("button", { name: "Set departures" }).click()
    const result = form.getByTestId("capacity-result")
    await result.getByText("60 departure(s) set on 30 date(s).").waitFor()
    await result.getByText("No start time was skipped.").waitFor()
    for (const time of ["07:00", "16:30"]) await cellOf(d1).locator(`[data-start-time="${time}"]`).getByText("0/6").waitFor()
    const rows = (await api("GET", `/admin/resources/${resourceId}/capacity?from=${d1}&to=${d1}`, { token })).data.capacity
    expect(
      canonical(rows.map((r) => [r.start_time, r.duration_minutes, r.max_capacity])) === canonical([["07:00", 90, 6], ["16:30", 90, 6]]),
      `capacity rows: ${JSON.stringify(rows)}`
    )
  })

  const gap = harness.nextSpringGap(TIMEZONE, addDays(today, 1))
  await step(`departures: a start time in the spring gap is reported as skipped (${gap ? `${gap.date} ${gap.time} in ${TIMEZONE}` : `${TIMEZONE} has none: not checked`})`, async () => {
    if (!gap) return
    const form = await fillSchedule({ from: gap.date, to: addDays(gap.date, 1), seats: 6, duration: 90, times: [gap.time, "07:00"] })
    await form.getByRole("button", { name: "Set departures" }).click()
    const result = form.getByTestId("capacity-result")
    await result.getByText("3 departure(s) set on 2 date(s).").waitFor()
    await result.locator(`[data-skipped="${gap.date} ${gap.time}"]`).waitFor()
    const section = form.locator("..") // the form's Container
    await section.scrollIntoViewIfNeeded()
    await section.screenshot({ path: path.join(SHOTS, "departure-schedule.png") })
  })

  await step("departures: store holds and a paid order show on the calendar with their load, sold out marked", async () => {
    const product = await api("POST", "/admin/products", {
      token,
      body: {
        title: "Sunset boat ride",
        status: "published",
        options: [{ title: "Seat", values: ["Per person"] }],
        variants: [{ title: "Per person", sku: `SUNSET-${process.pid}`, options: { Seat: "Per person" }, manage_inventory: false, prices: [{ currency_code: "aud", amount: 95 }] }],
        sales_channels: [{ id: salesChannelId }],
      },
    })
    expect(product.status === 200, `product: ${product.status} ${JSON.stringify(product.data).slice(0, 300)}`)
    const variantId = product.data.product.variants[0].id
    const linked = await api("POST", `/admin/resources/${resourceId}/variants`, { token, body: { variant_ids: [variantId] } })
    expect(linked.status === 200, `link: ${linked.status} ${JSON.stringify(linked.data)}`)

    // A paid order of 2 seats on d1 07:00: cart booking of the departure, payment, completion, in a
    // region of its own that pays with the system provider (Medusa's manual payment).
    const region = await api("POST", "/admin/regions", {
      token,
      body: { name: "Harbour (system payment)", currency_code: "aud", countries: [], payment_providers: ["pp_system_default"] },
    })
    expect(region.status === 200, `region: ${region.status} ${JSON.stringify(region.data).slice(0, 200)}`)
    const cart = await api("POST", "/store/carts", {
      ...store,
      body: { region_id: region.data.region.id, sales_channel_id: salesChannelId, email: "captain@example.com" },
    })
    expect(cart.status === 200, `cart: ${cart.status}`)
    const cartId = cart.data.cart.id
    const booked = await api("POST", `/store/carts/${cartId}/resource-bookings`, {
      ...store,
      body: { variant_id: variantId, departures: [{ date: d1, start_time: "07:00" }], quantity: 2, customer_email: "captain@example.com" },
    })
    expect(booked.status === 200, `cart booking: ${booked.status} ${JSON.stringify(booked.data).slice(0, 300)}`)
    const collection = await api("POST", "/store/payment-collections", { ...store, body: { cart_id: cartId } })
    expect(collection.status === 200, `payment collection: ${collection.status}`)
    const session = await api("POST", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, {
      ...store,
      body: { provider_id: "pp_system_default" },
    })
    expect(session.status === 200, `payment session: ${session.status}`)
    const completed = await api("POST", `/store/carts/${cartId}/complete`, store)
    expect(completed.status === 200 && completed.data.type === "order", `complete: ${completed.status} ${JSON.stringify(completed.data).slice(0, 300)}`)
    orderId = completed.data.order.id
    let allocations = []
    for (let i = 0; i < 50 && !allocations.length; i++) {
      allocations = (await api("GET", `/admin/resource-allocations?order_id=${orderId}`, { token })).data.resource_allocations
      if (!allocations.length) await new Promise((r) => setTimeout(r, 200))
    }
    expect(allocations.length === 1 && allocations[0].departures?.[0]?.start_time === "07:00", `allocation: ${JSON.stringify(allocations)}`)

    await departureHold([{ date: d1, start_time: "07:00" }], 3, "morning@example.com")
    await departureHold([{ date: d1, start_time: "16:30" }], 6, "charter@example.com")
    await departureHold([{ date: d2, start_time: "07:00" }, { date: d2, start_time: "16:30" }], 2, "twice@example.com")

    await page.reload()
    await cellOf(d1).locator('[data-start-time="07:00"]').getByText("5/6").waitFor()
    await cellOf(d1).locator('[data-start-time="16:30"][data-sold-out]').getByText("Sold out").waitFor()
    await cellOf(d2).locator('[data-start-time="07:00"]').getByText("2/6").waitFor()
    await cellOf(d2).locator('[data-start-time="16:30"]').getByText("2/6").waitFor()
    expect(/16:30–18:00: 6 of 6 seats taken, sold out/.test(await cellOf(d1).getAttribute("title")), `title: ${await cellOf(d1).getAttribute("title")}`)
    // The Holds list names the departures each hold books.
    await page.getByTestId("holds-section").getByRole("row").filter({ hasText: "twice@example.com" }).getByText(`${d2} 07:00, ${d2} 16:30`).waitFor()
    const calendar = page.getByTestId("capacity-calendar")
    await calendar.scrollIntoViewIfNeeded()
    await calendar.screenshot({ path: path.join(SHOTS, "departure-calendar.png") })
  })

  await step("departures: a schedule below what is taken shows the server's 409 naming the departures; nothing changes", async () => {
    // The page was reloaded: the form starts afresh.
    const form = await fillSchedule({ from: d1, to: d1, seats: 4, duration: 90, times: ["07:00", "16:30"] })
    await form.getByRole("button", { name: "Set departures" }).click()
    const alert = form.getByRole("alert").filter({ hasText: "below what is already taken" })
    await alert.waitFor()
    const message = await alert.textContent()
    expect(message.includes(`${d1} 07:00`) && message.includes(`${d1} 16:30`), `409 message: ${message}`)
    await cellOf(d1).locator('[data-start-time="07:00"]').getByText("5/6").waitFor()
    const rows = (await api("GET", `/admin/resources/${resourceId}/capacity?from=${d1}&to=${d1}`, { token })).data.capacity
    expect(
      canonical(rows.map((r) => [r.start_time, r.max_capacity, r.available_capacity])) === canonical([["07:00", 6, 1], ["16:30", 6, 0]]),
      `capacity rows after the 409: ${JSON.stringify(rows)}`
    )
  })

  await step("departures: the manifest (opened with the keyboard) lists each departure with its times, load and people", async () => {
    await cellOf(d1).focus()
    await page.keyboard.press("Enter")
    const manifest = page.getByTestId("manifest")
    const morning = manifest.locator('[data-testid="manifest-departure"][data-start-time="07:00"]')
    const evening = manifest.locator('[data-testid="manifest-departure"][data-start-time="16:30"]')
    await morning.getByRole("heading", { name: "07:00–08:30" }).waitFor()
    await morning.getByText("5 of 6 seats taken").waitFor()
    await morning.getByRole("row").filter({ hasText: orderId }).waitFor()
    await morning.getByRole("row").filter({ hasText: "morning@example.com" }).waitFor()
    await evening.getByRole("heading", { name: "16:30–18:00" }).waitFor()
    await evening.getByText("Sold out (6 of 6)").waitFor()
    await evening.getByRole("row").filter({ hasText: "charter@example.com" }).waitFor()
    expect(!(await evening.getByText("morning@example.com").count()), "the 16:30 list has only its own people")
    await page.waitForTimeout(700) // the drawer's slide-in animation
    await page.screenshot({ path: path.join(SHOTS, "departure-manifest.png") })
    await page.keyboard.press("Escape")
    await manifest.waitFor({ state: "detached" })
  })

  await step("departures: changing the booking mode while bookings exist shows the server's 409 in the drawer", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click()
    await page.locator("#resource-booking-mode").selectOption("DAY")
    await page.getByRole("button", { name: "Save", exact: true }).click()
    await page.getByRole("alert").filter({ hasText: "cannot change" }).waitFor()
    await page.keyboard.press("Escape")
    const saved = await api("GET", `/admin/resources/${resourceId}`, { token })
    expect(saved.data.resource.booking_mode === "DEPARTURE", `booking_mode: ${saved.data.resource.booking_mode}`)
  })

  await step("departures: utilization shows the departure resource's figures per start time", async () => {
    await page.goto(`${BASE}/app/resource-utilization`)
    const row = page.getByTestId("utilization-table").getByRole("row").filter({ hasText: name })
    // 30 days × 6 seats a start time: 07:00 has 2 + 3 + 2 = 7 taken, 16:30 has 6 + 2 = 8.
    await row.locator('[data-start-time="07:00"]').getByText("7 of 180 seats").waitFor()
    await row.locator('[data-start-time="16:30"]').getByText("8 of 180 seats").waitFor()
    await row.locator('[data-start-time="16:30"]').getByText("4.44%").waitFor()
    await row.locator('[data-start-time="07:00"]').getByText("30 departures").waitFor()
    const table = page.getByTestId("utilization-table")
    await table.scrollIntoViewIfNeeded()
    await table.screenshot({ path: path.join(SHOTS, "departure-utilization.png") })
  })
}

// ====================================================================== operations
// The operator's planner and the conversion report (issue 20): a block of its own.

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches(items, width, fn) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn))
}

/**
 * The planner with 200 resources × 31 days (made through the admin API, a few
 * with holds, an order's worth of allocation and a blackout): the time from
 * the Month button to the whole grid on screen is printed; arrow keys move
 * between cells and Enter opens the day's manifest; a click opens it too.
 * Then the conversion report: its figures are the API's, a bar per channel
 * in the chart, and the CSV export downloads the same figures.
 */
async function operationsSteps({ page, token, publishableKey, today }) {
  const fleet = []
  const ROWS = 200
  const DAYS = 31

  await step(`planner: ${ROWS} resources with 31 days of capacity, holds (storefront and widget) and a blackout, through the admin API`, async () => {
    const names = Array.from({ length: ROWS }, (_, i) => `Fleet ${String(i + 1).padStart(3, "0")}`)
    await inBatches(names, 8, async (name, ) => {
      const index = Number(name.slice(6)) - 1
      const type = ["VEHICLE", "TOUR", "GUIDE"][index % 3]
      const r = await api("POST", "/admin/resources", { token, body: { type, name } })
      expect(r.status === 200, `create ${name}: ${r.status}`)
      const cap = await api("POST", `/admin/resources/${r.data.resource.id}/capacity`, {
        token,
        body: { from: today, to: addDays(today, DAYS - 1), max_capacity: 4 + (index % 5) },
      })
      expect(cap.status === 200, `capacity ${name}: ${cap.status}`)
      fleet[index] = r.data.resource
    })
    // Some days held (from the storefront and from the widget), some full, one blackout.
    await inBatches(fleet.slice(0, 40), 8, async (resource, i) => {
      const res = await api("POST", "/store/resource-holds", {
        headers: { "x-publishable-api-key": publishableKey, ...(i % 2 ? { "x-resource-booking-channel": "widget" } : {}) },
        body: { resource_id: resource.id, dates: [addDays(today, 1 + (i % 7)), addDays(today, 2 + (i % 7))], quantity: 1 + (i % 4), customer_email: `fleet${i}@example.com` },
      })
      expect(res.status === 201, `fleet hold: ${res.status} ${JSON.stringify(res.data)}`)
    })
    const blackout = await api("POST", `/admin/resources/${fleet[2].id}/blackouts`, {
      token,
      body: { start_date: addDays(today, 4), end_date: addDays(today, 6), reason: "Service" },
    })
    expect(blackout.status === 200, `blackout: ${blackout.status}`)
    const holds = await api("GET", `/admin/resource-holds?resource_id=${fleet[1].id}`, { token })
    expect(holds.data.resource_holds[0]?.channel === "widget", `a widget hold's channel: ${JSON.stringify(holds.data.resource_holds[0])}`)
  })

  await step(`planner: ${ROWS} resources × ${DAYS} days render (time printed)`, async () => {
    await page.goto(`${BASE}/app/resource-planner`)
    await page.getByRole("heading", { name: "Planner" }).waitFor()
    await page.locator("#planner-search").fill("Fleet")
    const rows = page.locator('[data-testid="planner-grid"] tbody tr')
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grid"] tbody tr').length === n, ROWS)
    const started = await page.evaluate(() => performance.now())
    await page.getByRole("button", { name: "Month" }).click()
    await page.waitForFunction(
      ([n, days]) => {
        const grid = document.querySelector('[data-testid="planner-grid"]')
        return !!grid && grid.querySelectorAll("tbody tr").length === n && grid.querySelectorAll('td[role="gridcell"]').length === n * days
      },
      [ROWS, DAYS],
      { timeout: 60000 }
    )
    const { ended, request } = await page.evaluate(() => {
      const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes("/admin/resource-planner") && e.name.includes("q=Fleet"))
      const last = entries[entries.length - 1]
      return { ended: performance.now(), request: last ? last.duration : null }
    })
    const total = Math.round(ended - started)
    log(`planner render: ${ROWS} resources × ${DAYS} days in ${total} ms from the click (request ${request === null ? "?" : Math.round(request)} ms, render ${request === null ? "?" : Math.round(total - request)} ms)`)
    expect((await rows.count()) === ROWS, "200 rows")
    expect(total < 10000, `planner took ${total} ms`)
    // The numbers are the API's: a held cell and the blackout.
    const held = page.locator(`tr[data-resource-id="${fleet[0].id}"] td[data-date="${addDays(today, 1)}"]`)
    expect((await held.getAttribute("data-state")) === "held", `held cell state: ${await held.getAttribute("data-state")}`)
    expect((await held.innerText()).includes("3/4"), `held cell: ${await held.innerText()}`)
    const blacked = page.locator(`tr[data-resource-id="${fleet[2].id}"] td[data-date="${addDays(today, 5)}"]`)
    expect((await blacked.getAttribute("data-state")) === "blackout", "blackout cell")
    await page.screenshot({ path: path.join(SHOTS, "planner.png") })
  })

  await step("planner: arrow keys move between cells, Enter opens the day's manifest; a click opens it too", async () => {
    const first = page.locator('td[data-row="0"][data-col="0"]')
    await first.focus()
    for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft", "ArrowDown"]) await page.keyboard.press(key)
    const focused = await page.evaluate(() => [document.activeElement?.getAttribute("data-row"), document.activeElement?.getAttribute("data-col")])
    expect(focused[0] === "1" && focused[1] === "2", `focus after → → → ← ↓: ${focused}`)
    const date = await page.evaluate(() => document.activeElement?.getAttribute("data-date"))
    expect(date === addDays(today, 2), `focused date ${date}`)
    expect((await page.locator('td[tabindex="0"]').count()) === 1, "one tab stop in the grid")
    await page.keyboard.press("Enter")
    const drawer = page.getByRole("dialog")
    await drawer.getByText(`Manifest for ${date}`).waitFor()
    await drawer.getByText("fleet1@example.com").waitFor()
    await page.keyboard.press("Escape")
    await drawer.waitFor({ state: "detached" })
    await page.locator(`tr[data-resource-id="${fleet[0].id}"] td[data-date="${addDays(today, 2)}"]`).click()
    await page.getByRole("dialog").getByText("fleet0@example.com").waitFor()
    await page.keyboard.press("Escape")
  })

  await step("conversion: the page's figures are the API's, a bar per channel, CSV export", async () => {
    const from = addDays(today, -29)
    const report = await api("GET", `/admin/resource-reports/conversion?from=${from}&to=${today}`, { token })
    expect(report.status === 200, `report: ${report.status}`)
    const { totals, per_channel } = report.data.conversion
    expect(totals.holds_made > 40 && per_channel.some((row) => row.channel === "widget"), `report: ${JSON.stringify(totals)}`)
    await page.goto(`${BASE}/app/resource-conversion`)
    await page.getByRole("heading", { name: "Hold conversion" }).waitFor()
    const figure = page.locator('[data-figure="Holds made"]')
    await figure.getByText(String(totals.holds_made), { exact: true }).waitFor()
    const chart = page.getByTestId("conversion-chart")
    for (const row of per_channel) await chart.locator(`g[data-channel="${row.channel}"]`).waitFor()
    expect((await chart.locator("g[data-channel]").count()) === per_channel.length, "one bar per channel")
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()])
    const csv = fs.readFileSync(await download.path(), "utf8").split("\r\n")
    expect(csv[0] === "scope,key,name,holds_made,confirmed,released,expired,active,conversion_rate,median_minutes_to_order", `csv head: ${csv[0]}`)
    expect(csv[1].startsWith(`total,,${from}..${today},${totals.holds_made},${totals.confirmed},`), `csv totals: ${csv[1]}`)
    expect(csv.filter((line) => line.startsWith("channel,")).length === per_channel.length, "a CSV line per channel")
    // Filtered to the widget: the figures follow.
    await page.locator("#conversion-channel").selectOption("widget")
    const widget = per_channel.find((row) => row.channel === "widget")
    await figure.getByText(String(widget.holds_made), { exact: true }).waitFor()
    await page.locator("#conversion-channel").selectOption("")
    await figure.getByText(String(totals.holds_made), { exact: true }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, "conversion.png"), fullPage: true })
  })
}

// ====================================================================== appointments
// Resources booked by appointment (issue 18): a block of its own, as departures.

/**
 * An APPOINTMENT resource from the drawer to the order: create it with two
 * ranges of hours on one weekday, 60–240 minutes on a 30-minute grid, a
 * 15-minute buffer after and 2 units (a duration off the grid first: the
 * server's 400 under that field); on the calendar, a date exception set, then
 * returned to its weekday, then the date closed; a paid order (13:00, 2 hours)
 * and a store hold on the day's timeline per unit, the order with its buffer,
 * and a click through to the order in Medusa admin.
 */
async function appointmentSteps({ page, token, publishableKey, salesChannelId, today }) {
  const name = `Guide by the hour ${process.pid}`
  const store = { headers: { "x-publishable-api-key": publishableKey } }
  const [d1, d2] = [addDays(today, 3), addDays(today, 4)]
  const weekday = String(new Date(`${d1}T12:00:00Z`).getUTCDay())
  const cellOf = (date) => page.getByTestId("appointment-calendar").locator(`[data-date="${date}"]`)
  let resourceId = ""
  let orderId = ""

  const created = await step("appointments: create an APPOINTMENT resource with two ranges on one weekday; a duration off the grid shows its 400 on the field", async () => {
    await page.goto(`${BASE}/app/resources`)
    await page.getByRole("button", { name: "Create" }).click()
    await page.locator("#resource-type").selectOption("GUIDE")
    await page.locator("#resource-booking-mode").selectOption("APPOINTMENT")
    await page.locator("#resource-name").fill(name)
    const fields = page.getByTestId("appointment-fields")
    // The weekday of d1: 09:00–12:00 and 13:00–17:00 (a lunch break), whatever it starts with.
    const day = fields.locator(`[data-weekday="${weekday}"]`)
    const ranges = day.locator('[data-testid="hours-range"]')
    while ((await ranges.count()) < 2) await day.getByRole("button", { name: /^Add hours on/ }).click()
    while ((await ranges.count()) > 2) await day.getByRole("button", { name: /^Remove/ }).last().click()
    await fields.locator(`#hours-${weekday}-0-start`).fill("09:00")
    await fields.locator(`#hours-${weekday}-0-end`).fill("12:00")
    await fields.locator(`#hours-${weekday}-1-start`).fill("13:00")
    await fields.locator(`#hours-${weekday}-1-end`).fill("17:00")
    await fields.locator("#appointment-slot_minutes").selectOption("30")
    await fields.locator("#appointment-min_duration_minutes").fill("60")
    await fields.locator("#appointment-max_duration_minutes").fill("250")
    await fields.locator("#appointment-buffer_after_minutes").fill("15")
    await fields.locator("#appointment-units").fill("2")
    await page.getByRole("button", { name: "Create", exact: true }).last().click()
    const error = page.locator("#appointment-max_duration_minutes-error")
    await error.getByText("off the grid").waitFor()
    expect(
      (await page.locator("#appointment-max_duration_minutes").getAttribute("aria-describedby")) === "appointment-max_duration_minutes-error",
      "the message is read with its field"
    )
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.join(SHOTS, "appointment-form.png") })
    await fields.locator("#appointment-max_duration_minutes").fill("240")
    await page.getByRole("button", { name: "Create", exact: true }).last().click()
    await page.waitForURL(/\/app\/resources\/res_/)
    resourceId = page.url().split("/resources/")[1].split(/[?#/]/)[0]
    await page.getByRole("heading", { name }).waitFor()
    await page.getByTestId("appointment-settings").getByText("30-minute grid").waitFor()
    const saved = (await api("GET", `/admin/resources/${resourceId}`, { token })).data.resource
    expect(saved.booking_mode === "APPOINTMENT", `booking_mode: ${saved.booking_mode}`)
    expect(
      canonical(saved.appointment.working_hours[weekday]) === canonical([["09:00", "12:00"], ["13:00", "17:00"]]) &&
        saved.appointment.slot_minutes === 30 &&
        saved.appointment.max_duration_minutes === 240 &&
        saved.appointment.buffer_after_minutes === 15 &&
        saved.appointment.units === 2,
      `appointment: ${JSON.stringify(saved.appointment)}`
    )
    await cellOf(d1).locator('[data-range="13:00-17:00"]').waitFor()
  })
  if (!created) return

  await step("appointments: a date exception from the calendar: other hours, back to the weekday, then closed", async () => {
    const hoursOf = async () => (await api("GET", `/admin/resources/${resourceId}/hours?from=${d2}&to=${d2}`, { token })).data.hours[0]
    await cellOf(d2).click()
    const drawer = page.getByTestId("appointment-day")
    const section = drawer.getByTestId("day-hours")
    const ranges = section.locator('[data-testid="hours-range"]')
    while ((await ranges.count()) < 1) await section.getByRole("button", { name: /^Add hours on/ }).click()
    while ((await ranges.count()) > 1) await section.getByRole("button", { name: /^Remove/ }).last().click()
    await section.locator("#day-hours-0-start").fill("10:00")
    await section.locator("#day-hours-0-end").fill("14:00")
    await section.getByRole("button", { name: "Set hours for this date" }).click()
    await section.getByTestId("day-hours-kind").getByText("Exception").waitFor()
    await cellOf(d2).locator('[data-range="10:00-14:00"]').waitFor()
    expect(canonical(await hoursOf()) === canonical({ date: d2, hours: [["10:00", "14:00"]], is_exception: true }), `hours: ${JSON.stringify(await hoursOf())}`)
    await section.getByRole("button", { name: "Back to the weekday's hours" }).click()
    await section.getByTestId("day-hours-kind").getByText("Weekday's hours").waitFor()
    expect((await hoursOf()).is_exception === false, `back to the weekday: ${JSON.stringify(await hoursOf())}`)
    await section.getByRole("button", { name: "Close this date" }).click()
    await section.getByTestId("day-hours-now").getByText("Now: closed.").waitFor()
    await cellOf(d2).getByText("closed").waitFor()
    expect(canonical(await hoursOf()) === canonical({ date: d2, hours: [], is_exception: true }), `closed: ${JSON.stringify(await hoursOf())}`)
    await page.keyboard.press("Escape")
    await drawer.waitFor({ state: "detached" })
    // Tall enough for the 13 weeks (the admin scrolls its main column, not the window).
    await page.setViewportSize({ width: 1440, height: 1800 })
    await page.getByTestId("appointment-calendar").screenshot({ path: path.join(SHOTS, "appointment-calendar.png") })
    await page.setViewportSize({ width: 1440, height: 1000 })
  })

  await step("appointments: a paid order and a hold on the day's timeline per unit, the buffer shown; a click opens the order", async () => {
    const product = await api("POST", "/admin/products", {
      token,
      body: {
        title: "Guide by the hour",
        status: "published",
        options: [{ title: "Guide", values: ["Private"] }],
        variants: [{ title: "Private", sku: `GUIDE-${process.pid}`, options: { Guide: "Private" }, manage_inventory: false, prices: [{ currency_code: "aud", amount: 80 }] }],
        sales_channels: [{ id: salesChannelId }],
      },
    })
    expect(product.status === 200, `product: ${product.status} ${JSON.stringify(product.data).slice(0, 300)}`)
    const variantId = product.data.product.variants[0].id
    const linked = await api("POST", `/admin/resources/${resourceId}/variants`, { token, body: { variant_ids: [variantId] } })
    expect(linked.status === 200, `link: ${linked.status} ${JSON.stringify(linked.data)}`)
    const region = await api("POST", "/admin/regions", {
      token,
      body: { name: "Guides (system payment)", currency_code: "aud", countries: [], payment_providers: ["pp_system_default"] },
    })
    expect(region.status === 200, `region: ${region.status} ${JSON.stringify(region.data).slice(0, 200)}`)
    const cart = await api("POST", "/store/carts", {
      ...store,
      body: { region_id: region.data.region.id, sales_channel_id: salesChannelId, email: "walker@example.com" },
    })
    expect(cart.status === 200, `cart: ${cart.status}`)
    const cartId = cart.data.cart.id
    const booked = await api("POST", `/store/carts/${cartId}/resource-bookings`, {
      ...store,
      body: { variant_id: variantId, appointment: { date: d1, start_time: "13:00", duration_minutes: 120 }, quantity: 1, customer_email: "walker@example.com" },
    })
    expect(booked.status === 200, `cart booking: ${booked.status} ${JSON.stringify(booked.data).slice(0, 300)}`)
    const collection = await api("POST", "/store/payment-collections", { ...store, body: { cart_id: cartId } })
    expect(collection.status === 200, `payment collection: ${collection.status}`)
    const session = await api("POST", `/store/payment-collections/${collection.data.payment_collection.id}/payment-sessions`, {
      ...store,
      body: { provider_id: "pp_system_default" },
    })
    expect(session.status === 200, `payment session: ${session.status}`)
    const completed = await api("POST", `/store/carts/${cartId}/complete`, store)
    expect(completed.status === 200 && completed.data.type === "order", `complete: ${completed.status} ${JSON.stringify(completed.data).slice(0, 300)}`)
    orderId = completed.data.order.id
    let allocations = []
    for (let i = 0; i < 50 && !allocations.length; i++) {
      allocations = (await api("GET", `/admin/resource-allocations?order_id=${orderId}`, { token })).data.resource_allocations
      if (!allocations.length) await new Promise((r) => setTimeout(r, 200))
    }
    expect(allocations.length === 1 && allocations[0].appointment?.start_time === "13:00", `allocation: ${JSON.stringify(allocations)}`)
    const hold = await api("POST", "/store/resource-holds", {
      ...store,
      body: { resource_id: resourceId, appointment: { date: d1, start_time: "09:00", duration_minutes: 60 }, quantity: 1, customer_email: "early@example.com" },
    })
    expect(hold.status === 201, `store hold: ${hold.status} ${JSON.stringify(hold.data)}`)

    await page.goto(`${BASE}/app/resources/${resourceId}`)
    await cellOf(d1).click()
    const timeline = page.getByTestId("appointment-day").getByTestId("appointment-timeline")
    await timeline.locator('[data-testid="timeline-unit"]').nth(1).waitFor() // 2 units, a lane each
    const order = timeline.locator(`[data-testid="timeline-booking"][data-order-id="${orderId}"]`)
    const link = order.getByRole("link", { name: `Order ${orderId}: 13:00–15:00, with buffers 13:00–15:15` })
    await link.waitFor()
    expect((await order.getByTestId("timeline-buffer").count()) === 1, "the order's buffer is drawn")
    await timeline.locator('[data-testid="timeline-booking"][data-status="HELD"]').getByText("early@example.com").waitFor()
    await page.waitForTimeout(700) // the drawer's slide-in animation
    await page.screenshot({ path: path.join(SHOTS, "appointment-timeline.png") })
    await link.click()
    await page.waitForURL(new RegExp(`/app/orders/${orderId}`))
    await page.getByText("walker@example.com").first().waitFor()
  })
}

// ====================================================================== rates
// Prices by date and time (issue 19): the variant page's Rates section.

/**
 * A variant's booking rates from its page: an amount of 0 refused with the
 * server's 400 under the prices, a weekend rate in a season added, edited
 * (a start time) and shown in words, a second rate added and deleted; then the
 * variant's base price changed in Medusa's own price editor (the bulk grid),
 * after which the rate is still there, unchanged, and the base price is new.
 */
async function rateSteps({ page, token, salesChannelId, today }) {
  let productId = ""
  let variantId = ""
  const season = { from: addDays(today, 10), to: addDays(today, 40) }
  const rates = async () => (await api("GET", `/admin/product-variants/${variantId}/rates`, { token })).data

  const made = await step("rates: a variant's page lists no rates; an amount of 0 shows the server's 400 under the prices", async () => {
    // AUD among the store's currencies, so Medusa's price editor has a column for it.
    const stores = await api("GET", "/admin/stores", { token })
    const store = stores.data.stores[0]
    const currencies = store.supported_currencies.map((c) => c.currency_code)
    if (!currencies.includes("aud")) {
      const updated = await api("POST", `/admin/stores/${store.id}`, {
        token,
        body: { supported_currencies: [...store.supported_currencies.map(({ currency_code, is_default }) => ({ currency_code, is_default })), { currency_code: "aud" }] },
      })
      expect(updated.status === 200, `store currencies: ${updated.status} ${JSON.stringify(updated.data).slice(0, 300)}`)
    }
    const product = await api("POST", "/admin/products", {
      token,
      body: {
        title: `Harbour tour ${process.pid}`,
        status: "published",
        options: [{ title: "Seat", values: ["Adult"] }],
        variants: [{ title: "Adult", sku: `HARBOUR-${process.pid}`, options: { Seat: "Adult" }, manage_inventory: false, prices: [{ currency_code: "aud", amount: 100 }] }],
        sales_channels: [{ id: salesChannelId }],
      },
    })
    expect(product.status === 200, `product: ${product.status} ${JSON.stringify(product.data).slice(0, 300)}`)
    productId = product.data.product.id
    variantId = product.data.product.variants[0].id
    await page.goto(`${BASE}/app/products/${productId}/variants/${variantId}`)
    const section = page.getByTestId("variant-rates")
    await section.getByText("No rates: every booking pays the variant's price").waitFor()
    await section.getByText("Otherwise: AUD 100.").waitFor()
    await section.getByRole("button", { name: "Add rate" }).click()
    const form = page.getByTestId("rate-form")
    await form.locator("#rate-season-from").fill(season.from)
    await form.locator("#rate-season-to").fill(season.to)
    await form.getByRole("checkbox", { name: "Saturday" }).click()
    await form.getByRole("checkbox", { name: "Sunday" }).click()
    expect((await form.locator("#rate-currency-0").inputValue()) === "aud", "a new rate starts in the variant's currency")
    await form.locator("#rate-amount-0").fill("0")
    await form.getByRole("button", { name: "Add rate" }).click()
    // The server's message names the amount (Medusa words zod's "too small": "Value for field 'prices, 0, amount' too small…").
    await form.locator("#rate-prices-error").getByText(/amount/).waitFor()
    expect((await rates()).rates.length === 0, "nothing saved after the 400")
  })
  if (!made) return

  await step("rates: a weekend rate in a season added, then edited (a start time); a second added and deleted", async () => {
    const section = page.getByTestId("variant-rates")
    const form = page.getByTestId("rate-form")
    await form.locator("#rate-amount-0").fill("150")
    await form.getByRole("button", { name: "Add rate" }).click()
    await form.waitFor({ state: "detached" })
    const row = section.getByRole("row").filter({ hasText: `${season.from} – ${season.to} · Sun, Sat` })
    await row.getByText("AUD 150").waitFor()
    let [rate] = (await rates()).rates
    expect(
      canonical({ season: rate.season, weekdays: rate.weekdays, prices: rate.prices }) === canonical({ season, weekdays: [0, 6], prices: [{ currency_code: "aud", amount: 150 }] }),
      `rate: ${JSON.stringify(rate)}`
    )
    await row.getByRole("button", { name: "Edit" }).click()
    expect((await form.locator("#rate-season-from").inputValue()) === season.from, "the form starts as the rate")
    await form.locator("#rate-start-time").fill("07:00")
    await form.getByRole("button", { name: "Save" }).click()
    await form.waitFor({ state: "detached" })
    await section.getByRole("row").filter({ hasText: "starts 07:00" }).getByText("AUD 150").waitFor()
    ;[rate] = (await rates()).rates
    expect(rate.start_time === "07:00" && rate.weekdays.length === 2, `edited: ${JSON.stringify(rate)}`)

    await section.getByRole("button", { name: "Add rate" }).click()
    await form.locator("#rate-duration").fill("120")
    await form.locator("#rate-amount-0").fill("200")
    await form.getByRole("button", { name: "Add rate" }).click()
    await form.waitFor({ state: "detached" })
    const second = section.getByRole("row").filter({ hasText: "120 min" })
    await second.getByText("AUD 200").waitFor()
    await second.getByRole("button", { name: "Delete" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await second.waitFor({ state: "detached" })
    expect((await rates()).rates.length === 1, "one rate left")
    await section.scrollIntoViewIfNeeded()
    await section.screenshot({ path: path.join(SHOTS, "variant-rates.png") })
  })

  await step("rates: the base price changed in Medusa's own price editor leaves the rate as it was", async () => {
    const before = (await rates()).rates
    await page.goto(`${BASE}/app/products/${productId}/variants/${variantId}/prices`)
    // Medusa's bulk price grid: select the AUD cell, type the new price, leave the cell, save.
    const input = page.locator('[data-field$="prices.aud"][data-cell-id]').first()
    await input.waitFor({ state: "attached" })
    const cellId = await input.getAttribute("data-cell-id")
    const cell = page.locator(`[data-container-id="${cellId}"]`)
    await cell.click()
    await page.keyboard.press("Enter")
    await page.keyboard.press("ControlOrMeta+a")
    await page.keyboard.type("110")
    await page.keyboard.press("Enter")
    await page.getByRole("button", { name: "Save" }).click()
    let base = []
    for (let i = 0; i < 50; i++) {
      base = (await rates()).base_prices
      if (base.some((p) => p.currency_code === "aud" && p.amount === 110)) break
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(base.some((p) => p.currency_code === "aud" && p.amount === 110), `base prices after the editor: ${JSON.stringify(base)}`)
    const after = (await rates()).rates
    expect(canonical(after) === canonical(before), `rates after the editor: ${JSON.stringify(after)} (before: ${JSON.stringify(before)})`)
    await page.goto(`${BASE}/app/products/${productId}/variants/${variantId}`)
    const section = page.getByTestId("variant-rates")
    await section.getByText("Otherwise: AUD 110.").waitFor()
    await section.getByRole("row").filter({ hasText: "starts 07:00" }).getByText("AUD 150").waitFor()
  })
}

main()
  .catch((error) => fail("setup", error))
  .finally(finish)
