import { Container, Heading, Text, clx } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { MAX_PAGE_SIZE } from "../../modules/resource_booking/constants"
import { addDays, weekdayOf } from "../../modules/resource_booking/utils/dates"
import { useBlackouts } from "../hooks/blackouts"
import { useCapacity } from "../hooks/capacity"
import { WEEKDAY_LABELS } from "../lib/format"
import type { CapacityDay } from "../lib/types"
import { ErrorText } from "./common"
import { ManifestDrawer } from "./manifest-drawer"

const DAYS = 90

/** Background by how full a day is (taken / max). */
function fullness(day: CapacityDay | undefined): { className: string; label: string } {
  if (!day || day.max_capacity === 0) return { className: "bg-ui-bg-subtle text-ui-fg-muted", label: "no capacity" }
  const taken = (day.max_capacity - day.available_capacity) / day.max_capacity
  if (taken >= 1) return { className: "bg-ui-tag-red-bg text-ui-tag-red-text", label: "full" }
  if (taken >= 0.75) return { className: "bg-ui-tag-orange-bg text-ui-tag-orange-text", label: "75%+ taken" }
  if (taken > 0) return { className: "bg-ui-tag-blue-bg text-ui-tag-blue-text", label: "partly taken" }
  return { className: "bg-ui-tag-green-bg text-ui-tag-green-text", label: "free" }
}

/**
 * 90 days from today: each day shows available / max, coloured by how full
 * it is; blackout days are marked. A click opens that day's manifest.
 */
export const CapacityCalendar = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const [selected, setSelected] = useState<string | null>(null)
  const from = today
  const to = addDays(from, DAYS - 1)
  const capacity = useCapacity({ resource_id: resourceId, from, to })
  const blackouts = useBlackouts({ resource_id: resourceId, from, to, limit: MAX_PAGE_SIZE })

  const byDate = useMemo(
    () => new Map((capacity.data?.capacity ?? []).map((day) => [day.date, day])),
    [capacity.data]
  )
  const blackoutOf = (date: string) =>
    blackouts.data?.resource_blackouts.find((b) => b.start_date <= date && date <= b.end_date)

  const days = useMemo(() => Array.from({ length: DAYS }, (_, i) => addDays(from, i)), [from])
  const leading = weekdayOf(from)

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="capacity-calendar">
      <div className="flex items-center justify-between">
        <Heading level="h2">Capacity, next {DAYS} days</Heading>
        <div className="flex gap-x-3">
          {[
            ["bg-ui-tag-green-bg", "free"],
            ["bg-ui-tag-blue-bg", "partly taken"],
            ["bg-ui-tag-orange-bg", "75%+"],
            ["bg-ui-tag-red-bg", "full"],
            ["bg-ui-bg-subtle", "none"],
          ].map(([className, label]) => (
            <span key={label} className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
              <span className={clx("inline-block h-3 w-3 rounded-sm", className)} />
              {label}
            </span>
          ))}
          <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
            <span className="inline-block h-3 w-3 rounded-sm border border-dashed border-ui-fg-base" /> blackout
          </span>
        </div>
      </div>
      <ErrorText error={capacity.error || blackouts.error} />
      {capacity.isLoading && (
        <Text size="small" className="text-ui-fg-muted">
          Loading calendar…
        </Text>
      )}
      <div className="grid grid-cols-7 gap-1">
        {WEEKDAY_LABELS.map((label) => (
          <div key={label} className="txt-compact-xsmall-plus text-ui-fg-muted text-center">
            {label}
          </div>
        ))}
        {Array.from({ length: leading }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((date) => {
          const day = byDate.get(date)
          const blackout = blackoutOf(date)
          const { className, label } = fullness(day)
          return (
            <button
              type="button"
              key={date}
              data-date={date}
              title={`${date}: ${day ? `${day.available_capacity} / ${day.max_capacity} available` : "no capacity"} (${label})${
                blackout ? `, blackout${blackout.reason ? `: ${blackout.reason}` : ""}` : ""
              }`}
              onClick={() => setSelected(date)}
              className={clx(
                "flex h-16 flex-col items-start justify-between rounded-md p-1 text-left transition-fg hover:opacity-80",
                className,
                blackout && "border-ui-fg-base border-2 border-dashed"
              )}
            >
              <span className="txt-compact-xsmall-plus">{date.slice(5)}</span>
              <span className="txt-compact-xsmall">
                {day ? `${day.available_capacity} / ${day.max_capacity}` : "–"}
              </span>
              {blackout && <span className="txt-compact-xsmall font-medium">Blackout</span>}
            </button>
          )
        })}
      </div>
      <ManifestDrawer resourceId={resourceId} date={selected} onClose={() => setSelected(null)} />
    </Container>
  )
}
