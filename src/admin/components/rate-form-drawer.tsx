import { Button, Checkbox, Drawer, Input, Text } from "@medusajs/ui"
import { FormEvent, ReactNode, useEffect, useState } from "react"
import { useSaveRate } from "../hooks/rates"
import { WEEK } from "../lib/appointment"
import { errorMessage } from "../lib/format"
import { newRatePriceRow, RateField, rateBody, rateErrorField, rateForm } from "../lib/rates"
import type { Rate } from "../lib/types"
import { ErrorText, Field } from "./common"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  variantId: string
  /** Edit this rate; create a new one without it. */
  rate?: Rate
  /** The variant's currencies (its base prices): a new rate starts with a price in each. */
  currencies: string[]
}

/** A field's message under it, read with the field. */
const FieldError = ({ field, error, children }: { field: RateField; error: unknown; children?: ReactNode }) =>
  rateErrorField(error) === field ? (
    <Text size="xsmall" className="text-ui-fg-error" id={`rate-${field}-error`} role="alert" data-testid="field-error">
      {children ?? errorMessage(error)}
    </Text>
  ) : null

/**
 * Create or edit a booking rate: title, season (from–to), weekdays, start
 * time, duration, and an amount per currency; the server's 400 shows under
 * the field it names (under the form when it names several).
 */
export const RateFormDrawer = ({ open, onOpenChange, variantId, rate, currencies }: Props) => {
  const [form, setForm] = useState(() => rateForm(rate, currencies))
  const save = useSaveRate(variantId, rate?.id)
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }))
  const errorField = rateErrorField(save.error)
  const described = (field: RateField) => (errorField === field ? `rate-${field}-error` : undefined)

  useEffect(() => {
    if (!open) return
    setForm(rateForm(rate, currencies))
    save.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, rate?.id])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(rateBody(form), { onSuccess: () => onOpenChange(false) })
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex h-full flex-col" data-testid="rate-form">
          <Drawer.Header>
            <Drawer.Title>{rate ? "Edit rate" : "Add rate"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              A rate's prices apply to bookings that match all its conditions (at least one); where several rates
              match, the one with more conditions wins. Other bookings pay the variant's price.
            </Text>
            <Field label="Title (optional)" htmlFor="rate-title">
              <Input id="rate-title" value={form.title} placeholder="From its conditions" aria-describedby={described("title")} onChange={(e) => set({ title: e.target.value })} />
              <FieldError field="title" error={save.error} />
            </Field>
            <fieldset className="flex flex-col gap-y-1">
              <legend className="txt-compact-small-plus text-ui-fg-subtle mb-1">Season (dates of the booking, both included)</legend>
              <div className="grid grid-cols-2 gap-3">
                <Input id="rate-season-from" type="date" aria-label="Season from" value={form.season_from} aria-describedby={described("season")} onChange={(e) => set({ season_from: e.target.value })} />
                <Input id="rate-season-to" type="date" aria-label="Season to" value={form.season_to} aria-describedby={described("season")} onChange={(e) => set({ season_to: e.target.value })} />
              </div>
              <FieldError field="season" error={save.error} />
            </fieldset>
            <fieldset className="flex flex-col gap-y-1" aria-describedby={described("weekdays")}>
              <legend className="txt-compact-small-plus text-ui-fg-subtle mb-1">Weekdays (none: every day)</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {WEEK.map(([day, label]) => (
                  <label key={day} className="txt-compact-small flex items-center gap-x-1">
                    <Checkbox
                      checked={form.weekdays.includes(Number(day))}
                      onCheckedChange={(on) =>
                        set({ weekdays: on === true ? [...form.weekdays, Number(day)] : form.weekdays.filter((d) => d !== Number(day)) })
                      }
                    />
                    {label}
                  </label>
                ))}
              </div>
              <FieldError field="weekdays" error={save.error} />
            </fieldset>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Start time (departures, appointments)" htmlFor="rate-start-time">
                <Input id="rate-start-time" type="time" value={form.start_time} aria-describedby={described("start_time")} onChange={(e) => set({ start_time: e.target.value })} />
                <FieldError field="start_time" error={save.error} />
              </Field>
              <Field label="Duration in minutes (appointments)" htmlFor="rate-duration">
                <Input id="rate-duration" type="number" min={1} value={form.duration_minutes} aria-describedby={described("duration_minutes")} onChange={(e) => set({ duration_minutes: e.target.value })} />
                <FieldError field="duration_minutes" error={save.error} />
              </Field>
            </div>
            <fieldset className="flex flex-col gap-y-2" data-testid="rate-prices">
              <legend className="txt-compact-small-plus text-ui-fg-subtle mb-1">Price per booked unit</legend>
              {form.prices.map((row, index) => (
                <div key={row.id} className="flex items-center gap-x-2">
                  <Input
                    id={`rate-currency-${index}`}
                    aria-label={`Currency ${index + 1}`}
                    value={row.currency_code}
                    placeholder="eur"
                    className="w-24"
                    aria-describedby={described("prices")}
                    onChange={(e) => set({ prices: form.prices.map((r) => (r.id === row.id ? { ...r, currency_code: e.target.value } : r)) })}
                  />
                  <Input
                    id={`rate-amount-${index}`}
                    aria-label={`Amount in ${row.currency_code.toUpperCase() || `currency ${index + 1}`}`}
                    type="number"
                    min={0}
                    step="0.01"
                    value={row.amount}
                    aria-describedby={described("prices")}
                    onChange={(e) => set({ prices: form.prices.map((r) => (r.id === row.id ? { ...r, amount: e.target.value } : r)) })}
                  />
                  <Button
                    type="button"
                    size="small"
                    variant="transparent"
                    disabled={form.prices.length < 2}
                    aria-label={`Remove the price in ${row.currency_code.toUpperCase() || `currency ${index + 1}`}`}
                    onClick={() => set({ prices: form.prices.filter((r) => r.id !== row.id) })}
                  >
                    Remove
                  </Button>
                </div>
              ))}
              <div>
                <Button type="button" size="small" variant="secondary" onClick={() => set({ prices: [...form.prices, newRatePriceRow()] })}>
                  Add currency
                </Button>
              </div>
              <FieldError field="prices" error={save.error} />
            </fieldset>
            {!errorField && <ErrorText error={save.error} />}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button type="submit" isLoading={save.isPending}>
              {rate ? "Save" : "Add rate"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
