/**
 * The widget's controller: owns the state (./state), talks to the store API
 * (./api), runs the hold's countdown, and tells its host (the custom element)
 * when to render and which events to dispatch. No DOM here: the views read
 * the state and call these methods.
 */
import { AvailabilityDeparture, HeldDeparture, ResourceHold, Slot, WaitlistEntry, WidgetError } from "./api"
import { describeDates, describeDepartures, firstOfMonth, formatTime, lastOfMonth, localToday, monthOf } from "./dates"
import {
  appointmentDurations,
  combineRules,
  departureOf,
  departuresOn,
  durationText,
  heldDates,
  heldDepartures,
  holdTarget,
  initialState,
  maxQuantity,
  message,
  selectionProblem,
  quantityScope,
  slotChoice,
  slotsOn,
  timeChoice,
  toggleDate,
  waitlistable,
  waitlistProblem,
  waitlistRequest,
  waitlistTarget,
  waiting,
  WidgetState,
} from "./state"
import { Countdown, lineItemOf, StoreSession, timeLeft } from "./session"
import { count, errorText, reasonText, unitNoun } from "./text"

export type WidgetConfig = {
  backendUrl: string
  publishableKey: string
  variantId: string
  cartId: string
  regionId: string
  /** The `currency-code` attribute: prices in this currency when no region is known. */
  currencyCode: string
  checkoutUrl: string
  demoPayment: boolean
  email: string
  locale: string
  /** A waitlist entry whose offer to show: the `waitlist-entry` attribute, else the page URL's `waitlist_entry`. */
  waitlistEntryId: string
  /** True when the entry came from the URL (every widget on the page sees it; only the matching one shows it). */
  waitlistFromUrl: boolean
  unitLabel: string
  unitLabelPlural: string
}

export interface ControllerHost {
  config(): WidgetConfig
  /** The state changed: render. */
  changed(): void
  /** A second of the countdown passed. */
  tick(): void
  emit(name: string, detail: Record<string, unknown>): void
  navigate(url: string): void
  /** Bring the widget into view (an offer opened from its email). */
  reveal(): void
}

/** A quantity above what is left is possible only when waiting for more. */
const WAITLIST_MAX_QUANTITY = 999

export class BookingController {
  readonly s: WidgetState = initialState(monthOf(localToday()))
  private session!: StoreSession
  private variantId = ""
  private countdown = new Countdown(() => this.tick())
  private initSeq = 0
  private loadSeq = 0
  private slotSeq = 0

  constructor(private readonly host: ControllerHost) {}

  private get cfg() {
    return this.host.config()
  }

  private get client() {
    return this.session.client
  }

  describe(dates: string[]) {
    return describeDates(dates, this.cfg.locale)
  }

  /** "Sat 12 Dec 2026, 16:30–18:00": departures with their times (in the shop's zone, from their instants). */
  describeDepartures(departures: HeldDeparture[]) {
    return describeDepartures(departures, this.cfg.locale)
  }

  /** What is held (or chosen) in words: its departures with their times, else its dates. */
  describeBooking() {
    const departures = heldDepartures(this.s)
    return departures.length ? this.describeDepartures(departures) : this.describe(heldDates(this.s))
  }

  /** A departure named by date and start time, with its times when the availability has it ("Sat 12 Dec 2026, 16:30–18:00"). */
  describeDepartureKeys(keys: { date: string; start_time: string }[]) {
    return keys
      .map((k) => {
        const d = departureOf(this.s, k)
        return d ? this.describeDepartures([timeChoice(k.date, d) as HeldDeparture]) : `${this.describe([k.date])}, ${formatTime(k.start_time, this.cfg.locale)}`
      })
      .join("; ")
  }

  /** A time on the customer's clock; with its day when that is not today (a waitlist offer runs into tomorrow). */
  clock(ms: number) {
    const at = new Date(ms)
    const today = new Date().toDateString() === at.toDateString()
    const opts: Intl.DateTimeFormatOptions = today
      ? { hour: "2-digit", minute: "2-digit", second: "2-digit" }
      : { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }
    return new Intl.DateTimeFormat(this.cfg.locale, opts).format(at)
  }

