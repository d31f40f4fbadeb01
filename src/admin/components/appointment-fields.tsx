import { Heading, Input, Text } from "@medusajs/ui"
import { errorMessage, numberField } from "../lib/format"
import type { AppointmentSettings } from "../lib/types"
import { Field, NativeSelect } from "./common"
import { HoursRangesField, HoursRow, hoursRanges, hoursRows } from "./hours-ranges"

/** The grids the server takes (contract "Appointments"). */
const SLOT_MINUTES = ["5", "10", "15", "20", "30", "60"]
/** Weekdays as a person reads a week (Monday first), with the API's keys ("0" = Sunday). */
export const WEEK = [
  ["1", "Monday"],
  ["2", "Tuesday"],
  ["3", "Wednesday"],
  ["4", "Thursday"],
  ["5", "Friday"],
  ["6", "Saturday"],
  ["0", "Sunday"],
] as const

const NUMBER_FIELDS = [
  ["min_duration_minutes", "Shortest booking (minutes)"],
  ["max_duration_minutes", "Longest booking (minutes)"],
  ["buffer_before_minutes", "Buffer before (minutes)"],
  ["buffer_after_minutes", "Buffer after (minutes)"],
  ["units", "Units (bookings at once)"],
] as const
type NumberKey = (typeof NUMBER_FIELDS)[number][0]

/** The appointment settings as edited: ranges per weekday, numbers as typed. */
export type AppointmentForm = { hours: Record<string, HoursRow[]>; slot_minutes: string } & Record<NumberKey, string>

/**
 * The form of a resource's settings; a new resource starts as the server's
 * defaults (15-minute grid, 15 to 480 minutes, no buffers, 1 unit) with
 * Monday to Friday 09:00–17:00 filled in (the server's default is closed).
 */
export function appointmentForm(settings: AppointmentSettings | null | undefined): AppointmentForm {
  const hours = settings?.working_hours ?? { "1": [["09:00", "17:00"]], "2": [["09:00", "17:00"]], "3": [["09:00", "17:00"]], "4": [["09:00", "17:00"]], "5": [["09:00", "17:00"]] }
  return {
    hours: Object.fromEntries(WEEK.map(([day]) => [day, hoursRows(hours[day as keyof typeof hours])])),
    slot_minutes: String(settings?.slot_minutes ?? 15),
    min_duration_minutes: String(settings?.min_duration_minutes ?? settings?.slot_minutes ?? 15),
    max_duration_minutes: String(settings?.max_duration_minutes ?? 480),
    buffer_before_minutes: String(settings?.buffer_before_minutes ?? 0),
    buffer_after_minutes: String(settings?.buffer_after_minutes ?? 0),
    units: String(settings?.units ?? 1),
  }
}

/** The form as `appointment` in a resource's body: weekdays without ranges left out (closed), numbers as typed. */
export function appointmentBody(form: AppointmentForm): Record<string, unknown> {
  return {
    working_hours: Object.fromEntries(
      Object.entries(form.hours)
        .filter(([, rows]) => rows.length)
        .map(([day, rows]) => [day, hoursRanges(rows)])
    ),
    slot_minutes: numberField(form.slot_minutes),
    ...Object.fromEntries(NUMBER_FIELDS.map(([key]) => [key, numberField(form[key])])),
  }
}

/**
 * Which field of the settings a server message names
 * (`appointment.working_hours.2[0] ends (11:00) before it starts (12:00)` →
 * `working_hours.2`; `appointment.max_duration_minutes must be …` →
 * `max_duration_minutes`), null when it names none of them.
 */
export function appointmentErrorField(error: unknown): string | null {
  if (!error) return null
  const match = /appointment\.(working_hours\.[0-6]|slot_minutes|min_duration_minutes|max_duration_minutes|buffer_before_minutes|buffer_after_minutes|units)\b/.exec(
    errorMessage(error)
  )
  return match ? match[1] : null
}

/** A field's message under it, read with the field (aria-describedby). */
const FieldError = ({ id, message }: { id: string; message: string | null }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error" id={id} role="alert" data-testid="field-error">
      {message}
    </Text>
  ) : null

/**
 * The appointment settings in the resource drawer: a week of working hours
 * (several ranges a day, added and removed, time fields; a day without any is
 * closed), the grid, the shortest and longest booking, the buffers and the
 * units. The server's 400 shows under the field it names.
 */
export const AppointmentFields = ({
  value,
  onChange,
  error,
}: {
  value: AppointmentForm
  onChange: (value: AppointmentForm) => void
  /** The save's error: shown under the field its message names. */
  error: unknown
}) => {
  const field = appointmentErrorField(error)
  const messageFor = (key: string) => (field === key ? errorMessage(error) : null)
  const set = (patch: Partial<AppointmentForm>) => onChange({ ...value, ...patch })

  return (
    <fieldset className="flex flex-col gap-y-3" data-testid="appointment-fields">
      <legend className="sr-only">Appointments</legend>
      <Heading level="h3">Appointments</Heading>
      <div className="flex flex-col gap-y-2" data-testid="working-hours">
        <Text size="small" weight="plus">
          Working hours
        </Text>
        <Text size="xsmall" className="text-ui-fg-muted">
          Local times in the shop's time zone; several ranges a day (a lunch break between them); a day without hours
          is closed. An end of 00:00 is midnight. Buffers may reach outside these hours, bookings may not.
        </Text>
        {WEEK.map(([day, label]) => (
          <div key={day} className="grid grid-cols-[6rem_1fr] items-start gap-x-2" data-weekday={day}>
            <span className="txt-compact-small-plus pt-1.5">{label}</span>
            <HoursRangesField
              idPrefix={`hours-${day}`}
              label={label}
              value={value.hours[day] ?? []}
              onChange={(rows) => set({ hours: { ...value.hours, [day]: rows } })}
              error={messageFor(`working_hours.${day}`)}
            />
          </div>
        ))}
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Grid (minutes)" htmlFor="appointment-slot_minutes">
          <NativeSelect
            id="appointment-slot_minutes"
            value={value.slot_minutes}
            onChange={(slot_minutes) => set({ slot_minutes })}
            options={SLOT_MINUTES}
            aria-describedby={messageFor("slot_minutes") ? "appointment-slot_minutes-error" : "appointment-slot_minutes-hint"}
          />
          <Text size="xsmall" className="text-ui-fg-muted" id="appointment-slot_minutes-hint">
            Bookings start on this grid from the start of each range; durations are multiples of it.
          </Text>
          <FieldError id="appointment-slot_minutes-error" message={messageFor("slot_minutes")} />
        </Field>
        {NUMBER_FIELDS.map(([key, label]) => (
          <Field key={key} label={label} htmlFor={`appointment-${key}`}>
            <Input
              id={`appointment-${key}`}
              type="number"
              min={key === "units" ? 1 : 0}
              value={value[key]}
              aria-invalid={!!messageFor(key) || undefined}
              aria-describedby={messageFor(key) ? `appointment-${key}-error` : undefined}
              onChange={(e) => set({ [key]: e.target.value } as Partial<AppointmentForm>)}
            />
            <FieldError id={`appointment-${key}-error`} message={messageFor(key)} />
          </Field>
        ))}
      </div>
    </fieldset>
  )
}
