/**
 * The month calendar (step `date`): a WAI-ARIA date grid with one tab stop,
 * every date saying what is left or why it cannot be booked.
 */
import { addDays, addMonths, firstOfMonth, formatDate, lastOfMonth, localToday, monthOf, monthWeeks } from "../dates"
import { el } from "../dom"
import { isFromPrice, selectable } from "../state"
import { availabilityText, capitalize, priceText, reasonText, shortReason } from "../text"
import { ViewContext } from "./context"

export function calendarView(ctx: ViewContext): HTMLElement {
  const { s, c, locale } = ctx
  const monthName = formatDate(firstOfMonth(s.month), locale, { month: "long", year: "numeric" })
  const headingId = "rbw-month"
  const canPrev = s.month > monthOf(localToday())
  const disabledNav = s.phase !== "select" || s.busy
  const nav = el(
    "div",
    { className: "nav" },
    el("button", {
      type: "button",
      "data-key": "prev",
      "aria-label": "Previous month",
      text: "‹",
      disabled: !canPrev || disabledNav,
      onclick: () => c.showMonth(addMonths(s.month, -1)),
    }),
    el("h3", { id: headingId, "aria-live": "polite", text: monthName }),
    el("button", {
      type: "button",
      "data-key": "next",
      "aria-label": "Next month",
      text: "›",
      disabled: disabledNav,
      onclick: () => c.showMonth(addMonths(s.month, 1)),
    })
  )
  const weeks = monthWeeks(s.month, ctx.weekStart)
  const days = weeks.flat().filter(Boolean) as string[]
  // The tab stop: where the customer moved, else a chosen date of the month, else its first bookable date.
  let focused = s.focusedDate
  if (!focused || monthOf(focused) !== s.month || (!s.userFocused && !selectable(s, focused))) {
    focused = s.selected.find((d) => monthOf(d) === s.month) ?? days.find((d) => selectable(s, d)) ?? days[0]
  }
  const headRow = el("tr")
  for (let i = 0; i < 7; i++) {
    // 2023-01-01 was a Sunday.
    const ref = addDays("2023-01-01", (ctx.weekStart + i) % 7)
    headRow.append(el("th", { scope: "col" }, el("abbr", { title: formatDate(ref, locale, { weekday: "long" }), text: formatDate(ref, locale, { weekday: "short" }) })))
  }
  const today = localToday()
  const body = el(
    "tbody",
    {},
    weeks.map((week, w) =>
      el(
        "tr",
        { "data-key": `week:${s.month}:${w}` },
        week.map((date) => (date ? dayCell(ctx, date, focused, today) : el("td", { "aria-hidden": "true" })))
      )
    )
  )
  const table = el(
    "table",
    {
      role: "grid",
      "data-key": "grid",
      "aria-labelledby": headingId,
      // A departure (or an appointment) is booked on one date at a time.
      "aria-multiselectable": s.mode === "DAY" ? "true" : "false",
      "aria-busy": s.loading ? "true" : "false",
      "aria-describedby": "rbw-dateinfo",
    },
    el("thead", {}, headRow),
    body
  )
  return el(
    "div",
    { className: "calendar", "data-key": "calendar" },
    nav,
    table,
    el("p", { id: "rbw-dateinfo", className: "dateinfo", "data-part": "dateinfo", text: ctx.dateInfo }),
    el(
      "div",
      { className: "legend", "aria-hidden": "true" },
      el("span", {}, el("span", { className: "swatch free" }), " Available"),
      el("span", {}, el("span", { className: "swatch selected" }), " Selected"),
      el("span", {}, el("span", { className: "swatch wait" }), " On your waitlist request"),
      el("span", {}, el("span", { className: "swatch off" }), " Not bookable: sold out, closed, booking closed or not open yet (hover or focus a date for why)")
    )
  )
}

function dayCell(ctx: ViewContext, date: string, focused: string, today: string) {
  const { s, c, locale } = ctx
  const a = s.availability.get(date)
  const available = !!a && a.is_available && s.phase === "select"
  const selected = s.selected.includes(date)
  const waiting = s.waitlistDates.includes(date)
  // A bookable date says its price for the quantity ("from" the lowest of several departures).
  const price = a && a.is_available ? priceText(a.price, locale, isFromPrice(a)) : ""
  const label = `${formatDate(date, locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" })}, ${
    a ? availabilityText(a, s.quantity, locale, s.mode) : "loading"
  }${price ? `, ${price}` : ""}${selected ? ", selected" : ""}${waiting ? ", on your waitlist request" : ""}`
  return el(
    "td",
    {
      role: "gridcell",
      tabindex: date === focused ? "0" : "-1",
      "data-key": `date:${date}`,
      "data-date": date,
      "data-reason": a && !a.is_available ? a.reason ?? "SOLD_OUT" : undefined,
      "data-today": date === today ? "true" : undefined,
      "data-waitlist": waiting ? "true" : undefined,
      "aria-selected": selected ? "true" : "false",
      "aria-disabled": available ? undefined : "true",
      "aria-label": label,
      title: a && !a.is_available ? capitalize(reasonText(a, s.quantity)) : undefined,
      onclick: () => c.toggle(date),
      onkeydown: (e: KeyboardEvent) => onGridKey(ctx, e, date),
      onfocus: () => ctx.showDateInfo(date),
      onmouseenter: () => ctx.showDateInfo(date),
    },
    el("span", { className: "day", "aria-hidden": "true", text: String(Number(date.slice(8))) }),
    el("span", {
      className: "left",
      "aria-hidden": "true",
      text: a ? (a.is_available ? (s.mode === "APPOINTMENT" ? "Free" : `${a.available_quantity} left`) : shortReason(a)) : "",
    }),
    price ? el("span", { className: "cell-price", "aria-hidden": "true", "data-part": "date-price", text: price }) : null
  )
}

function onGridKey(ctx: ViewContext, e: KeyboardEvent, date: string) {
  const { s, c } = ctx
  const weekday = () => (new Date(date + "T00:00:00Z").getUTCDay() - ctx.weekStart + 7) % 7
  const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }
  let target: string | null = null
  if (e.key in moves) target = addDays(date, moves[e.key])
  else if (e.key === "Home") target = addDays(date, -weekday())
  else if (e.key === "End") target = addDays(date, 6 - weekday())
  else if (e.key === "PageUp" || e.key === "PageDown") {
    const m = addMonths(monthOf(date), e.key === "PageUp" ? -1 : 1)
    const day = Math.min(Number(date.slice(8)), Number(lastOfMonth(m).slice(8)))
    target = `${m}-${String(day).padStart(2, "0")}`
  } else if (e.key === "Enter" || e.key === " ") {
    e.preventDefault()
    c.toggle(date)
    return
  } else return
  e.preventDefault()
  if (!target) return
  if (monthOf(target) !== s.month) {
    if (target < firstOfMonth(monthOf(localToday())) || s.phase !== "select") return
    void c.showMonth(monthOf(target), target)
    return
  }
  c.moveFocus(target)
  ctx.root.querySelectorAll<HTMLElement>('td[role="gridcell"]').forEach((cell) => cell.setAttribute("tabindex", cell.dataset.date === target ? "0" : "-1"))
  ctx.root.querySelector<HTMLElement>(`[data-key="date:${target}"]`)?.focus()
}