  /** Time left on the hold. */
  remaining() {
    return timeLeft(this.s.expiresAt)
  }

  // ------------------------------------------------------------ loading

  async init() {
    const s = this.s
    const seq = ++this.initSeq
    const cfg = this.cfg
    this.session = new StoreSession(cfg.backendUrl, cfg.publishableKey)
    s.email = s.email || cfg.email
    s.message = null
    // The mode comes from the variant's resources (APPOINTMENT) or its availability (DEPARTURE).
    s.durations = []
    s.slots = null
    if (!cfg.publishableKey || (!cfg.variantId && !cfg.waitlistEntryId)) {
      s.message = message("error", "This booking calendar is not set up: it needs a publishable-key and a variant-id attribute.")
      this.host.changed()
      return
    }
    s.loading = true
    this.host.changed()
    let entry: WaitlistEntry | null = null
    try {
      entry = cfg.waitlistEntryId ? await this.loadEntry(cfg) : null
      this.variantId = cfg.variantId || entry?.variant_id || ""
      if (!this.variantId) throw new WidgetError("This waitlist offer is for a resource, not a product: open it from the product's page.", 400)
      if (cfg.cartId) {
        s.cart = (await this.client.cart(cfg.cartId)).cart
        if (s.cart?.email && !s.email) s.email = s.cart.email
      }
      // Prices in the cart's region, else the configured one, else the configured currency, else the region a new cart gets.
      const known = s.cart?.region_id || cfg.regionId
      const regionId = known || (cfg.currencyCode ? "" : (await this.client.regions()).regions?.[0]?.id)
      s.pricing = regionId ? { region_id: regionId } : cfg.currencyCode ? { currency_code: cfg.currencyCode } : {}
      const [{ variant }] = await Promise.all([this.client.variant(this.variantId, s.pricing), this.loadMonth()])
      if (seq !== this.initSeq) return
      s.variantTitle = variant?.title ?? ""
      s.unit = unitNoun(cfg.unitLabel, cfg.unitLabelPlural, variant)
      const cp = variant?.calculated_price
      if (cp && typeof cp.calculated_amount === "number") {
        s.price = { amount: cp.calculated_amount, currency: String(cp.currency_code || "").toUpperCase() }
      }
      const resources = await Promise.all(s.resources.map((r) => this.client.resource(r.resource_id).then((x) => x.resource)))
      if (seq !== this.initSeq) return
      s.rules = combineRules(resources.map((r) => r?.booking_rules ?? {}))
      const appointments = resources.filter((r) => r?.booking_mode === "APPOINTMENT")
      if (appointments.length) {
        // A variant books resources of one mode: the durations every one of them allows.
        s.mode = "APPOINTMENT"
        s.durations = appointmentDurations(appointments.map((r) => r!.appointment))
        if (!s.durations.includes(s.duration)) s.duration = s.durations[0] ?? 0
      }
      if (entry && seq === this.initSeq) await this.showEntry(entry, cfg)
    } catch (e) {
      if (seq !== this.initSeq) return
      s.message = message("error", errorText(e))
    }
    s.loading = false
    this.host.changed()
  }

  /** The entry named by the attribute or the page URL. */
  private async loadEntry(cfg: WidgetConfig): Promise<WaitlistEntry | null> {
    try {
      return await this.session.entry(cfg.waitlistEntryId, cfg.waitlistFromUrl)
    } catch (e) {
      // A link in the URL that does not work: a widget with a variant of its own goes on without it
      // (the page's other widgets see the same URL); one that needs the entry says why it cannot.
      if (cfg.waitlistFromUrl && cfg.variantId) return null
      throw e
    }
  }

  /** Loads the shown month's availability for the current quantity. */
  private async loadMonth() {
    const s = this.s
    const seq = ++this.loadSeq
    const { availability } = await this.client.variantAvailability(this.variantId, firstOfMonth(s.month), lastOfMonth(s.month), s.quantity, s.pricing)
    if (seq !== this.loadSeq) return
    s.resources = availability.resources ?? []
    // The variant's mode, from the answer: dates of DEPARTURE resources carry their departures (APPOINTMENT: from its resources).
    if (availability.dates.length) {
      s.mode = availability.dates.some((d) => Array.isArray(d.departures)) ? "DEPARTURE" : s.durations.length ? "APPOINTMENT" : "DAY"
    }
    for (const d of availability.dates) s.availability.set(d.date, d)
  }

