/**
 * A hold (or a waitlist offer) with its countdown: extend, add to the cart,
 * then checkout (the shop's URL) or the demo payment, or release.
 */
import { el } from "../dom"
import { durationText, heldDates, heldDepartures, selectionTotal } from "../state"
import { bookingPhrase, count, DAY, DEPARTURE } from "../text"
import { ViewContext } from "./context"

export function heldView(ctx: ViewContext): HTMLElement {
  const { s, c, config } = ctx
  // A hold of departures counts (and prices) per departure, one of dates per date.
  const departures = heldDepartures(s)
  const n = departures.length || heldDates(s).length
  const minutes = s.mode === "APPOINTMENT" ? (s.holds[0]?.appointment?.duration_minutes ?? s.duration) : 0
  // An appointment is one booking of a duration: "1 group · 2 hours".
  const what = minutes ? `${count(s.quantity, s.unit)} · ${durationText(minutes)}` : bookingPhrase(s.quantity, s.unit, n, departures.length ? DEPARTURE : DAY)
  const offer = !!s.offer
  const total = selectionTotal(s)
  const title = offer
    ? s.inCart
      ? "Your waitlist offer, in your cart"
      : "Your waitlist offer"
    : s.inCart
      ? "Held and in your cart"
      : "Held for you"
  const next = !s.inCart
    ? el("button", { type: "button", className: "primary", "data-key": "add", text: "Add to cart", disabled: s.busy, onclick: () => c.addToCart() })
    : config.checkoutUrl
      ? el("button", { type: "button", className: "primary", "data-key": "checkout", text: "Go to checkout", disabled: s.busy, onclick: () => c.checkout() })
      : config.demoPayment
        ? el("button", {
            type: "button",
            className: "primary",
            "data-key": "pay",
            text: s.busy ? "Placing order…" : "Pay and book (demo payment)",
            disabled: s.busy,
            onclick: () => c.pay(),
          })
        : el("span", { className: "hint", text: "In your cart: complete your order at checkout." })
  return el(
    "section",
    { className: offer ? "held offer" : "held", "aria-labelledby": "rbw-held-title", "data-key": "held", "data-part": offer ? "offer" : "held" },
    el("h3", { id: "rbw-held-title", text: title }),
    el("p", { "data-part": "held-what", text: `${c.describeBooking()} · ${what}` }),
    total ? el("p", { "data-part": "held-total", "data-amount": String(total.amount), text: `Total: ${ctx.money(total.amount, total.currency_code)}` }) : null,
    el(
      "p",
      {},
      "Time left: ",
      el("span", { className: "timer", role: "timer", "aria-live": "off", "data-part": "timer", "data-key": "timer", text: c.remaining() }),
      el("span", { className: "hint", text: ` (until ${c.clock(s.expiresAt)})` })
    ),
    el(
      "div",
      { className: "actions", "data-key": "held-actions" },
      // A waitlist offer already lasts as long as the shop allows: nothing to extend.
      offer ? null : el("button", { type: "button", "data-key": "extend", text: "Extend hold", disabled: s.busy, onclick: () => c.extend() }),
      next,
      el("button", { type: "button", "data-key": "release", text: offer ? "Decline the offer" : "Release", disabled: s.busy, onclick: () => c.release() })
    )
  )
}
