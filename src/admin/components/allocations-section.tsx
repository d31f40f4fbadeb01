import { Checkbox, createDataTableColumnHelper, createDataTableFilterHelper, Prompt, Text } from "@medusajs/ui"
import { useState } from "react"
import { useAllocations, useCancelAllocation } from "../hooks/allocations"
import { formatBooking } from "../lib/format"
import type { ResourceAllocation } from "../lib/types"
import { RowButton } from "./common"
import { StatusBadge, TableSection, useListTable, useTableState, yesNoOptions } from "./table-section"

const column = createDataTableColumnHelper<ResourceAllocation>()
const filter = createDataTableFilterHelper<ResourceAllocation>()

const filters = [
  filter.accessor("needs_review", {
    type: "radio",
    label: "Review",
    options: yesNoOptions("Needs review", "No review needed"),
  }),
]

/** Allocations (bookings of paid orders); filter needs_review; cancel with or without giving capacity back. */
export const AllocationsSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState<{ needs_review: "true" | "false" }>({ pageSize: 10, filters })
  const [canceling, setCanceling] = useState<ResourceAllocation | null>(null)
  const [restore, setRestore] = useState(true)
  const { data, isLoading, error } = useAllocations({ resource_id: resourceId, ...state.query, ...state.paging })
  const cancel = useCancelAllocation()

  const confirmCancel = () => {
    if (!canceling) return
    cancel.mutate({ id: canceling.id, restore_capacity: restore }, { onSettled: () => setCanceling(null) })
  }

  const columns = [
    column.accessor("order_id", {
      header: "Order",
      cell: ({ row: { original: allocation } }) => (
        <div>
          <div>{allocation.order_id}</div>
          {allocation.needs_review && (
            <Text size="xsmall" className="text-ui-fg-error">
              Needs review: {allocation.review_reason}
            </Text>
          )}
        </div>
      ),
    }),
    column.accessor("dates", { header: "Dates", cell: ({ row: { original } }) => formatBooking(original) }),
    column.accessor("quantity", { header: "Qty", size: 60 }),
    column.accessor("status", { header: "Status", cell: ({ getValue }) => <StatusBadge status={getValue()} /> }),
    column.display({
      id: "cancel",
      size: 110,
      cell: ({ row: { original: allocation } }) =>
        allocation.status === "ACTIVE" && <RowButton onClick={() => setCanceling(allocation)}>Cancel</RowButton>,
    }),
  ]
  const table = useListTable(state, { columns, data: data?.resource_allocations, rowCount: data?.count, isLoading })

  return (
    <TableSection table={table} title="Allocations" testId="allocations-section" error={error || cancel.error} empty="No allocations">
      <Prompt open={!!canceling} onOpenChange={(open) => !open && setCanceling(null)}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>Cancel allocation of order {canceling?.order_id}?</Prompt.Title>
            <Prompt.Description>
              <label className="txt-compact-small mt-2 flex items-center gap-x-2">
                <Checkbox checked={restore} onCheckedChange={(v) => setRestore(v === true)} />
                Give its capacity back ({canceling?.quantity} on each of{" "}
                {canceling?.departures?.length ? `${canceling.departures.length} departure(s)` : `${canceling?.dates.length} date(s)`})
              </label>
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel>Keep</Prompt.Cancel>
            <Prompt.Action onClick={confirmCancel}>Cancel allocation</Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </TableSection>
  )
}