  private async reload() {
    const s = this.s
    s.loading = true
    this.host.changed()
    try {
      await this.loadMonth()
      this.dropUnavailable()
    } catch (e) {
      s.message = message("error", errorText(e))
    }
    s.loading = false
    this.host.changed()
    if (s.mode === "APPOINTMENT" && s.phase === "select" && s.selected.length) await this.loadSlots()
  }

  /**
   * `APPOINTMENT`: loads the free starts of the chosen date for the chosen
   * duration and quantity. The chosen start stays chosen (with its new end)
   * while it is free; one that is not is removed, saying so.
   */
  private async loadSlots() {
    const s = this.s
    const date = s.selected[0]
    if (s.mode !== "APPOINTMENT" || !date || !s.duration) return
    const seq = ++this.slotSeq
    const [duration, quantity] = [s.duration, s.quantity]
    s.slotsLoading = true
    this.host.changed()
    try {
      const { slots } = await this.client.variantSlots(this.variantId, date, date, duration, quantity, s.pricing)
      if (seq !== this.slotSeq) return
      const list = slots.dates.find((d) => d.date === date)?.slots ?? []
      s.slots = { date, duration, quantity, list }
      const [chosen] = s.times
      if (chosen && s.phase === "select") {
        const still = list.find((x) => x.start_time === chosen.start_time)
        if (still) s.times = [slotChoice(date, duration, still)]
        else {
          s.times = []
          s.message = message("info", `${this.describeDepartureKeys([chosen])} is no longer free for ${durationText(duration)} and was removed from your choice.`)
        }
      }
      if (!s.times.length && !s.message) s.message = message("info", this.slotsText(date, list))
    } catch (e) {
      if (seq !== this.slotSeq) return
      s.message = message("error", errorText(e))
    }
    s.slotsLoading = false
    this.host.changed()
  }

  /** What the date offers at the chosen duration, in one sentence (said when the slots come). */
  private slotsText(date: string, list: Slot[]) {
    const s = this.s
    const day = this.describe([date])
    const length = durationText(s.duration)
    if (!list.length) {
      const shorter = s.durations.some((d) => d < s.duration)
      return `No times left on ${day} for ${length}${s.quantity > 1 ? ` and ${s.quantity}` : ""}. Choose ${shorter ? "a shorter duration or " : ""}another date.`
    }
    return `${day}: ${list.length} ${list.length === 1 ? "start time" : "start times"} free for ${length}. Choose one below.`
  }

  /** Removes chosen dates that can no longer be held, saying so (while waiting, sold-out ones join the waitlist request). */
  private dropUnavailable() {
    const s = this.s
    if (s.phase !== "select") return
    if (s.mode === "DEPARTURE") return this.dropUnavailableDeparture()
    const gone = s.selected.filter((d) => s.availability.has(d) && !s.availability.get(d)!.is_available)
    if (!gone.length) return
    s.selected = s.selected.filter((d) => !gone.includes(d))
    s.times = s.times.filter((t) => s.selected.includes(t.date))
    if (s.waitlistDates.length) {
      const wait = gone.filter((d) => waitlistable(s, d))
      s.waitlistDates = [...new Set([...s.waitlistDates, ...wait])].sort()
      gone.splice(0, gone.length, ...gone.filter((d) => !wait.includes(d)))
      if (!gone.length) return
    }
    s.message = message(
      "info",
      `${this.describe(gone)} ${gone.length === 1 ? "is" : "are"} no longer available for ${s.quantity} and ${gone.length === 1 ? "was" : "were"} removed from your selection.`
    )
  }

