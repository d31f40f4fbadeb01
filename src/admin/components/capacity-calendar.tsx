import { Container, Heading, Text, clx } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { MAX_PAGE_SIZE } from "../../modules/resource_booking/constants"
import { addDays, weekdayOf } from "../../modules/resource_booking/utils/dates"
import { useBlackouts } from "../hooks/blackouts"
import { useCapacity } from "../hooks/capacity"
import { departureTimes, WEEKDAY_LABELS } from "../lib/format"
import type { BookingMode, CapacityDay } from "../lib/types"
import { ErrorText } from "./common"
import { ManifestDrawer } from "./manifest-drawer"

/** A calendar's legend: a swatch per state, then the dashed blackout outline. */
export function CalendarLegend({ items, className }: { items: [swatch: string, label: string][]; className?: string }) {
  return (
    <div className={clx("flex gap-x-3", className)}>
      {items.map(([swatch, label]) => (
        <span key={label} className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
          <span className={clx("inline-block h-3 w-3 rounded-sm", swatch)} />
          {label}
        </span>
      ))}
      <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
        <span className="inline-block h-3 w-3 rounded-sm border border-dashed border-ui-fg-base" /> blackout
      </span>
    </div>
  )
}

/** The weekday names over a calendar grid, then a blank cell for each weekday before the first date. */
export function CalendarWeekHeader({ leading }: { leading: number }) {
  return (
    <>
      {WEEKDAY_LABELS.map((label) => (
        <div key={label} className="txt-compact-xsmall-plus text-ui-fg-muted text-center">
          {label}
        </div>
      ))}
      {Array.from({ length: leading }, (_, i) => (
        <div key={`lead-${i}`} />
      ))}
    </>
  )
}

/** How many days the calendar shows from today (the schedule form reads the same window). */
export const CALENDAR_DAYS = 90
const DAYS = CALENDAR_DAYS

/**
 * Background by how full a day is: taken / max over its capacity rows (the
 * date's one row, or all its departures).
 */
function fullness(rows: CapacityDay[]): { className: string; label: string } {
  const max = rows.reduce((sum, row) => sum + row.max_capacity, 0)
  const available = rows.reduce((sum, row) => sum + row.available_capacity, 0)
  if (!rows.length || max === 0) return { className: "bg-ui-bg-subtle text-ui-fg-muted", label: "no capacity" }
  const taken = (max - available) / max
  if (taken >= 1) return { className: "bg-ui-tag-red-bg text-ui-tag-red-text", label: "full" }
  if (taken >= 0.75) return { className: "bg-ui-tag-orange-bg text-ui-tag-orange-text", label: "75%+ taken" }
  if (taken > 0) return { className: "bg-ui-tag-blue-bg text-ui-tag-blue-text", label: "partly taken" }
  return { className: "bg-ui-tag-green-bg text-ui-tag-green-text", label: "free" }
}

/** A departure's load in words: "07:00–08:30: 3 of 12 seats taken", "… sold out", "… closed". */
function departureLoad(row: CapacityDay): string {
  const taken = row.max_capacity - row.available_capacity
  const times = row.starts_at && row.ends_at ? departureTimes({ starts_at: row.starts_at, ends_at: row.ends_at }) : row.start_time
  if (row.max_capacity === 0) return `${times}: closed`
  return `${times}: ${taken} of ${row.max_capacity} seats taken${row.available_capacity === 0 ? ", sold out" : ""}`
}

/** One departure in a day cell: start time and seats taken / seats; sold-out and closed ones say so. */
const DepartureLine = ({ row }: { row: CapacityDay }) => {
  const taken = row.max_capacity - row.available_capacity
  const soldOut = row.max_capacity > 0 && row.available_capacity === 0
  return (
    <span
      className={clx("txt-compact-xsmall flex w-full items-center justify-between gap-x-1", soldOut && "font-medium")}
      data-start-time={row.start_time}
      data-sold-out={soldOut || undefined}
    >
      <span>{row.start_time}</span>
      {row.max_capacity === 0 ? (
        <span>closed</span>
      ) : soldOut ? (
        <span className="rounded-sm bg-ui-tag-red-icon px-1 text-ui-fg-on-color">Sold out</span>
      ) : (
        <span>
          {taken}/{row.max_capacity}
        </span>
      )}
    </span>
  )
}

