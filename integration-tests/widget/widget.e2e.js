#!/usr/bin/env node
"use strict"
/**
 * Browser test of the booking widget (`npm run test:widget`).
 *
 * 1. Builds the app through the shared harness (integration-tests/harness,
 *    app "widget", no admin) and the widget bundle into its .medusa/server/widget
 *    (Vite, src/widget/vite.config.mjs).
 * 2. One fresh database, an admin user, two servers on it: the main one and a
 *    short-hold one (RESOURCE_BOOKING_HOLD_TTL_MINUTES=0.1) for the lapse; the
 *    demo page is on (RESOURCE_BOOKING_WIDGET_DEMO=1).
 * 3. Demo data through the admin API (integration-tests/widget/demo-data.js):
 *    a region paying with pp_system_default, a publishable key, a 4WD tour
 *    (a seat: one tour resource; a private tour: a vehicle and a guide) and a
 *    rainforest walk with booking rules, a blackout and a sold-out date.
 * 4. Debian's Chromium through playwright-core: the full path on the demo page
 *    (dates, quantity, hold with countdown, extend, cart, order, allocation
 *    checked through the admin API); unavailable dates not selectable; rules;
 *    a 409 in the meantime; the hold lapsing; keyboard-only booking on a bare
 *    HTML page of another origin with nothing but the script tag; a 390 px
 *    phone run. Screenshots go to test-results/widget/ and, with
 *    WIDGET_SCREENSHOTS=1, to docs/screenshots/widget-*.png.
 *
 * Prints `N passed, N failed` last; exits non-zero on any failure.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), WIDGET_REUSE_BUILD=1 (or
 * --reuse-build), WIDGET_KEEP=1 keeps the database.
 */
const fs = require("fs")
const http = require("http")
const path = require("path")
const harness = require("../harness")
const { createDemoData } = require("./demo-data")
const { todayIn, addDays } = harness

const { REPO_ROOT } = harness
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const SHOTS = path.join(REPO_ROOT, "test-results", "widget")
const DOC_SHOTS = path.join(REPO_ROOT, "docs", "screenshots")
const WRITE_DOC_SHOTS = process.env.WIDGET_SCREENSHOTS === "1"
const ADMIN_EMAIL = "admin@widget.test"
const ADMIN_PASSWORD = "widget-password-1"
const TIMEZONE = "Australia/Brisbane"
const REUSE = process.env.WIDGET_REUSE_BUILD === "1" || process.argv.includes("--reuse-build")

const { step, expect, setPage, fail, finish } = require("../harness/steps").steps({ shots: SHOTS })
const cleanups = []

const log = (m) => console.log(`[widget] ${m}`)

async function shot(page, name, locator) {
  const target = locator || page
  await target.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  if (WRITE_DOC_SHOTS) {
    fs.mkdirSync(DOC_SHOTS, { recursive: true })
    await target.screenshot({ path: path.join(DOC_SHOTS, `${name}.png`) })
  }
}

function api(base) {
  return (method, url, options = {}) => harness.fetchJson(`${base}${url}`, { method, ...options })
}

/** A one-file web server on another origin: the bare page with nothing but the script tag and the element. */
async function bareSite(port, html) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    res.end(html())
  })
  await new Promise((r) => server.listen(port, harness.HOST, r))
  cleanups.push(() => new Promise((r) => server.close(r)))
  return `http://${harness.HOST}:${port}`
}

// ------------------------------------------------------------------ page helpers

const widgetOf = (page, variantId) => page.locator(`resource-booking-widget[variant-id="${variantId}"]`)
const cell = (w, date) => w.locator(`td[data-date="${date}"]`)

async function ready(w) {
  await w.locator('table[role="grid"][aria-busy="false"]').waitFor()
  await w.locator('td[role="gridcell"]').first().waitFor()
}

/** Shows the month of `date` with the widget's next-month button. */
async function showMonthOf(w, date) {
  await ready(w)
  for (let i = 0; i < 6; i++) {
    if (await cell(w, date).count()) {
      await w.locator(`td[data-date="${date}"]:not([aria-label$="loading"])`).waitFor()
      return
    }
    await w.getByRole("button", { name: "Next month" }).click()
    await ready(w)
  }
  throw new Error(`month of ${date} not reached`)
}

async function selectDates(w, dates) {
  for (const d of dates) {
    await showMonthOf(w, d)
    await cell(w, d).click()
    await w.locator(`td[data-date="${d}"][aria-selected="true"]`).waitFor()
  }
}

