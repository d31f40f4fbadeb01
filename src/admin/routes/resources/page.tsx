import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CalendarSolid } from "@medusajs/icons"
import { Badge, Button, createDataTableColumnHelper, createDataTableFilterHelper, DataTable } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { BOOKING_MODES, DEFAULT_PAGE_SIZE, RESOURCE_TYPES } from "../../../modules/resource_booking/constants"
import { ActiveBadge, BookingModeBadge } from "../../components/common"
import { ResourceFormDrawer } from "../../components/resource-form-drawer"
import { TableSection, useListTable, useTableState, yesNoOptions } from "../../components/table-section"
import { ResourceListQuery, useResources } from "../../hooks/resources"
import { BOOKING_MODE_LABELS } from "../../lib/format"
import type { Resource } from "../../lib/types"

const column = createDataTableColumnHelper<Resource>()
const filter = createDataTableFilterHelper<Resource>()

const columns = [
  column.accessor("name", {
    header: "Name",
    cell: ({ row: { original: resource } }) => (
      <Link to={`/resources/${resource.id}`} className="txt-compact-small-plus">
        {resource.name}
      </Link>
    ),
  }),
  column.accessor("type", { header: "Type", cell: ({ getValue }) => <Badge size="2xsmall">{getValue()}</Badge> }),
  column.accessor("booking_mode", { header: "Booking", cell: ({ getValue }) => <BookingModeBadge mode={getValue()} /> }),
  column.accessor("is_active", { header: "Status", cell: ({ getValue }) => <ActiveBadge active={getValue()} /> }),
  column.accessor("description", { header: "Description", cell: ({ getValue }) => getValue() ?? "-" }),
]

const filters = [
  filter.accessor("type", { type: "radio", label: "Type", options: RESOURCE_TYPES.map((t) => ({ label: t, value: t })) }),
  filter.accessor("booking_mode", {
    type: "radio",
    label: "Booking",
    options: BOOKING_MODES.map((mode) => ({ label: BOOKING_MODE_LABELS[mode], value: mode })),
  }),
  filter.accessor("is_active", {
    type: "radio",
    label: "Status",
    options: yesNoOptions("Active", "Inactive"),
  }),
]

/** Every resource, with type/active filters, search and paging; create in a drawer. */
const ResourcesPage = () => {
  const navigate = useNavigate()
  const state = useTableState<Pick<ResourceListQuery, "type" | "booking_mode" | "is_active">>({ pageSize: DEFAULT_PAGE_SIZE, filters })
  const [q, setQ] = useState("")
  const [creating, setCreating] = useState(false)
  const { data, isLoading, isFetching, error } = useResources({ ...state.query, q: q.trim() || undefined, ...state.paging })

  const table = useListTable(state, {
    columns,
    data: data?.resources,
    rowCount: data?.count,
    isLoading,
    search: { state: q, onSearchChange: setQ },
    onRowClick: (_, resource) => navigate(`/resources/${resource.id}`),
  })

  return (
    <>
      <TableSection
        table={table}
        level="h1"
        title="Resources"
        subtitle="Vehicles, tours and guides, booked by the day, by departure or by appointment."
        updating={isFetching && !isLoading}
        actions={
          <>
            {/* aria-label is passed through to the input; DataTable.Search's props do not list it. */}
            <DataTable.Search placeholder="Search name or description" className="w-64" {...{ "aria-label": "Search" }} />
            <Button variant="secondary" size="small" asChild>
              <Link to="/resource-utilization">Utilization</Link>
            </Button>
            <Button size="small" onClick={() => setCreating(true)}>
              Create
            </Button>
          </>
        }
        error={error}
        empty="No resources"
        filteredEmpty="No resources match"
      />
      <ResourceFormDrawer
        open={creating}
        onOpenChange={setCreating}
        onSaved={(resource) => navigate(`/resources/${resource.id}`)}
      />
    </>
  )
}

export const config = defineRouteConfig({
  label: "Resources",
  icon: CalendarSolid,
})

export default ResourcesPage
