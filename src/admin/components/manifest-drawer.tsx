import { Badge, createDataTableColumnHelper, DataTable, Drawer, Heading, Text, useDataTable } from "@medusajs/ui"
import { useManifest } from "../hooks/capacity"
import { formatDates, formatDateTime } from "../lib/format"
import type { ResourceAllocation, ResourceHold } from "../lib/types"
import { ErrorText } from "./common"

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
]

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
  const allocations = useDataTable({
    columns: allocationColumns,
    data: manifest?.resource_allocations ?? [],
    getRowId: (a) => a.id,
  })
  const holds = useDataTable({ columns: holdColumns, data: manifest?.resource_holds ?? [], getRowId: (h) => h.id })
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
              <Heading level="h3">Allocations ({manifest.resource_allocations.length})</Heading>
              <DataTable instance={allocations}>
                <DataTable.Table emptyState={{ empty: { heading: "No allocations" } }} />
              </DataTable>
              <Heading level="h3">Active holds ({manifest.resource_holds.length})</Heading>
              <DataTable instance={holds}>
                <DataTable.Table emptyState={{ empty: { heading: "No active holds" } }} />
              </DataTable>
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
