/**
 * The widget's state and the rules over it, without the DOM or the network:
 * what is chosen, what can be held, what the customer is told.
 *
 * A booking goes through steps. `date` (the calendar) and `details`
 * (quantity, email, hold) are what a `DAY` variant needs; a `DEPARTURE` or
 * `APPOINTMENT` variant adds the `time` step between them (a departure on the
 * chosen date, or a start and a duration from the free slots), whose choices
 * live in `times`. `holdTarget()` turns the selection into the body the store
 * API takes for that mode, so the controller books every mode the same way.
 *
 * `DEPARTURE` books one departure at a time: choosing a date replaces the
 * chosen one (`selected` is at most one date) and the `time` step lists its
 * departures. A sold-out departure is never chosen for holding: it becomes
 * the waitlist request (`waitlistTimes`), as a sold-out date does for `DAY`
 * (`waitlistDates`, which for `DEPARTURE` holds a date whose every departure
 * is sold out, so that its departures can be listed and waited for).
 *
 * `APPOINTMENT` books one time range: a date (`selected`, at most one), a
 * `duration` among `durations` (the resources' bounds on their grid) and a
 * start from the date's free slots (`slots`, loaded for that date, duration
 * and quantity); the start and its instants are the one `times` entry.
 */
import { AppointmentSettings, AvailabilityDate, AvailabilityDeparture, BookingRules, HeldDeparture, Price, PricingContext, ResourceHold, Slot, WaitlistEntry } from "./api"
import { addDays, isConsecutive, monthOf } from "./dates"
import { Noun } from "./text"

export type Phase = "select" | "held" | "done"
export type Step = "date" | "time" | "details"
export type BookingMode = "DAY" | "DEPARTURE" | "APPOINTMENT"

/** A time chosen in the `time` step: a departure, or an appointment (with its duration). */
export type TimeChoice = {
  date: string
  start_time: string
  duration_minutes?: number
  starts_at?: string
  ends_at?: string
}

/** A failure or a refusal is an `error` (role=alert); progress and news are `info` or `ok` (role=status). */
export type MessageKind = "error" | "info" | "ok"
export type Message = { kind: MessageKind; text: string; seq: number } | null

export type WidgetState = {
  mode: BookingMode
  month: string
  availability: Map<string, AvailabilityDate>
  resources: { resource_id: string; units: number }[]
  rules: BookingRules
  quantity: number
  /** Said next to the quantity (e.g. it was lowered to what is left). */
  quantityNote: string | null
  /** Dates that can be held. */
  selected: string[]
  /** The `time` step's choices (empty for `DAY`). */
  times: TimeChoice[]
  /** Sold-out dates the customer wants: with `selected`, what a waitlist entry asks for. */
  waitlistDates: string[]
  /** `DEPARTURE`: the sold-out departure the customer wants (what a waitlist entry asks for). */
  waitlistTimes: TimeChoice[]
  /** `APPOINTMENT`: the durations in minutes the customer may choose (one: no choice); empty for the other modes. */
  durations: number[]
  /** `APPOINTMENT`: the chosen duration in minutes. */
  duration: number
  /** `APPOINTMENT`: the free starts of one date for one duration and quantity (null until loaded). */
  slots: { date: string; duration: number; quantity: number; list: Slot[] } | null
  /** `APPOINTMENT`: the slots are being loaded. */
  slotsLoading: boolean
  email: string
  phase: Phase
  holds: ResourceHold[]
  expiresAt: number
  inCart: boolean
  /** The waitlist entry whose offered hold is shown (a link from the offer email). */
  offer: WaitlistEntry | null
  cart: any
  order: any
  price: { amount: number; currency: string } | null
  /** Whose prices the availability and slots answer (the cart's or the configured region, else a currency). */
  pricing: PricingContext
  variantTitle: string
  unit: Noun | null
  busy: boolean
  loading: boolean
  message: Message
  /** data-key of the control that the next render focuses (where a step leads). */
  focus: string | null
  /** The date that holds the grid's tab stop; `userFocused` once the customer moved. */
  focusedDate: string | null
  userFocused: boolean
}

