import { Heading, Input, Text } from "@medusajs/ui"
import { type AppointmentForm, appointmentErrorField, APPOINTMENT_NUMBER_FIELDS, SLOT_MINUTE_OPTIONS, WEEK } from "../lib/appointment"
import { errorMessage } from "../lib/format"
import { Field, NativeSelect } from "./common"
import { HoursRangesField } from "./hours-ranges"

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
            options={SLOT_MINUTE_OPTIONS}
            aria-describedby={messageFor("slot_minutes") ? "appointment-slot_minutes-error" : "appointment-slot_minutes-hint"}
          />
          <Text size="xsmall" className="text-ui-fg-muted" id="appointment-slot_minutes-hint">
            Bookings start on this grid from the start of each range; durations are multiples of it.
          </Text>
          <FieldError id="appointment-slot_minutes-error" message={messageFor("slot_minutes")} />
        </Field>
        {APPOINTMENT_NUMBER_FIELDS.map(([key, label]) => (
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
