/**
 * The widget's words: why a date cannot be booked, counts with their nouns
 * ("1 group", "2 people", "3 days"), failures as sentences.
 */
import { AvailabilityDate, Price, WidgetError } from "./api"
import { formatTime, wallClock } from "./dates"

const REASON_TEXT: Record<string, string> = {
  PAST: "in the past",
  CUTOFF: "bookings for this date have closed (cutoff)",
  OUTSIDE_WINDOW: "not open for booking yet",
  BLACKOUT: "closed (blackout)",
  NO_CAPACITY: "not offered on this date",
  SOLD_OUT: "sold out",
  STARTED: "already started",
}

const SHORT_REASON: [string, string][] = [
  ["SOLD_OUT", "Sold out"],
  ["BLACKOUT", "Closed"],
  ["CUTOFF", "Booking closed"],
  ["OUTSIDE_WINDOW", "Not open yet"],
  ["STARTED", "Started"],
]

/** What can be booked or not: a date, or a departure of one. */
type Bookable = Pick<AvailabilityDate, "is_available" | "available_quantity" | "reason">

/** Why a date (or a departure) cannot be booked, in words; its count when it can. */
export function reasonText(a: Bookable | undefined, quantity: number) {
  if (!a) return "not available"
  if (a.is_available) return `${a.available_quantity} available`
  const reason = a.reason ?? (a.available_quantity > 0 ? "SOLD_OUT" : "NO_CAPACITY")
  if (reason === "SOLD_OUT" && a.available_quantity > 0) return `only ${a.available_quantity} left, fewer than ${quantity}`
  return REASON_TEXT[reason] ?? "not available"
}

/**
 * What a date offers, in words: "7 available"; for departures "2 departures
 * from 07:00, up to 5 places" (the first one's local time, read from its
 * instant); else why it cannot be booked.
 */
export function availabilityText(a: AvailabilityDate, quantity: number, locale: string, mode = "DAY") {
  if (!a.is_available) return reasonText(a, quantity)
  // An appointment's date: free times (the most units free at one start, where there are several).
  if (mode === "APPOINTMENT") return a.available_quantity > 1 ? `times free, up to ${a.available_quantity} at once` : "times free"
  if (!a.departures) return `${a.available_quantity} available`
  const open = a.departures.filter((d) => d.is_available)
  const n = open.length
  const first = formatTime(wallClock(open[0].starts_at).time, locale)
  return `${n} ${n === 1 ? "departure" : "departures"} ${n === 1 ? "at" : "from"} ${first}, up to ${a.available_quantity} places`
}

/** The few words in a calendar cell (or beside a departure). */
export function shortReason(a: Bookable) {
  const found = SHORT_REASON.find(([r]) => r === a.reason)
  if (found) return found[1]
  if (a.reason === "SOLD_OUT" || a.available_quantity > 0) return a.available_quantity > 0 ? `${a.available_quantity} left` : "Sold out"
  return ""
}

export function capitalize(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function errorText(e: unknown) {
  if (e instanceof WidgetError) return e.message
  return "Something went wrong in the booking calendar. Please reload the page and try again."
}

// ------------------------------------------------------------------ nouns

/** A noun in its two English forms. */
export type Noun = { one: string; other: string }

const IRREGULAR: Record<string, string> = { person: "people", child: "children", man: "men", woman: "women", adult: "adults" }

/** The English plural of a (lower-case) noun. */
export function pluralOf(word: string): string {
  const lower = word.toLowerCase()
  if (IRREGULAR[lower]) return IRREGULAR[lower]
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`
  return `${word}s`
}

export const DAY: Noun = { one: "day", other: "days" }
export const DATE: Noun = { one: "date", other: "dates" }
export const DEPARTURE: Noun = { one: "departure", other: "departures" }

/** "1 day", "2 days"; "2" without a noun. */
export function count(n: number, noun: Noun | null): string {
  if (!noun) return String(n)
  return `${n} ${n === 1 ? noun.one : noun.other}`
}

/**
 * What one unit of the variant is called, from (in this order) the element's
 * `unit-label` / `unit-label-plural`, the variant's `metadata.unit_label` /
 * `unit_label_plural`, a variant title "Per group per day" ("group") or a
 * one-word title ("Seat"); null when none says (then "2 × 3 days").
 */
export function unitNoun(
  label: string | null | undefined,
  labelPlural: string | null | undefined,
  variant: { title?: string | null; metadata?: Record<string, unknown> | null } | null
): Noun | null {
  const given = (s: unknown) => (typeof s === "string" && s.trim() ? s.trim() : null)
  const make = (one: string, other: string | null) => ({ one, other: other ?? pluralOf(one) })
  const attr = given(label)
  if (attr) return make(attr, given(labelPlural))
  const meta = given(variant?.metadata?.unit_label)
  if (meta) return make(meta, given(variant?.metadata?.unit_label_plural))
  const title = given(variant?.title)
  if (!title) return null
  const per = /^per\s+([a-z][a-z-]*)\b/i.exec(title)
  if (per) return make(per[1].toLowerCase(), null)
  if (/^[a-z][a-z-]*$/i.test(title)) return make(title.toLowerCase(), null)
  return null
}

/** "1 group × 2 days", "2 × 3 days" (no noun known). */
export function bookingPhrase(quantity: number, unit: Noun | null, n: number, per: Noun = DAY): string {
  return `${count(quantity, unit)} × ${count(n, per)}`
}

// ------------------------------------------------------------------ prices

/**
 * A price in the shop's currency with the customer's locale: amounts are
 * major units (130 = A$130.00, docs/PRICING.md). An unknown currency code
 * falls back to "130 XYZ".
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const code = currency.toUpperCase()
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code }).format(amount)
  } catch (e) {
    return `${amount} ${code}`
  }
}

/** A date's (departure's, slot's) price in words: "A$130.00", or "from A$95.00" when it is the lowest of several. */
export function priceText(price: Price | null | undefined, locale: string, from = false): string {
  if (!price) return ""
  const money = formatMoney(price.amount, price.currency_code, locale)
  return from ? `from ${money}` : money
}
