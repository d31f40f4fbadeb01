import { Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { errorMessage } from "../lib/format"

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
  id,
}: {
  value: string
  onChange: (value: string) => void
  options: readonly string[]
  id?: string
}) => (
  <select
    id={id}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    className="bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base h-8 rounded-md px-2 outline-none"
  >
    {options.map((option) => (
      <option key={option} value={option}>
        {option}
      </option>
    ))}
  </select>
)
