/** The placed order: its number (Medusa's display id), what was booked in words, the dates (or the departures with their times). */
import { formatDate, formatSpan } from "../dates"
import { el } from "../dom"
import { durationText, heldDates, heldDepartures } from "../state"
import { bookingPhrase, count, DAY, DEPARTURE } from "../text"
import { ViewContext } from "./context"

export function confirmationView(ctx: ViewContext): HTMLElement {
  const { s, c, locale } = ctx
  const o = s.order
  const dates = heldDates(s)
  const departures = heldDepartures(s)
  const long = (d: string) => formatDate(d, locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" })
  const items = ((o?.items ?? []) as any[]).filter(Boolean)
  const appointment = s.mode === "APPOINTMENT"
  const noun = appointment ? "Time" : departures.length === 1 ? "Departure" : "Departures"
  return el(
    "section",
    { className: "message ok confirmation", "aria-labelledby": "rbw-confirm-title", tabindex: "-1", "data-key": "confirmation" },
    el("h3", { id: "rbw-confirm-title", text: `Booking confirmed: order #${o?.display_id ?? ""}` }),
    items.map((i) => el("p", { "data-part": "item", text: itemText(ctx, i, departures.length || dates.length) })),
    departures.length
      ? [
          el("p", { "data-part": "when", text: `${noun}: ${c.describeBooking()}` }),
          el(
            "ul",
            { className: "dates" },
            departures.map((d) => el("li", { "data-date": d.date, "data-start-time": d.start_time, text: `${long(d.date)}, ${formatSpan(d, locale)}` }))
          ),
        ]
      : [
          el("p", { "data-part": "when", text: `Dates: ${ctx.describe(dates)}` }),
          el("ul", { className: "dates" }, dates.map((d) => el("li", { "data-date": d, text: long(d) }))),
        ],
    o?.total !== undefined && s.price ? el("p", { text: `Total paid: ${ctx.money(Number(o.total))}` }) : null,
    o?.email ? el("p", { text: `A confirmation goes to ${o.email}.` }) : null,
    el("div", { className: "actions" }, el("button", { type: "button", "data-key": "again", text: appointment ? "Book another time" : departures.length ? "Book another departure" : "Book more dates", onclick: () => c.bookAgain() }))
  )
}

/**
 * "Private guided 4WD tour (Per group per day): 1 group × 2 days", "Sunset
 * tour (Seat): 2 seats × 1 departure": the line item's quantity is per date
 * (per departure for departures).
 */
function itemText(ctx: ViewContext, item: any, fallbackCount: number) {
  const meta = item?.metadata ?? {}
  if (ctx.s.mode === "APPOINTMENT") {
    // One booking of a duration: the line item's quantity is the booking's.
    const minutes = Number(meta.appointment?.duration_minutes ?? ctx.s.holds[0]?.appointment?.duration_minutes ?? ctx.s.duration)
    const title = [item?.product_title, item?.variant_title ? `(${item.variant_title})` : ""].filter(Boolean).join(" ") || item?.title || "Booking"
    return `${title}: ${count(Number(item?.quantity) || ctx.s.quantity, ctx.s.unit)}, ${durationText(minutes)}`
  }
  const timed = Array.isArray(meta.departures) && meta.departures.length > 0
  const n = Math.max(1, timed ? meta.departures.length : Array.isArray(meta.dates) ? meta.dates.length : fallbackCount)
  const total = Number(item?.quantity ?? 0)
  const quantity = total > 0 && total % n === 0 ? total / n : ctx.s.quantity
  const title = [item?.product_title, item?.variant_title ? `(${item.variant_title})` : ""].filter(Boolean).join(" ") || item?.title || "Booking"
  return `${title}: ${bookingPhrase(quantity, ctx.s.unit, n, timed ? DEPARTURE : DAY)}`
}