  /**
   * The chosen departure after a reload: one that can no longer be held
   * leaves the choice (saying so); a waited-for one that can be held again
   * (a lower quantity) becomes the choice; the date follows its departures.
   */
  private dropUnavailableDeparture() {
    const s = this.s
    const date = s.selected[0] ?? s.waitlistDates[0]
    if (!date || !s.availability.has(date)) return
    const day = s.availability.get(date)!
    s.selected = day.is_available ? [date] : []
    s.waitlistDates = day.is_available ? [] : waitlistable(s, date) ? [date] : []
    const gone = s.times.filter((t) => !departureOf(s, t)?.is_available)
    if (gone.length) {
      s.times = s.times.filter((t) => !gone.includes(t))
      s.message = message("info", `${this.describeDepartureKeys(gone)} is no longer available for ${s.quantity} and was removed from your choice.`)
    }
    const back = s.waitlistTimes.filter((t) => departureOf(s, t)?.is_available)
    if (back.length) {
      s.waitlistTimes = []
      s.times = back.map((t) => timeChoice(t.date, departureOf(s, t)!))
      s.message = message("info", `${this.describeDepartureKeys(back)} has places for ${s.quantity}: you can hold it now.`)
    }
    if (!s.selected.length && !s.waitlistDates.length) {
      s.times = []
      s.waitlistTimes = []
    }
  }

  async showMonth(month: string, focus?: string) {
    const s = this.s
    if (month < monthOf(localToday())) return
    s.month = month
    s.focusedDate = focus ?? null
    s.userFocused = !!focus
    s.message = null
    if (focus) s.focus = `date:${focus}`
    await this.reload()
  }

  /** The grid's tab stop moved (arrow keys) without a render. */
  moveFocus(date: string) {
    this.s.focusedDate = date
    this.s.userFocused = true
  }

  // ------------------------------------------------------------ choosing

  toggle(date: string) {
    const s = this.s
    if (s.phase !== "select" || s.busy) return
    s.focusedDate = date
    s.userFocused = true
    s.focus = `date:${date}`
    const a = s.availability.get(date)
    if (!a || s.loading) return
    if (s.mode === "DEPARTURE") return this.toggleDepartureDate(date)
    if (s.mode === "APPOINTMENT") return this.toggleAppointmentDate(date)
    if (s.waitlistDates.includes(date)) {
      s.waitlistDates = s.waitlistDates.filter((d) => d !== date)
      s.message = null
    } else if (!a.is_available) {
      const why = `${this.describe([date])} cannot be booked: ${reasonText(a, s.quantity)}.`
      if (waitlistable(s, date)) {
        s.waitlistDates = [...s.waitlistDates, date].sort()
        s.message = message("error", `${why} You can join the waitlist for it below.`)
      } else {
        s.message = message("error", why)
      }
    } else {
      const next = toggleDate(s, date, (d) => this.describe(d))
      s.selected = next.selected
      s.times = s.times.filter((t) => s.selected.includes(t.date))
      s.message = next.message
    }
    this.host.changed()
  }

  /**
   * `DEPARTURE` books one departure: a date replaces the chosen one and lists
   * its departures (the `time` step); the chosen date again clears the choice.
   * A date whose every departure is sold out is listed too, to wait for one.
   */
  private toggleDepartureDate(date: string) {
    const s = this.s
    const a = s.availability.get(date)!
    const again = s.selected.includes(date) || s.waitlistDates.includes(date)
    s.times = []
    s.waitlistTimes = []
    s.selected = []
    s.waitlistDates = []
    s.message = null
    if (again) {
      // Unchosen: nothing to say.
    } else if (a.is_available) {
      s.selected = [date]
      const n = departuresOn(s, date).filter((d) => d.is_available).length
      s.message = message("info", `${this.describe([date])}: ${n} ${n === 1 ? "departure" : "departures"} with places. Choose a time below.`)
    } else if (waitlistable(s, date)) {
      s.waitlistDates = [date]
      s.message = message("error", `${this.describe([date])} cannot be booked: ${reasonText(a, s.quantity)}. You can choose a departure below to join its waitlist.`)
    } else {
      s.message = message("error", `${this.describe([date])} cannot be booked: ${reasonText(a, s.quantity)}.`)
    }
    this.host.changed()
  }

