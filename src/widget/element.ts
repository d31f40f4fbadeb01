import { AvailabilityDate, BookingRules, ResourceHold, StoreClient, WidgetError } from "./api"
import {
  addDays,
  addMonths,
  describeDates,
  firstOfMonth,
  formatDate,
  isConsecutive,
  lastOfMonth,
  localToday,
  monthOf,
  monthWeeks,
} from "./dates"
import { STYLES } from "./styles"

/**
 * <resource-booking-widget>: a month calendar of a product variant's
 * availability, a quantity, the hold with a countdown and an extend action,
 * the line item in a cart, then the shop's checkout (checkout-url) or, with
 * demo-payment, completion with Medusa's system payment provider.
 *
 * Attributes: backend-url, publishable-key, variant-id, cart-id, checkout-url
 * ("{cart_id}" is replaced), locale, region-id, email, week-start (0 = Sunday,
 * default 1), demo-payment.
 * Events (bubbling, composed; detail in docs/WIDGET.md): hold-created,
 * hold-expired, added-to-cart, order-placed.
 */

const REASON_TEXT: Record<string, string> = {
  PAST: "in the past",
  CUTOFF: "bookings for this date have closed (cutoff)",
  OUTSIDE_WINDOW: "not open for booking yet",
  BLACKOUT: "closed (blackout)",
  NO_CAPACITY: "not offered on this date",
  SOLD_OUT: "sold out",
}

const SHORT_REASON: [string, string][] = [
  ["SOLD_OUT", "Sold out"],
  ["BLACKOUT", "Closed"],
  ["CUTOFF", "Booking closed"],
  ["OUTSIDE_WINDOW", "Not open yet"],
]

type Phase = "select" | "held" | "done"
type Message = { kind: "error" | "info" | "ok"; text: string } | null

/** One cart per backend and key on a page, shared by every widget on it. */
const sharedCarts = new Map<string, Promise<any>>()

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, any> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2).toLowerCase(), v)
    else if (k === "text") node.textContent = String(v)
    else if (k === "className") node.className = v
    else if (k in node && typeof v !== "string") (node as any)[k] = v
    else node.setAttribute(k, v === true ? "" : String(v))
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c)
  return node
}

const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim())

/** HTMLElement in a browser; a stand-in where there is none (a server-side import by a storefront's SSR). */
const ElementBase = (typeof HTMLElement !== "undefined" ? HTMLElement : class {}) as typeof HTMLElement

export class ResourceBookingWidget extends ElementBase {
  static observedAttributes = ["backend-url", "publishable-key", "variant-id", "cart-id", "locale", "region-id", "checkout-url"]

  private shadow: ShadowRoot
  private client!: StoreClient
  private month = monthOf(localToday())
  private focusedDate: string | null = null
  /** The customer moved in the grid: keep their date even when it cannot be booked. */
  private userFocused = false
  private availability = new Map<string, AvailabilityDate>()
  private resources: { resource_id: string; units: number }[] = []
  private rules: BookingRules = {}
  private quantity = 1
  private selected: string[] = []
  private email = ""
  private phase: Phase = "select"
  private holds: ResourceHold[] = []
  private expiresAt = 0
  private inCart = false
  private cart: any = null
  private order: any = null
  private price: { amount: number; currency: string } | null = null
  private variantTitle = ""
  private busy = false
  private loading = false
  private message: Message = null
  private timer: ReturnType<typeof setInterval> | null = null
  private connected = false
  private initSeq = 0
  private loadSeq = 0
  /** data-key of the element to focus after the next render (where a step leads). */
  private pendingFocus: string | null = null

  constructor() {
    super()
    this.shadow = this.attachShadow({ mode: "open" })
  }

  // ------------------------------------------------------------ lifecycle

  connectedCallback() {
    this.connected = true
    this.init()
  }

  disconnectedCallback() {
    this.connected = false
    this.stopTimer()
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null) {
    if (this.connected && oldValue !== newValue && this.phase === "select") this.init()
  }

  private attr(name: string, fallback = "") {
    return (this.getAttribute(name) ?? fallback).trim()
  }

  private get locale() {
    return this.attr("locale") || (typeof navigator !== "undefined" ? navigator.language : "en") || "en"
  }

  private get weekStart() {
    const n = Number(this.attr("week-start", "1"))
    return Number.isInteger(n) && n >= 0 && n <= 6 ? n : 1
  }

  private get cartKey() {
    return `${this.client.backendUrl}|${this.client.publishableKey}`
  }

