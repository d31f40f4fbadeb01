import { defineRouteConfig } from "@medusajs/admin-sdk"
import { GridLayout } from "@medusajs/icons"
import { Button, clx, Container, Heading, Input, Text } from "@medusajs/ui"
import { KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from "react"
import { Link } from "react-router-dom"
import { MAX_PLANNER_RESOURCES, RESOURCE_TYPES } from "../../../modules/resource_booking/constants"
import { addDays, weekdayOf } from "../../../modules/resource_booking/utils/dates"
import { DateField, ErrorText, Field, NativeSelect } from "../../components/common"
import { ManifestDrawer } from "../../components/manifest-drawer"
import { browserToday } from "../../hooks/capacity"
import { usePlanner } from "../../hooks/planner"
import { WEEKDAY_LABELS } from "../../lib/format"
import type { BookingMode, PlannerCell, PlannerResource, ResourceType } from "../../lib/types"

/** The ranges the planner offers: a week, two weeks, a month (31 days). */
const PRESETS = [
  { label: "Week", days: 7 },
  { label: "Two weeks", days: 14 },
  { label: "Month", days: 31 },
] as const

/** How one cell reads at a glance: a state (its colour) and a sentence (its label for screen readers). */
type CellState = "blackout" | "none" | "full" | "busy" | "held" | "free"

const STATE_CLASSES: Record<CellState, string> = {
  blackout: "bg-ui-tag-purple-bg text-ui-tag-purple-text",
  none: "bg-ui-bg-subtle text-ui-fg-muted",
  full: "bg-ui-tag-red-bg text-ui-tag-red-text",
  busy: "bg-ui-tag-blue-bg text-ui-tag-blue-text",
  held: "bg-ui-tag-orange-bg text-ui-tag-orange-text",
  free: "bg-ui-tag-green-bg text-ui-tag-green-text",
}

const LEGEND: [CellState, string][] = [
  ["free", "Free"],
  ["held", "Held (carts, not paid yet)"],
  ["busy", "Allocated (orders)"],
  ["full", "Full"],
  ["blackout", "Blackout"],
  ["none", "No capacity / closed"],
]

const hours = (minutes: number) => `${Math.round(minutes / 6) / 10}h`

/** A cell's state: blackout first, then no capacity, full, allocated, held, free. */
function cellState(mode: BookingMode, cell: PlannerCell): CellState {
  if (cell.is_blacked_out) return "blackout"
  if (mode === "APPOINTMENT") {
    const a = cell.appointment
    if (!a || a.open_minutes === 0) return "none"
    if (a.busy_unit_minutes >= a.open_minutes * a.units) return "full"
    return cell.allocated > 0 ? "busy" : cell.held > 0 ? "held" : "free"
  }
  if (cell.max_capacity === null || cell.max_capacity === 0) return "none"
  if ((cell.available_capacity ?? 0) <= 0) return "full"
  return cell.allocated > 0 ? "busy" : cell.held > 0 ? "held" : "free"
}

function cellLabel(resource: PlannerResource, cell: PlannerCell, state: CellState): string {
  const head = `${resource.name}, ${cell.date}`
  if (state === "blackout") return `${head}: blackout`
  if (resource.booking_mode === "APPOINTMENT") {
    const a = cell.appointment
    if (!a || a.open_minutes === 0) return `${head}: closed`
    return `${head}: ${hours(a.busy_unit_minutes)} booked of ${hours(a.open_minutes * a.units)} (${a.units} units × ${hours(a.open_minutes)}), ${a.bookings} booking(s)`
  }
  if (cell.max_capacity === null) return `${head}: no capacity`
  const departures = cell.departures?.length ? `, ${cell.departures.length} departure(s)` : ""
  return `${head}: ${cell.available_capacity} free of ${cell.max_capacity}, ${cell.held} held, ${cell.allocated} allocated${departures}`
}

/** The inside of a cell: free/max (or booked/open hours), held and allocated; departures as sub-rows. */
const CellBody = ({ mode, cell, state }: { mode: BookingMode; cell: PlannerCell; state: CellState }) => {
  if (state === "blackout") return <span className="txt-compact-xsmall-plus">Blackout</span>
  if (mode === "APPOINTMENT") {
    const a = cell.appointment
    if (!a || a.open_minutes === 0) return <span className="txt-compact-xsmall">closed</span>
    return (
      <>
        <span className="txt-compact-small-plus">
          {hours(a.busy_unit_minutes)}/{hours(a.open_minutes * a.units)}
        </span>
        <span className="txt-compact-xsmall">{a.bookings} bkg</span>
      </>
    )
  }
  if (cell.max_capacity === null) return <span className="txt-compact-xsmall">–</span>
  return (
    <>
      <span className="txt-compact-small-plus">
        {cell.available_capacity}/{cell.max_capacity}
      </span>
      <span className="txt-compact-xsmall">
        H{cell.held} A{cell.allocated}
      </span>
      {cell.departures?.map((departure) => (
        <span key={departure.start_time} className="txt-compact-xsmall flex justify-between gap-x-1" data-start-time={departure.start_time}>
          <span>{departure.start_time}</span>
          <span>
            {departure.available_capacity}/{departure.max_capacity}
          </span>
        </span>
      ))}
    </>
  )
}

type RowProps = {
  resource: PlannerResource
  row: number
  /** The column that holds the grid's tab stop in this row, or -1. */
  focusColumn: number
  onOpen: (resource: PlannerResource, date: string) => void
  onKey: (event: KeyboardEvent, row: number, column: number) => void
  onFocusCell: (row: number, column: number) => void
}

/** One resource's row; memoised so moving the focus re-renders two rows, not the grid. */
const PlannerRow = memo(({ resource, row, focusColumn, onOpen, onKey, onFocusCell }: RowProps) => (
  <tr data-resource-id={resource.id}>
    <th scope="row" className="bg-ui-bg-base sticky left-0 z-10 border-b border-r px-2 py-1 text-left align-top">
      <Link to={`/resources/${resource.id}`} className="txt-compact-small-plus block max-w-[12rem] truncate">
        {resource.name}
      </Link>
      <span className="txt-compact-xsmall text-ui-fg-subtle">
        {resource.type} · {resource.booking_mode.toLowerCase()}
      </span>
    </th>
    {resource.days.map((cell, column) => {
      const state = cellState(resource.booking_mode, cell)
      return (
        <td
          key={cell.date}
          role="gridcell"
          tabIndex={column === focusColumn ? 0 : -1}
          data-row={row}
          data-col={column}
          data-date={cell.date}
          data-state={state}
          aria-label={cellLabel(resource, cell, state)}
          onClick={() => onOpen(resource, cell.date)}
          onKeyDown={(event) => onKey(event, row, column)}
          onFocus={() => onFocusCell(row, column)}
          className={clx(
            "focus-visible:shadow-borders-focus cursor-pointer border-b border-r p-1 align-top outline-none",
            STATE_CLASSES[state]
          )}
        >
          <div className="flex min-w-[3.25rem] flex-col">
            <CellBody mode={resource.booking_mode} cell={cell} state={state} />
          </div>
        </td>
      )
    })}
  </tr>
))

/**
 * Every resource × every date of a week, two weeks or a month on one screen
 * (one request: GET /admin/resource-planner). Arrow keys move between cells,
 * Home/End to the row's ends, Enter or a click opens that date's manifest.
 */
const PlannerPage = () => {
  const [from, setFrom] = useState(browserToday)
  const [days, setDays] = useState<number>(14)
  const [type, setType] = useState<ResourceType | "">("")
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [offset, setOffset] = useState(0)
  const limit = MAX_PLANNER_RESOURCES
  const to = addDays(from || browserToday(), days - 1)
  const { data, isLoading, isFetching, error } = usePlanner({ from, to, type: type || undefined, q: q || undefined, limit, offset })
  const resources = data?.planner.resources ?? []
  const [focus, setFocus] = useState<[number, number]>([0, 0])
  const [open, setOpen] = useState<{ resourceId: string; date: string } | null>(null)
  const gridRef = useRef<HTMLTableElement>(null)
  const dates = useMemo(() => Array.from({ length: days }, (_, i) => addDays(from || browserToday(), i)), [from, days])

  // Search as one types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim())
      setOffset(0)
    }, 250)
    return () => clearTimeout(timer)
  }, [search])

  const onOpen = useCallback((resource: PlannerResource, date: string) => setOpen({ resourceId: resource.id, date }), [])
  const onFocusCell = useCallback((row: number, column: number) => setFocus([row, column]), [])
  const onKey = useCallback(
    (event: KeyboardEvent, row: number, column: number) => {
      const rows = resources.length
      const columns = dates.length
      let next: [number, number] | null = null
      switch (event.key) {
        case "ArrowRight":
          next = [row, Math.min(columns - 1, column + 1)]
          break
        case "ArrowLeft":
          next = [row, Math.max(0, column - 1)]
          break
        case "ArrowDown":
          next = [Math.min(rows - 1, row + 1), column]
          break
        case "ArrowUp":
          next = [Math.max(0, row - 1), column]
          break
        case "Home":
          next = [row, 0]
          break
        case "End":
          next = [row, columns - 1]
          break
        case "Enter":
        case " ":
          event.preventDefault()
          setOpen({ resourceId: resources[row].id, date: dates[column] })
          return
        default:
          return
      }
      event.preventDefault()
      setFocus(next)
      gridRef.current?.querySelector<HTMLElement>(`td[data-row="${next[0]}"][data-col="${next[1]}"]`)?.focus()
    },
    [resources, dates]
  )

  const focusRow = Math.min(focus[0], Math.max(0, resources.length - 1))
  const focusColumn = Math.min(focus[1], dates.length - 1)
  const count = data?.count ?? 0

  return (
    <Container className="flex flex-col gap-y-3 p-0" data-testid="planner">
      <div className="flex flex-wrap items-end justify-between gap-3 px-6 pt-4">
        <div>
          <Heading level="h1">Planner</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every resource by date: free/capacity, H held, A allocated; departures per start time; appointments booked/open hours.
            Arrow keys move, Enter opens the day's manifest.
          </Text>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <DateField id="planner-from" label="From" size="small" value={from} onChange={(value) => value && setFrom(value)} />
          <div role="group" aria-label="Range" className="flex gap-x-1">
            {PRESETS.map((preset) => (
              <Button
                key={preset.days}
                size="small"
                variant={days === preset.days ? "primary" : "secondary"}
                aria-pressed={days === preset.days}
                onClick={() => setDays(preset.days)}
              >
                {preset.label}
              </Button>
            ))}
          </div>
          <Field label="Type" htmlFor="planner-type">
            <NativeSelect
              id="planner-type"
              value={type}
              onChange={(value) => {
                setType(value as ResourceType | "")
                setOffset(0)
              }}
              options={["", ...RESOURCE_TYPES]}
              labels={{ "": "All types" }}
            />
          </Field>
          <Field label="Search" htmlFor="planner-search">
            <Input id="planner-search" size="small" type="search" placeholder="Resource name" value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
        </div>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 px-6" aria-label="Legend">
        {LEGEND.map(([state, label]) => (
          <li key={state} className="txt-compact-xsmall flex items-center gap-x-1">
            <span className={clx("inline-block h-3 w-3 rounded-sm border", STATE_CLASSES[state])} aria-hidden />
            {label}
          </li>
        ))}
      </ul>
      <ErrorText error={error} className="px-6" />
      {isLoading ? (
        <Text size="small" className="px-6 pb-4">
          Loading…
        </Text>
      ) : resources.length === 0 ? (
        <Text size="small" className="px-6 pb-4">
          No resources
        </Text>
      ) : (
        <div className={clx("max-h-[75vh] overflow-auto border-t", isFetching && "opacity-70")}>
          <table ref={gridRef} role="grid" aria-label={`Planner ${from} to ${to}`} aria-rowcount={count + 1} className="border-separate border-spacing-0" data-testid="planner-grid">
            <thead>
              <tr>
                <th scope="col" className="bg-ui-bg-base sticky left-0 top-0 z-20 border-b border-r px-2 py-1 text-left">
                  <span className="txt-compact-small-plus">Resource</span>
                </th>
                {dates.map((date) => (
                  <th key={date} scope="col" className="bg-ui-bg-base txt-compact-xsmall sticky top-0 z-10 border-b border-r px-1 py-1 text-center">
                    <span className="block">{WEEKDAY_LABELS[weekdayOf(date)]}</span>
                    <span className="block">{date.slice(5)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {resources.map((resource, row) => (
                <PlannerRow
                  key={resource.id}
                  resource={resource}
                  row={row}
                  focusColumn={row === focusRow ? focusColumn : -1}
                  onOpen={onOpen}
                  onKey={onKey}
                  onFocusCell={onFocusCell}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {count > limit && (
        <div className="flex items-center justify-end gap-x-2 px-6 pb-4">
          <Text size="small">
            {offset + 1}–{Math.min(offset + limit, count)} of {count}
          </Text>
          <Button size="small" variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
            Previous
          </Button>
          <Button size="small" variant="secondary" disabled={offset + limit >= count} onClick={() => setOffset(offset + limit)}>
            Next
          </Button>
        </div>
      )}
      {open && <ManifestDrawer resourceId={open.resourceId} date={open.date} onClose={() => setOpen(null)} />}
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Planner",
  icon: GridLayout,
})

export default PlannerPage