export function initialState(month: string): WidgetState {
  return {
    mode: "DAY",
    month,
    availability: new Map(),
    resources: [],
    rules: {},
    quantity: 1,
    quantityNote: null,
    selected: [],
    times: [],
    waitlistDates: [],
    waitlistTimes: [],
    durations: [],
    duration: 0,
    slots: null,
    slotsLoading: false,
    email: "",
    phase: "select",
    holds: [],
    expiresAt: 0,
    inCart: false,
    offer: null,
    cart: null,
    order: null,
    price: null,
    pricing: {},
    variantTitle: "",
    unit: null,
    busy: false,
    loading: false,
    message: null,
    focus: null,
    focusedDate: null,
    userFocused: false,
  }
}

let messageSeq = 0
export function message(kind: MessageKind, text: string): Message {
  return { kind, text, seq: ++messageSeq }
}

/** The step the customer is on while choosing. */
export function stepOf(s: WidgetState): Step {
  if (s.mode === "DEPARTURE") {
    if (!chosenDate(s)) return "date"
    return s.times.length || s.waitlistTimes.length ? "details" : "time"
  }
  if (!s.selected.length) return "date"
  if (s.mode !== "DAY" && !s.times.length) return "time"
  return "details"
}

/** `DEPARTURE`: the date whose departures are listed (bookable, or sold out to wait for). */
export function chosenDate(s: WidgetState): string | null {
  return s.selected[0] ?? s.waitlistDates[0] ?? null
}

/** A date's departures as the availability answered them (none for other modes). */
export function departuresOn(s: WidgetState, date: string | null): AvailabilityDeparture[] {
  return (date && s.availability.get(date)?.departures) || []
}

/** The availability of a chosen departure, when it is loaded. */
export function departureOf(s: WidgetState, t: { date: string; start_time: string }): AvailabilityDeparture | undefined {
  return departuresOn(s, t.date).find((d) => d.start_time === t.start_time)
}

/** `APPOINTMENT`: the free starts of `date` for the chosen duration and quantity, once loaded (else none). */
export function slotsOn(s: WidgetState, date: string | null): Slot[] {
  return slotsLoaded(s, date) ? s.slots!.list : []
}

/** `APPOINTMENT`: true once the slots of `date` for the chosen duration and quantity are loaded. */
export function slotsLoaded(s: WidgetState, date: string | null): boolean {
  const x = s.slots
  return !!date && !!x && x.date === date && x.duration === s.duration && x.quantity === s.quantity
}

/** A free start as a choice of the `time` step. */
export function slotChoice(date: string, duration: number, slot: Slot): TimeChoice {
  return { date, start_time: slot.start_time, duration_minutes: duration, starts_at: slot.starts_at, ends_at: slot.ends_at }
}

/**
 * The durations an appointment of every one of these resources may last: on
 * every resource's grid, within every resource's bounds (the module's
 * defaults where a setting is missing: a 15-minute grid, one slot to 8 hours).
 */
export function appointmentDurations(settings: (Partial<AppointmentSettings> | null | undefined)[]): number[] {
  const list = settings.map((a) => {
    const slot = a?.slot_minutes ?? 15
    return { slot, min: a?.min_duration_minutes ?? slot, max: a?.max_duration_minutes ?? 480 }
  })
  if (!list.length) return []
  const step = Math.max(...list.map((a) => a.slot))
  const min = Math.max(...list.map((a) => a.min))
  const max = Math.min(...list.map((a) => a.max))
  const out: number[] = []
  for (let d = Math.ceil(min / step) * step; d <= max; d += step) if (list.every((a) => d % a.slot === 0)) out.push(d)
  return out
}

