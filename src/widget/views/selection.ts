/**
 * What is chosen and what comes next (step `details`): the quantity (with a
 * note when it was lowered to what is left), the email, the price, and either
 * **Hold** or, when sold-out dates (or a sold-out departure) are wanted,
 * **Join the waitlist**.
 */
import { el } from "../dom"
import { durationText, heldDepartures, maxQuantity, quantityScope, rulesText, selectionProblem, selectionTotal, waiting as isWaiting, waitlistProblem, waitlistRequest, WidgetState } from "../state"
import { bookingPhrase, count, DAY, DEPARTURE } from "../text"
import { ViewContext } from "./context"

/** The words that differ between booking dates and booking a departure. */
const WORDS = {
  dates: { hold: "Hold these dates", hint: "Holding keeps these dates for you for a short while.", clear: "Clear dates", on: "on these dates" },
  departure: { hold: "Hold this departure", hint: "Holding keeps these places for you for a short while.", clear: "Clear choice", on: "on this departure" },
  appointment: { hold: "Hold this time", hint: "Holding keeps this time for you for a short while.", clear: "Clear choice", on: "at this time" },
}
export const wordsOf = (s: Readonly<WidgetState>) =>
  s.mode === "DEPARTURE" ? WORDS.departure : s.mode === "APPOINTMENT" ? WORDS.appointment : WORDS.dates

export function selectionView(ctx: ViewContext): HTMLElement {
  const { s, c } = ctx
  const waiting = isWaiting(s)
  const max = waiting ? Infinity : maxQuantity(s)
  const qty = el("input", {
    id: "rbw-qty",
    type: "number",
    inputmode: "numeric",
    min: "1",
    max: Number.isFinite(max) ? String(max) : undefined,
    value: String(s.quantity),
    "data-key": "qty",
    "aria-describedby": "rbw-qty-hint rbw-qty-note",
    disabled: s.busy,
    onchange: (e: Event) => c.setQuantity(Number((e.target as HTMLInputElement).value)),
  })
  const email = el("input", {
    id: "rbw-email",
    type: "email",
    autocomplete: "email",
    value: s.email,
    "data-key": "email",
    placeholder: "you@example.com",
    disabled: s.busy,
    // Each key renders: Hold (or Join) and its hint follow the address; the field keeps its caret.
    oninput: (e: Event) => c.setEmail((e.target as HTMLInputElement).value),
  })
  const quantity = el(
    "div",
    { className: "quantity" },
    el("label", { for: "rbw-qty", text: "Quantity" }),
    el(
      "div",
      { className: "stepper" },
      el("button", {
        type: "button",
        "data-key": "qty-minus",
        "aria-label": "Fewer",
        text: "−",
        disabled: s.busy || s.quantity <= 1,
        onclick: () => c.setQuantity(s.quantity - 1),
      }),
      qty,
      el("button", {
        type: "button",
        "data-key": "qty-plus",
        "aria-label": "More",
        text: "+",
        disabled: s.busy || s.quantity >= max,
        onclick: () => c.setQuantity(s.quantity + 1),
      })
    ),
    el("p", {
      className: "hint",
      id: "rbw-qty-hint",
      text: waiting ? "As many as you need." : `Up to ${max} ${quantityScope(s)}.`,
    }),
    // Always in the page, so that a screen reader announces its text when it comes (role=status is polite).
    el("p", { className: "note", id: "rbw-qty-note", role: "status", "data-key": "qty-note", "data-part": "qty-note", text: s.quantityNote ?? "" })
  )
  const wrap = el(
    "div",
    { className: "selection", "data-key": "selection" },
    el("div", { className: "row" }, quantity, el("div", { className: "field" }, el("label", { for: "rbw-email", text: "Email" }), email))
  )
  const rules = rulesText(s.rules, s.mode)
  if (s.mode === "APPOINTMENT") {
    wrap.append(appointmentSummary(ctx, rules), ...holdActions(ctx))
    return wrap
  }
  const timed = s.mode === "DEPARTURE"
  const dates = waiting ? waitlistRequest(s) : s.selected
  const departures = waiting ? s.waitlistTimes : s.times
  const n = timed ? departures.length : dates.length
  // The server's prices for the quantity, summed (the cart charges the same).
  const total = selectionTotal(s)
  const chosen = !n
    ? timed
      ? "No departure chosen yet."
      : "No dates chosen yet."
    : timed
      ? `${waiting ? "Your waitlist request" : "Your departure"}: ${c.describeDepartureKeys(departures)}`
      : `${waiting ? "Your waitlist request" : "Your dates"}: ${ctx.describe(dates)} (${count(n, DAY)})`
  wrap.append(
    el(
      "div",
      { className: "summary", "data-part": "summary", "data-key": "summary" },
      el("p", { text: chosen }),
      total && n && !waiting
        ? el("p", {
            "data-part": "total",
            "data-amount": String(total.amount),
            text: `Total: ${ctx.money(total.amount, total.currency_code)} (${bookingPhrase(s.quantity, s.unit, n, timed ? DEPARTURE : DAY)})`,
          })
        : null,
      rules ? el("p", { className: "hint", text: rules }) : null
    )
  )
  wrap.append(...(waiting ? waitlistActions(ctx) : holdActions(ctx)))
  return wrap
}

