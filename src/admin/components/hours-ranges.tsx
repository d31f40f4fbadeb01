import { Button, Input, Text } from "@medusajs/ui"
import { useState } from "react"
import { type HoursRow, newHoursRow } from "../lib/appointment"

/**
 * The ranges of one day: a start and an end time field each, Remove per
 * range, "Add hours" adding one (after the last, an hour long) and moving
 * the focus to it. No range: closed.
 */
export const HoursRangesField = ({
  idPrefix,
  label,
  value,
  onChange,
  error,
  size = "small",
}: {
  /** Ids of the inputs: `${idPrefix}-${index}-start` / `-end`. */
  idPrefix: string
  /** What the ranges are of ("Monday", "2026-12-08"): in the fields' accessible names. */
  label: string
  value: HoursRow[]
  onChange: (rows: HoursRow[]) => void
  /** The server's message for these ranges. */
  error?: string | null
  size?: "small" | "base"
}) => {
  const [added, setAdded] = useState<number | null>(null)
  const add = () => {
    const last = value[value.length - 1]
    const start = last?.end && last.end !== "00:00" ? last.end : "09:00"
    const [hour, minute] = start.split(":").map(Number)
    const end = `${String(Math.min(hour + 1, 23)).padStart(2, "0")}:${String(minute).padStart(2, "0")}`
    const row = newHoursRow(start, end > start ? end : "00:00")
    setAdded(row.id)
    onChange([...value, row])
  }
  const change = (id: number, patch: Partial<HoursRow>) => onChange(value.map((row) => (row.id === id ? { ...row, ...patch } : row)))
  const errorId = `${idPrefix}-error`

  return (
    <div className="flex flex-col gap-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {value.length ? (
          value.map((row, index) => (
            <div key={row.id} className="flex items-center gap-x-1" data-testid="hours-range">
              <Input
                id={`${idPrefix}-${index}-start`}
                aria-label={`${label}, hours ${index + 1}, from`}
                aria-invalid={!!error || undefined}
                aria-describedby={error ? errorId : undefined}
                type="time"
                size={size}
                value={row.start}
                autoFocus={row.id === added}
                onChange={(e) => change(row.id, { start: e.target.value })}
                className="w-28"
              />
              <span className="txt-compact-small text-ui-fg-muted">–</span>
              <Input
                id={`${idPrefix}-${index}-end`}
                aria-label={`${label}, hours ${index + 1}, to`}
                aria-invalid={!!error || undefined}
                aria-describedby={error ? errorId : undefined}
                type="time"
                size={size}
                value={row.end}
                onChange={(e) => change(row.id, { end: e.target.value })}
                className="w-28"
              />
              <Button
                type="button"
                size="small"
                variant="transparent"
                aria-label={`Remove ${label} ${row.start || "?"}–${row.end || "?"}`}
                onClick={() => onChange(value.filter((r) => r.id !== row.id))}
              >
                Remove
              </Button>
            </div>
          ))
        ) : (
          <Text size="small" className="text-ui-fg-muted" data-testid="hours-closed">
            Closed
          </Text>
        )}
        <Button type="button" size="small" variant="secondary" aria-label={`Add hours on ${label}`} onClick={add}>
          Add hours
        </Button>
      </div>
      {error && (
        <Text size="xsmall" className="text-ui-fg-error" id={errorId} role="alert" data-testid="field-error">
          {error}
        </Text>
      )}
    </div>
  )
}
