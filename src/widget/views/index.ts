/**
 * The views, by step. A booking mode with a `time` step (a departure picker
 * for `DEPARTURE`, a slot picker for `APPOINTMENT`) registers its view in
 * `TIME_VIEWS`: it reads `s.availability` / its own data through the
 * controller and calls `c.chooseTimes([...])`; the element shows it between
 * the calendar and the details, and Hold books what `holdTarget` makes of it.
 */
import type { BookingMode } from "../state"
import type { View } from "./context"
import { departuresView } from "./departures"
import { slotsView } from "./slots"

export { calendarView } from "./calendar"
export { selectionView } from "./selection"
export { heldView } from "./held"
export { confirmationView } from "./confirmation"
export { messagesView } from "./messages"
export type { View, ViewContext } from "./context"

export const TIME_VIEWS: Partial<Record<BookingMode, View>> = { DEPARTURE: departuresView, APPOINTMENT: slotsView }