/**
 * 90 days from today: each day shows available / max (a DEPARTURE resource:
 * each departure with seats taken / seats, sold-out ones marked), coloured by
 * how full it is; blackout days are marked. A click (or Enter) opens that
 * day's manifest.
 */
export const CapacityCalendar = ({
  resourceId,
  today,
  bookingMode = "DAY",
}: {
  resourceId: string
  today: string
  bookingMode?: BookingMode
}) => {
  const [selected, setSelected] = useState<string | null>(null)
  const departures = bookingMode === "DEPARTURE"
  const from = today
  const to = addDays(from, DAYS - 1)
  const capacity = useCapacity({ resource_id: resourceId, from, to })
  const blackouts = useBlackouts({ resource_id: resourceId, from, to, limit: MAX_PAGE_SIZE })

  // A date's rows: its one capacity row, or its departures in start order (as the server sorts them).
  const byDate = useMemo(() => {
    const map = new Map<string, CapacityDay[]>()
    for (const row of capacity.data?.capacity ?? []) map.set(row.date, [...(map.get(row.date) ?? []), row])
    return map
  }, [capacity.data])
  const blackoutOf = (date: string) =>
    blackouts.data?.resource_blackouts.find((b) => b.start_date <= date && date <= b.end_date)

  const days = useMemo(() => Array.from({ length: DAYS }, (_, i) => addDays(from, i)), [from])
  const leading = weekdayOf(from)

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="capacity-calendar">
      <div className="flex items-center justify-between">
        <div>
          <Heading level="h2">{departures ? `Departures, next ${DAYS} days` : `Capacity, next ${DAYS} days`}</Heading>
          {departures && (
            <Text size="small" className="text-ui-fg-subtle">
              Each departure: start time, seats taken / seats. A click on a day opens its manifest per departure.
            </Text>
          )}
        </div>
        <CalendarLegend
          items={[
            ["bg-ui-tag-green-bg", "free"],
            ["bg-ui-tag-blue-bg", "partly taken"],
            ["bg-ui-tag-orange-bg", "75%+"],
            ["bg-ui-tag-red-bg", "full"],
            ["bg-ui-bg-subtle", "none"],
          ]}
        />
      </div>
      <ErrorText error={capacity.error || blackouts.error} />
      {capacity.isLoading && (
        <Text size="small" className="text-ui-fg-muted">
          Loading calendar…
        </Text>
      )}
      <div className="grid grid-cols-7 gap-1">
        <CalendarWeekHeader leading={leading} />
        {days.map((date) => {
          const rows = byDate.get(date) ?? []
          const day = departures ? undefined : rows[0]
          const blackout = blackoutOf(date)
          const { className, label } = fullness(rows)
          const load = departures
            ? rows.length
              ? rows.map(departureLoad).join("; ")
              : "no departures"
            : day
              ? `${day.available_capacity} / ${day.max_capacity} available`
              : "no capacity"
          return (
            <button
              type="button"
              key={date}
              data-date={date}
              title={`${date}: ${load} (${label})${blackout ? `, blackout${blackout.reason ? `: ${blackout.reason}` : ""}` : ""}`}
              onClick={() => setSelected(date)}
              className={clx(
                "flex flex-col items-start justify-between rounded-md p-1 text-left transition-fg hover:opacity-80",
                "focus-visible:shadow-borders-focus outline-none",
                departures ? "min-h-16 gap-y-0.5" : "h-16",
                className,
                blackout && "border-ui-fg-base border-2 border-dashed"
              )}
            >
              <span className="txt-compact-xsmall-plus">{date.slice(5)}</span>
              {departures ? (
                rows.length ? (
                  rows.map((row) => <DepartureLine key={row.start_time} row={row} />)
                ) : (
                  <span className="txt-compact-xsmall">–</span>
                )
              ) : (
                <span className="txt-compact-xsmall">{day ? `${day.available_capacity} / ${day.max_capacity}` : "–"}</span>
              )}
              {blackout && <span className="txt-compact-xsmall font-medium">Blackout</span>}
            </button>
          )
        })}
      </div>
      <ManifestDrawer resourceId={resourceId} date={selected} onClose={() => setSelected(null)} />
    </Container>
  )
}