  /**
   * `APPOINTMENT` books one time range: a date replaces the chosen one and
   * loads its free starts (the `time` step); the chosen date again clears it.
   */
  private toggleAppointmentDate(date: string) {
    const s = this.s
    const a = s.availability.get(date)!
    const again = s.selected.includes(date)
    s.times = []
    s.selected = []
    s.message = null
    if (again) {
      this.host.changed()
      return
    }
    if (!a.is_available) {
      s.message = message("error", `${this.describe([date])} cannot be booked: ${reasonText(a, s.quantity)}.`)
      this.host.changed()
      return
    }
    s.selected = [date]
    void this.loadSlots()
  }

  /** `APPOINTMENT`: another duration (one of `durations`); the free starts are loaded for it. */
  setDuration(minutes: number) {
    const s = this.s
    if (s.phase !== "select" || s.busy || !s.durations.includes(minutes) || minutes === s.duration) return
    s.duration = minutes
    s.message = null
    if (s.times.length) s.times = s.times.map((t) => ({ ...t, duration_minutes: minutes, ends_at: undefined }))
    if (s.selected.length) void this.loadSlots()
    else this.host.changed()
  }

  /** `APPOINTMENT`: a free start of the listed date picked. */
  chooseSlot(date: string, slot: Slot) {
    const s = this.s
    if (s.phase !== "select" || s.busy || s.loading || s.slotsLoading) return
    const [t] = s.times
    if (t && t.date === date && t.start_time === slot.start_time && t.duration_minutes === s.duration) return
    this.chooseTimes([slotChoice(date, s.duration, slot)])
  }

  /** The `time` step's choice (a departure or an appointment start). */
  chooseTimes(times: WidgetState["times"]) {
    this.s.times = times
    this.s.waitlistTimes = []
    this.s.message = null
    this.host.changed()
  }

  /**
   * A departure of the listed date picked: one with places is the choice; a
   * sold-out one becomes the waitlist request (never held); one that started
   * or closed says why.
   */
  chooseDeparture(date: string, d: AvailabilityDeparture) {
    const s = this.s
    if (s.phase !== "select" || s.busy || s.loading) return
    if (d.is_available) {
      if (s.times.length === 1 && s.times[0].date === date && s.times[0].start_time === d.start_time) return
      return this.chooseTimes([timeChoice(date, d)])
    }
    const why = `${this.describeDepartureKeys([{ date, start_time: d.start_time }])} cannot be booked: ${reasonText(d, s.quantity)}.`
    if (d.reason === "SOLD_OUT") {
      s.times = []
      s.waitlistTimes = [timeChoice(date, d)]
      s.message = message("error", `${why} You can join the waitlist for it below.`)
    } else {
      s.message = message("error", why)
    }
    this.host.changed()
  }

  setEmail(value: string) {
    this.s.email = value
    this.host.changed()
  }

  setQuantity(q: number) {
    const s = this.s
    const max = waiting(s) ? WAITLIST_MAX_QUANTITY : maxQuantity(s)
    const wanted = Math.max(1, Math.floor(q) || 1)
    const next = Math.min(wanted, max)
    s.quantityNote =
      wanted > max
        ? `Only ${count(max, s.unit)} ${max === 1 ? "is" : "are"} left ${quantityScope(s)}, so the quantity is ${max}.`
        : null
    if (next === s.quantity) {
      this.host.changed()
      return
    }
    s.quantity = next
    s.message = null
    void this.reload()
  }

  clearSelection() {
    const s = this.s
    s.selected = []
    s.times = []
    s.waitlistDates = []
    s.waitlistTimes = []
    s.quantityNote = null
    s.message = null
    this.host.changed()
  }

  // ------------------------------------------------------------ hold, cart, order

  private async ensureCart(): Promise<any> {
    const { cartId, regionId } = this.cfg
    this.s.cart = await this.session.cart({ cartId, regionId, email: this.s.email.trim() })
    return this.s.cart
  }

