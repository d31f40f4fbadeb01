/**
 * A booking rate as edited in the admin (no React here, so unit tests read
 * it): the form of a rate, the body it sends, its conditions in words, and
 * which field a server message names.
 */
import { errorMessage, numberField, WEEKDAY_LABELS } from "./format"
import type { Rate, RateInput } from "./types"

export type RatePriceRow = { id: number; currency_code: string; amount: string }
let nextPriceRowId = 0
export const newRatePriceRow = (currency_code = "", amount = ""): RatePriceRow => ({ id: nextPriceRowId++, currency_code, amount })

export type RateForm = {
  title: string
  season_from: string
  season_to: string
  weekdays: number[]
  start_time: string
  duration_minutes: string
  prices: RatePriceRow[]
}

/** The form of a rate (a new one: one price row in each of the variant's currencies). */
export function rateForm(rate: Rate | undefined, currencies: string[]): RateForm {
  return {
    title: rate?.title ?? "",
    season_from: rate?.season?.from ?? "",
    season_to: rate?.season?.to ?? "",
    weekdays: rate?.weekdays ?? [],
    start_time: rate?.start_time ?? "",
    duration_minutes: rate?.duration_minutes != null ? String(rate.duration_minutes) : "",
    prices: rate ? rate.prices.map((p) => newRatePriceRow(p.currency_code, String(p.amount))) : (currencies.length ? currencies : [""]).map((c) => newRatePriceRow(c)),
  }
}

/**
 * The body of a create or an update: every condition sent (an empty one as
 * null, which clears it), a season when either date is filled (the server
 * names the missing one), numbers as typed, an empty title left out (the
 * server makes one from the conditions).
 */
export function rateBody(form: RateForm): RateInput {
  return {
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    season: form.season_from || form.season_to ? { from: form.season_from, to: form.season_to } : null,
    weekdays: form.weekdays.length ? [...form.weekdays].sort() : null,
    start_time: form.start_time || null,
    duration_minutes: form.duration_minutes.trim() ? numberField(form.duration_minutes) : null,
    prices: form.prices.map((row) => ({ currency_code: row.currency_code.trim().toLowerCase(), amount: numberField(row.amount) })),
  }
}

const RATE_FIELDS = ["title", "season", "weekdays", "start_time", "duration_minutes", "prices"] as const
export type RateField = (typeof RATE_FIELDS)[number]

/**
 * The one field a server message names (`season.from must be on or before
 * season.to` → season); null when it names none, or several (a rate without
 * any condition: the message stays under the form).
 */
export function rateErrorField(error: unknown): RateField | null {
  if (!error) return null
  const message = errorMessage(error)
  const named = RATE_FIELDS.filter((field) => new RegExp(`\\b${field}\\b`).test(message))
  return named.length === 1 ? named[0] : null
}

/** When a rate applies, in words: "2026-12-20 – 2027-01-10 · Sat, Sun · 07:00 · 120 min"; "always" never happens (a rate has a condition). */
export function describeRate(rate: Pick<Rate, "season" | "weekdays" | "start_time" | "duration_minutes">): string {
  return [
    rate.season ? `${rate.season.from} – ${rate.season.to}` : null,
    rate.weekdays?.length ? [...rate.weekdays].sort().map((d) => WEEKDAY_LABELS[d]).join(", ") : null,
    rate.start_time ? `starts ${rate.start_time}` : null,
    rate.duration_minutes ? `${rate.duration_minutes} min` : null,
  ]
    .filter(Boolean)
    .join(" · ")
}

/** Prices in words: "AUD 120, EUR 80". */
export const describePrices = (prices: { currency_code: string; amount: number }[]) =>
  prices.map((p) => `${p.currency_code.toUpperCase()} ${p.amount}`).join(", ")
