import { Badge, Button, Input, Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { BOOKING_MODE_LABELS, errorMessage } from "../lib/format"
import type { BookingMode } from "../lib/types"

/** The server's error message, under a form or a list. */
export const ErrorText = ({ error, className }: { error: unknown; className?: string }) =>
  error ? (
    <Text size="small" className={`text-ui-fg-error ${className ?? ""}`} role="alert" data-testid="error-message">
      {errorMessage(error)}
    </Text>
  ) : null

export const Field = ({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <label htmlFor={htmlFor} className="txt-compact-small-plus text-ui-fg-subtle">
      {label}
    </label>
    {children}
  </div>
)

/** A native select styled like @medusajs/ui inputs (fast, keyboard-friendly). */
export const NativeSelect = ({
  value,
  onChange,
  options,
  labels,
  id,
  "aria-describedby": describedBy,
}: {
  value: string
  onChange: (value: string) => void
  options: readonly string[]
  /** What each option reads as (the option itself when absent). */
  labels?: Partial<Record<string, string>>
  id?: string
  "aria-describedby"?: string
}) => (
  <select
    id={id}
    aria-describedby={describedBy}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    className="bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base h-8 rounded-md px-2 outline-none"
  >
    {options.map((option) => (
      <option key={option} value={option}>
        {labels?.[option] ?? option}
      </option>
    ))}
  </select>
)

/** A labelled `<input type="date">` (calendar dates are `YYYY-MM-DD` strings end to end). */
export const DateField = ({
  id,
  label,
  value,
  onChange,
  size,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  size?: "small"
}) => (
  <Field label={label} htmlFor={id}>
    <Input id={id} type="date" size={size} value={value} onChange={(e) => onChange(e.target.value)} />
  </Field>
)

/** A row's button in a table (release, delete, unlink…), spinning while its request runs. */
export const RowButton = ({ pending, onClick, children }: { pending?: boolean; onClick: () => void; children: ReactNode }) => (
  <Button size="small" variant="secondary" isLoading={pending} onClick={onClick}>
    {children}
  </Button>
)

/** The end of a form: the server's error for it, then its submit button. */
export const SubmitRow = ({ error, pending, children }: { error: unknown; pending: boolean; children: ReactNode }) => (
  <>
    <ErrorText error={error} />
    <div>
      <Button type="submit" size="small" isLoading={pending}>
        {children}
      </Button>
    </div>
  </>
)

/** A resource's status: Active (bookable in the store) or Inactive. */
export const ActiveBadge = ({ active }: { active: boolean }) => (
  <Badge size="2xsmall" color={active ? "green" : "grey"}>
    {active ? "Active" : "Inactive"}
  </Badge>
)

const BOOKING_MODE_COLORS: Record<BookingMode, "grey" | "purple" | "blue"> = { DAY: "grey", DEPARTURE: "purple", APPOINTMENT: "blue" }

/** A resource's booking mode: by the day, departures or appointments. */
export const BookingModeBadge = ({ mode }: { mode: BookingMode | undefined }) => (
  <Badge size="2xsmall" color={BOOKING_MODE_COLORS[mode ?? "DAY"]} data-booking-mode={mode ?? "DAY"}>
    {BOOKING_MODE_LABELS[mode ?? "DAY"]}
  </Badge>
)
