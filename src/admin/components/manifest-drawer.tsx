import { Badge, createDataTableColumnHelper, DataTable, Drawer, Heading, Text, useDataTable } from "@medusajs/ui"
import { useManifest } from "../hooks/capacity"
import { formatDates, formatDateTime } from "../lib/format"
import type { ResourceAllocation, ResourceHold } from "../lib/types"
import { ErrorText } from "./common"
import { HoldGroupCell } from "./hold-group"

const allocationColumn = createDataTableColumnHelper<ResourceAllocation>()
const allocationColumns = [
  allocationColumn.accessor("order_id", {
    header: "Order",
    cell: ({ row: { original: a } }) => (
      <>
        {a.order_id}
        {a.needs_review && (
          <Badge size="2xsmall" color="orange" className="ml-1">
            review
          </Badge>
        )}
      </>
    ),
  }),
  allocationColumn.accessor("line_item_id", { header: "Line item" }),
  allocationColumn.accessor("quantity", { header: "Qty", size: 60 }),
  allocationColumn.accessor("dates", { header: "Dates", cell: ({ getValue }) => formatDates(getValue()) }),
]

const holdColumn = createDataTableColumnHelper<ResourceHold>()
const holdColumns = [
  holdColumn.accessor("customer_email", { header: "Customer" }),
  holdColumn.accessor("quantity", { header: "Qty", size: 60 }),
  holdColumn.accessor("expires_at", { header: "Expires", cell: ({ getValue }) => formatDateTime(getValue()) }),
  holdColumn.accessor("group_id", { header: "Group", cell: ({ row: { original: hold } }) => <HoldGroupCell hold={hold} /> }),
]

/** A titled list in the drawer: the table, or one line when there is nothing (no tall empty state). */
const ManifestList = <T,>({ title, table, empty }: { title: string; table: ReturnType<typeof useDataTable<T>>; empty: string }) => (
  <div className="flex flex-col gap-y-2">
    <Heading level="h3">
      {title} ({table.rowCount})
    </Heading>
    {table.rowCount ? (
      <DataTable instance={table}>
        <DataTable.Table />
      </DataTable>
    ) : (
      <Text size="small" className="text-ui-fg-muted">
        {empty}
      </Text>
    )}
  </div>
)

/** One day's passenger manifest: allocations (orders) and active holds. */
export const ManifestDrawer = ({
  resourceId,
  date,
  onClose,
}: {
  resourceId: string
  date: string | null
  onClose: () => void
}) => {
  const { data, isLoading, error } = useManifest(resourceId, date)
  const manifest = data?.manifest
  const allocations = manifest?.resource_allocations ?? []
  const holds = manifest?.resource_holds ?? []
  const allocationsTable = useDataTable({ columns: allocationColumns, data: allocations, rowCount: allocations.length, getRowId: (a) => a.id })
  const holdsTable = useDataTable({ columns: holdColumns, data: holds, rowCount: holds.length, getRowId: (h) => h.id })
  return (
    <Drawer open={!!date} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Manifest for {date}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto" data-testid="manifest">
          <ErrorText error={error} />
          {isLoading && <Text size="small">Loading…</Text>}
          {manifest && (
            <>
              <Text size="small">
                {manifest.capacity
                  ? `${manifest.capacity.available_capacity} of ${manifest.capacity.max_capacity} available`
                  : "No capacity on this date"}
              </Text>
              <ManifestList title="Allocations" table={allocationsTable} empty="No allocations" />
              <ManifestList title="Active holds" table={holdsTable} empty="No active holds" />
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
