/** The placed order: its number (Medusa's display id), what was booked in words, the dates. */
import { formatDate } from "../dates"
import { el } from "../dom"
import { heldDates } from "../state"
import { bookingPhrase } from "../text"
import { ViewContext } from "./context"

export function confirmationView(ctx: ViewContext): HTMLElement {
  const { s, c, locale } = ctx
  const o = s.order
  const dates = heldDates(s)
  const items = ((o?.items ?? []) as any[]).filter(Boolean)
  return el(
    "section",
    { className: "message ok confirmation", "aria-labelledby": "rbw-confirm-title", tabindex: "-1", "data-key": "confirmation" },
    el("h3", { id: "rbw-confirm-title", text: `Booking confirmed: order #${o?.display_id ?? ""}` }),
    items.map((i) => el("p", { "data-part": "item", text: itemText(ctx, i, dates) })),
    el("p", { text: `Dates: ${ctx.describe(dates)}` }),
    el("ul", { className: "dates" }, dates.map((d) => el("li", { "data-date": d, text: formatDate(d, locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }) }))),
    o?.total !== undefined && s.price ? el("p", { text: `Total paid: ${ctx.money(Number(o.total))}` }) : null,
    o?.email ? el("p", { text: `A confirmation goes to ${o.email}.` }) : null,
    el("div", { className: "actions" }, el("button", { type: "button", "data-key": "again", text: "Book more dates", onclick: () => c.bookAgain() }))
  )
}

/** "Private guided 4WD tour (Per group per day): 1 group × 2 days": the line item's quantity is per date. */
function itemText(ctx: ViewContext, item: any, fallbackDates: string[]) {
  const dates: string[] = Array.isArray(item?.metadata?.dates) ? item.metadata.dates : fallbackDates
  const n = Math.max(1, dates.length)
  const total = Number(item?.quantity ?? 0)
  const quantity = total > 0 && total % n === 0 ? total / n : ctx.s.quantity
  const title = [item?.product_title, item?.variant_title ? `(${item.variant_title})` : ""].filter(Boolean).join(" ") || item?.title || "Booking"
  return `${title}: ${bookingPhrase(quantity, ctx.s.unit, n)}`
}