  private async run(fn: () => Promise<void>) {
    const s = this.s
    if (s.busy) return
    s.busy = true
    s.message = null
    this.host.changed()
    try {
      await fn()
    } catch (e) {
      s.message = message("error", errorText(e))
      if (e instanceof WidgetError && e.status === 409 && s.phase === "select") {
        // Taken in the meantime: show what is left.
        s.busy = false
        const text = s.message!.text
        await this.reload()
        const after = s.message as WidgetState["message"]
        s.message = message("error", after && after.kind === "info" ? `${text} ${after.text}` : text)
      }
    }
    s.busy = false
    this.host.changed()
  }

  private detail() {
    const s = this.s
    return {
      variant_id: this.variantId,
      cart_id: s.cart?.id,
      resource_hold_ids: s.holds.map((h) => h.id),
      dates: heldDates(s),
      ...this.timedDetail(),
      quantity: s.quantity,
      expires_at: s.holds[0]?.expires_at,
    }
  }

  /**
   * Events of a departure booking name its departures too: `{ date,
   * start_time, starts_at, ends_at }`; of an appointment, the appointment:
   * `{ date, start_time, duration_minutes, starts_at, ends_at }`.
   */
  private timedDetail() {
    const s = this.s
    const departures = heldDepartures(s).map(({ date, start_time, starts_at, ends_at }) => ({ date, start_time, starts_at, ends_at }))
    if (!departures.length) return {}
    if (s.mode === "APPOINTMENT") {
      const duration_minutes = s.holds[0]?.appointment?.duration_minutes ?? s.times[0]?.duration_minutes ?? s.duration
      return { appointment: { ...departures[0], duration_minutes } }
    }
    return { departures }
  }

  /** What a hold request is doing, in the failure's words. */
  private get holding() {
    return this.s.mode === "DEPARTURE" ? "holding your departure" : this.s.mode === "APPOINTMENT" ? "holding your time" : "holding your dates"
  }

  lineItem() {
    return lineItemOf(this.s.cart, this.s.holds)
  }

  private held(holds: ResourceHold[], inCart: boolean) {
    const s = this.s
    s.holds = holds
    s.inCart = inCart
    s.phase = "held"
    s.expiresAt = Math.min(...holds.map((h) => Date.parse(h.expires_at)))
    this.countdown.start()
  }

  hold() {
    const s = this.s
    return this.run(async () => {
      const problem = selectionProblem(s)
      if (problem) throw new WidgetError(problem, 400)
      const target = holdTarget(s)
      const email = s.email.trim()
      const token = `rbw_${randomId()}`
      const cart = await this.ensureCart()
      if ((cart.email || "").toLowerCase() !== email.toLowerCase()) {
        s.cart = (await this.client.updateCart(cart.id, { email })).cart
      }
      const single = s.resources.length === 1 && (s.resources[0].units ?? 1) === 1
      if (single) {
        // One resource: hold it first; the line item books this hold on "Add to cart".
        const { resource_hold } = await this.client.createHold(
          { resource_id: s.resources[0].resource_id, ...target, quantity: s.quantity, customer_email: email, idempotency_token: token },
          this.holding
        )
        this.held([resource_hold], false)
      } else {
        // Several resources: the cart route holds them all as one group, with the line item.
        const res = await this.client.bookInCart(
          s.cart.id,
          { variant_id: this.variantId, ...target, quantity: s.quantity, customer_email: email, idempotency_token: token },
          this.holding
        )
        s.cart = res.cart
        this.held(res.resource_holds ?? (res.resource_hold ? [res.resource_hold] : []), true)
      }
      s.message = message("ok", `Held for you: ${this.describeBooking()}, ${count(s.quantity, s.unit)}.`)
      s.focus = "extend"
      // What is left now, behind the held panel (not awaited: the hold is what matters).
      this.loadMonth().then(() => this.host.changed(), () => null)
      this.host.emit("hold-created", this.detail())
      if (s.inCart) this.host.emit("added-to-cart", { ...this.detail(), line_item_id: this.lineItem()?.id })
    })
  }