/** "45 minutes", "1 hour", "1 hour 30 minutes", "4 hours". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const hours = h ? `${h} ${h === 1 ? "hour" : "hours"}` : ""
  const mins = m ? `${m} ${m === 1 ? "minute" : "minutes"}` : ""
  return [hours, mins].filter(Boolean).join(" ") || "0 minutes"
}

/** A departure of the availability as a choice of the `time` step. */
export function timeChoice(date: string, d: AvailabilityDeparture): TimeChoice {
  return { date, start_time: d.start_time, starts_at: d.starts_at, ends_at: d.ends_at }
}

/** True while the choice asks for the waitlist (sold-out dates, or a sold-out departure) rather than a hold. */
export function waiting(s: WidgetState): boolean {
  return s.mode === "DEPARTURE" ? s.waitlistTimes.length > 0 : s.waitlistDates.length > 0
}

/** The store API's body for what is chosen: dates, departures or an appointment. */
export function holdTarget(s: WidgetState, dates: string[] = s.selected): Record<string, unknown> {
  const sorted = [...dates].sort()
  if (s.mode === "DEPARTURE") return { departures: s.times.map(({ date, start_time }) => ({ date, start_time })) }
  if (s.mode === "APPOINTMENT") {
    const [t] = s.times
    return { appointment: t ? { date: t.date, start_time: t.start_time, duration_minutes: t.duration_minutes } : undefined }
  }
  return { dates: sorted }
}

/** The waitlist request's body: the dates with the sold-out ones, or the sold-out departure. */
export function waitlistTarget(s: WidgetState): Record<string, unknown> {
  if (s.mode === "DEPARTURE") return { departures: s.waitlistTimes.map(({ date, start_time }) => ({ date, start_time })) }
  return holdTarget(s, waitlistRequest(s))
}

export const minDates = (s: WidgetState) => s.rules.min_dates ?? 1
export const maxDates = (s: WidgetState) => s.rules.max_dates ?? 31

export function selectable(s: WidgetState, date: string) {
  const a = s.availability.get(date)
  return !!a && a.is_available
}

/** Sold out for the quantity (not closed, past or cut off): the customer may wait for it. */
export function waitlistable(s: WidgetState, date: string) {
  const a = s.availability.get(date)
  return !!a && !a.is_available && a.reason === "SOLD_OUT"
}

/** Why these dates break the resources' rules, or null (min/max/consecutive are rules of days). */
export function rulesProblem(s: WidgetState, dates: string[]): string | null {
  const n = dates.length
  if (s.mode !== "DAY") return n ? null : "Choose a date."
  const run = s.rules.consecutive ? " in a row" : ""
  if (!n) return minDates(s) > 1 ? `Choose at least ${minDates(s)} dates${run}.` : "Choose your dates."
  if (n < minDates(s)) return `Choose at least ${minDates(s)} dates${run} (you have ${n}).`
  if (n > maxDates(s)) return `Choose at most ${maxDates(s)} dates (you have ${n}).`
  if (s.rules.consecutive && !isConsecutive([...dates].sort())) return "The dates must be consecutive."
  return null
}

export const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim())

/** Why the selection cannot be held yet, or null when it can. */
export function selectionProblem(s: WidgetState): string | null {
  if (s.mode === "DEPARTURE") {
    if (waiting(s)) return "This departure is sold out: join its waitlist below, or choose another departure."
    if (!chosenDate(s)) return "Choose a date."
    if (!s.times.length) return "Choose a departure time."
    if (!isEmail(s.email)) return "Enter your email address to hold this departure."
    return null
  }
  if (s.mode === "APPOINTMENT") {
    if (!s.selected.length) return "Choose a date."
    if (!s.times.length) return "Choose a start time."
    if (!isEmail(s.email)) return "Enter your email address to hold this time."
    return null
  }
  if (s.waitlistDates.length) return "Your choice includes sold-out dates: join the waitlist below, or remove them to hold the others."
  const rules = rulesProblem(s, s.selected)
  if (rules) return rules
  if (stepOf(s) === "time") return "Choose a time."
  if (!isEmail(s.email)) return "Enter your email address to hold these dates."
  return null
}

/** The waitlist request: the chosen dates with the sold-out ones. */
export function waitlistRequest(s: WidgetState): string[] {
  return [...new Set([...s.selected, ...s.waitlistDates])].sort()
}

