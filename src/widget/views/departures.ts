/**
 * The departure picker (step `time` of a `DEPARTURE` variant): the chosen
 * date's departures as a WAI-ARIA radio group, one tab stop, arrow keys
 * moving between them. Each says its times (the shop's local times, read
 * from the departure's instants, never the browser's zone) and the places
 * left; a sold-out, started or closed departure is shown, focusable so its
 * reason is read, and never checked: a sold-out one picked becomes the
 * waitlist request instead.
 */
import { AvailabilityDeparture } from "../api"
import { formatDate, formatSpan, offsetLabel } from "../dates"
import { el } from "../dom"
import { chosenDate, departuresOn } from "../state"
import { capitalize, count, priceText, reasonText, shortReason } from "../text"
import { onRadioGroupKey, ViewContext } from "./context"

const keyOf = (date: string, d: AvailabilityDeparture) => `departure:${date}:${d.start_time}`

export function departuresView(ctx: ViewContext): HTMLElement {
  const { s, locale } = ctx
  const date = chosenDate(s)!
  const list = departuresOn(s, date)
  const isChosen = (d: AvailabilityDeparture) => s.times.some((t) => t.date === date && t.start_time === d.start_time)
  const isWaited = (d: AvailabilityDeparture) => s.waitlistTimes.some((t) => t.date === date && t.start_time === d.start_time)
  // The tab stop: the chosen departure, else the waited-for one, else the first with places, else the first.
  const stop = list.find(isChosen) ?? list.find(isWaited) ?? list.find((d) => d.is_available) ?? list[0]
  const day = formatDate(date, locale, { weekday: "long", day: "numeric", month: "long" })
  const zone = list[0] ? offsetLabel(list[0].starts_at) : ""
  return el(
    "section",
    { className: "departures", "data-key": "departures", "data-part": "departures", "aria-labelledby": "rbw-departures-title" },
    el("h3", { id: "rbw-departures-title", text: `Departures on ${day}` }),
    list.length
      ? el(
          "div",
          {
            role: "radiogroup",
            className: "departure-list",
            "data-key": `departure-list:${date}`,
            "aria-labelledby": "rbw-departures-title",
            "aria-describedby": "rbw-departures-hint",
            "aria-busy": s.loading ? "true" : "false",
          },
          list.map((d) => option(ctx, date, d, d === stop, isChosen(d), isWaited(d)))
        )
      : el("p", { text: "No departures on this date." }),
    el("p", {
      className: "hint",
      id: "rbw-departures-hint",
      text: `Times are local to the tour${zone ? ` (${zone})` : ""}. Sold-out departures can be waited for.`,
    })
  )
}

function option(ctx: ViewContext, date: string, d: AvailabilityDeparture, stop: boolean, chosen: boolean, waited: boolean) {
  const { s, c, locale } = ctx
  const span = formatSpan(d, locale)
  const places = d.is_available ? `${count(d.available_quantity, s.unit ?? { one: "place", other: "places" })} left` : capitalize(reasonText(d, s.quantity))
  const short = d.is_available ? places : shortReason(d) || places
  const price = d.is_available ? priceText(d.price, locale) : ""
  return el(
    "div",
    {
      role: "radio",
      className: "departure",
      tabindex: stop ? "0" : "-1",
      "data-key": keyOf(date, d),
      "data-start-time": d.start_time,
      "data-reason": d.is_available ? undefined : d.reason ?? "SOLD_OUT",
      "data-waitlist": waited ? "true" : undefined,
      "aria-checked": chosen ? "true" : "false",
      "aria-disabled": d.is_available && s.phase === "select" ? undefined : "true",
      "aria-label": `${span}, ${places}${price ? `, ${price}` : ""}${waited ? ", on your waitlist request" : ""}`,
      onclick: () => c.chooseDeparture(date, d),
      onkeydown: (e: KeyboardEvent) => onKey(ctx, e, date, d),
    },
    el("span", { className: "time", "aria-hidden": "true", text: span }),
    el("span", { className: "left", "aria-hidden": "true", text: waited ? `${short} · waitlist` : short }),
    price ? el("span", { className: "price", "aria-hidden": "true", "data-part": "departure-price", text: price }) : null
  )
}

/**
 * Arrow keys (and Home/End) move through the departures, wrapping around,
 * and check the one they reach when it has places (selection follows focus,
 * as in a native radio group); a departure that cannot be booked is focused
 * only, so its reason is heard. Space or Enter picks the focused one (a
 * sold-out one: its waitlist).
 */
function onKey(ctx: ViewContext, e: KeyboardEvent, date: string, d: AvailabilityDeparture) {
  const list = departuresOn(ctx.s, date)
  onRadioGroupKey(
    ctx,
    e,
    { list, at: list.findIndex((x) => x.start_time === d.start_time), keyOf: (x) => keyOf(date, x), radios: '[role="radio"]' },
    (x) => ctx.c.chooseDeparture(date, x),
    (x) => {
      if (x.is_available) ctx.c.chooseDeparture(date, x)
    }
  )
}