  private async init() {
    const seq = ++this.initSeq
    const backend = this.attr("backend-url") || (typeof location !== "undefined" ? location.origin : "")
    const key = this.attr("publishable-key")
    const variantId = this.attr("variant-id")
    this.client = new StoreClient(backend, key)
    this.email = this.email || this.attr("email")
    this.message = null
    if (!key || !variantId) {
      this.message = { kind: "error", text: "This booking calendar is not set up: it needs a publishable-key and a variant-id attribute." }
      this.render()
      return
    }
    this.loading = true
    this.render()
    try {
      const cartId = this.attr("cart-id")
      if (cartId) {
        this.cart = (await this.client.cart(cartId)).cart
        if (this.cart?.email && !this.email) this.email = this.cart.email
      }
      const regionId = this.cart?.region_id || this.attr("region-id") || (await this.client.regions()).regions?.[0]?.id
      const [{ variant }] = await Promise.all([this.client.variant(variantId, regionId), this.loadMonth()])
      if (seq !== this.initSeq) return
      this.variantTitle = variant?.title ?? ""
      const cp = variant?.calculated_price
      if (cp && typeof cp.calculated_amount === "number") {
        this.price = { amount: cp.calculated_amount, currency: String(cp.currency_code || "").toUpperCase() }
      }
      const rules = await Promise.all(this.resources.map((r) => this.client.resource(r.resource_id).then((x) => x.resource?.booking_rules ?? {})))
      this.rules = combineRules(rules)
    } catch (e) {
      if (seq !== this.initSeq) return
      this.message = { kind: "error", text: errorText(e) }
    }
    this.loading = false
    this.render()
  }

  /** Loads the shown month's availability for the current quantity. */
  private async loadMonth() {
    const seq = ++this.loadSeq
    const { availability } = await this.client.variantAvailability(
      this.attr("variant-id"),
      firstOfMonth(this.month),
      lastOfMonth(this.month),
      this.quantity
    )
    if (seq !== this.loadSeq) return
    this.resources = availability.resources ?? []
    for (const d of availability.dates) this.availability.set(d.date, d)
  }

  private async reload(focus = false) {
    this.loading = true
    this.render()
    try {
      await this.loadMonth()
      this.dropUnavailable()
    } catch (e) {
      this.message = { kind: "error", text: errorText(e) }
    }
    this.loading = false
    this.render(focus)
  }

  /** Removes selected dates that are no longer available, saying so. */
  private dropUnavailable() {
    if (this.phase !== "select") return
    const gone = this.selected.filter((d) => this.availability.has(d) && !this.availability.get(d)!.is_available)
    if (gone.length) {
      this.selected = this.selected.filter((d) => !gone.includes(d))
      this.message = {
        kind: "info",
        text: `${describeDates(gone, this.locale)} ${gone.length === 1 ? "is" : "are"} no longer available for ${this.quantity} and ${gone.length === 1 ? "was" : "were"} removed from your selection.`,
      }
    }
  }

  // ------------------------------------------------------------ selection

  private get minDates() {
    return this.rules.min_dates ?? 1
  }
  private get maxDates() {
    return this.rules.max_dates ?? 31
  }

  private selectable(date: string) {
    const a = this.availability.get(date)
    return !!a && a.is_available
  }