export function waitlistProblem(s: WidgetState): string | null {
  if (s.mode === "DEPARTURE" && !s.waitlistTimes.length) return "Choose a sold-out departure to wait for."
  const rules = rulesProblem(s, waitlistRequest(s))
  if (rules) return rules
  if (!isEmail(s.email)) return "Enter your email address to join the waitlist."
  return null
}

/** The most that can be booked: on the chosen dates (departure), else on the best date of the shown month. */
export function maxQuantity(s: WidgetState) {
  if (s.mode === "DEPARTURE" && s.times.length) return Math.max(1, Math.min(...s.times.map((t) => departureOf(s, t)?.available_quantity ?? 0)))
  if (s.mode === "APPOINTMENT" && s.times.length) {
    const slot = slotsOn(s, s.times[0].date).find((x) => x.start_time === s.times[0].start_time)
    if (slot) return Math.max(1, slot.available_units)
  }
  const dates = s.selected.length ? s.selected : [...s.availability.values()].filter((a) => monthOf(a.date) === s.month).map((a) => a.date)
  const q = dates.map((d) => s.availability.get(d)?.available_quantity ?? 0)
  const best = s.selected.length ? Math.min(...q) : Math.max(0, ...q)
  return Math.max(1, best)
}

/** Where the quantity cap comes from, in words. */
export function quantityScope(s: WidgetState) {
  if (s.mode === "DEPARTURE") return s.times.length ? "on this departure" : s.selected.length ? "on one departure of this date" : "this month"
  if (s.mode === "APPOINTMENT") return s.times.length ? "at this time" : s.selected.length ? "at one time of this date" : "this month"
  return s.selected.length ? "on your dates" : "this month"
}

/** The selection after the customer picks a bookable date (and what to tell them), under the rules. */
export function toggleDate(s: WidgetState, date: string, describe: (dates: string[]) => string): { selected: string[]; message: Message } {
  const sel = [...s.selected].sort()
  if (sel.includes(date)) {
    if (s.rules.consecutive && sel.length > 2 && date !== sel[0] && date !== sel[sel.length - 1]) return { selected: [date], message: null }
    return { selected: sel.filter((d) => d !== date), message: null }
  }
  if (s.rules.consecutive && sel.length) {
    // A run: a date beyond either end fills the gap when every date in it can be booked.
    const from = date < sel[0] ? date : sel[sel.length - 1]
    const to = date < sel[0] ? sel[0] : date
    const gap: string[] = []
    for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) gap.push(d)
    const next = [...sel, ...gap, date].sort()
    if (gap.every((d) => selectable(s, d)) && next.length <= maxDates(s)) return { selected: next, message: null }
    return {
      selected: [date],
      message: message(
        "info",
        gap.some((d) => !selectable(s, d))
          ? `Dates must be consecutive and a date in between cannot be booked, so your selection starts again on ${describe([date])}.`
          : `At most ${maxDates(s)} dates can be booked at once, so your selection starts again on ${describe([date])}.`
      ),
    }
  }
  if (sel.length >= maxDates(s)) {
    return { selected: sel, message: message("error", `At most ${maxDates(s)} ${maxDates(s) === 1 ? "date" : "dates"} can be booked at once.`) }
  }
  return { selected: [...sel, date].sort(), message: null }
}

/** The strictest of several resources' rules (a variant that books a vehicle and a guide). */
export function combineRules(list: (BookingRules | null | undefined)[]): BookingRules {
  const out: BookingRules = {}
  for (const r of list) {
    if (!r) continue
    if (r.min_dates) out.min_dates = Math.max(out.min_dates ?? 1, r.min_dates)
    if (r.max_dates) out.max_dates = Math.min(out.max_dates ?? Infinity, r.max_dates)
    if (r.consecutive) out.consecutive = true
    if (r.cutoff && !out.cutoff) out.cutoff = r.cutoff
    if (r.max_advance_days !== undefined) out.max_advance_days = Math.min(out.max_advance_days ?? Infinity, r.max_advance_days)
    if (r.min_notice_minutes) out.min_notice_minutes = Math.max(out.min_notice_minutes ?? 0, r.min_notice_minutes)
  }
  return out
}

