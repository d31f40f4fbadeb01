import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { createDataTableColumnHelper, createDataTableFilterHelper } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { RESOURCE_TYPES } from "../../../modules/resource_booking/constants"
import { addDays } from "../../../modules/resource_booking/utils/dates"
import { DateField } from "../../components/common"
import { TableSection, useListTable, useTableState } from "../../components/table-section"
import { browserToday } from "../../hooks/capacity"
import { UtilizationQuery, useUtilization } from "../../hooks/utilization"
import type { UtilizationRow } from "../../lib/types"

function barColour(percent: number): string {
  if (percent >= 90) return "bg-ui-tag-red-icon"
  if (percent >= 60) return "bg-ui-tag-orange-icon"
  return "bg-ui-tag-green-icon"
}

/** A bar of `percent` with the figure beside it. */
const UtilizationBar = ({ percent, small }: { percent: number; small?: boolean }) => (
  <div className="flex items-center gap-x-2">
    <div className={`bg-ui-bg-subtle flex-1 overflow-hidden rounded-full ${small ? "h-2" : "h-3"}`}>
      <div className={`h-full ${barColour(percent)}`} style={{ width: `${Math.min(100, percent)}%` }} />
    </div>
    <span className={`${small ? "txt-compact-xsmall" : "txt-compact-small"} w-14 text-right`}>{percent}%</span>
  </div>
)

/**
 * A DEPARTURE resource's figures per start time over the range: how many
 * departures ran, seats held + allocated of their seats, and the bar.
 */
const ByDeparture = ({ rows }: { rows: NonNullable<UtilizationRow["by_departure"]> }) => (
  <ul className="flex w-full flex-col gap-y-1 py-1" data-testid="by-departure">
    {rows.map((row) => (
      <li
        key={row.start_time}
        data-start-time={row.start_time}
        className="grid grid-cols-[3rem_13rem_1fr] items-center gap-x-2"
        title={`${row.start_time}: ${row.departures} departure(s), ${row.held} held + ${row.allocated} allocated of ${row.total_capacity} seats`}
      >
        <span className="txt-compact-small-plus">{row.start_time}</span>
        <span className="txt-compact-xsmall text-ui-fg-subtle">
          {row.held + row.allocated} of {row.total_capacity} seats · {row.departures} departure{row.departures === 1 ? "" : "s"}
        </span>
        <UtilizationBar percent={row.utilization_percent} small />
      </li>
    ))}
  </ul>
)

const column = createDataTableColumnHelper<UtilizationRow>()
const filter = createDataTableFilterHelper<UtilizationQuery>()

const columns = [
  column.accessor("name", {
    header: "Resource",
    cell: ({ row: { original: row } }) => <Link to={`/resources/${row.resource_id}`}>{row.name}</Link>,
  }),
  column.accessor("total_days", { header: "Days" }),
  column.accessor("total_capacity", { header: "Capacity" }),
  column.accessor("held", { header: "Held" }),
  column.accessor("allocated", { header: "Allocated" }),
  column.accessor("utilization_percent", {
    header: "Utilization",
    size: 360,
    truncateTooltip: false,
    cell: ({ getValue }) => <UtilizationBar percent={getValue()} />,
  }),
  column.accessor("by_departure", {
    header: "Per departure",
    size: 480,
    truncateTooltip: false,
    cell: ({ getValue }) => {
      const rows = getValue()
      return rows?.length ? <ByDeparture rows={rows} /> : <span className="text-ui-fg-muted">–</span>
    },
  }),
]

const filters = [
  filter.accessor("type", { type: "radio", label: "Type", options: RESOURCE_TYPES.map((t) => ({ label: t, value: t })) }),
]

/** Unit-days held and allocated per resource over a chosen range; per start time for departure resources. */
const UtilizationPage = () => {
  const [from, setFrom] = useState(browserToday)
  const [to, setTo] = useState(() => addDays(browserToday(), 29))
  const state = useTableState<Pick<UtilizationQuery, "type">>({ filters })
  const { data, isLoading, isFetching, error } = useUtilization({ from, to, ...state.query })
  const table = useListTable(state, { columns, data: data?.utilization, getRowId: (row) => row.resource_id, isLoading })
  return (
    <TableSection
      table={table}
      level="h1"
      title="Resource utilization"
      testId="utilization-table"
      subtitle="Unit-days: held (unexpired active holds) plus allocated (orders), over the capacity of the dates that have capacity; for departures, seats over the seats of the departures, also per start time."
      updating={isFetching && !isLoading}
      actions={
        <>
          <DateField id="util-from" label="From" size="small" value={from} onChange={setFrom} />
          <DateField id="util-to" label="To" size="small" value={to} onChange={setTo} />
        </>
      }
      error={error}
      empty="No resources"
    />
  )
}

export const config = defineRouteConfig({
  label: "Utilization",
  icon: ChartBar,
})

export default UtilizationPage