async function clearDates(w) {
  const clear = w.getByRole("button", { name: "Clear dates" })
  if (await clear.count()) await clear.click()
}

async function selected(w) {
  return w.locator('td[aria-selected="true"]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-date")))
}

/** Every event the widgets dispatch, kept in window.__widgetEvents. */
const RECORD_EVENTS = () => {
  window.__widgetEvents = []
  for (const name of ["hold-created", "hold-expired", "added-to-cart", "order-placed"]) {
    document.addEventListener(name, (e) => window.__widgetEvents.push({ name, detail: e.detail }))
  }
}
const eventsOf = (page, name) => page.evaluate((n) => window.__widgetEvents.filter((e) => e.name === n), name)

// ------------------------------------------------------------------ main

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true })
  expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`)
  const app = harness.app({ name: "widget" })
  const [port, shortPort, barePort] = [await harness.freePort(), await harness.freePort(), await harness.freePort()]
  const BASE = `http://${harness.HOST}:${port}`
  const SHORT = `http://${harness.HOST}:${shortPort}`
  const BARE = `http://${harness.HOST}:${barePort}`
  const env = {
    STORE_CORS: [BASE, SHORT, BARE].join(","),
    ADMIN_CORS: BASE,
    AUTH_CORS: BASE,
    RESOURCE_BOOKING_TIMEZONE: TIMEZONE,
    RESOURCE_BOOKING_WIDGET_DEMO: "1",
  }
  let db = null
  let browser = null
  try {
    const ok =
      (await step("medusa build and the widget bundle (Vite)", async () => {
        await app.build({ reuse: REUSE })
        await harness.runCommand(
          process.execPath,
          [path.join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", path.join(REPO_ROOT, "src", "widget", "vite.config.mjs")],
          { cwd: REPO_ROOT, env: { WIDGET_OUT_DIR: path.join(app.serverDir, "widget") }, logFile: path.join(app.logDir, "widget-build.log") }
        )
        expect(fs.existsSync(path.join(app.serverDir, "widget", "resource-booking-widget.js")), "no widget bundle")
      })) &&
      (await step("database, admin user, two servers (default and 6-second holds)", async () => {
        db = await app.createDatabase("rb_widget", { env })
        await harness.medusa(app.dir, ["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], { env: { ...app.env, ...env, DATABASE_URL: db.url } })
        const main = await app.start({ port, databaseUrl: db.url, env, name: "widget", logDir: SHOTS })
        cleanups.push(() => main.stop())
        const short = await app.start({ port: shortPort, databaseUrl: db.url, env: { ...env, RESOURCE_BOOKING_HOLD_TTL_MINUTES: "0.1" }, name: "widget-short", logDir: SHOTS })
        cleanups.push(() => short.stop())
      }))
    if (!ok) return
    const { chromium } = require("playwright-core")
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    })
    await browserTests({ browser, BASE, SHORT, BARE, barePort })
  } finally {
    if (browser) await browser.close().catch(() => {})
    for (const fn of cleanups.reverse()) await Promise.resolve(fn()).catch(() => {})
    if (db && process.env.WIDGET_KEEP === "1") log(`kept database ${db.name}`)
    else if (db) await db.drop().catch((e) => log(`drop failed: ${e.message}`))
  }
}

