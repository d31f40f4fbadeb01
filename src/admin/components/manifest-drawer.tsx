import { Badge, createDataTableColumnHelper, DataTable, Drawer, Heading, Text, useDataTable } from "@medusajs/ui"
import { useManifest } from "../hooks/capacity"
import { departureTimes, formatBooking, formatDateTime, shopOffset } from "../lib/format"
import type { ManifestDeparture, ResourceAllocation, ResourceHold } from "../lib/types"
import { ErrorText } from "./common"
import { HoldGroupCell } from "./hold-group"

const allocationColumn = createDataTableColumnHelper<ResourceAllocation>()
const orderColumn = allocationColumn.accessor("order_id", {
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
})
const quantityColumn = allocationColumn.accessor("quantity", { header: "Qty", size: 60 })
// A booking of departures may take several (this one and others): all are listed.
const bookedColumn = allocationColumn.accessor("dates", { header: "Booked", cell: ({ row: { original } }) => formatBooking(original) })
const allocationColumns = [orderColumn, allocationColumn.accessor("line_item_id", { header: "Line item" }), quantityColumn, bookedColumn]
/** A departure's list is narrower (one section of several): no line item column. */
const departureAllocationColumns = [orderColumn, quantityColumn, bookedColumn]

const holdColumn = createDataTableColumnHelper<ResourceHold>()
const holdColumns = [
  holdColumn.accessor("customer_email", { header: "Customer" }),
  holdColumn.accessor("quantity", { header: "Qty", size: 60 }),
  holdColumn.accessor("expires_at", { header: "Expires", cell: ({ getValue }) => formatDateTime(getValue()) }),
  holdColumn.accessor("group_id", { header: "Group", cell: ({ row: { original: hold } }) => <HoldGroupCell hold={hold} /> }),
]

/** A titled list in the drawer: the table, or one line when there is nothing (no tall empty state). */
const ManifestList = <T,>({
  title,
  table,
  empty,
  level = "h3",
}: {
  title: string
  table: ReturnType<typeof useDataTable<T>>
  empty: string
  level?: "h3" | "h4"
}) => (
  <div className="flex flex-col gap-y-2">
    {level === "h3" ? (
      <Heading level="h3">
        {title} ({table.rowCount})
      </Heading>
    ) : (
      <h4 className="txt-compact-small-plus text-ui-fg-base">
        {title} ({table.rowCount})
      </h4>
    )}
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

/** Who travels: the allocations (paid orders) and the active holds (checkouts under way). */
const ManifestLists = ({
  allocations,
  holds,
  level,
}: {
  allocations: ResourceAllocation[]
  holds: ResourceHold[]
  /** h4: the lists of one departure. */
  level?: "h3" | "h4"
}) => {
  const columns = level === "h4" ? departureAllocationColumns : allocationColumns
  const allocationsTable = useDataTable({ columns, data: allocations, rowCount: allocations.length, getRowId: (a) => a.id })
  const holdsTable = useDataTable({ columns: holdColumns, data: holds, rowCount: holds.length, getRowId: (h) => h.id })
  return (
    <>
      <ManifestList title="Allocations" table={allocationsTable} empty="No allocations" level={level} />
      <ManifestList title="Active holds" table={holdsTable} empty="No active holds" level={level} />
    </>
  )
}

/**
 * One departure's list (a driver's list per sailing): its start–end in the
 * shop's zone, seats taken, the people on it.
 */
const DepartureManifest = ({ departure }: { departure: ManifestDeparture }) => {
  const { capacity } = departure
  const taken = capacity.max_capacity - capacity.available_capacity
  const travellers = [...departure.resource_allocations, ...departure.resource_holds].reduce((sum, b) => sum + b.quantity, 0)
  return (
    <section
      className="border-ui-border-base flex flex-col gap-y-3 rounded-md border p-3"
      data-testid="manifest-departure"
      data-start-time={departure.start_time}
      aria-label={`Departure ${departureTimes(departure)}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Heading level="h3">{departureTimes(departure)}</Heading>
        <Text size="xsmall" className="text-ui-fg-muted" title={`${departure.starts_at} to ${departure.ends_at}`}>
          UTC{shopOffset(departure.starts_at)}
        </Text>
        {capacity.max_capacity === 0 ? (
          <Badge size="2xsmall" color="grey">
            closed
          </Badge>
        ) : capacity.available_capacity === 0 ? (
          <Badge size="2xsmall" color="red">
            Sold out ({taken} of {capacity.max_capacity})
          </Badge>
        ) : (
          <Badge size="2xsmall" color={taken ? "blue" : "green"}>
            {taken} of {capacity.max_capacity} seats taken
          </Badge>
        )}
        <Text size="small" className="text-ui-fg-subtle">
          {travellers} on the list
        </Text>
      </div>
      <ManifestLists allocations={departure.resource_allocations} holds={departure.resource_holds} level="h4" />
    </section>
  )
}

/**
 * One day's passenger manifest: allocations (orders) and active holds; for
 * a DEPARTURE resource one list per departure, in start order.
 */
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
  const departures = manifest?.departures
  return (
    <Drawer open={!!date} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Manifest for {date}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto" data-testid="manifest">
          <ErrorText error={error} />
          {isLoading && <Text size="small">Loading…</Text>}
          {manifest &&
            (departures ? (
              <>
                <Text size="small">
                  {departures.length
                    ? `${departures.length} departure(s); times in the shop's time zone.`
                    : "No departures on this date"}
                </Text>
                {departures.map((departure) => (
                  <DepartureManifest key={departure.start_time} departure={departure} />
                ))}
              </>
            ) : (
              <>
                <Text size="small">
                  {manifest.capacity
                    ? `${manifest.capacity.available_capacity} of ${manifest.capacity.max_capacity} available`
                    : "No capacity on this date"}
                </Text>
                <ManifestLists allocations={manifest.resource_allocations} holds={manifest.resource_holds} />
              </>
            ))}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
