import { Button, Checkbox, Container, Heading, Input, Table, Text, usePrompt } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { addDays, Page, ResourceBlackout, useAdminGet, useAdminMutation } from "../lib/api"
import { EmptyRow, ErrorText, Field, Pager } from "./common"

const LIMIT = 10

type CreateResult = {
  resource_blackout: ResourceBlackout
  released_hold_ids: string[]
  expired_hold_ids?: string[]
  flagged_allocation_ids: string[]
}

/** Blackouts: list, create (showing what it released and flagged), delete. */
export const BlackoutsSection = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const prompt = usePrompt()
  const [offset, setOffset] = useState(0)
  const [start, setStart] = useState(addDays(today, 7))
  const [end, setEnd] = useState(addDays(today, 7))
  const [reason, setReason] = useState("")
  const [releaseHolds, setReleaseHolds] = useState(true)
  const [result, setResult] = useState<CreateResult | null>(null)

  const list = useAdminGet<Page<"resource_blackouts", ResourceBlackout>>(
    `/admin/resources/${resourceId}/blackouts`,
    { limit: LIMIT, offset },
    { keepPrevious: true }
  )
  const create = useAdminMutation<Record<string, unknown>, CreateResult>("POST", `/admin/resources/${resourceId}/blackouts`)
  const remove = useAdminMutation<{ id: string }>("DELETE", ({ id }) => `/admin/resources/${resourceId}/blackouts/${id}`)

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
    if (confirmed) remove.mutate({ id: blackout.id })
  }

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="blackouts-section">
      <Heading level="h2">Blackouts</Heading>
      <form onSubmit={submit} className="flex flex-col gap-y-3">
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
      </form>
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
      <ErrorText error={list.error || remove.error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>From</Table.HeaderCell>
            <Table.HeaderCell>To</Table.HeaderCell>
            <Table.HeaderCell>Reason</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {list.isLoading && <EmptyRow colSpan={4}>Loading…</EmptyRow>}
          {!list.isLoading && !list.data?.resource_blackouts.length && <EmptyRow colSpan={4}>No blackouts</EmptyRow>}
          {list.data?.resource_blackouts.map((blackout) => (
            <Table.Row key={blackout.id}>
              <Table.Cell>{blackout.start_date}</Table.Cell>
              <Table.Cell>{blackout.end_date}</Table.Cell>
              <Table.Cell>{blackout.reason ?? "-"}</Table.Cell>
              <Table.Cell className="text-right">
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={remove.isPending && remove.variables?.id === blackout.id}
                  onClick={() => onDelete(blackout)}
                >
                  Delete
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
    </Container>
  )
}
