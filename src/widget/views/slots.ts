/**
 * The slot picker (step `time` of an `APPOINTMENT` variant): the duration
 * (a native select, when the resources allow more than one) and the chosen
 * date's free starts as a WAI-ARIA radio group, one tab stop, arrow keys
 * moving between them and choosing the one they reach. Each start says its
 * range in the shop's local time (read from its instants, never the
 * browser's zone) and, for resources with several units, how many are free.
 * Only free starts are listed; a date with none says so ("no times left").
 */
import { Slot } from "../api"
import { formatDate, formatSpan, formatTime, offsetLabel, wallClock } from "../dates"
import { el } from "../dom"
import { durationText, slotsLoaded, slotsOn } from "../state"
import { count, priceText } from "../text"
import { onRadioGroupKey, ViewContext } from "./context"

const keyOf = (date: string, slot: Slot) => `slot:${date}:${slot.start_time}`

export function slotsView(ctx: ViewContext): HTMLElement {
  const { s, c, locale } = ctx
  const date = s.selected[0]
  const list = slotsOn(s, date)
  const loaded = slotsLoaded(s, date)
  const [chosen] = s.times
  const isChosen = (x: Slot) => !!chosen && chosen.date === date && chosen.start_time === x.start_time
  const stop = list.find(isChosen) ?? list[0]
  const day = formatDate(date, locale, { weekday: "long", day: "numeric", month: "long" })
  const zone = list[0] ? offsetLabel(list[0].starts_at) : ""
  // Units are worth saying when there are several (kayaks), not for a guide booked alone.
  const units = list.some((x) => x.available_units > 1)
  const duration =
    s.durations.length > 1
      ? el(
          "div",
          { className: "field duration" },
          el("label", { for: "rbw-duration", text: "Duration" }),
          el(
            "select",
            {
              id: "rbw-duration",
              "data-key": "duration",
              disabled: s.busy,
              onchange: (e: Event) => c.setDuration(Number((e.target as HTMLSelectElement).value)),
            },
            s.durations.map((d) => el("option", { value: String(d), selected: d === s.duration, text: durationText(d) }))
          )
        )
      : el("p", { "data-key": "duration", text: `Duration: ${durationText(s.duration)}` })
  const shorter = s.durations.some((d) => d < s.duration)
  const body = !loaded
    ? el("p", { className: "hint", "data-part": "slots-loading", text: "Loading the free times…" })
    : list.length
      ? el(
          "div",
          {
            role: "radiogroup",
            className: "slot-list",
            "data-key": `slot-list:${date}:${s.duration}`,
            "aria-labelledby": "rbw-slots-title",
            "aria-describedby": "rbw-slots-hint",
            "aria-busy": s.slotsLoading ? "true" : "false",
          },
          list.map((x) => option(ctx, date, x, x === stop, isChosen(x), units))
        )
      : el("p", {
          className: "no-slots",
          "data-part": "no-slots",
          "data-key": "no-slots",
          text: `No times left on this date for ${durationText(s.duration)}${s.quantity > 1 ? ` and ${count(s.quantity, s.unit)}` : ""}. Choose ${shorter ? "a shorter duration or " : ""}another date.`,
        })
  return el(
    "section",
    { className: "slots", "data-key": "slots", "data-part": "slots", "aria-labelledby": "rbw-slots-title", "aria-busy": s.slotsLoading ? "true" : "false" },
    el("h3", { id: "rbw-slots-title", text: `Start times on ${day}` }),
    duration,
    body,
    el("p", {
      className: "hint",
      id: "rbw-slots-hint",
      text: `Times are local to the shop${zone ? ` (${zone})` : ""}. Only free start times are shown.`,
    })
  )
}

function option(ctx: ViewContext, date: string, x: Slot, stop: boolean, chosen: boolean, units: boolean) {
  const { s, c, locale } = ctx
  const span = formatSpan(x, locale)
  const left = `${count(x.available_units, s.unit ?? { one: "unit", other: "units" })} free`
  const price = priceText(x.price, locale)
  return el(
    "div",
    {
      role: "radio",
      className: "slot",
      tabindex: stop ? "0" : "-1",
      "data-key": keyOf(date, x),
      "data-start-time": x.start_time,
      "aria-checked": chosen ? "true" : "false",
      "aria-disabled": s.phase === "select" && !s.busy ? undefined : "true",
      "aria-label": [span, units ? left : "", price].filter(Boolean).join(", "),
      onclick: () => c.chooseSlot(date, x),
      onkeydown: (e: KeyboardEvent) => onKey(ctx, e, date, x),
    },
    el("span", { className: "time", "aria-hidden": "true", text: formatTime(wallClock(x.starts_at).time, locale) }),
    units ? el("span", { className: "left", "aria-hidden": "true", text: `${x.available_units} free` }) : null,
    price ? el("span", { className: "price", "aria-hidden": "true", "data-part": "slot-price", text: price }) : null
  )
}

/**
 * Arrow keys (and Home/End) move through the starts, wrapping around, and
 * choose the one they reach (selection follows focus, as in a native radio
 * group); Space or Enter chooses the focused one.
 */
function onKey(ctx: ViewContext, e: KeyboardEvent, date: string, x: Slot) {
  const list = slotsOn(ctx.s, date)
  const choose = (y: Slot) => ctx.c.chooseSlot(date, y)
  onRadioGroupKey(
    ctx,
    e,
    { list, at: list.findIndex((y) => y.start_time === x.start_time), keyOf: (y) => keyOf(date, y), radios: '.slot[role="radio"]' },
    choose,
    choose
  )
}