  private toggle(date: string) {
    if (this.phase !== "select" || this.busy) return
    this.focusedDate = date
    this.userFocused = true
    const a = this.availability.get(date)
    if (!a || this.loading) return
    if (!a.is_available) {
      this.message = { kind: "info", text: `${describeDates([date], this.locale)} cannot be booked: ${reasonText(a, this.quantity)}.` }
      this.render(true)
      return
    }
    this.message = null
    const sel = [...this.selected].sort()
    if (sel.includes(date)) {
      if (this.rules.consecutive && sel.length > 2 && date !== sel[0] && date !== sel[sel.length - 1]) {
        this.selected = [date]
      } else {
        this.selected = sel.filter((d) => d !== date)
      }
    } else if (this.rules.consecutive && sel.length) {
      // A run: a date beyond either end fills the gap when every date in it can be booked.
      const from = date < sel[0] ? date : sel[sel.length - 1]
      const to = date < sel[0] ? sel[0] : date
      const gap: string[] = []
      for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) gap.push(d)
      const next = [...sel, ...gap, date].sort()
      if (gap.every((d) => this.selectable(d)) && next.length <= this.maxDates) {
        this.selected = next
      } else {
        this.selected = [date]
        this.message = {
          kind: "info",
          text: gap.some((d) => !this.selectable(d))
            ? `Dates must be consecutive and a date in between cannot be booked, so your selection starts again on ${describeDates([date], this.locale)}.`
            : `At most ${this.maxDates} dates can be booked at once, so your selection starts again on ${describeDates([date], this.locale)}.`,
        }
      }
    } else if (sel.length >= this.maxDates) {
      this.message = { kind: "info", text: `At most ${this.maxDates} ${this.maxDates === 1 ? "date" : "dates"} can be booked at once.` }
    } else {
      this.selected = [...sel, date].sort()
    }
    this.render(true)
  }

  /** Why the selection cannot be held yet, or null when it can. */
  private selectionProblem(): string | null {
    const n = this.selected.length
    if (!n) return this.minDates > 1 ? `Choose at least ${this.minDates} dates${this.rules.consecutive ? " in a row" : ""}.` : "Choose your dates."
    if (n < this.minDates) return `Choose at least ${this.minDates} dates${this.rules.consecutive ? " in a row" : ""} (you have ${n}).`
    if (n > this.maxDates) return `Choose at most ${this.maxDates} dates (you have ${n}).`
    if (this.rules.consecutive && !isConsecutive([...this.selected].sort())) return "The dates must be consecutive."
    if (!isEmail(this.email)) return "Enter your email address to hold these dates."
    return null
  }

  private maxQuantity() {
    const dates = this.selected.length ? this.selected : [...this.availability.values()].filter((a) => monthOf(a.date) === this.month).map((a) => a.date)
    const q = dates.map((d) => this.availability.get(d)?.available_quantity ?? 0)
    const best = this.selected.length ? Math.min(...q) : Math.max(0, ...q)
    return Math.max(1, best)
  }

  private setQuantity(q: number) {
    const max = this.maxQuantity()
    const next = Math.min(Math.max(1, Math.floor(q) || 1), Math.max(max, 1))
    if (next === this.quantity) {
      this.render(true)
      return
    }
    this.quantity = next
    this.message = null
    this.reload(true)
  }

  // ------------------------------------------------------------ hold, cart, order

  private emit(name: string, detail: Record<string, unknown>) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
  }

  private async ensureCart(): Promise<any> {
    const given = this.attr("cart-id")
    if (given) {
      this.cart = (await this.client.cart(given)).cart
      return this.cart
    }
    let shared = sharedCarts.get(this.cartKey)
    if (!shared) {
      const regionId = this.attr("region-id") || (await this.client.regions()).regions?.[0]?.id
      shared = this.client.createCart({ ...(regionId ? { region_id: regionId } : {}), email: this.email.trim() }).then((r) => r.cart)
      sharedCarts.set(this.cartKey, shared)
      shared.catch(() => sharedCarts.delete(this.cartKey))
    }
    this.cart = await shared
    return this.cart
  }

  private async run(fn: () => Promise<void>) {
    if (this.busy) return
    this.busy = true
    this.message = null
    this.render(true)
    try {
      await fn()
    } catch (e) {
      this.message = { kind: "error", text: errorText(e) }
      if (e instanceof WidgetError && e.status === 409 && this.phase === "select") {
        // Taken in the meantime: show what is left.
        this.busy = false
        const text = this.message.text
        await this.reload(true)
        this.message = { kind: "error", text: this.message && this.message.kind === "info" ? `${text} ${this.message.text}` : text }
      }
    }
    this.busy = false
    this.render(true)
  }

  private hold() {
    return this.run(async () => {
      const problem = this.selectionProblem()
      if (problem) throw new WidgetError(problem, 400)
      const dates = [...this.selected].sort()
      const email = this.email.trim()
      const token = `rbw_${randomId()}`
      const cart = await this.ensureCart()
      if ((cart.email || "").toLowerCase() !== email.toLowerCase()) {
        this.cart = (await this.client.updateCart(cart.id, { email })).cart
      }
      const single = this.resources.length === 1 && (this.resources[0].units ?? 1) === 1
      if (single) {
        // One resource: hold it first; the line item books this hold on "Add to cart".
        const { resource_hold } = await this.client.createHold({
          resource_id: this.resources[0].resource_id,
          dates,
          quantity: this.quantity,
          customer_email: email,
          idempotency_token: token,
        })
        this.holds = [resource_hold]
        this.inCart = false
      } else {
        // Several resources: the cart route holds them all as one group, with the line item.
        const res = await this.client.bookInCart(
          this.cart.id,
          { variant_id: this.attr("variant-id"), dates, quantity: this.quantity, customer_email: email, idempotency_token: token },
          "holding your dates"
        )
        this.cart = res.cart
        this.holds = res.resource_holds ?? (res.resource_hold ? [res.resource_hold] : [])
        this.inCart = true
      }
      this.phase = "held"
      this.expiresAt = Date.parse(this.holds[0].expires_at)
      this.startTimer()
      this.message = { kind: "ok", text: `Held for you: ${describeDates(dates, this.locale)}, quantity ${this.quantity}.` }
      this.pendingFocus = "extend"
      // What is left now, behind the held panel (not awaited: the hold is what matters).
      this.loadMonth().then(() => this.render(true), () => null)
      this.emit("hold-created", this.holdDetail())
      if (this.inCart) this.emit("added-to-cart", { ...this.holdDetail(), line_item_id: this.lineItem()?.id })
    })
  }

  private holdDetail() {
    return {
      variant_id: this.attr("variant-id"),
      cart_id: this.cart?.id,
      resource_hold_ids: this.holds.map((h) => h.id),
      dates: this.holds[0]?.dates ?? this.selected,
      quantity: this.quantity,
      expires_at: this.holds[0]?.expires_at,
    }
  }

  private lineItem() {
    const ids = new Set(this.holds.map((h) => h.id))
    return (this.cart?.items ?? []).find((i: any) => {
      const m = i?.metadata ?? {}
      return ids.has(m.resource_hold_id) || (Array.isArray(m.resource_hold_ids) && m.resource_hold_ids.some((x: string) => ids.has(x)))
    })
  }

  private addToCart() {
    return this.run(async () => {
      const cart = await this.ensureCart()
      const res = await this.client.bookInCart(
        cart.id,
        { resource_hold_id: this.holds[0].id, variant_id: this.attr("variant-id") },
        "adding your booking to the cart"
      )
      this.cart = res.cart
      this.inCart = true
      this.message = { kind: "ok", text: "Added to your cart." }
      this.pendingFocus = this.attr("checkout-url") ? "checkout" : "pay"
      this.emit("added-to-cart", { ...this.holdDetail(), line_item_id: this.lineItem()?.id })
    })
  }

  private extend() {
    return this.run(async () => {
      const { resource_hold } = await this.client.extendHold(this.holds[0].id)
      this.holds = this.holds.map((h) => ({ ...h, expires_at: resource_hold.expires_at }))
      this.expiresAt = Date.parse(resource_hold.expires_at)
      this.message = { kind: "ok", text: `Hold extended until ${this.clock(this.expiresAt)}.` }
      this.tick()
    })
  }

  private release() {
    return this.run(async () => {
      const dates0 = this.holds[0]?.dates?.[0] ?? ""
      const item = this.inCart ? this.lineItem() : null
      if (item && this.cart?.id) await this.client.removeLineItem(this.cart.id, item.id).catch(() => null)
      await this.client.releaseHold(this.holds[0].id)
      this.resetSelection()
      this.message = { kind: "info", text: "Your hold was released and the dates were given back." }
      this.pendingFocus = `date:${dates0}`
      await this.loadMonth().catch(() => null)
    })
  }

  private checkout() {
    const url = this.attr("checkout-url")
    if (!url || !this.cart?.id) return
    this.stopTimer()
    location.assign(url.replace(/\{cart_id\}/g, encodeURIComponent(this.cart.id)))
  }

  private pay() {
    return this.run(async () => {
      const order = await this.client.completeWithSystemProvider(this.cart.id)
      this.stopTimer()
      sharedCarts.delete(this.cartKey)
      this.order = order
      this.phase = "done"
      this.message = null
      this.pendingFocus = "confirmation"
      const dates = this.holds[0]?.dates ?? []
      this.emit("order-placed", { order_id: order.id, display_id: order.display_id, cart_id: this.cart.id, dates, quantity: this.quantity })
      this.cart = null
    })
  }

  private resetSelection() {
    this.stopTimer()
    this.phase = "select"
    this.holds = []
    this.selected = []
    this.inCart = false
    this.expiresAt = 0
  }

  // ------------------------------------------------------------ countdown

  private startTimer() {
    this.stopTimer()
    this.timer = setInterval(() => this.tick(), 1000)
  }

  private stopTimer() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private clock(ms: number) {
    return new Intl.DateTimeFormat(this.locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(ms))
  }

  private remaining() {
    const s = Math.max(0, Math.ceil((this.expiresAt - Date.now()) / 1000))
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`
  }

  private tick() {
    if (this.phase !== "held") return
    const t = this.shadow.querySelector(".timer")
    if (t) t.textContent = this.remaining()
    if (Date.now() >= this.expiresAt && !this.busy) this.lapse()
  }

  /** The hold lapsed: the dates went back, the selection is cleared, and the customer is told. */
  private async lapse() {
    this.stopTimer()
    const dates = this.holds[0]?.dates ?? this.selected
    const detail = this.holdDetail()
    const item = this.inCart ? this.lineItem() : null
    const cartId = this.cart?.id
    this.resetSelection()
    this.message = {
      kind: "error",
      text: `Your hold on ${describeDates(dates, this.locale)} lapsed and the dates were given back. Your selection was cleared: choose your dates again.`,
    }
    this.emit("hold-expired", detail)
    this.render(true)
    if (item && cartId) {
      await this.client.removeLineItem(cartId, item.id).then((r) => (this.cart = r?.parent ?? r?.cart ?? this.cart)).catch(() => null)
    }
    await this.loadMonth().catch(() => null)
    this.render(true)
  }

  // ------------------------------------------------------------ rendering

  private money(amount: number) {
    if (!this.price) return ""
    try {
      return new Intl.NumberFormat(this.locale, { style: "currency", currency: this.price.currency }).format(amount)
    } catch (e) {
      return `${amount} ${this.price.currency}`
    }
  }

  private render(keepFocus = false) {
    const active = this.shadow.activeElement as HTMLElement | null
    let focusKey = active?.getAttribute("data-key") ?? null
    if (this.pendingFocus && !this.busy) {
      focusKey = this.pendingFocus
      this.pendingFocus = null
    }
    this.shadow.replaceChildren(el("style", { text: STYLES }), this.view())
    if (focusKey && (keepFocus || active)) {
      const target = this.shadow.querySelector<HTMLElement>(`[data-key="${focusKey}"]`)
      if (target && !(target as HTMLButtonElement).disabled) target.focus()
      else if (focusKey.startsWith("date:") || focusKey === "hold" || focusKey === "extend" || focusKey === "add" || focusKey === "pay") {
        const fallback = this.shadow.querySelector<HTMLElement>(
          this.phase === "held" ? '[data-key="extend"]' : this.phase === "done" ? '[data-key="confirmation"]' : 'td[tabindex="0"]'
        )
        fallback?.focus()
      }
    }
  }

  private view(): HTMLElement {
    const root = el("div", { className: "root", part: "root" })
    const title = this.variantTitle ? `Book: ${this.variantTitle}` : "Book your dates"
    root.append(el("h2", { text: title }))
    if (this.price) root.append(el("p", { className: "price", text: `${this.money(this.price.amount)} a day, each` }))
    const status = el("div", { role: "status", "aria-live": "polite", className: "status" })
    const alert = el("div", { role: "alert", className: "status" })
    if (this.message) {
      const box = el("div", { className: `message ${this.message.kind}`, "data-key": "message", text: this.message.text })
      ;(this.message.kind === "error" ? alert : status).append(box)
    }
    if (this.phase === "done") {
      root.append(alert, status, this.confirmationView())
      return root
    }
    root.append(this.calendarView())
    root.append(alert, status)
    if (this.phase === "select") root.append(this.selectionView())
    else root.append(this.heldView())
    return root
  }

  private calendarView() {
    const wrap = el("div", { className: "calendar" })
    const monthName = formatDate(firstOfMonth(this.month), this.locale, { month: "long", year: "numeric" })
    const headingId = `rbw-month`
    const canPrev = this.month > monthOf(localToday())
    const disabledNav = this.phase !== "select" || this.busy
    wrap.append(
      el(
        "div",
        { className: "nav" },
        el("button", {
          type: "button",
          "data-key": "prev",
          "aria-label": "Previous month",
          text: "‹",
          disabled: !canPrev || disabledNav,
          onclick: () => this.showMonth(addMonths(this.month, -1)),
        }),
        el("h3", { id: headingId, "aria-live": "polite", text: monthName }),
        el("button", {
          type: "button",
          "data-key": "next",
          "aria-label": "Next month",
          text: "›",
          disabled: disabledNav,
          onclick: () => this.showMonth(addMonths(this.month, 1)),
        })
      )
    )
    const weeks = monthWeeks(this.month, this.weekStart)
    const days = weeks.flat().filter(Boolean) as string[]
    if (!this.focusedDate || monthOf(this.focusedDate) !== this.month || (!this.userFocused && !this.selectable(this.focusedDate))) {
      this.focusedDate = this.selected.find((d) => monthOf(d) === this.month) ?? days.find((d) => this.selectable(d)) ?? days[0]
    }
    const table = el("table", {
      role: "grid",
      "aria-labelledby": headingId,
      "aria-multiselectable": "true",
      "aria-busy": this.loading ? "true" : "false",
      "aria-describedby": "rbw-dateinfo",
    })
    const headRow = el("tr")
    for (let i = 0; i < 7; i++) {
      // 2023-01-01 was a Sunday.
      const ref = addDays("2023-01-01", (this.weekStart + i) % 7)
      headRow.append(
        el("th", { scope: "col" }, el("abbr", { title: formatDate(ref, this.locale, { weekday: "long" }), text: formatDate(ref, this.locale, { weekday: "short" }) }))
      )
    }
    table.append(el("thead", {}, headRow))
    const body = el("tbody")
    const today = localToday()
    for (const week of weeks) {
      const tr = el("tr")
      for (const date of week) {
        if (!date) {
          tr.append(el("td", { "aria-hidden": "true" }))
          continue
        }
        const a = this.availability.get(date)
        const available = !!a && a.is_available && this.phase === "select"
        const selected = this.selected.includes(date)
        const label = `${formatDate(date, this.locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" })}, ${
          a ? (a.is_available ? `${a.available_quantity} available` : reasonText(a, this.quantity)) : "loading"
        }${selected ? ", selected" : ""}`
        const td = el(
          "td",
          {
            role: "gridcell",
            tabindex: date === this.focusedDate ? "0" : "-1",
            "data-key": `date:${date}`,
            "data-date": date,
            "data-reason": a && !a.is_available ? a.reason ?? "SOLD_OUT" : undefined,
            "data-today": date === today ? "true" : undefined,
            "aria-selected": selected ? "true" : "false",
            "aria-disabled": available ? undefined : "true",
            "aria-label": label,
            title: a && !a.is_available ? capitalize(reasonText(a, this.quantity)) : undefined,
            onclick: () => this.toggle(date),
            onkeydown: (e: KeyboardEvent) => this.onGridKey(e, date),
            onfocus: () => this.showDateInfo(date),
            onmouseenter: () => this.showDateInfo(date),
          },
          el("span", { className: "day", "aria-hidden": "true", text: String(Number(date.slice(8))) }),
          el("span", {
            className: "left",
            "aria-hidden": "true",
            text: a ? (a.is_available ? `${a.available_quantity} left` : shortReason(a)) : "",
          })
        )
        tr.append(td)
      }
      body.append(tr)
    }
    table.append(body)
    wrap.append(table)
    wrap.append(el("p", { id: "rbw-dateinfo", className: "dateinfo", "data-part": "dateinfo" }))
    wrap.append(
      el(
        "div",
        { className: "legend", "aria-hidden": "true" },
        el("span", {}, el("span", { className: "swatch free" }), " Available"),
        el("span", {}, el("span", { className: "swatch selected" }), " Selected"),
        el("span", {}, el("span", { className: "swatch off" }), " Not bookable: sold out, closed, booking closed or not open yet (hover or focus a date for why)")
      )
    )
    return wrap
  }

  private showDateInfo(date: string) {
    const info = this.shadow.getElementById("rbw-dateinfo")
    if (!info) return
    const a = this.availability.get(date)
    const name = formatDate(date, this.locale, { weekday: "short", day: "numeric", month: "short" })
    info.textContent = a ? (a.is_available ? `${name}: ${a.available_quantity} available` : `${name}: ${reasonText(a, this.quantity)}`) : name
  }

  private async showMonth(month: string, focus?: string) {
    if (month < monthOf(localToday())) return
    this.month = month
    this.focusedDate = focus ?? null
    this.userFocused = !!focus
    this.message = null
    this.render()
    await this.reload()
    if (focus) this.shadow.querySelector<HTMLElement>(`[data-key="date:${focus}"]`)?.focus()
  }

  private onGridKey(e: KeyboardEvent, date: string) {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }
    let target: string | null = null
    if (e.key in moves) target = addDays(date, moves[e.key])
    else if (e.key === "Home") target = addDays(date, -((new Date(date + "T00:00:00Z").getUTCDay() - this.weekStart + 7) % 7))
    else if (e.key === "End") target = addDays(date, 6 - ((new Date(date + "T00:00:00Z").getUTCDay() - this.weekStart + 7) % 7))
    else if (e.key === "PageUp" || e.key === "PageDown") {
      const m = addMonths(monthOf(date), e.key === "PageUp" ? -1 : 1)
      const day = Math.min(Number(date.slice(8)), Number(lastOfMonth(m).slice(8)))
      target = `${m}-${String(day).padStart(2, "0")}`
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault()
      this.toggle(date)
      return
    } else return
    e.preventDefault()
    if (!target) return
    if (monthOf(target) !== this.month) {
      if (target < firstOfMonth(monthOf(localToday())) || this.phase !== "select") return
      this.showMonth(monthOf(target), target)
      return
    }
    this.focusedDate = target
    this.userFocused = true
    this.shadow.querySelectorAll<HTMLElement>('td[role="gridcell"]').forEach((c) => c.setAttribute("tabindex", c.dataset.date === target ? "0" : "-1"))
    this.shadow.querySelector<HTMLElement>(`[data-key="date:${target}"]`)?.focus()
  }

  private selectionView() {
    const wrap = el("div", { className: "selection" })
    const max = this.maxQuantity()
    const qty = el("input", {
      id: "rbw-qty",
      type: "number",
      inputmode: "numeric",
      min: "1",
      max: String(max),
      value: String(this.quantity),
      "data-key": "qty",
      disabled: this.busy,
      onchange: (e: Event) => this.setQuantity(Number((e.target as HTMLInputElement).value)),
    })
    const email = el("input", {
      id: "rbw-email",
      type: "email",
      autocomplete: "email",
      value: this.email,
      "data-key": "email",
      placeholder: "you@example.com",
      disabled: this.busy,
      oninput: (e: Event) => {
        this.email = (e.target as HTMLInputElement).value
        this.updateHoldButton()
      },
    })
    wrap.append(
      el(
        "div",
        { className: "row" },
        el(
          "div",
          {},
          el("label", { for: "rbw-qty", text: "Quantity" }),
          el(
            "div",
            { className: "stepper" },
            el("button", { type: "button", "data-key": "qty-minus", "aria-label": "Fewer", text: "−", disabled: this.busy || this.quantity <= 1, onclick: () => this.setQuantity(this.quantity - 1) }),
            qty,
            el("button", { type: "button", "data-key": "qty-plus", "aria-label": "More", text: "+", disabled: this.busy || this.quantity >= max, onclick: () => this.setQuantity(this.quantity + 1) })
          ),
          el("p", { className: "hint", id: "rbw-qty-hint", text: `Up to ${max} ${this.selected.length ? "on your dates" : "this month"}.` })
        ),
        el("div", { className: "field" }, el("label", { for: "rbw-email", text: "Email" }), email)
      )
    )
    qty.setAttribute("aria-describedby", "rbw-qty-hint")
    const rules = this.rulesText()
    const n = this.selected.length
    const summary = el(
      "div",
      { className: "summary", "data-part": "summary" },
      el("p", { text: n ? `Your dates: ${describeDates(this.selected, this.locale)} (${n} ${n === 1 ? "day" : "days"})` : "No dates chosen yet." }),
      this.price && n ? el("p", { "data-part": "total", text: `Total: ${this.money(this.price.amount * this.quantity * n)} (${this.quantity} × ${n} ${n === 1 ? "day" : "days"} × ${this.money(this.price.amount)})` }) : null,
      rules ? el("p", { className: "hint", text: rules }) : null
    )
    wrap.append(summary)
    const problem = this.selectionProblem()
    wrap.append(
      el("p", { className: "hint", id: "rbw-hold-hint", "data-part": "hold-hint", text: problem ?? "Holding keeps these dates for you for a short while." }),
      el(
        "div",
        { className: "actions" },
        el("button", {
          type: "button",
          className: "primary",
          "data-key": "hold",
          "aria-describedby": "rbw-hold-hint",
          text: this.busy ? "Holding…" : "Hold these dates",
          disabled: !!problem || this.busy || this.loading,
          onclick: () => this.hold(),
        }),
        n ? el("button", { type: "button", "data-key": "clear", text: "Clear dates", disabled: this.busy, onclick: () => ((this.selected = []), (this.message = null), this.render(true)) }) : null
      )
    )
    return wrap
  }

  private updateHoldButton() {
    const problem = this.selectionProblem()
    const button = this.shadow.querySelector<HTMLButtonElement>('[data-key="hold"]')
    const hint = this.shadow.querySelector('[data-part="hold-hint"]')
    if (button) button.disabled = !!problem || this.busy || this.loading
    if (hint) hint.textContent = problem ?? "Holding keeps these dates for you for a short while."
  }

  private rulesText() {
    const r = this.rules
    const parts: string[] = []
    if (r.min_dates && r.max_dates) parts.push(`${r.min_dates} to ${r.max_dates} dates`)
    else if (r.min_dates && r.min_dates > 1) parts.push(`at least ${r.min_dates} dates`)
    else if (r.max_dates) parts.push(`at most ${r.max_dates} ${r.max_dates === 1 ? "date" : "dates"}`)
    if (r.consecutive) parts.push("consecutive days")
    if (r.cutoff) parts.push(`bookings close ${r.cutoff.days_before ? `${r.cutoff.days_before} day${r.cutoff.days_before === 1 ? "" : "s"} before` : "on the day"} at ${r.cutoff.time}`)
    if (r.max_advance_days !== undefined) parts.push(`up to ${r.max_advance_days} days ahead`)
    return parts.length ? `Booking rules: ${parts.join("; ")}.` : ""
  }

  private heldView() {
    const dates = this.holds[0]?.dates ?? this.selected
    const n = dates.length
    const checkoutUrl = this.attr("checkout-url")
    const demo = this.hasAttribute("demo-payment")
    const wrap = el(
      "section",
      { className: "held", "aria-labelledby": "rbw-held-title" },
      el("h3", { id: "rbw-held-title", text: this.inCart ? "Held and in your cart" : "Held for you" }),
      el("p", { text: `${describeDates(dates, this.locale)} · quantity ${this.quantity}` }),
      this.price ? el("p", { text: `Total: ${this.money(this.price.amount * this.quantity * n)}` }) : null,
      el(
        "p",
        {},
        "Time left: ",
        el("span", { className: "timer", role: "timer", "aria-live": "off", "data-part": "timer", text: this.remaining() }),
        el("span", { className: "hint", text: ` (until ${this.clock(this.expiresAt)})` })
      ),
      el(
        "div",
        { className: "actions" },
        el("button", { type: "button", "data-key": "extend", text: "Extend hold", disabled: this.busy, onclick: () => this.extend() }),
        !this.inCart
          ? el("button", { type: "button", className: "primary", "data-key": "add", text: "Add to cart", disabled: this.busy, onclick: () => this.addToCart() })
          : checkoutUrl
            ? el("button", { type: "button", className: "primary", "data-key": "checkout", text: "Go to checkout", disabled: this.busy, onclick: () => this.checkout() })
            : demo
              ? el("button", { type: "button", className: "primary", "data-key": "pay", text: this.busy ? "Placing order…" : "Pay and book (demo payment)", disabled: this.busy, onclick: () => this.pay() })
              : el("span", { className: "hint", text: "In your cart: complete your order at checkout." }),
        el("button", { type: "button", "data-key": "release", text: "Release", disabled: this.busy, onclick: () => this.release() })
      )
    )
    return wrap
  }

  private confirmationView() {
    const o = this.order
    const dates: string[] = this.holds[0]?.dates ?? []
    const items = (o?.items ?? []) as any[]
    return el(
      "section",
      { className: "message ok", "aria-labelledby": "rbw-confirm-title", tabindex: "-1", "data-key": "confirmation" },
      el("h3", { id: "rbw-confirm-title", text: `Booking confirmed: order #${o?.display_id ?? ""}` }),
      el("p", { text: `Order ${o?.id ?? ""}` }),
      el("p", { text: `Dates: ${describeDates(dates, this.locale)}` }),
      el("ul", { className: "dates" }, ...dates.map((d) => el("li", { "data-date": d, text: formatDate(d, this.locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }) }))),
      items.length ? el("p", { text: items.map((i) => `${i.product_title ?? ""} ${i.variant_title ? `(${i.variant_title})` : ""} × ${i.quantity}`.trim()).join("; ") }) : null,
      o?.total !== undefined && this.price ? el("p", { text: `Total paid: ${this.money(Number(o.total))}` }) : null,
      o?.email ? el("p", { text: `A confirmation goes to ${o.email}.` }) : null,
      el(
        "div",
        { className: "actions" },
        el("button", {
          type: "button",
          "data-key": "again",
          text: "Book more dates",
          onclick: () => {
            this.order = null
            this.resetSelection()
            this.message = null
            this.reload(false)
          },
        })
      )
    )
  }
}

