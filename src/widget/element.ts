import { BookingController, ControllerHost, WidgetConfig } from "./controller"
import { formatDate } from "./dates"
import { el, patchChildren } from "./dom"
import { stepOf } from "./state"
import { STYLES } from "./styles"
import { availabilityText, formatMoney } from "./text"
import { calendarView, confirmationView, heldView, messagesView, selectionView, TIME_VIEWS, ViewContext } from "./views"

/**
 * <resource-booking-widget>: a month calendar of a product variant's
 * availability, a quantity, the hold with a countdown and an extend action,
 * the line item in a cart, then the shop's checkout (checkout-url) or, with
 * demo-payment, completion with Medusa's system payment provider. A sold-out
 * date offers the waitlist; a waitlist offer opened from its email link
 * (`waitlist-entry`, or `?waitlist_entry=` in the page URL) is shown as a
 * hold with its countdown and booked the same way.
 *
 * Attributes: backend-url, publishable-key, variant-id, cart-id, checkout-url
 * ("{cart_id}" is replaced), locale, region-id, currency-code, email, week-start (0 = Sunday,
 * default 1), demo-payment, waitlist-entry, unit-label, unit-label-plural.
 * Events (bubbling, composed; detail in docs/WIDGET.md): hold-created,
 * hold-expired, added-to-cart, order-placed, waitlist-joined.
 *
 * This file is the element: attributes in, events out, rendering and focus.
 * The state and its rules are in ./state, the actions in ./controller, the
 * pieces of the page in ./views.
 */

/** The page URL's parameter that names a waitlist entry (the offer email's link). */
export const WAITLIST_URL_PARAM = "waitlist_entry"

/** HTMLElement in a browser; a stand-in where there is none (a server-side import by a storefront's SSR). */
const ElementBase = (typeof HTMLElement !== "undefined" ? HTMLElement : class {}) as typeof HTMLElement

export class ResourceBookingWidget extends ElementBase implements ControllerHost {
  static observedAttributes = ["backend-url", "publishable-key", "variant-id", "cart-id", "locale", "region-id", "currency-code", "checkout-url", "waitlist-entry"]

  private shadow: ShadowRoot
  private controller = new BookingController(this)
  private connected = false
  private dateInfo = ""
  /** data-key of the control that had focus at the last render (to put it back if a render loses it). */
  private lastFocus: string | null = null

  constructor() {
    super()
    this.shadow = this.attachShadow({ mode: "open" })
  }

  // ------------------------------------------------------------ lifecycle

  connectedCallback() {
    this.connected = true
    void this.controller.init()
  }

  disconnectedCallback() {
    this.connected = false
    this.controller.stopTimer()
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null) {
    if (this.connected && oldValue !== newValue && this.controller.s.phase === "select") void this.controller.init()
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

  // ------------------------------------------------------------ ControllerHost

  config(): WidgetConfig {
    const fromAttr = this.attr("waitlist-entry")
    let fromUrl = ""
    try {
      fromUrl = typeof location !== "undefined" ? new URLSearchParams(location.search).get(WAITLIST_URL_PARAM)?.trim() ?? "" : ""
    } catch (e) {
      fromUrl = ""
    }
    return {
      backendUrl: this.attr("backend-url") || (typeof location !== "undefined" ? location.origin : ""),
      publishableKey: this.attr("publishable-key"),
      variantId: this.attr("variant-id"),
      cartId: this.attr("cart-id"),
      regionId: this.attr("region-id"),
      currencyCode: this.attr("currency-code"),
      checkoutUrl: this.attr("checkout-url"),
      demoPayment: this.hasAttribute("demo-payment"),
      email: this.attr("email"),
      locale: this.locale,
      waitlistEntryId: fromAttr || fromUrl,
      waitlistFromUrl: !fromAttr && !!fromUrl,
      unitLabel: this.attr("unit-label"),
      unitLabelPlural: this.attr("unit-label-plural"),
    }
  }

  changed() {
    this.render()
  }

  tick() {
    const t = this.shadow.querySelector('[data-part="timer"]')
    if (t) t.textContent = this.controller.remaining()
  }

  emit(name: string, detail: Record<string, unknown>) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
  }