  addToCart() {
    const s = this.s
    return this.run(async () => {
      const cart = await this.ensureCart()
      if (s.offer && (cart.email || "").toLowerCase() !== s.email.trim().toLowerCase() && s.email.trim()) {
        s.cart = (await this.client.updateCart(cart.id, { email: s.email.trim() })).cart
      }
      const res = await this.client.bookInCart(
        cart.id,
        { resource_hold_id: s.holds[0].id, variant_id: this.variantId },
        "adding your booking to the cart"
      )
      s.cart = res.cart
      s.inCart = true
      s.message = message("ok", "Added to your cart.")
      s.focus = this.cfg.checkoutUrl ? "checkout" : "pay"
      this.host.emit("added-to-cart", { ...this.detail(), line_item_id: this.lineItem()?.id })
    })
  }

  extend() {
    const s = this.s
    return this.run(async () => {
      const { resource_hold } = await this.client.extendHold(s.holds[0].id)
      s.holds = s.holds.map((h) => ({ ...h, expires_at: resource_hold.expires_at }))
      s.expiresAt = Date.parse(resource_hold.expires_at)
      s.message = message("ok", `Hold extended until ${this.clock(s.expiresAt)}.`)
      this.host.tick()
    })
  }

  release() {
    const s = this.s
    return this.run(async () => {
      const first = heldDates(s)[0] ?? ""
      const offer = !!s.offer
      const given = s.mode === "DEPARTURE" ? "the places were given back" : s.mode === "APPOINTMENT" ? "the time was given back" : "the dates were given back"
      const item = s.inCart ? this.lineItem() : null
      if (item && s.cart?.id) await this.client.removeLineItem(s.cart.id, item.id).catch(() => null)
      await this.client.releaseHold(s.holds[0].id)
      this.resetSelection()
      s.message = message(
        "info",
        offer ? "You declined the offer: the places go to the next person waiting." : `Your hold was released and ${given}.`
      )
      s.focus = `date:${first}`
      await this.loadMonth().catch(() => null)
    })
  }

  checkout() {
    const url = this.cfg.checkoutUrl
    if (!url || !this.s.cart?.id) return
    this.countdown.stop()
    this.host.navigate(url.replace(/\{cart_id\}/g, encodeURIComponent(this.s.cart.id)))
  }

  pay() {
    const s = this.s
    return this.run(async () => {
      const order = await this.client.completeWithSystemProvider(s.cart.id)
      this.countdown.stop()
      this.session.cartCompleted()
      s.order = order
      s.phase = "done"
      s.message = null
      s.focus = "confirmation"
      this.host.emit("order-placed", {
        order_id: order.id,
        display_id: order.display_id,
        cart_id: s.cart.id,
        dates: heldDates(s),
        ...this.timedDetail(),
        quantity: s.quantity,
      })
      s.cart = null
    })
  }

  bookAgain() {
    const s = this.s
    s.order = null
    this.resetSelection()
    s.message = null
    void this.reload()
  }

  private resetSelection() {
    const s = this.s
    this.countdown.stop()
    s.phase = "select"
    s.holds = []
    s.selected = []
    s.times = []
    s.waitlistDates = []
    s.waitlistTimes = []
    s.quantityNote = null
    s.inCart = false
    s.offer = null
    s.expiresAt = 0
  }

  // ------------------------------------------------------------ waitlist

  joinWaitlist() {
    const s = this.s
    return this.run(async () => {
      const problem = waitlistProblem(s)
      if (problem) throw new WidgetError(problem, 400)
      const dates = s.mode === "DEPARTURE" ? s.waitlistTimes.map((t) => t.date) : waitlistRequest(s)
      const email = s.email.trim()
      const { resource_waitlist_entry: entry } = await this.client.joinWaitlist({
        variant_id: this.variantId,
        ...waitlistTarget(s),
        quantity: s.quantity,
        customer_email: email,
      })
      s.selected = []
      s.times = []
      s.waitlistDates = []
      s.waitlistTimes = []
      s.message = message("ok", this.waitingText(entry))
      s.focus = `date:${dates[0]}`
      this.host.emit("waitlist-joined", {
        variant_id: this.variantId,
        entry_id: entry.id,
        dates: entry.dates,
        ...(entry.departures?.length ? { departures: entry.departures } : {}),
        quantity: entry.quantity,
        position: entry.position,
      })
    })
  }

