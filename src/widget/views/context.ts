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
