import type { BookingController, WidgetConfig } from "../controller"
import type { WidgetState } from "../state"

/** What every view reads: the state, the controller's actions, and the element's settings and formatters. */
export type ViewContext = {
  s: Readonly<WidgetState>
  c: BookingController
  config: WidgetConfig
  locale: string
  weekStart: number
  /** The element's shadow root (the calendar moves its tab stop without a render). */
  root: ShadowRoot
  describe(dates: string[]): string
  /** An amount in major units, in `currency` (default: the variant's base price's). */
  money(amount: number, currency?: string): string
  /** The text under the calendar for the hovered or focused date. */
  dateInfo: string
  showDateInfo(date: string): void
}

/** A view: state in, elements out (event handlers call the controller). */
export type View = (ctx: ViewContext) => HTMLElement

/**
 * A roving radio group's keys (the departures, the appointment starts):
 * arrow keys and Home/End move through `list`, wrapping around, give the one
 * tab stop to the item they reach, focus it and `move` to it (selection
 * follows focus, as in a native radio group); Space or Enter `pick`s the
 * focused item. Other keys pass.
 */
export function onRadioGroupKey<T>(
  ctx: ViewContext,
  e: KeyboardEvent,
  group: { list: T[]; at: number; keyOf: (item: T) => string; radios: string },
  pick: (item: T) => void,
  move: (item: T) => void
) {
  const { list, at } = group
  let next = -1
  if (e.key === "ArrowDown" || e.key === "ArrowRight") next = (at + 1) % list.length
  else if (e.key === "ArrowUp" || e.key === "ArrowLeft") next = (at - 1 + list.length) % list.length
  else if (e.key === "Home") next = 0
  else if (e.key === "End") next = list.length - 1
  else if (e.key === " " || e.key === "Enter") {
    e.preventDefault()
    pick(list[at])
    return
  } else return
  e.preventDefault()
  const target = list[next]
  const key = group.keyOf(target)
  ctx.root.querySelectorAll<HTMLElement>(group.radios).forEach((r) => r.setAttribute("tabindex", r.dataset.key === key ? "0" : "-1"))
  ctx.root.querySelector<HTMLElement>(`[data-key="${key}"]`)?.focus()
  move(target)
}
