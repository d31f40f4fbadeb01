import { Button } from "@medusajs/ui"
import { WAITLIST_STATUSES, WaitlistStatus } from "../../modules/resource_booking/constants"
import { useRemoveWaitlistEntry, useWaitlist } from "../hooks/waitlist"
import { formatBooking, formatDateTime } from "../lib/format"
import type { WaitlistEntry } from "../lib/types"
import { statusTable, TableSection, useListTable, useTableState } from "./table-section"

const { column, filters, statusColumn } = statusTable<WaitlistEntry>(WAITLIST_STATUSES)

/**
 * The waitlist of the resource (entries for it or for a variant that books
 * it), in the order entries were made: position while waiting, the offer and
 * its expiry once offered; a waiting or offered entry can be removed.
 */
export const WaitlistSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState<{ status: WaitlistStatus }>({ pageSize: 10, filters })
  const { data, isLoading, error } = useWaitlist({ resource_id: resourceId, ...state.query, ...state.paging })
  const remove = useRemoveWaitlistEntry()

  const columns = [
    column.accessor("position", { header: "#", size: 50, cell: ({ getValue }) => getValue() ?? "–" }),
    column.accessor("customer_email", { header: "Customer" }),
    column.accessor("dates", { header: "Dates", cell: ({ row: { original } }) => formatBooking(original) }),
    column.accessor("quantity", { header: "Qty", size: 60 }),
    statusColumn(),
    column.accessor("offer_expires_at", {
      header: "Offer expires",
      cell: ({ getValue }) => (getValue() ? formatDateTime(getValue()!) : "–"),
    }),
    column.display({
      id: "remove",
      size: 120,
      cell: ({ row: { original: entry } }) =>
        entry.status === "WAITING" || entry.status === "OFFERED" ? (
          <Button
            size="small"
            variant="secondary"
            data-waitlist-entry-id={entry.id}
            isLoading={remove.isPending && remove.variables === entry.id}
            onClick={() => remove.mutate(entry.id)}
          >
            Remove
          </Button>
        ) : null,
    }),
  ]
  const table = useListTable(state, { columns, data: data?.resource_waitlist_entries, rowCount: data?.count, isLoading })

  return <TableSection table={table} title="Waitlist" testId="waitlist-section" error={error || remove.error} empty="Nobody is waiting" />
}