/** The booking rules in one sentence (a departure is one date: the rules of days are not said for it). */
export function rulesText(r: BookingRules, mode: BookingMode = "DAY") {
  const parts: string[] = []
  if (mode !== "DAY") r = { ...r, min_dates: undefined, max_dates: undefined, consecutive: undefined }
  if (r.min_dates && r.max_dates) parts.push(`${r.min_dates} to ${r.max_dates} dates`)
  else if (r.min_dates && r.min_dates > 1) parts.push(`at least ${r.min_dates} dates`)
  else if (r.max_dates) parts.push(`at most ${r.max_dates} ${r.max_dates === 1 ? "date" : "dates"}`)
  if (r.consecutive) parts.push("consecutive days")
  if (r.cutoff) parts.push(`bookings close ${r.cutoff.days_before ? `${r.cutoff.days_before} day${r.cutoff.days_before === 1 ? "" : "s"} before` : "on the day"} at ${r.cutoff.time}`)
  if (r.max_advance_days !== undefined) parts.push(`up to ${r.max_advance_days} days ahead`)
  if (r.min_notice_minutes) parts.push(`bookings close ${noticeText(r.min_notice_minutes)} before the start`)
  return parts.length ? `Booking rules: ${parts.join("; ")}.` : ""
}

function noticeText(minutes: number) {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`
  return `${minutes} minutes`
}

/** The dates of what is held (or chosen). */
export function heldDates(s: WidgetState): string[] {
  return s.holds[0]?.dates ?? s.selected
}

/** The departures (or the appointment) of what is held or chosen, with their instants; none for dates. */
export function heldDepartures(s: WidgetState): HeldDeparture[] {
  const hold = s.holds[0]
  const held = hold?.departures
  if (held?.length) return held
  if (hold?.appointment && hold.starts_at && hold.ends_at) {
    return [{ date: hold.appointment.date, start_time: hold.appointment.start_time, starts_at: hold.starts_at, ends_at: hold.ends_at }]
  }
  return s.times.filter((t) => t.starts_at && t.ends_at) as HeldDeparture[]
}

/** True when a date's price is a "from" price: it has several departures open, which may cost differently. */
export function isFromPrice(a: AvailabilityDate): boolean {
  return (a.departures?.filter((d) => d.is_available).length ?? 0) > 1
}

/** The sum of prices answered by the server (all in one currency), or null when one is missing. */
export function sumPrices(prices: (Price | null | undefined)[]): Price | null {
  if (!prices.length || prices.some((p) => !p)) return null
  const currency = prices[0]!.currency_code
  if (prices.some((p) => p!.currency_code !== currency)) return null
  // Major units with cents: sum in cents so that 0.1 + 0.2 stays 0.30.
  const cents = prices.reduce((sum, p) => sum + Math.round(p!.amount * 100), 0)
  return { amount: cents / 100, currency_code: currency }
}

/**
 * What the chosen (or held) dates, departure or appointment cost for the
 * quantity, from the server's prices (never recomputed here): the sum of the
 * dates' prices; the departure's price; the appointment's slot's price.
 * Null while a price is not known.
 */
export function selectionTotal(s: WidgetState): Price | null {
  if (s.mode === "DEPARTURE") {
    const departures = s.phase === "select" ? s.times : heldDepartures(s)
    return sumPrices(departures.map((t) => departureOf(s, t)?.price))
  }
  if (s.mode === "APPOINTMENT") {
    const [t] = s.phase === "select" ? s.times : heldDepartures(s)
    const slot = t && slotsLoaded(s, t.date) ? s.slots!.list.find((x) => x.start_time === t.start_time) : undefined
    return sumPrices(t ? [slot?.price] : [])
  }
  return sumPrices(heldDates(s).map((d) => s.availability.get(d)?.price))
}