async function browserTests({ browser, BASE, SHORT, BARE, barePort }) {
  const call = api(BASE)
  const today = todayIn(TIMEZONE)
  let demo
  let token

  const ok = await step("demo data through the admin API (region, key, 4WD tour, rainforest walk with rules)", async () => {
    const login = await call("POST", "/auth/user/emailpass", { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })
    expect(login.status === 200, `login: ${login.status} ${JSON.stringify(login.data)}`)
    token = login.data.token
    demo = await createDemoData({ base: BASE, token, timezone: TIMEZONE, log })
  })
  if (!ok) return
  const key = demo.publishableKey
  const { seat, privateTour, walk } = demo.variants

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-AU" })
  await context.addInitScript(RECORD_EVENTS)
  const page = await context.newPage()
  setPage(page)
  page.setDefaultTimeout(20000)
  const pageErrors = []
  page.on("pageerror", (e) => pageErrors.push(String(e)))

  await step("the widget bundle and the demo page are served without a key or session", async () => {
    const js = await fetch(`${BASE}/resource-booking-widget/widget.js`)
    expect(js.status === 200 && /javascript/.test(js.headers.get("content-type")), `widget.js: ${js.status}`)
    expect((await js.text()).includes("resource-booking-widget"), "widget.js does not define the element")
    const html = await fetch(`${BASE}/resource-booking-widget/demo`)
    expect(html.status === 200, `demo: ${html.status}`)
  })

  await step("demo page lists the bookable products, each with the widget", async () => {
    await page.goto(`${BASE}/resource-booking-widget/demo`)
    await page.getByRole("heading", { name: "Fraser Island 4WD Tour" }).waitFor()
    await page.getByRole("heading", { name: "Rainforest Walk" }).waitFor()
    for (const v of [seat, privateTour, walk]) await ready(widgetOf(page, v))
    expect((await page.locator("resource-booking-widget").count()) === 3, "three widgets")
  })

  // Full path on the 4WD seat (one resource): hold → extend → add to cart → pay → order → allocation.
  const full = { dates: [addDays(today, 7), addDays(today, 8)], quantity: 2 }
  await step("full path: dates and quantity, price of the selection", async () => {
    const w = widgetOf(page, seat)
    await selectDates(w, full.dates)
    await w.getByRole("button", { name: "More" }).click()
    await w.locator('input[type="number"]').and(w.locator('[value="2"]')).waitFor().catch(() => {})
    await ready(w)
    expect((await w.locator("#rbw-qty").inputValue()) === "2", "quantity 2")
    await w.getByLabel("Email").fill("newcomer@example.com")
    // 2 people × 2 days × A$189.00
    await w.locator('[data-part="total"]').filter({ hasText: "756" }).waitFor()
    await page.screenshot({ path: path.join(SHOTS, "demo-page.png") })
  })

  let holdId = null
  await step("full path: hold with a visible countdown", async () => {
    const w = widgetOf(page, seat)
    await w.getByRole("button", { name: "Hold these dates" }).click()
    const timer = w.getByRole("timer")
    await timer.waitFor()
    expect(/^\d+:\d\d$/.test((await timer.textContent()).trim()), "countdown m:ss")
    const created = await eventsOf(page, "hold-created")
    expect(created.length === 1, "one hold-created event")
    holdId = created[0].detail.resource_hold_ids[0]
    expect(JSON.stringify(created[0].detail.dates) === JSON.stringify(full.dates), `hold dates ${JSON.stringify(created[0].detail.dates)}`)
    await shot(page, "widget-hold-countdown", w)
  })

  await step("full path: extend keeps the hold and moves expires_at forward", async () => {
    const w = widgetOf(page, seat)
    const before = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
    await w.getByRole("button", { name: "Extend hold" }).click()
    await w.getByText(/Hold extended until/).waitFor()
    const after = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
    expect(after.status === "ACTIVE", `status ${after.status}`)
    expect(Date.parse(after.expires_at) >= Date.parse(before.expires_at), `expires_at ${before.expires_at} → ${after.expires_at}`)
  })

  let orderId = null
  await step("full path: add to cart (booking the hold it has), pay, confirmation with the order and its dates", async () => {
    const w = widgetOf(page, seat)
    await w.getByRole("button", { name: "Add to cart" }).click()
    await w.getByText("Held and in your cart").waitFor()
    const added = await eventsOf(page, "added-to-cart")
    expect(added.length === 1 && added[0].detail.cart_id, "added-to-cart with the cart id")
    await w.getByRole("button", { name: /Pay and book/ }).click()
    const heading = w.getByRole("heading", { name: /Booking confirmed: order #\d+/ })
    await heading.waitFor({ timeout: 60000 })
    for (const d of full.dates) await w.locator(`li[data-date="${d}"]`).waitFor()
    const placed = await eventsOf(page, "order-placed")
    expect(placed.length === 1, "one order-placed event")
    orderId = placed[0].detail.order_id
    await shot(page, "widget-confirmation", w)
  })

  await step("full path: the allocation exists (admin API) with the right dates and quantity", async () => {
    expect(orderId, "an order id")
    let allocations = []
    for (let i = 0; i < 50 && !allocations.length; i++) {
      const res = await call("GET", `/admin/resource-allocations?order_id=${orderId}`, { token })
      expect(res.status === 200, `allocations: ${res.status}`)
      allocations = res.data.resource_allocations
      if (!allocations.length) await new Promise((r) => setTimeout(r, 200))
    }
    expect(allocations.length === 1, `${allocations.length} allocations for the order`)
    const a = allocations[0]
    expect(a.resource_id === demo.resources.tour, `resource ${a.resource_id}`)
    expect(JSON.stringify([...a.dates].sort()) === JSON.stringify(full.dates), `dates ${JSON.stringify(a.dates)}`)
    expect(a.quantity === full.quantity, `quantity ${a.quantity}`)
  })

  await step("sold-out, blackout and cutoff dates are visibly different and not selectable, with the reason", async () => {
    await page.goto(`${BASE}/resource-booking-widget/demo`)
    const w = widgetOf(page, walk)
    for (const [date, reason, words] of [
      [demo.walk.cutoffDate, "CUTOFF", /cutoff/i],
      [demo.walk.blackoutDate, "BLACKOUT", /closed/i],
      [demo.walk.soldOutDate, "SOLD_OUT", /sold out/i],
    ]) {
      await showMonthOf(w, date)
      const c = cell(w, date)
      expect((await c.getAttribute("aria-disabled")) === "true", `${date} (${reason}) aria-disabled`)
      expect((await c.getAttribute("data-reason")) === reason, `${date} reason ${await c.getAttribute("data-reason")}`)
      expect(words.test(await c.getAttribute("aria-label")), `${date} label ${await c.getAttribute("aria-label")}`)
      await c.click({ force: true }) // aria-disabled: Playwright would wait for it to be enabled
      expect((await c.getAttribute("aria-selected")) === "false", `${date} got selected`)
      await c.focus()
      await w.locator("#rbw-dateinfo").filter({ hasText: words }).waitFor()
    }
    // The month with the blackout and the sold-out dates, the sold-out date focused.
    await shot(page, "widget-calendar", w)
  })

  await step("a rule-breaking selection cannot be held (min 2 consecutive dates), and the server agrees", async () => {
    const w = widgetOf(page, walk)
    const d = demo.walk.freeDates[0]
    await clearDates(w)
    await selectDates(w, [d])
    await w.getByLabel("Email").fill("rules@example.com")
    expect(await w.getByRole("button", { name: "Hold these dates" }).isDisabled(), "Hold enabled with 1 date")
    await w.locator('[data-part="hold-hint"]').filter({ hasText: "at least 2 dates" }).waitFor()
    // A date apart from the run restarts it (consecutive): still one date, still not holdable.
    await showMonthOf(w, demo.walk.freeDates[3])
    await cell(w, demo.walk.freeDates[3]).click()
    expect(JSON.stringify(await selected(w)) === JSON.stringify([demo.walk.freeDates[3]]), `selection ${JSON.stringify(await selected(w))}`)
    expect(await w.getByRole("button", { name: "Hold these dates" }).isDisabled(), "Hold enabled")
    const direct = await call("POST", "/store/resource-holds", {
      key,
      body: { resource_id: demo.resources.walk, dates: [d], quantity: 1, customer_email: "rules@example.com" },
    })
    expect(direct.status === 400 && /min_dates/.test(direct.data.message), `server: ${direct.status} ${JSON.stringify(direct.data)}`)
  })

  await step("a 409 in the meantime is shown in words, and the taken date leaves the selection", async () => {
    const w = widgetOf(page, walk)
    const [d1, d2] = [demo.walk.freeDates[1], demo.walk.freeDates[2]]
    await clearDates(w)
    await selectDates(w, [d1, d2])
    // Someone else takes all of d2 while the page is open.
    const other = await call("POST", "/store/resource-holds", {
      key,
      body: { resource_id: demo.resources.walk, dates: [d1, d2], quantity: demo.walk.capacity, customer_email: "other@example.com" },
    })
    expect(other.status === 201, `other hold: ${other.status} ${JSON.stringify(other.data)}`)
    await w.getByRole("button", { name: "Hold these dates" }).click()
    const alert = w.getByRole("alert")
    await alert.filter({ hasText: /conflicts with a booking made in the meantime/ }).waitFor()
    const text = await alert.textContent()
    expect(!/\bat \S+:\d+|Error:|stack|undefined/.test(text), `alert looks like a trace: ${text}`)
    await w.locator(`td[data-date="${d2}"][aria-disabled="true"]`).waitFor()
    expect(!(await selected(w)).length, `selection ${JSON.stringify(await selected(w))}`)
    await call("POST", `/store/resource-holds/${other.data.resource_hold.id}/release`, { key, body: {} })
  })

  await step("the hold lapsing (6-second holds) clears the selection and says so", async () => {
    const p = await context.newPage()
    setPage(p)
    await p.goto(`${SHORT}/resource-booking-widget/demo`)
    const w = widgetOf(p, seat)
    const dates = [addDays(today, 12)]
    await selectDates(w, dates)
    await w.getByLabel("Email").fill("lapse@example.com")
    await w.getByRole("button", { name: "Hold these dates" }).click()
    await w.getByRole("timer").waitFor()
    await w.getByRole("alert").filter({ hasText: /lapsed/ }).waitFor({ timeout: 30000 })
    expect(!(await selected(w)).length, "selection cleared")
    await w.getByRole("button", { name: "Hold these dates" }).waitFor()
    expect((await eventsOf(p, "hold-expired")).length === 1, "hold-expired event")
    await p.close()
    setPage(page)
  })

  await step("keyboard only, on a bare HTML page of another origin (no framework, just the script tag)", async () => {
    await bareSite(
      barePort,
      () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body>
<script src="${BASE}/resource-booking-widget/widget.js"></script>
<resource-booking-widget backend-url="${BASE}" publishable-key="${key}" variant-id="${privateTour}" region-id="${demo.regionId}" locale="en-AU" demo-payment></resource-booking-widget>
</body></html>`
    )
    const p = await context.newPage()
    setPage(p)
    await p.goto(BARE)
    const w = widgetOf(p, privateTour)
    await ready(w)
    // Tab into the grid: the focusable cell is the first bookable date.
    let focused = null
    for (let i = 0; i < 5 && !focused; i++) {
      await p.keyboard.press("Tab")
      focused = await w.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.getAttribute("data-date"))
    }
    expect(focused, "Tab reaches the date grid")
    // A week later (maybe the next month: the grid follows), then two days in a row.
    for (const key of ["ArrowDown", "Enter", "ArrowRight", " "]) {
      await p.keyboard.press(key)
      await ready(w)
    }
    const dates = await selected(w)
    expect(dates.length === 2, `keyboard selection ${JSON.stringify(dates)}`)
    // Tab to the email field and on to Hold.
    for (let i = 0; i < 8; i++) {
      await p.keyboard.press("Tab")
      if (await w.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.id === "rbw-email")) break
    }
    await p.keyboard.type("keys@example.com")
    for (let i = 0; i < 4; i++) {
      await p.keyboard.press("Tab")
      if (await w.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.getAttribute("data-key") === "hold")) break
    }
    await p.keyboard.press("Enter")
    await w.getByRole("timer").waitFor()
    // Focus moved to Extend; Tab to "Pay and book".
    for (let i = 0; i < 3; i++) {
      if (await w.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.getAttribute("data-key") === "pay")) break
      await p.keyboard.press("Tab")
    }
    await p.keyboard.press("Enter")
    await w.getByRole("heading", { name: /Booking confirmed/ }).waitFor({ timeout: 60000 })
    const placed = await eventsOf(p, "order-placed")
    expect(placed.length === 1, "order-placed")
    const res = await call("GET", `/admin/resource-allocations?order_id=${placed[0].detail.order_id}`, { token })
    const allocs = res.data.resource_allocations
    expect(allocs.length === 2, `private tour: ${allocs.length} allocations (vehicle and guide)`)
    for (const a of allocs) expect(JSON.stringify([...a.dates].sort()) === JSON.stringify(dates), `dates ${JSON.stringify(a.dates)}`)
    await p.close()
    setPage(page)
  })

  await step("phone viewport (390 px): readable, no sideways scroll, hold and release", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-AU" })
    const p = await phone.newPage()
    setPage(p)
    await p.goto(`${BASE}/resource-booking-widget/demo`)
    const w = widgetOf(p, seat)
    await ready(w)
    const width = await p.evaluate(() => document.documentElement.scrollWidth)
    expect(width <= 390, `page is ${width}px wide`)
    const box = await w.boundingBox()
    expect(box.width <= 390, `widget ${box.width}px`)
    const d = addDays(today, 15)
    await showMonthOf(w, d)
    await cell(w, d).tap()
    await w.locator(`td[data-date="${d}"][aria-selected="true"]`).waitFor()
    await w.getByLabel("Email").fill("phone@example.com")
    await w.evaluate((el) => el.scrollIntoView({ block: "start" }))
    await shot(p, "widget-phone")
    await w.getByRole("button", { name: "Hold these dates" }).tap()
    await w.getByRole("timer").waitFor()
    await w.getByRole("button", { name: "Release" }).tap()
    await w.getByText(/released/).waitFor()
    await phone.close()
    setPage(page)
  })

  await step("no uncaught errors in the pages", async () => {
    expect(!pageErrors.length, pageErrors.join("\n"))
  })
}

main()
  .catch((error) => fail("setup", error))
  .finally(finish)
