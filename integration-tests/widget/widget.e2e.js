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
 *    phone run; the quantity capped with a note next to it; refusals as
 *    role=alert; the waitlist journey (sold out → join → capacity freed →
 *    the offer notification → its link → book the offer → order); the phone
 *    confirmation at 320 and 390 px with no element wider than its
 *    container; no 404 in the pages (favicon). Screenshots go to
 *    test-results/widget/ and, with WIDGET_SCREENSHOTS=1, to
 *    docs/screenshots/widget-*.png.
 *
 * Prints `N passed, N failed` last; exits non-zero on any failure.
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), WIDGET_REUSE_BUILD=1 (or
 * --reuse-build), WIDGET_KEEP=1 keeps the database.
 */
const fs = require("fs")
const http = require("http")
const path = require("path")
const harness = require("../harness")
const { createDemoData, createAppointmentProducts, caller } = require("./demo-data")
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
    res.end(html(new URL(req.url, "http://bare").searchParams))
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

/**
 * Elements of the widget (inside its shadow root, from `selector` down) that
 * stick out of their parent's box or whose content is wider than they are.
 */
async function overflowing(w, selector) {
  return w.evaluate((host, selector) => {
    const root = host.shadowRoot
    const start = selector ? root.querySelector(selector) : root.querySelector(".root")
    if (!start) return [`nothing matches ${selector}`]
    const bad = []
    const name = (e) => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).replace(/ /g, ".") : ""}${e.getAttribute("data-key") ? `[${e.getAttribute("data-key")}]` : ""}`
    const host_ = host.getBoundingClientRect()
    for (const e of [start, ...start.querySelectorAll("*")]) {
      if (e.tagName === "STYLE" || e.classList.contains("sr-only")) continue
      const r = e.getBoundingClientRect()
      if (!r.width && !r.height) continue
      const parent = e === start ? host_ : e.parentElement.getBoundingClientRect()
      if (r.left < parent.left - 0.5 || r.right > parent.right + 0.5) bad.push(`${name(e)} ${r.left.toFixed(1)}..${r.right.toFixed(1)} outside its container ${parent.left.toFixed(1)}..${parent.right.toFixed(1)}: "${e.textContent.slice(0, 40)}"`)
      if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === "visible") bad.push(`${name(e)} content ${e.scrollWidth}px in ${e.clientWidth}px: "${e.textContent.slice(0, 40)}"`)
    }
    return bad
  }, selector)
}

/** A departure of the listed date, by its start time. */
const departure = (w, time) => w.locator(`[role="radio"][data-start-time="${time}"]`)

/** What has focus inside the widget: a departure's start time, else the control's data-key, else its id. */
const focusedIn = (w) =>
  w.evaluate((el) => {
    const a = el.shadowRoot.activeElement
    return a ? a.getAttribute("data-start-time") || a.getAttribute("data-date") || a.getAttribute("data-key") || a.id : null
  })

/** Tab until `key` (what focusedIn says) has focus, at most `max` times; says where focus ended. */
async function tabTo(p, w, key, max = 8) {
  for (let i = 0; i < max && (await focusedIn(w)) !== key; i++) await p.keyboard.press("Tab")
  const at = await focusedIn(w)
  expect(at === key, `Tab did not reach ${key} (focus: ${at})`)
}

/** Tab from the top of a bare page into the date grid; its tab stop (a date) is returned. */
async function tabIntoGrid(p, w) {
  let focused = null
  for (let i = 0; i < 5 && !focused; i++) {
    await p.keyboard.press("Tab")
    focused = await w.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.activeElement.getAttribute("data-date"))
  }
  expect(focused, "Tab reaches the date grid")
  return focused
}

async function selected(w) {
  return w.locator('td[aria-selected="true"]').evaluateAll((cells) => cells.map((c) => c.getAttribute("data-date")))
}

/** Every event the widgets dispatch, kept in window.__widgetEvents. */
const RECORD_EVENTS = () => {
  window.__widgetEvents = []
  for (const name of ["hold-created", "hold-expired", "added-to-cart", "order-placed", "waitlist-joined"]) {
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
    // The waitlist offer email links to the demo page, as `npm run demo` sets it.
    RESOURCE_BOOKING_WAITLIST_OFFER_URL: `${BASE}/resource-booking-widget/demo?waitlist_entry={entry_id}`,
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
  /** The order's allocations, once there are `n` (order.placed's subscriber confirms each hold in turn). */
  const allocationsOf = async (orderId, n) => {
    let allocations = []
    for (let i = 0; i < 100 && allocations.length < n; i++) {
      const res = await call("GET", `/admin/resource-allocations?order_id=${orderId}`, { token })
      expect(res.status === 200, `allocations: ${res.status}`)
      allocations = res.data.resource_allocations
      if (allocations.length < n) await new Promise((r) => setTimeout(r, 200))
    }
    return allocations
  }
  const { seat, privateTour, walk, kayak } = demo.variants
  /** The bare page of another origin: nothing but the script tag and one widget (`?variant=`, default the private tour). */
  let bareUp = false
  const bare = async (variant) => {
    if (!bareUp) {
      await bareSite(
        barePort,
        (q) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body>
<script src="${BASE}/resource-booking-widget/widget.js"></script>
<resource-booking-widget backend-url="${BASE}" publishable-key="${key}" variant-id="${q.get("variant") || privateTour}" region-id="${demo.regionId}" locale="en-AU" demo-payment></resource-booking-widget>
</body></html>`
      )
      bareUp = true
    }
    return `${BARE}/?variant=${encodeURIComponent(variant)}`
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-AU" })
  await context.addInitScript(RECORD_EVENTS)
  const page = await context.newPage()
  setPage(page)
  page.setDefaultTimeout(20000)
  const pageErrors = []
  page.on("pageerror", (e) => pageErrors.push(String(e)))
  // Every 404 any page of the test asks for (the console shows each as an error), e.g. /favicon.ico.
  const notFound = []
  const watch404 = (ctx) => ctx.on("response", (r) => r.status() === 404 && notFound.push(`${r.request().method()} ${r.url()}`))
  watch404(context)

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
    await page.getByRole("heading", { name: "Sunset Kayak Tour" }).waitFor()
    for (const v of [seat, privateTour, walk, kayak]) await ready(widgetOf(page, v))
    expect((await page.locator("resource-booking-widget").count()) === 4, "four widgets")
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
    // Quantity and days in words: the variant "Seat" makes the noun.
    await w.locator('[data-part="held-what"]').filter({ hasText: "2 seats × 2 days" }).waitFor()
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
    // The widget says where it books (x-resource-booking-channel: widget): the admin sees the hold's channel.
    const listed = await call("GET", `/admin/resource-holds?resource_id=${demo.resources.tour}&customer_email=newcomer@example.com`, { token })
    const mine = (listed.data.resource_holds || []).find((h) => h.id === holdId)
    expect(mine && mine.channel === "widget", `hold channel ${mine && mine.channel} (${listed.status})`)
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
    // The order number a customer knows (#display_id), never the internal id; the line in words.
    const confirmation = await w.locator('[data-key="confirmation"]').textContent()
    expect(confirmation.includes(`order #${placed[0].detail.display_id}`), `confirmation: ${confirmation}`)
    expect(!/order_[0-9A-Z]/.test(confirmation), `internal order id shown: ${confirmation}`)
    expect(confirmation.includes("Fraser Island 4WD Tour (Seat): 2 seats × 2 days"), `line in words: ${confirmation}`)
    await shot(page, "widget-confirmation", w)
  })

  await step("full path: the allocation exists (admin API) with the right dates and quantity", async () => {
    expect(orderId, "an order id")
    const allocations = await allocationsOf(orderId, 1)
    expect(allocations.length === 1, `${allocations.length} allocations for the order`)
    const a = allocations[0]
    expect(a.resource_id === demo.resources.tour, `resource ${a.resource_id}`)
    expect(JSON.stringify([...a.dates].sort()) === JSON.stringify(full.dates), `dates ${JSON.stringify(a.dates)}`)
    expect(a.quantity === full.quantity, `quantity ${a.quantity}`)
  })

  await step("a quantity above what is left is lowered, and a note next to the quantity says so (role=status)", async () => {
    await page.goto(`${BASE}/resource-booking-widget/demo`)
    const w = widgetOf(page, seat)
    await selectDates(w, [addDays(today, 9)])
    const qty = w.locator("#rbw-qty")
    await qty.fill("40")
    await qty.press("Tab")
    const note = w.locator('[data-part="qty-note"]')
    await note.filter({ hasText: "Only 12 seats are left on your dates, so the quantity is 12." }).waitFor()
    expect((await note.getAttribute("role")) === "status", `note role ${await note.getAttribute("role")}`)
    expect((await qty.getAttribute("aria-describedby")).split(" ").includes(await note.getAttribute("id")), "the quantity field is not described by the note")
    await ready(w)
    expect((await qty.inputValue()) === "12", `quantity ${await qty.inputValue()}`)
    // Next to the quantity: the note's box starts within the quantity's column, right under the field.
    const [field, box] = [await qty.boundingBox(), await note.boundingBox()]
    expect(box.y >= field.y + field.height && box.y - (field.y + field.height) < 80, `note at y=${box.y}, field ends at ${field.y + field.height}`)
    // A quantity that fits clears the note.
    await w.getByRole("button", { name: "Fewer" }).click()
    await ready(w)
    expect(!(await note.textContent()).trim(), `note left: ${await note.textContent()}`)
    await clearDates(w)
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
      // A refusal is an alert (role=alert), never a polite status.
      await w.getByRole("alert").filter({ hasText: "cannot be booked" }).filter({ hasText: words }).waitFor()
      expect(!(await w.getByRole("status").filter({ hasText: "cannot be booked" }).count()), `${date}: refusal announced as a status`)
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

  const waiter = "waiter@example.com"
  let entryId = null
  await step("waitlist: a sold-out run offers \"Join the waitlist\"; joining says where the customer stands", async () => {
    await page.goto(`${BASE}/resource-booking-widget/demo`)
    const w = widgetOf(page, walk)
    const [d1, d2] = [demo.walk.soldOutDate, addDays(demo.walk.soldOutDate, 1)]
    await showMonthOf(w, d1)
    await cell(w, d1).click({ force: true })
    await w.getByRole("alert").filter({ hasText: /cannot be booked: sold out/ }).waitFor()
    // The walk needs 2 consecutive dates: the waitlist asks the rules too.
    await w.getByLabel("Email").fill(waiter)
    await w.locator('[data-part="waitlist-hint"]').filter({ hasText: "at least 2 dates" }).waitFor()
    expect(await w.getByRole("button", { name: "Join the waitlist" }).isDisabled(), "Join enabled with 1 date")
    await showMonthOf(w, d2)
    await cell(w, d2).click({ force: true })
    await w.locator(`td[data-date="${d2}"][data-waitlist="true"]`).waitFor()
    expect((await cell(w, d1).getAttribute("aria-selected")) === "false", "a sold-out date is never selected for holding")
    await w.locator('[data-part="summary"]').filter({ hasText: "Your waitlist request" }).filter({ hasText: "(2 days)" }).waitFor()
    expect(await w.getByRole("button", { name: "Hold these dates" }).count() === 0, "Hold offered for sold-out dates")
    await shot(page, "widget-waitlist-join", w)
    await w.getByRole("button", { name: "Join the waitlist" }).click()
    await w.getByRole("status").filter({ hasText: /You are on the waitlist for .*number 1 in line/ }).waitFor()
    const joined = await eventsOf(page, "waitlist-joined")
    expect(joined.length === 1, `${joined.length} waitlist-joined events`)
    entryId = joined[0].detail.entry_id
    const entry = (await call("GET", `/store/resource-waitlist/${entryId}`, { key })).data.resource_waitlist_entry
    expect(entry.status === "WAITING" && entry.variant_id === walk && entry.quantity === 1, `entry ${JSON.stringify(entry)}`)
    expect(JSON.stringify(entry.dates) === JSON.stringify([d1, d2]) && entry.customer_email === waiter, `entry ${JSON.stringify(entry)}`)
  })

  let offerUrl = null
  await step("waitlist: capacity freed (another customer's hold released) → the offer notification, with the shop's link", async () => {
    expect(entryId, "an entry")
    const released = await call("POST", `/store/resource-holds/${demo.walk.soldOutHoldId}/release`, { key, body: {} })
    expect(released.status === 200, `release: ${released.status} ${JSON.stringify(released.data)}`)
    let offer = null
    for (let i = 0; i < 100 && !offer; i++) {
      const res = await call("GET", `/admin/notifications?to=${encodeURIComponent(waiter)}&channel=email`, { token })
      expect(res.status === 200, `notifications: ${res.status}`)
      offer = res.data.notifications.find((n) => n.template === "resource-booking.waitlist-offer")
      if (!offer) await new Promise((r) => setTimeout(r, 200))
    }
    expect(offer, "no waitlist offer notification recorded")
    expect(offer.data.entry_id === entryId, `entry ${offer.data.entry_id}`)
    offerUrl = offer.data.offer_url
    expect(offerUrl === `${BASE}/resource-booking-widget/demo?waitlist_entry=${entryId}`, `offer_url ${offerUrl}`)
    expect(offer.data.resource_hold_ids.length === 1 && offer.data.offer_expires_at, `offer data ${JSON.stringify(offer.data)}`)
  })

  await step("waitlist: the link opens the offered hold with its countdown; it books into a cart and becomes an order", async () => {
    expect(offerUrl, "an offer link")
    await page.goto(offerUrl)
    const w = widgetOf(page, walk)
    await w.getByRole("heading", { name: "Your waitlist offer" }).waitFor()
    const timer = w.getByRole("timer")
    expect(/^\d+:\d\d:\d\d$/.test((await timer.textContent()).trim()), `countdown ${await timer.textContent()}`)
    await w.locator('[data-part="held-what"]').filter({ hasText: "1 place × 2 days" }).waitFor()
    // The page's other widgets see the same URL and go on as usual.
    await ready(widgetOf(page, seat))
    expect(!(await widgetOf(page, seat).getByRole("alert").filter({ hasText: /\S/ }).count()), "another widget complains about the link")
    await shot(page, "widget-waitlist-offer", w)
    await w.getByRole("button", { name: "Add to cart" }).click()
    await w.getByRole("heading", { name: "Your waitlist offer, in your cart" }).waitFor()
    await w.getByRole("button", { name: /Pay and book/ }).click()
    await w.getByRole("heading", { name: /Booking confirmed: order #\d+/ }).waitFor({ timeout: 60000 })
    const placed = await eventsOf(page, "order-placed")
    expect(placed.length === 1, `${placed.length} order-placed events`)
    const allocations = await allocationsOf(placed[0].detail.order_id, 1)
    expect(allocations.length === 1 && allocations[0].resource_id === demo.resources.walk && allocations[0].quantity === 1, `allocations ${JSON.stringify(allocations)}`)
    expect(JSON.stringify([...allocations[0].dates].sort()) === JSON.stringify([demo.walk.soldOutDate, addDays(demo.walk.soldOutDate, 1)]), `dates ${allocations[0].dates}`)
    let status = null
    for (let i = 0; i < 50 && status !== "FULFILLED"; i++) {
      status = (await call("GET", `/store/resource-waitlist/${entryId}`, { key })).data.resource_waitlist_entry.status
      if (status !== "FULFILLED") await new Promise((r) => setTimeout(r, 200))
    }
    expect(status === "FULFILLED", `entry ${status}`)
    // The link again, after the booking: said in words, the calendar as usual.
    await page.goto(offerUrl)
    await widgetOf(page, walk).getByRole("status").filter({ hasText: "This waitlist offer has been booked already." }).waitFor()
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
    const url = await bare(privateTour)
    const p = await context.newPage()
    setPage(p)
    await p.goto(url)
    const w = widgetOf(p, privateTour)
    await ready(w)
    // Tab into the grid: the focusable cell is the first bookable date.
    await tabIntoGrid(p, w)
    // A week later (maybe the next month: the grid follows), then two days in a row.
    for (const key of ["ArrowDown", "Enter", "ArrowRight", " "]) {
      await p.keyboard.press(key)
      await ready(w)
    }
    const dates = await selected(w)
    expect(dates.length === 2, `keyboard selection ${JSON.stringify(dates)}`)
    // Tab to the email field and on to Hold.
    await tabTo(p, w, "email")
    await p.keyboard.type("keys@example.com")
    await tabTo(p, w, "hold", 4)
    await p.keyboard.press("Enter")
    await w.getByRole("timer").waitFor()
    // Focus moved to Extend; Tab to "Pay and book".
    await tabTo(p, w, "pay", 3)
    await p.keyboard.press("Enter")
    await w.getByRole("heading", { name: /Booking confirmed/ }).waitFor({ timeout: 60000 })
    const placed = await eventsOf(p, "order-placed")
    expect(placed.length === 1, "order-placed")
    const allocs = await allocationsOf(placed[0].detail.order_id, 2)
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

  for (const width of [320, 390]) {
    await step(`phone confirmation at ${width} px: the order number, no element wider than its container`, async () => {
      const phone = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-AU" })
      await phone.addInitScript(RECORD_EVENTS)
      watch404(phone)
      const p = await phone.newPage()
      setPage(p)
      await p.goto(`${BASE}/resource-booking-widget/demo`)
      const w = widgetOf(p, privateTour)
      await ready(w)
      const bad = await overflowing(w)
      expect(!bad.length, `calendar at ${width} px:\n${bad.join("\n")}`)
      await w.screenshot({ path: path.join(SHOTS, `phone-${width}-calendar.png`) })
      const dates = width === 320 ? [addDays(today, 30), addDays(today, 31)] : [addDays(today, 33), addDays(today, 34)]
      for (const d of dates) {
        await showMonthOf(w, d)
        await cell(w, d).tap()
        await w.locator(`td[data-date="${d}"][aria-selected="true"]`).waitFor()
      }
      await w.getByLabel("Email").fill(`a-rather-long-address-for-a-small-phone-${width}@example.com`)
      await w.getByRole("button", { name: "Hold these dates" }).tap()
      await w.getByRole("button", { name: /Pay and book/ }).tap()
      const heading = w.getByRole("heading", { name: /Booking confirmed: order #\d+/ })
      await heading.waitFor({ timeout: 60000 })
      const offenders = await overflowing(w, '[data-key="confirmation"]')
      expect(!offenders.length, `at ${width} px:\n${offenders.join("\n")}`)
      const text = await w.locator('[data-key="confirmation"]').textContent()
      expect(!/order_[0-9A-Z]/.test(text), `internal order id on the phone: ${text}`)
      expect(text.includes("(Private 4WD tour): 1 × 2 days"), `line in words: ${text}`)
      const pageWidth = await p.evaluate(() => document.documentElement.scrollWidth)
      expect(pageWidth <= width, `page is ${pageWidth}px wide at ${width}`)
      await w.evaluate((el) => el.scrollIntoView({ block: "start" }))
      if (width === 320) await shot(p, "widget-phone-confirmation", w)
      await phone.close()
      setPage(page)
    })
  }

  // ---------------------------------------------------------------- departures (a DEPARTURE variant)
  // The browser runs in another zone than the shop (Brisbane, +10:00): every time shown must still be the shop's.
  const depContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-AU", timezoneId: "America/New_York" })
  await depContext.addInitScript(RECORD_EVENTS)
  watch404(depContext)
  cleanups.push(() => depContext.close())
  const kayakCase = demo.kayak
  /** A new page of `ctx` at `url` (the demo page by default), watched for uncaught errors. */
  const openPage = async (ctx, url = `${BASE}/resource-booking-widget/demo`) => {
    const p = await ctx.newPage()
    setPage(p)
    p.on("pageerror", (e) => pageErrors.push(String(e)))
    await p.goto(url)
    return p
  }

  await step("departures: the calendar marks dates with a bookable departure; a date lists its departures in the shop's time (browser in New York), places left, the sold-out one not selectable", async () => {
    const p = await openPage(depContext)
    const w = widgetOf(p, kayak)
    await showMonthOf(w, kayakCase.partlySoldOut)
    const partly = cell(w, kayakCase.partlySoldOut)
    expect((await partly.getAttribute("aria-disabled")) === null, "a date with one free departure is available")
    expect(/1 departure at 07:00, up to 5 places/.test(await partly.getAttribute("aria-label")), `label ${await partly.getAttribute("aria-label")}`)
    expect((await w.locator("table").getAttribute("aria-multiselectable")) === "false", "one date at a time")
    await showMonthOf(w, kayakCase.soldOutDay)
    const full = cell(w, kayakCase.soldOutDay)
    expect((await full.getAttribute("aria-disabled")) === "true" && (await full.getAttribute("data-reason")) === "SOLD_OUT", "every departure sold out: the date is sold out")

    await showMonthOf(w, kayakCase.partlySoldOut)
    await partly.click()
    await w.locator(`td[data-date="${kayakCase.partlySoldOut}"][aria-selected="true"]`).waitFor()
    await w.getByRole("status").filter({ hasText: "1 departure with places. Choose a time below." }).waitFor()
    const group = w.getByRole("radiogroup", { name: /Departures on/ })
    await group.waitFor()
    expect((await group.getByRole("radio").count()) === 2, "two departures")
    const [morning, sunset] = [departure(w, "07:00"), departure(w, "16:30")]
    const [mText, sText] = [await morning.textContent(), await sunset.textContent()]
    expect(mText.includes("07:00–08:30") && mText.includes("5 seats left"), `07:00 says ${mText}`)
    expect(sText.includes("16:30–18:00") && /Sold out/.test(sText), `16:30 says ${sText}`)
    expect((await sunset.getAttribute("aria-disabled")) === "true", "the sold-out departure is aria-disabled")
    await w.locator('[data-part="departures"]').filter({ hasText: "(UTC+10:00)" }).waitFor()
    expect(await w.getByRole("button", { name: "Hold this departure" }).isDisabled(), "Hold before a departure is chosen")

    // Pick 07:00; the arrow keys move through the list (wrapping), the sold-out one is focused but never checked.
    await morning.click()
    await w.locator('[role="radio"][data-start-time="07:00"][aria-checked="true"]').waitFor()
    await w.locator('[data-part="total"]').filter({ hasText: "1 seat × 1 departure" }).waitFor()
    await morning.focus()
    await p.keyboard.press("ArrowDown")
    expect((await focusedIn(w)) === "16:30", `ArrowDown focus ${await focusedIn(w)}`)
    expect((await sunset.getAttribute("aria-checked")) === "false" && (await morning.getAttribute("aria-checked")) === "true", "ArrowDown onto a sold-out departure checked it")
    expect((await sunset.getAttribute("tabindex")) === "0" && (await morning.getAttribute("tabindex")) === "-1", "one tab stop, where the focus is")
    await p.keyboard.press("ArrowDown")
    expect((await focusedIn(w)) === "07:00", `ArrowDown wraps: ${await focusedIn(w)}`)
    await p.keyboard.press("End")
    expect((await focusedIn(w)) === "16:30", `End: ${await focusedIn(w)}`)
    await p.keyboard.press("Home")
    expect((await focusedIn(w)) === "07:00", `Home: ${await focusedIn(w)}`)
    // Clicking (or Space on) the sold-out departure: refused in an alert, offered as a waitlist request, not checked.
    await p.keyboard.press("End")
    await p.keyboard.press(" ")
    await w.getByRole("alert").filter({ hasText: /16:30–18:00 cannot be booked: sold out/ }).waitFor()
    expect((await sunset.getAttribute("aria-checked")) === "false", "a sold-out departure got checked")
    await w.locator('[role="radio"][data-start-time="16:30"][data-waitlist="true"]').waitFor()
    expect((await morning.getAttribute("aria-checked")) === "false", "the waitlist request replaces the choice")
    expect((await w.getByRole("button", { name: "Hold this departure" }).count()) === 0, "Hold offered for a sold-out departure")
    await w.getByLabel("Email").fill("kayak-waiter@example.com")
    await shot(p, "widget-departures", w)
  })

  await step("departures: the waitlist for a sold-out departure sends departures, and the entry has them", async () => {
    const p = depContext.pages()[0]
    setPage(p)
    const w = widgetOf(p, kayak)
    await w.getByRole("button", { name: "Join the waitlist" }).click()
    await w.getByRole("status").filter({ hasText: /You are on the waitlist for .*16:30–18:00, 1 seat\..*number 1 in line/ }).waitFor()
    const keys = (list) => JSON.stringify((list || []).map((d) => [d.date, d.start_time]))
    const wanted = JSON.stringify([[kayakCase.partlySoldOut, "16:30"]])
    const joined = await eventsOf(p, "waitlist-joined")
    expect(joined.length === 1 && keys(joined[0].detail.departures) === wanted, `event ${JSON.stringify(joined)}`)
    const entry = (await call("GET", `/store/resource-waitlist/${joined[0].detail.entry_id}`, { key })).data.resource_waitlist_entry
    expect(entry.status === "WAITING" && entry.variant_id === kayak && entry.quantity === 1, `entry ${JSON.stringify(entry)}`)
    expect(keys(entry.departures) === wanted, `entry departures ${JSON.stringify(entry.departures)}`)
    // A date with every departure sold out lists them, to wait for one; none can be checked.
    await showMonthOf(w, kayakCase.soldOutDay)
    await cell(w, kayakCase.soldOutDay).click({ force: true })
    await w.getByRole("alert").filter({ hasText: /cannot be booked: sold out\. You can choose a departure below to join its waitlist/ }).waitFor()
    expect((await w.locator('[role="radio"][aria-disabled="true"]').count()) === 2, "both departures listed, not bookable")
    await p.close()
  })

  await step("departures: keyboard only on a bare page of another origin — date, departure (arrow keys), email, hold, extend, cart, pay; the allocation books that departure", async () => {
    const p = await openPage(depContext, await bare(kayak))
    const w = widgetOf(p, kayak)
    await ready(w)
    const focused = await tabIntoGrid(p, w)
    // A browser far west of the shop may still be in last month (all past): Page Down to the shop's.
    if (focused < today) {
      await p.keyboard.press("PageDown")
      await ready(w)
    }
    // A week later (the grid follows into the next month), chosen with Enter.
    for (const k of ["ArrowDown", "Enter"]) {
      await p.keyboard.press(k)
      await ready(w)
    }
    const [date] = await selected(w)
    expect(date && date !== kayakCase.partlySoldOut && date !== kayakCase.soldOutDay, `keyboard date ${date}`)
    // Tab goes from the grid to the departures (its tab stop: the first with places); ArrowDown checks 16:30.
    await p.keyboard.press("Tab")
    expect((await focusedIn(w)) === "07:00", `Tab after the grid: ${await focusedIn(w)}`)
    await p.keyboard.press("ArrowDown")
    await w.locator('[role="radio"][data-start-time="16:30"][aria-checked="true"]').waitFor()
    expect((await focusedIn(w)) === "16:30", `focus ${await focusedIn(w)}`)
    await tabTo(p, w, "email")
    await p.keyboard.type("kayak-keys@example.com")
    await tabTo(p, w, "hold", 4)
    await p.keyboard.press("Enter")
    await w.getByRole("timer").waitFor()
    // The held view says the departure's time; focus is on Extend.
    await w.locator('[data-part="held-what"]').filter({ hasText: "16:30–18:00 · 1 seat × 1 departure" }).waitFor()
    const created = await eventsOf(p, "hold-created")
    expect(created.length === 1 && created[0].detail.departures?.[0]?.start_time === "16:30" && created[0].detail.departures[0].date === date, `hold-created ${JSON.stringify(created)}`)
    const holdId = created[0].detail.resource_hold_ids[0]
    const before = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
    expect(JSON.stringify(before.departures.map((d) => [d.date, d.start_time])) === JSON.stringify([[date, "16:30"]]), `hold ${JSON.stringify(before)}`)
    expect((await focusedIn(w)) === "extend", `focus after Hold: ${await focusedIn(w)}`)
    await shot(p, "widget-departure-held", w)
    await p.keyboard.press("Enter")
    await w.getByText(/Hold extended until/).waitFor()
    const after = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
    expect(after.status === "ACTIVE" && Date.parse(after.expires_at) >= Date.parse(before.expires_at), `extended ${before.expires_at} → ${after.expires_at}`)
    await tabTo(p, w, "add", 3)
    await p.keyboard.press("Enter")
    await w.getByText("Held and in your cart").waitFor()
    expect((await focusedIn(w)) === "pay", `focus after Add to cart: ${await focusedIn(w)}`)
    await p.keyboard.press("Enter")
    await w.getByRole("heading", { name: /Booking confirmed: order #\d+/ }).waitFor({ timeout: 60000 })
    const confirmation = await w.locator('[data-key="confirmation"]').textContent()
    expect(confirmation.includes("Sunset Kayak Tour (Seat): 1 seat × 1 departure"), `line in words: ${confirmation}`)
    expect(confirmation.includes("16:30–18:00"), `confirmation without the time: ${confirmation}`)
    await w.locator(`li[data-date="${date}"][data-start-time="16:30"]`).waitFor()
    await shot(p, "widget-departure-confirmation", w)
    const placed = await eventsOf(p, "order-placed")
    expect(placed.length === 1 && placed[0].detail.departures?.[0]?.start_time === "16:30", `order-placed ${JSON.stringify(placed)}`)
    const [a] = await allocationsOf(placed[0].detail.order_id, 1)
    expect(a && a.resource_id === demo.resources.kayak && a.quantity === 1, `allocation ${JSON.stringify(a)}`)
    expect(JSON.stringify(a.departures.map((d) => [d.date, d.start_time])) === JSON.stringify([[date, "16:30"]]), `allocation departures ${JSON.stringify(a.departures)}`)
    const at = (iso, time) => typeof iso === "string" && iso.startsWith(`${date}T${time}`) && iso.endsWith("+10:00")
    expect(at(a.starts_at, "16:30") && at(a.ends_at, "18:00"), `allocation ${a.starts_at}..${a.ends_at}`)
    await p.close()
  })

  await step("departures on a 390 px phone: readable, no sideways scroll; tap a date and a departure, hold, extend, cart, pay; the confirmation says the time", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-AU", timezoneId: "Europe/Berlin" })
    await phone.addInitScript(RECORD_EVENTS)
    watch404(phone)
    const p = await openPage(phone)
    const w = widgetOf(p, kayak)
    const d = addDays(today, 21)
    await showMonthOf(w, d)
    await cell(w, d).tap()
    await departure(w, "07:00").tap()
    await w.locator('[role="radio"][data-start-time="07:00"][aria-checked="true"]').waitFor()
    const sizes = await departure(w, "07:00").evaluate((r) => [...r.querySelectorAll("span")].map((s) => parseFloat(getComputedStyle(s).fontSize)))
    expect(sizes.every((px) => px >= 14), `departure text sizes ${sizes}`)
    const box = await departure(w, "07:00").boundingBox()
    expect(box.height >= 44, `departure is ${box.height}px high (touch target)`)
    const bad = await overflowing(w)
    expect(!bad.length, `at 390 px:\n${bad.join("\n")}`)
    expect((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, "sideways scroll")
    await w.getByLabel("Email").fill("kayak-phone@example.com")
    await w.locator('[data-part="departures"]').evaluate((el) => el.scrollIntoView({ block: "start" }))
    await shot(p, "widget-departure-phone")
    await w.getByRole("button", { name: "Hold this departure" }).tap()
    await w.getByRole("timer").waitFor()
    await w.getByRole("button", { name: "Extend hold" }).tap()
    await w.getByText(/Hold extended until/).waitFor()
    await w.getByRole("button", { name: "Add to cart" }).tap()
    await w.getByRole("button", { name: /Pay and book/ }).tap()
    await w.getByRole("heading", { name: /Booking confirmed: order #\d+/ }).waitFor({ timeout: 60000 })
    const text = await w.locator('[data-key="confirmation"]').textContent()
    expect(text.includes("07:00–08:30"), `confirmation: ${text}`)
    const offenders = await overflowing(w, '[data-key="confirmation"]')
    expect(!offenders.length, `confirmation at 390 px:\n${offenders.join("\n")}`)
    const [a] = await allocationsOf((await eventsOf(p, "order-placed"))[0].detail.order_id, 1)
    expect(a && a.departures?.[0]?.start_time === "07:00" && a.departures[0].date === d, `allocation ${JSON.stringify(a)}`)
    await phone.close()
  })

  await step("departures at 320 px: the list, the hold and the confirmation fit (no element wider than its container)", async () => {
    const phone = await browser.newContext({ viewport: { width: 320, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-AU" })
    watch404(phone)
    const p = await openPage(phone)
    const w = widgetOf(p, kayak)
    await showMonthOf(w, kayakCase.partlySoldOut)
    await cell(w, kayakCase.partlySoldOut).tap()
    await departure(w, "07:00").tap()
    await w.locator('[role="radio"][data-start-time="07:00"][aria-checked="true"]').waitFor()
    let bad = await overflowing(w)
    expect(!bad.length, `list at 320 px:\n${bad.join("\n")}`)
    await w.getByLabel("Email").fill(`a-rather-long-address-for-a-small-phone-320@example.com`)
    await w.getByRole("button", { name: "Hold this departure" }).tap()
    await w.getByRole("timer").waitFor()
    bad = await overflowing(w)
    expect(!bad.length, `held at 320 px:\n${bad.join("\n")}`)
    expect((await p.evaluate(() => document.documentElement.scrollWidth)) <= 320, "sideways scroll at 320 px")
    await w.getByRole("button", { name: "Release" }).tap()
    await w.getByText(/released and the places were given back/).waitFor()
    // Again, to the end: the confirmation fits too.
    await cell(w, kayakCase.partlySoldOut).tap()
    await departure(w, "07:00").tap()
    await w.locator('[role="radio"][data-start-time="07:00"][aria-checked="true"]').waitFor()
    await w.getByRole("button", { name: "Hold this departure" }).tap()
    await w.getByRole("button", { name: "Add to cart" }).tap()
    await w.getByRole("button", { name: /Pay and book/ }).tap()
    await w.getByRole("heading", { name: /Booking confirmed: order #\d+/ }).waitFor({ timeout: 60000 })
    bad = await overflowing(w, '[data-key="confirmation"]')
    expect(!bad.length, `confirmation at 320 px:\n${bad.join("\n")}`)
    expect((await w.locator('[data-key="confirmation"]').textContent()).includes("07:00–08:30"), "the confirmation's time")
    expect((await p.evaluate(() => document.documentElement.scrollWidth)) <= 320, "sideways scroll at 320 px")
    await phone.close()
  })

  // ---------------------------------------------------------------- appointments (an APPOINTMENT variant)
  // The demo's guide by the hour (09:00–17:00, 30-minute grid, 1–4 hours, 15 minutes after each booking) and kayak
  // hire (6 kayaks, hourly), made now so that the steps above count the demo page's widgets without them.
  let appt = null
  await step("appointments: the guide by the hour and the kayak hire through the admin API (scripts/lib/appointments.js)", async () => {
    appt = await createAppointmentProducts({ call: caller(BASE, token), salesChannelId: demo.salesChannelId, suffix: "e2e", log })
    expect(appt["guide-by-the-hour"]?.variant && appt["kayak-hire"]?.variant, `products ${JSON.stringify(appt)}`)
  })
  const guide = appt && appt["guide-by-the-hour"]
  const kayaks = appt && appt["kayak-hire"]
  const slotEl = (w, time) => w.locator(`.slot[role="radio"][data-start-time="${time}"]`)
  const slotTimes = (w) => w.locator('.slot[role="radio"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-start-time")))

  if (guide) {
    await step("appointments: a date lists its free starts in the shop's time (browser in New York); a taken range and its buffer are not offered; a longer duration offers fewer; a date with none says no times are left", async () => {
      const busyDate = addDays(today, 5)
      const shortDate = addDays(today, 6)
      // Another customer holds 10:00–12:00 (and its 15 minutes after); the short date has hours 09:00–11:00 only.
      const busy = await call("POST", "/store/resource-holds", {
        key,
        body: { resource_id: guide.resource, appointment: { date: busyDate, start_time: "10:00", duration_minutes: 120 }, quantity: 1, customer_email: "busy@example.com" },
      })
      expect(busy.status === 200 || busy.status === 201, `busy hold: ${busy.status} ${JSON.stringify(busy.data)}`)
      const hours = await call("PUT", `/admin/resources/${guide.resource}/hours/${shortDate}`, { token, body: { hours: [["09:00", "11:00"]] } })
      expect(hours.status === 200, `hours: ${hours.status} ${JSON.stringify(hours.data)}`)

      const p = await openPage(depContext)
      const w = widgetOf(p, guide.variant)
      await showMonthOf(w, busyDate)
      expect((await w.locator("table").getAttribute("aria-multiselectable")) === "false", "one date at a time")
      await cell(w, busyDate).click()
      const group = w.getByRole("radiogroup", { name: /Start times on/ })
      await group.waitFor()
      await w.getByRole("status").filter({ hasText: /start times free for 1 hour\. Choose one below\./ }).waitFor()
      expect((await w.getByLabel("Duration").inputValue()) === "60", "the shortest duration first")
      const options = await w.getByLabel("Duration").locator("option").allTextContents()
      expect(options.join("|") === "1 hour|1 hour 30 minutes|2 hours|2 hours 30 minutes|3 hours|3 hours 30 minutes|4 hours", `durations ${options}`)
      let times = await slotTimes(w)
      for (const taken of ["10:00", "10:30", "11:00", "11:30", "12:00"]) expect(!times.includes(taken), `${taken} offered while taken (starts ${times})`)
      expect(times.includes("12:30") && times.includes("16:00") && !times.includes("16:30"), `starts ${times}`)
      expect(/^12:30–13:30(, .*\$[\d.,]+)?$/.test(await slotEl(w, "12:30").getAttribute("aria-label")), `label ${await slotEl(w, "12:30").getAttribute("aria-label")}`)
      await w.locator('[data-part="slots"]').filter({ hasText: "(UTC+10:00)" }).waitFor()
      expect(await w.getByRole("button", { name: "Hold this time" }).isDisabled(), "Hold before a start is chosen")

      // Four hours: a start must end by 17:00.
      await w.getByLabel("Duration").selectOption("240")
      await w.locator(`[data-key="slot-list:${busyDate}:240"]`).waitFor()
      times = await slotTimes(w)
      expect(times.includes("12:30") && times.includes("13:00") && !times.includes("13:30"), `4-hour starts ${times}`)
      expect(/^13:00–17:00(, .*\$[\d.,]+)?$/.test(await slotEl(w, "13:00").getAttribute("aria-label")), `label ${await slotEl(w, "13:00").getAttribute("aria-label")}`)
      await slotEl(w, "13:00").click()
      await w.locator('.slot[data-start-time="13:00"][aria-checked="true"]').waitFor()
      await w.locator('[data-part="summary"]').filter({ hasText: "13:00–17:00 (4 hours)" }).waitFor()
      await w.locator('[data-part="total"]').filter({ hasText: "120.00" }).waitFor()
      await w.getByLabel("Email").fill("guide-fan@example.com")
      await shot(p, "widget-appointment-slots", w)

      // A date whose hours hold no 4-hour booking: said, with what to do; 2 hours fit.
      await showMonthOf(w, shortDate)
      await cell(w, shortDate).click()
      const none = w.locator('[data-part="no-slots"]')
      await none.filter({ hasText: "No times left on this date for 4 hours. Choose a shorter duration or another date." }).waitFor()
      await w.getByRole("status").filter({ hasText: /No times left on .* for 4 hours/ }).waitFor()
      expect(await w.getByRole("button", { name: "Hold this time" }).isDisabled(), "Hold with no time")
      await shot(p, "widget-appointment-no-times", w)
      await w.getByLabel("Duration").selectOption("120")
      await w.locator(`[data-key="slot-list:${shortDate}:120"]`).waitFor()
      expect(JSON.stringify(await slotTimes(w)) === JSON.stringify(["09:00"]), `2-hour starts ${await slotTimes(w)}`)
      await p.close()
    })

    await step("appointments: keyboard only on a bare page of another origin — date, duration, start (arrow keys), email, hold, extend, cart, pay; the allocation books that range; the hold's channel is widget", async () => {
      const p = await openPage(depContext, await bare(guide.variant))
      const w = widgetOf(p, guide.variant)
      await ready(w)
      const focused = await tabIntoGrid(p, w)
      if (focused < today) {
        await p.keyboard.press("PageDown")
        await ready(w)
      }
      for (const k of ["ArrowDown", "Enter"]) {
        await p.keyboard.press(k)
        await ready(w)
      }
      const [date] = await selected(w)
      expect(date && date > addDays(today, 6), `keyboard date ${date}`)
      await w.getByRole("radiogroup", { name: /Start times on/ }).waitFor()
      // Tab to the duration; ArrowDown makes it 1 hour 30 minutes and the starts follow.
      await p.keyboard.press("Tab")
      expect((await focusedIn(w)) === "duration", `Tab after the grid: ${await focusedIn(w)}`)
      await p.keyboard.press("ArrowDown")
      await w.locator('[data-key^="slot-list:"][data-key$=":90"]').waitFor()
      const starts = await slotTimes(w)
      expect(starts[0] === "09:00" && starts[1] === "09:30", `starts ${starts}`)
      // Tab into the starts (the first), ArrowRight chooses the next.
      await p.keyboard.press("Tab")
      expect((await focusedIn(w)) === "09:00", `Tab after the duration: ${await focusedIn(w)}`)
      await p.keyboard.press("ArrowRight")
      await w.locator('.slot[data-start-time="09:30"][aria-checked="true"]').waitFor()
      expect((await focusedIn(w)) === "09:30", `focus ${await focusedIn(w)}`)
      await tabTo(p, w, "email")
      await p.keyboard.type("guide-keys@example.com")
      await tabTo(p, w, "hold", 4)
      await p.keyboard.press("Enter")
      await w.getByRole("timer").waitFor()
      await w.locator('[data-part="held-what"]').filter({ hasText: "09:30–11:00 · 1 group · 1 hour 30 minutes" }).waitFor()
      expect((await focusedIn(w)) === "extend", `focus after Hold: ${await focusedIn(w)}`)
      const created = await eventsOf(p, "hold-created")
      const want = { date, start_time: "09:30", duration_minutes: 90 }
      const got = created[0]?.detail.appointment
      expect(created.length === 1 && got && got.date === want.date && got.start_time === want.start_time && got.duration_minutes === 90, `hold-created ${JSON.stringify(created)}`)
      const holdId = created[0].detail.resource_hold_ids[0]
      const before = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
      const held = before.appointment || {}
      expect(held.date === want.date && held.start_time === want.start_time && held.duration_minutes === want.duration_minutes, `hold ${JSON.stringify(before)}`)
      const listed = (await call("GET", `/admin/resource-holds?resource_id=${guide.resource}&customer_email=guide-keys@example.com`, { token })).data.resource_holds
      expect(listed?.find((h) => h.id === holdId)?.channel === "widget", `channel ${JSON.stringify(listed)}`)
      await shot(p, "widget-appointment-held", w)
      await p.keyboard.press("Enter")
      await w.getByText(/Hold extended until/).waitFor()
      const after = (await call("GET", `/store/resource-holds/${holdId}`, { key })).data.resource_hold
      expect(after.status === "ACTIVE" && Date.parse(after.expires_at) >= Date.parse(before.expires_at), `extended ${before.expires_at} → ${after.expires_at}`)
      await tabTo(p, w, "add", 3)
      await p.keyboard.press("Enter")
      await w.getByText("Held and in your cart").waitFor()
      expect((await focusedIn(w)) === "pay", `focus after Add to cart: ${await focusedIn(w)}`)
      await p.keyboard.press("Enter")
      await w.getByRole("heading", { name: /Booking confirmed: order #\d+/ }).waitFor({ timeout: 60000 })
      const confirmation = await w.locator('[data-key="confirmation"]').textContent()
      expect(confirmation.includes("Guide by the hour (Per group): 1 group, 1 hour 30 minutes"), `line in words: ${confirmation}`)
      expect(confirmation.includes("Time:") && confirmation.includes("09:30–11:00"), `confirmation without the time: ${confirmation}`)
      const placed = await eventsOf(p, "order-placed")
      expect(placed.length === 1 && placed[0].detail.appointment?.start_time === "09:30", `order-placed ${JSON.stringify(placed)}`)
      const [a] = await allocationsOf(placed[0].detail.order_id, 1)
      const at = (iso, time) => typeof iso === "string" && iso.startsWith(`${date}T${time}`) && iso.endsWith("+10:00")
      expect(a && a.resource_id === guide.resource && at(a.starts_at, "09:30") && at(a.ends_at, "11:00"), `allocation ${JSON.stringify(a)}`)
      await p.close()
    })
  }

  if (kayaks) {
    await step("appointments on a 390 px phone: kayak hire says the kayaks free at each start; tap a date and a start, hold; no sideways scroll, 44 px targets", async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-AU", timezoneId: "Europe/Berlin" })
      watch404(phone)
      // The demo page (it has the phone's viewport meta tag; the bare page has none, so a phone lays it out 980 px wide).
      const p = await openPage(phone)
      const w = widgetOf(p, kayaks.variant)
      const d = addDays(today, 9)
      await showMonthOf(w, d)
      await cell(w, d).tap()
      await slotEl(w, "08:00").waitFor()
      expect(/^08:00–09:00, 6 kayaks free(, .*\$[\d.,]+)?$/.test(await slotEl(w, "08:00").getAttribute("aria-label")), `label ${await slotEl(w, "08:00").getAttribute("aria-label")}`)
      await slotEl(w, "10:00").tap()
      await w.locator('.slot[data-start-time="10:00"][aria-checked="true"]').waitFor()
      const box = await slotEl(w, "10:00").boundingBox()
      expect(box.height >= 44, `a start is ${box.height}px high (touch target)`)
      const durationBox = await w.getByLabel("Duration").boundingBox()
      expect(Math.round(durationBox.height) >= 44, `the duration is ${durationBox.height}px high`)
      let bad = await overflowing(w)
      expect(!bad.length, `at 390 px:\n${bad.join("\n")}`)
      expect((await p.evaluate(() => document.documentElement.scrollWidth)) <= 390, "sideways scroll")
      await w.getByLabel("Email").fill("kayak-hire-phone@example.com")
      await w.locator('[data-part="slots"]').evaluate((el) => el.scrollIntoView({ block: "start" }))
      await shot(p, "widget-appointment-phone")
      await w.getByRole("button", { name: "Hold this time" }).tap()
      await w.getByRole("timer").waitFor()
      await w.locator('[data-part="held-what"]').filter({ hasText: "10:00–11:00 · 1 kayak · 1 hour" }).waitFor()
      bad = await overflowing(w)
      expect(!bad.length, `held at 390 px:\n${bad.join("\n")}`)
      await w.getByRole("button", { name: "Release" }).tap()
      await w.getByText(/released and the time was given back/).waitFor()
      await phone.close()
    })
  }

  await step("prices: a weekend rate shows its own price on a weekend date, a weekday the base price; the summary's total before holding is the cart line's total", async () => {
    // The seat costs A$189.00 a day; a "Weekend" rate (Medusa price list, docs/PRICING.md) makes Saturdays and Sundays A$250.00.
    const rate = await call("POST", `/admin/product-variants/${seat}/rates`, {
      token,
      body: { title: "Weekend", prices: [{ currency_code: "aud", amount: 250 }], weekdays: [0, 6] },
    })
    expect(rate.status === 201, `rate: ${rate.status} ${JSON.stringify(rate.data)}`)
    const weekday = (d) => new Date(`${d}T00:00:00Z`).getUTCDay()
    const after = Array.from({ length: 14 }, (_, i) => addDays(today, 10 + i))
    const [workday, weekend] = [after.find((d) => weekday(d) >= 1 && weekday(d) <= 5), after.find((d) => weekday(d) === 6 || weekday(d) === 0)]
    const p = await context.newPage()
    setPage(p)
    await p.goto(await bare(seat))
    const w = widgetOf(p, seat)
    const priceOf = async (d) => {
      await showMonthOf(w, d)
      return (await cell(w, d).locator('[data-part="date-price"]').textContent()).trim()
    }
    const [workdayPrice, weekendPrice] = [await priceOf(workday), await priceOf(weekend)]
    expect(workdayPrice === "$189.00", `${workday} says ${workdayPrice}`)
    expect(weekendPrice === "$250.00", `${weekend} (weekend) says ${weekendPrice}`)
    expect((await cell(w, weekend).getAttribute("aria-label")).includes("$250.00"), "the weekend date's label says its price")
    await selectDates(w, [workday, weekend])
    await w.getByLabel("Email").fill("prices@example.com")
    const total = w.locator('[data-part="total"]')
    await total.filter({ hasText: "Total: $439.00 (1 seat × 2 days)" }).waitFor()
    const before = Number(await total.getAttribute("data-amount"))
    await shot(p, "widget-prices", w)
    await w.getByRole("button", { name: "Hold these dates" }).click()
    await w.getByRole("button", { name: "Add to cart" }).click()
    await w.getByText("Held and in your cart").waitFor()
    const [added] = await eventsOf(p, "added-to-cart")
    const cart = await call("GET", `/store/carts/${added.detail.cart_id}`, { key })
    // The cart holds this one line (a new cart of this page): its items' total is the line's total (the store cart's default fields carry no per-item totals).
    const c = cart.data.cart
    expect(c.items.length === 1 && c.items[0].variant_id === seat, `cart items ${JSON.stringify(c.items.map((i) => i.variant_id))}`)
    expect(Number(c.item_total) === before && Number(c.item_subtotal) === before && before === 439, `cart line total ${c.item_total} (subtotal ${c.item_subtotal}) vs the widget's ${before}`)
    await w.locator('[data-part="held-total"]').filter({ hasText: "$439.00" }).waitFor()
    await w.getByRole("button", { name: "Release" }).click()
    await p.close()
    setPage(page)
  })

  await step("no 404 in the pages, and the demo page's icon is there (no /favicon.ico 404 in the console)", async () => {
    // Playwright does not report the favicon request (and headless Chromium may not make it): ask for the
    // icon the page names, or /favicon.ico when it names none, as a browser does.
    await page.goto(`${BASE}/resource-booking-widget/demo`)
    const icon = await page.evaluate(async () => {
      const href = document.querySelector('link[rel~="icon"]')?.href || new URL("/favicon.ico", location.href).href
      const res = await fetch(href).catch((e) => ({ status: String(e) }))
      return { href: href.slice(0, 40), status: res.status }
    })
    expect(icon.status === 200, `the page's icon ${icon.href}… answers ${icon.status}`)
    expect(!notFound.length, notFound.join("\n"))
  })

  await step("no uncaught errors in the pages", async () => {
    expect(!pageErrors.length, pageErrors.join("\n"))
  })
}

main()
  .catch((error) => fail("setup", error))
  .finally(finish)
