import { Badge, Button, createDataTableColumnHelper, createDataTableFilterHelper, DataTable, useDataTable } from "@medusajs/ui"
import { HOLD_STATUSES, HoldStatus } from "../../modules/resource_booking/constants"
import { useHolds, useReleaseHold } from "../hooks/holds"
import { formatDates, formatDateTime } from "../lib/format"
import type { ResourceHold } from "../lib/types"
import { TableSection, useTableState } from "./table-section"

const PAGE_SIZE = 10

const STATUS_COLOR: Record<HoldStatus, "green" | "blue" | "grey" | "orange"> = {
  ACTIVE: "green",
  CONFIRMED: "blue",
  RELEASED: "grey",
  EXPIRED: "orange",
}

const column = createDataTableColumnHelper<ResourceHold>()
const filter = createDataTableFilterHelper<ResourceHold>()

const filters = [
  filter.accessor("status", { type: "radio", label: "Status", options: HOLD_STATUSES.map((s) => ({ label: s, value: s })) }),
]

/** Holds on the resource, ACTIVE ones first shown; active ones can be released. */
export const HoldsSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState<{ status: HoldStatus }>(PAGE_SIZE, { status: "ACTIVE" })
  const { data, isLoading, error } = useHolds({ resource_id: resourceId, ...state.filters, ...state.paging })
  const release = useReleaseHold()

  const columns = [
    column.accessor("customer_email", { header: "Customer" }),
    column.accessor("dates", { header: "Dates", cell: ({ getValue }) => formatDates(getValue()) }),
    column.accessor("quantity", { header: "Qty", size: 60 }),
    column.accessor("status", {
      header: "Status",
      cell: ({ getValue }) => (
        <Badge size="2xsmall" color={STATUS_COLOR[getValue()]}>
          {getValue()}
        </Badge>
      ),
    }),
    column.accessor("expires_at", { header: "Expires", cell: ({ getValue }) => formatDateTime(getValue()) }),
    column.display({
      id: "release",
      size: 110,
      cell: ({ row: { original: hold } }) => (
        <div data-hold-id={hold.id} className="flex justify-end">
          {hold.status === "ACTIVE" && (
            <Button
              size="small"
              variant="secondary"
              isLoading={release.isPending && release.variables === hold.id}
              onClick={() => release.mutate(hold.id)}
            >
              Release
            </Button>
          )}
        </div>
      ),
    }),
  ]

  const table = useDataTable({
    columns,
    data: data?.resource_holds ?? [],
    rowCount: data?.count ?? 0,
    getRowId: (hold) => hold.id,
    isLoading,
    filters,
    filtering: state.filtering,
    pagination: state.pagination,
  })

  return (
    <TableSection
      table={table}
      title="Holds"
      testId="holds-section"
      actions={<DataTable.FilterMenu tooltip="Filter" />}
      error={error || release.error}
      empty="No holds"
    />
  )
}