/** `APPOINTMENT`: the chosen time with its duration, and the total (a booking is priced once, × the quantity). */
function appointmentSummary(ctx: ViewContext, rules: string) {
  const { s, c } = ctx
  const [t] = heldDepartures(s)
  const total = selectionTotal(s)
  const chosen = t ? `Your time: ${c.describeBooking()} (${durationText(s.duration)})` : "No time chosen yet."
  return el(
    "div",
    { className: "summary", "data-part": "summary", "data-key": "summary" },
    el("p", { text: chosen }),
    total && t
      ? el("p", {
          "data-part": "total",
          "data-amount": String(total.amount),
          text: `Total: ${ctx.money(total.amount, total.currency_code)} (${count(s.quantity, s.unit)}, ${durationText(s.duration)})`,
        })
      : null,
    rules ? el("p", { className: "hint", text: rules }) : null
  )
}

function holdActions(ctx: ViewContext): HTMLElement[] {
  const { s, c } = ctx
  const problem = selectionProblem(s)
  const words = wordsOf(s)
  return [
    el("p", { className: "hint", id: "rbw-hold-hint", "data-part": "hold-hint", text: problem ?? words.hint }),
    actions(ctx, "select-actions", { key: "hold", hint: "rbw-hold-hint", text: s.busy ? "Holding…" : words.hold, problem, run: () => c.hold() }),
  ]
}

/** Sold-out dates are wanted: the waitlist, for the chosen dates with them, at this quantity. */
function waitlistActions(ctx: ViewContext): HTMLElement[] {
  const { s, c } = ctx
  const problem = waitlistProblem(s)
  const one = s.quantity === 1
  return [
    el(
      "div",
      { className: "waitlist", "data-part": "waitlist", "data-key": "waitlist" },
      el("h3", { id: "rbw-waitlist-title", text: "Join the waitlist" }),
      el("p", {
        className: "hint",
        id: "rbw-waitlist-hint",
        "data-part": "waitlist-hint",
        text: problem ?? `If ${count(s.quantity, s.unit)} ${one ? "frees" : "free"} up ${wordsOf(s).on}, we hold ${one ? "it" : "them"} for you and email you a link to book. Waiting costs nothing.`,
      })
    ),
    actions(ctx, "waitlist-actions", { key: "join", hint: "rbw-waitlist-hint", text: s.busy ? "Joining…" : "Join the waitlist", problem, run: () => c.joinWaitlist() }),
  ]
}

/** The step's primary button (disabled, with its hint saying why, while there is a problem) and Clear dates. */
function actions(ctx: ViewContext, key: string, primary: { key: string; hint: string; text: string; problem: string | null; run: () => void }) {
  const { s, c } = ctx
  const chosen = s.selected.length + s.waitlistDates.length > 0
  return el(
    "div",
    { className: "actions", "data-key": key },
    el("button", {
      type: "button",
      className: "primary",
      "data-key": primary.key,
      "aria-describedby": primary.hint,
      text: primary.text,
      disabled: !!primary.problem || s.busy || s.loading,
      onclick: primary.run,
    }),
    chosen ? el("button", { type: "button", "data-key": "clear", text: wordsOf(s).clear, disabled: s.busy, onclick: () => c.clearSelection() }) : null
  )
}
