import { Checkbox, createDataTableColumnHelper, Input, Text, usePrompt } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { addDays } from "../../modules/resource_booking/utils/dates"
import { BlackoutCreated, useBlackouts, useCreateBlackout, useDeleteBlackout } from "../hooks/blackouts"
import type { ResourceBlackout } from "../lib/types"
import { DateField, Field, RowButton, SubmitRow } from "./common"
import { TableSection, useListTable, useTableState } from "./table-section"

const column = createDataTableColumnHelper<ResourceBlackout>()

/** Blackouts: list, create (showing what it released and flagged), delete. */
export const BlackoutsSection = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const prompt = usePrompt()
  const state = useTableState({ pageSize: 10 })
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
        <RowButton pending={remove.isPending && remove.variables === blackout.id} onClick={() => onDelete(blackout)}>
          Delete
        </RowButton>
      ),
    }),
  ]

  const table = useListTable(state, { columns, data: data?.resource_blackouts, rowCount: data?.count, isLoading })

  return (
    <TableSection table={table} title="Blackouts" testId="blackouts-section" error={error || remove.error} empty="No blackouts">
      <form onSubmit={submit} className="flex flex-col gap-y-3 px-6 py-4">
        <div className="grid grid-cols-3 gap-3">
          <DateField id="blackout-start" label="Start date" value={start} onChange={setStart} />
          <DateField id="blackout-end" label="End date" value={end} onChange={setEnd} />
          <Field label="Reason" htmlFor="blackout-reason">
            <Input id="blackout-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
        <label className="txt-compact-small flex items-center gap-x-2">
          <Checkbox checked={releaseHolds} onCheckedChange={(v) => setReleaseHolds(v === true)} />
          Release active holds in the range
        </label>
        <SubmitRow error={create.error} pending={create.isPending}>
          Create blackout
        </SubmitRow>
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
