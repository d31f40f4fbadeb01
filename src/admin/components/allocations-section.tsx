import { Badge, Button, Checkbox, Container, Heading, Prompt, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { formatDates, Page, ResourceAllocation, useAdminGet, useAdminMutation } from "../lib/api"
import { EmptyRow, ErrorText, NativeSelect, Pager } from "./common"

const LIMIT = 10

/** Allocations (bookings of paid orders); filter needs_review; cancel with or without giving capacity back. */
export const AllocationsSection = ({ resourceId }: { resourceId: string }) => {
  const [review, setReview] = useState("")
  const [offset, setOffset] = useState(0)
  const [canceling, setCanceling] = useState<ResourceAllocation | null>(null)
  const [restore, setRestore] = useState(true)
  const list = useAdminGet<Page<"resource_allocations", ResourceAllocation>>(
    "/admin/resource-allocations",
    { resource_id: resourceId, needs_review: review || undefined, limit: LIMIT, offset },
    { keepPrevious: true }
  )
  const cancel = useAdminMutation<{ id: string; restore_capacity: boolean }>(
    "POST",
    ({ id }) => `/admin/resource-allocations/${id}/cancel`
  )

  const confirmCancel = () => {
    if (!canceling) return
    cancel.mutate(
      { id: canceling.id, restore_capacity: restore },
      { onSettled: () => setCanceling(null) }
    )
  }

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="allocations-section">
      <div className="flex items-center justify-between">
        <Heading level="h2">Allocations</Heading>
        <NativeSelect
          ariaLabel="Needs review"
          value={review}
          onChange={(value) => {
            setReview(value)
            setOffset(0)
          }}
          options={[
            { value: "", label: "All allocations" },
            { value: "true", label: "Needs review" },
            { value: "false", label: "No review needed" },
          ]}
        />
      </div>
      <ErrorText error={list.error || cancel.error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Order</Table.HeaderCell>
            <Table.HeaderCell>Dates</Table.HeaderCell>
            <Table.HeaderCell>Qty</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {list.isLoading && <EmptyRow colSpan={5}>Loading…</EmptyRow>}
          {!list.isLoading && !list.data?.resource_allocations.length && <EmptyRow colSpan={5}>No allocations</EmptyRow>}
          {list.data?.resource_allocations.map((allocation) => (
            <Table.Row key={allocation.id}>
              <Table.Cell>
                <div>{allocation.order_id}</div>
                {allocation.needs_review && (
                  <Text size="xsmall" className="text-ui-fg-error">
                    Needs review: {allocation.review_reason}
                  </Text>
                )}
              </Table.Cell>
              <Table.Cell>{formatDates(allocation.dates)}</Table.Cell>
              <Table.Cell>{allocation.quantity}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={allocation.status === "ACTIVE" ? "green" : "grey"}>
                  {allocation.status}
                </Badge>
              </Table.Cell>
              <Table.Cell className="text-right">
                {allocation.status === "ACTIVE" && (
                  <Button size="small" variant="secondary" onClick={() => setCanceling(allocation)}>
                    Cancel
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
      <Prompt open={!!canceling} onOpenChange={(open) => !open && setCanceling(null)}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>Cancel allocation of order {canceling?.order_id}?</Prompt.Title>
            <Prompt.Description>
              <label className="txt-compact-small mt-2 flex items-center gap-x-2">
                <Checkbox checked={restore} onCheckedChange={(v) => setRestore(v === true)} />
                Give its capacity back ({canceling?.quantity} on each of {canceling?.dates.length} date(s))
              </label>
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel>Keep</Prompt.Cancel>
            <Prompt.Action onClick={confirmCancel}>Cancel allocation</Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </Container>
  )
}