  navigate(url: string) {
    location.assign(url)
  }

  reveal() {
    if (typeof this.scrollIntoView === "function") requestAnimationFrame(() => this.scrollIntoView({ block: "start" }))
  }

  // ------------------------------------------------------------ rendering

  private money(amount: number, currency?: string) {
    const code = currency ?? this.controller.s.price?.currency
    return code ? formatMoney(amount, code, this.locale) : ""
  }

  private showDateInfo(date: string) {
    const s = this.controller.s
    const a = s.availability.get(date)
    const name = formatDate(date, this.locale, { weekday: "short", day: "numeric", month: "short" })
    this.dateInfo = a ? `${name}: ${availabilityText(a, s.quantity, this.locale, s.mode)}` : name
    const info = this.shadow.getElementById("rbw-dateinfo")
    if (info) info.textContent = this.dateInfo
  }

  private context(): ViewContext {
    const c = this.controller
    return {
      s: c.s,
      c,
      config: this.config(),
      locale: this.locale,
      weekStart: this.weekStart,
      root: this.shadow,
      describe: (dates) => c.describe(dates),
      money: (amount, currency) => this.money(amount, currency),
      dateInfo: this.dateInfo,
      showDateInfo: (date) => this.showDateInfo(date),
    }
  }

  private render() {
    const s = this.controller.s
    const before = this.shadow.activeElement as HTMLElement | null
    if (before) this.lastFocus = before.getAttribute("data-key")
    patchChildren(this.shadow, [el("style", { "data-key": "style", text: STYLES }), this.view(this.context())])

    // Where a step leads (after Hold: Extend; after paying: the confirmation) …
    let key: string | null = null
    if (s.focus && !s.busy) {
      key = s.focus
      s.focus = null
    } else if (!this.shadow.activeElement && this.lastFocus && focusLost()) {
      // … or back where the customer was, when a render took their control away (disabled while busy, replaced).
      key = this.lastFocus
    }
    if (!key) return
    const target = this.shadow.querySelector<HTMLElement>(`[data-key="${key}"]`)
    if (target && !(target as HTMLButtonElement).disabled) {
      if (this.shadow.activeElement !== target) target.focus()
    } else if (!s.busy) {
      const fallback = s.phase === "held" ? '[data-key="extend"], [data-key="add"]' : s.phase === "done" ? '[data-key="confirmation"]' : 'td[tabindex="0"]'
      this.shadow.querySelector<HTMLElement>(fallback)?.focus()
    }
    const now = this.shadow.activeElement as HTMLElement | null
    if (now) this.lastFocus = now.getAttribute("data-key")
  }

  private view(ctx: ViewContext): HTMLElement {
    const { s } = ctx
    const root = el("div", { className: "root", part: "root", "data-key": "root" })
    root.append(el("h2", { "data-key": "title", text: s.variantTitle ? `Book: ${s.variantTitle}` : "Book your dates" }))
    if (s.price) {
      const timed = s.mode !== "DAY"
      const per = s.unit ? `per ${s.unit.one}${timed ? "" : " per day"}` : timed ? "each" : "a day, each"
      root.append(el("p", { className: "price", "data-key": "price", text: `${ctx.money(s.price.amount)} ${per}` }))
    }
    if (s.phase !== "done") root.append(calendarView(ctx))
    root.append(...messagesView(ctx))
    if (s.phase === "done") root.append(confirmationView(ctx))
    else if (s.phase === "held") root.append(heldView(ctx))
    else {
      const time = stepOf(s) !== "date" ? TIME_VIEWS[s.mode] : undefined
      if (time) root.append(time(ctx))
      root.append(selectionView(ctx))
    }
    return root
  }
}

/** Focus went nowhere (a disabled or removed control), not to something else on the page. */
function focusLost() {
  const active = document.activeElement
  return !active || active === document.body || active === document.documentElement
}
