import { Heading, Input, Switch, Text } from "@medusajs/ui"
import { optionalNumberField } from "../lib/format"
import type { BookingRules } from "../lib/types"
import { Field } from "./common"

/** The rules as the form holds them: text as typed, "" for a rule not set. */
export type BookingRulesForm = {
  days_before: string
  time: string
  max_advance_days: string
  min_dates: string
  max_dates: string
  min_notice_minutes: string
  consecutive: boolean
}

const text = (value: number | undefined) => (value === undefined ? "" : String(value))

export const bookingRulesForm = (rules: BookingRules | null | undefined): BookingRulesForm => ({
  days_before: text(rules?.cutoff?.days_before),
  time: rules?.cutoff?.time ?? "",
  max_advance_days: text(rules?.max_advance_days),
  min_dates: text(rules?.min_dates),
  max_dates: text(rules?.max_dates),
  min_notice_minutes: text(rules?.min_notice_minutes),
  consecutive: rules?.consecutive ?? false,
})

/**
 * The `booking_rules` to send: the rules filled in, or null when none is.
 * Nothing is checked here: the server answers 400 naming the field.
 */
export function bookingRulesBody(form: BookingRulesForm): Record<string, unknown> | null {
  const rules: Record<string, unknown> = {}
  if (form.days_before.trim() !== "" || form.time !== "") {
    rules.cutoff = { days_before: optionalNumberField(form.days_before) ?? 0, time: form.time }
  }
  for (const key of ["max_advance_days", "min_dates", "max_dates", "min_notice_minutes"] as const) {
    const value = optionalNumberField(form[key])
    if (value !== undefined) rules[key] = value
  }
  if (form.consecutive) rules.consecutive = true
  return Object.keys(rules).length ? rules : null
}

/** The booking rules part of the resource form (every rule optional; empty = no rule). */
export const BookingRulesFields = ({
  value,
  onChange,
}: {
  value: BookingRulesForm
  onChange: (value: BookingRulesForm) => void
}) => {
  const set = (patch: Partial<BookingRulesForm>) => onChange({ ...value, ...patch })
  const numberInput = (key: "days_before" | "max_advance_days" | "min_dates" | "max_dates" | "min_notice_minutes", label: string) => (
    <Field label={label} htmlFor={`rules-${key}`}>
      <Input id={`rules-${key}`} type="number" value={value[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  )
  return (
    <fieldset className="flex flex-col gap-y-3" data-testid="booking-rules-fields">
      <div>
        <Heading level="h3">Booking rules</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Every way of booking obeys them; leave a field empty for no rule. Changing them never touches existing holds
          or allocations.
        </Text>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {numberInput("days_before", "Cutoff: days before the date")}
        <Field label="Cutoff: at (time of day)" htmlFor="rules-time">
          <Input id="rules-time" type="time" value={value.time} onChange={(e) => set({ time: e.target.value })} />
        </Field>
        {numberInput("max_advance_days", "Bookable up to (days ahead)")}
        {numberInput("min_dates", "Min dates a booking")}
        {numberInput("max_dates", "Max dates a booking")}
        {numberInput("min_notice_minutes", "Departures: close minutes before the start")}
      </div>
      <div className="flex items-center gap-x-2">
        <Switch id="rules-consecutive" checked={value.consecutive} onCheckedChange={(consecutive) => set({ consecutive })} />
        <label htmlFor="rules-consecutive" className="txt-compact-small">
          Consecutive days only (the dates of one booking form a run)
        </label>
      </div>
    </fieldset>
  )
}
