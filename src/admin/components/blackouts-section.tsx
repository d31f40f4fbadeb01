import { Button, Checkbox, createDataTableColumnHelper, Input, Text, useDataTable, usePrompt } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { addDays } from "../../modules/resource_booking/utils/dates"
import { BlackoutCreated, useBlackouts, useCreateBlackout, useDeleteBlackout } from "../hooks/blackouts"
import type { ResourceBlackout } from "../lib/types"
import { ErrorText, Field } from "./common"
import { TableSection, useTableState } from "./table-section"

const PAGE_SIZE = 10

const column = createDataTableColumnHelper<ResourceBlackout>()

/** Blackouts: list, create (showing what it released and flagged), delete. */
export const BlackoutsSection = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const prompt = usePrompt()
  const state = useTableState(PAGE_SIZE)
  const [start, setStart] = useState(addDays(today, 7))
  const [end, setEnd] = useState(addDays(today, 7))
  const [reason, setReason] = useState("")
  const [releaseHolds, setReleaseHolds] = useState(true)
  const [result, setResult] = useState<BlackoutCreated | null>(null)

  const { data, isLoading, error } = useBlackouts({ resource_id: resourceId, ...state.paging })
  const create = useCreateBlackout(resourceId)
  const remove = useDeleteBlackout(resourceId)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setResult(null)
    create.mutate(
      { start_date: start, end_date: end, reason: reason || null, release_active_holds: releaseHolds },
      { onSuccess: setResult }
    )
  }

  const onDelete = async (blackout: ResourceBlackout) => {
    const confirmed = await prompt({
      title: "Delete blackout?",
      description: `${blackout.start_date} to ${blackout.end_date} opens for new holds again.`,
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (confirmed) remove.mutate(blackout.id)
  }

  const columns = [
    column.accessor("start_date", { header: "From" }),
    column.accessor("end_date", { header: "To" }),
    column.accessor("reason", { header: "Reason", cell: ({ getValue }) => getValue() ?? "-" }),
    column.display({
      id: "delete",
      size: 110,
      cell: ({ row: { original: blackout } }) => (
        <Button
          size="small"
          variant="secondary"
          isLoading={remove.isPending && remove.variables === blackout.id}
          onClick={() => onDelete(blackout)}
        >
          Delete
        </Button>
      ),
    }),
  ]

  const table = useDataTable({
    columns,
    data: data?.resource_blackouts ?? [],
    rowCount: data?.count ?? 0,
    getRowId: (blackout) => blackout.id,
    isLoading,
    pagination: state.pagination,
  })

  return (
    <TableSection table={table} title="Blackouts" testId="blackouts-section" error={error || remove.error} empty="No blackouts">
      <form onSubmit={submit} className="flex flex-col gap-y-3 px-6 py-4">
        <div className="grid grid-cols-3 gap-3">
          <Field label="Start date" htmlFor="blackout-start">
            <Input id="blackout-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field label="End date" htmlFor="blackout-end">
            <Input id="blackout-end" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
          </Field>
          <Field label="Reason" htmlFor="blackout-reason">
            <Input id="blackout-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
        <label className="txt-compact-small flex items-center gap-x-2">
          <Checkbox checked={releaseHolds} onCheckedChange={(v) => setReleaseHolds(v === true)} />
          Release active holds in the range
        </label>
        <ErrorText error={create.error} />
        <div>
          <Button type="submit" size="small" isLoading={create.isPending}>
            Create blackout
          </Button>
        </div>
        {result && (
          <div className="bg-ui-bg-subtle rounded-md p-3" data-testid="blackout-result">
            <Text size="small" weight="plus">
              Blackout {result.resource_blackout.start_date} to {result.resource_blackout.end_date} created.
            </Text>
            <Text size="small">
              Released holds ({result.released_hold_ids.length}): {result.released_hold_ids.join(", ") || "none"}
            </Text>
            {!!result.expired_hold_ids?.length && (
              <Text size="small">Expired holds found: {result.expired_hold_ids.join(", ")}</Text>
            )}
            <Text size="small">
              Allocations flagged for review ({result.flagged_allocation_ids.length}):{" "}
              {result.flagged_allocation_ids.join(", ") || "none"}
            </Text>
          </div>
        )}
      </form>
    </TableSection>
  )
}
