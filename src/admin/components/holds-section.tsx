import { HOLD_STATUSES, HoldStatus } from "../../modules/resource_booking/constants"
import { useHolds, useReleaseHold } from "../hooks/holds"
import { formatBooking, formatDateTime } from "../lib/format"
import type { ResourceHold } from "../lib/types"
import { HoldGroupCell, ReleaseHoldButton } from "./hold-group"
import { statusTable, TableSection, useListTable, useTableState } from "./table-section"

const { column, filters, statusColumn } = statusTable<ResourceHold>(HOLD_STATUSES)

/**
 * Holds on the resource (ACTIVE ones at first) with their group (a booking
 * that takes several resources holds each in one group); an active one can be
 * released, with the rest of its group.
 */
export const HoldsSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState<{ status: HoldStatus }>({ pageSize: 10, filters, initial: { status: "ACTIVE" } })
  const { data, isLoading, error } = useHolds({ resource_id: resourceId, ...state.query, ...state.paging })
  const release = useReleaseHold()

  const columns = [
    column.accessor("customer_email", { header: "Customer" }),
    column.accessor("dates", { header: "Dates", cell: ({ row: { original } }) => formatBooking(original) }),
    column.accessor("quantity", { header: "Qty", size: 60 }),
    statusColumn(),
    column.accessor("expires_at", { header: "Expires", cell: ({ getValue }) => formatDateTime(getValue()) }),
    column.accessor("group_id", { header: "Group", cell: ({ row: { original: hold } }) => <HoldGroupCell hold={hold} /> }),
    column.display({
      id: "release",
      size: 140,
      // data-hold-id: the hold a test (or a script) finds its Release button by.
      cell: ({ row: { original: hold } }) => (
        <div data-hold-id={hold.id}>{hold.status === "ACTIVE" && <ReleaseHoldButton hold={hold} release={release} />}</div>
      ),
    }),
  ]
  const table = useListTable(state, { columns, data: data?.resource_holds, rowCount: data?.count, isLoading })

  return <TableSection table={table} title="Holds" testId="holds-section" error={error || release.error} empty="No holds" />
}