  private waitingText(entry: WaitlistEntry) {
    const place = entry.position ? ` You are number ${entry.position} in line.` : ""
    const what = entry.departures?.length ? this.describeDepartureKeys(entry.departures) : this.describe(entry.dates)
    return `You are on the waitlist for ${what}, ${count(entry.quantity, this.s.unit)}.${place} If places free up, we hold them for you and email ${entry.customer_email} a link to book them.`
  }

  /** A waitlist entry opened from its link: its offered hold, ready for the cart, or where it stands. */
  private async showEntry(entry: WaitlistEntry, cfg: WidgetConfig) {
    const s = this.s
    const mine = entry.variant_id
      ? entry.variant_id === this.variantId
      : s.resources.length === 1 && s.resources[0].resource_id === entry.resource_id
    if (!mine) {
      if (!cfg.waitlistFromUrl) s.message = message("error", "This waitlist offer is for another product.")
      return
    }
    s.email = entry.customer_email || s.email
    if (entry.status === "WAITING") {
      s.message = message("info", this.waitingText(entry))
      return
    }
    const holds = await this.session.offeredHolds(entry)
    if (holds) {
      s.offer = entry
      s.quantity = entry.quantity
      s.selected = [...entry.dates].sort()
      s.times = (holds[0].departures ?? []).map((d) => ({ ...d }))
      this.held(holds, false)
      if (this.lineItem()) s.inCart = true
      // The calendar behind the offer shows its month, with its dates marked.
      if (monthOf(s.selected[0]) !== s.month) {
        s.month = monthOf(s.selected[0])
        await this.loadMonth()
      }
      s.message = message(
        "ok",
        `Places freed up for you: ${this.describeBooking()}, ${count(entry.quantity, s.unit)}, are held for you until ${this.clock(s.expiresAt)}. Add them to your cart to book.`
      )
      s.focus = s.inCart ? (cfg.checkoutUrl ? "checkout" : "pay") : "add"
    } else if (entry.status === "FULFILLED") {
      s.message = message("info", "This waitlist offer has been booked already.")
    } else if (entry.status === "OFFERED" || entry.status === "OFFER_EXPIRED") {
      s.message = message(
        "error",
        `This waitlist offer has lapsed and the places were given back. Choose ${s.mode === "DEPARTURE" ? "a departure" : "dates"} below, or join the waitlist again.`
      )
    } else {
      s.message = message("info", "This waitlist entry is closed.")
    }
    this.host.reveal()
  }

  // ------------------------------------------------------------ countdown

  stopTimer() {
    this.countdown.stop()
  }

  private tick() {
    const s = this.s
    if (s.phase !== "held") return
    this.host.tick()
    if (Date.now() >= s.expiresAt && !s.busy) void this.lapse()
  }

  /** The hold lapsed: the dates went back, the selection is cleared, and the customer is told. */
  private async lapse() {
    const s = this.s
    this.countdown.stop()
    const what = this.describeBooking()
    const mode = s.mode
    const detail = this.detail()
    const item = s.inCart ? this.lineItem() : null
    const cartId = s.cart?.id
    const offer = !!s.offer
    this.resetSelection()
    s.message = message(
      "error",
      offer
        ? `Your waitlist offer for ${what} lapsed and the places were given back.`
        : mode === "DEPARTURE"
          ? `Your hold on ${what} lapsed and the places were given back. Your choice was cleared: choose a departure again.`
          : mode === "APPOINTMENT"
            ? `Your hold on ${what} lapsed and the time was given back. Your choice was cleared: choose a time again.`
            : `Your hold on ${what} lapsed and the dates were given back. Your selection was cleared: choose your dates again.`
    )
    this.host.emit("hold-expired", detail)
    this.host.changed()
    if (item && cartId) {
      await this.client.removeLineItem(cartId, item.id).then((r) => (s.cart = r?.parent ?? r?.cart ?? s.cart)).catch(() => null)
    }
    await this.loadMonth().catch(() => null)
    this.host.changed()
  }
}

function randomId() {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")
}