function combineRules(list: (BookingRules | null | undefined)[]): BookingRules {
  const out: BookingRules = {}
  for (const r of list) {
    if (!r) continue
    if (r.min_dates) out.min_dates = Math.max(out.min_dates ?? 1, r.min_dates)
    if (r.max_dates) out.max_dates = Math.min(out.max_dates ?? Infinity, r.max_dates)
    if (r.consecutive) out.consecutive = true
    if (r.cutoff && !out.cutoff) out.cutoff = r.cutoff
    if (r.max_advance_days !== undefined) out.max_advance_days = Math.min(out.max_advance_days ?? Infinity, r.max_advance_days)
  }
  return out
}

function reasonText(a: AvailabilityDate | undefined, quantity: number) {
  if (!a) return "not available"
  if (a.is_available) return `${a.available_quantity} available`
  const reason = a.reason ?? (a.available_quantity > 0 ? "SOLD_OUT" : "NO_CAPACITY")
  if (reason === "SOLD_OUT" && a.available_quantity > 0) return `only ${a.available_quantity} left, fewer than ${quantity}`
  return REASON_TEXT[reason] ?? "not available"
}

function shortReason(a: AvailabilityDate) {
  const found = SHORT_REASON.find(([r]) => r === a.reason)
  if (found) return found[1]
  if (a.reason === "SOLD_OUT" || a.available_quantity > 0) return a.available_quantity > 0 ? `${a.available_quantity} left` : "Sold out"
  return ""
}

function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function errorText(e: unknown) {
  if (e instanceof WidgetError) return e.message
  return "Something went wrong in the booking calendar. Please reload the page and try again."
}

function randomId() {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}

