import { Badge, Button, Container, Heading, Table } from "@medusajs/ui"
import { useState } from "react"
import { formatDates, formatDateTime, HOLD_STATUSES, Page, ResourceHold, useAdminGet, useAdminMutation } from "../lib/api"
import { EmptyRow, ErrorText, NativeSelect, Pager } from "./common"

const LIMIT = 10

const STATUS_COLOR: Record<string, "green" | "blue" | "grey" | "orange"> = {
  ACTIVE: "green",
  CONFIRMED: "blue",
  RELEASED: "grey",
  EXPIRED: "orange",
}

/** Holds on the resource, filtered by status; active ones can be released. */
export const HoldsSection = ({ resourceId }: { resourceId: string }) => {
  const [status, setStatus] = useState("ACTIVE")
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<Page<"resource_holds", ResourceHold>>(
    "/admin/resource-holds",
    { resource_id: resourceId, status: status || undefined, limit: LIMIT, offset },
    { keepPrevious: true }
  )
  const release = useAdminMutation<{ id: string }>("POST", ({ id }) => `/admin/resource-holds/${id}/release`)

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="holds-section">
      <div className="flex items-center justify-between">
        <Heading level="h2">Holds</Heading>
        <NativeSelect
          ariaLabel="Hold status"
          value={status}
          onChange={(value) => {
            setStatus(value)
            setOffset(0)
          }}
          options={[{ value: "", label: "All statuses" }, ...HOLD_STATUSES.map((s) => ({ value: s, label: s }))]}
        />
      </div>
      <ErrorText error={list.error || release.error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Customer</Table.HeaderCell>
            <Table.HeaderCell>Dates</Table.HeaderCell>
            <Table.HeaderCell>Qty</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Expires</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {list.isLoading && <EmptyRow colSpan={6}>Loading…</EmptyRow>}
          {!list.isLoading && !list.data?.resource_holds.length && <EmptyRow colSpan={6}>No holds</EmptyRow>}
          {list.data?.resource_holds.map((hold) => (
            <Table.Row key={hold.id} data-hold-id={hold.id}>
              <Table.Cell>{hold.customer_email}</Table.Cell>
              <Table.Cell>{formatDates(hold.dates)}</Table.Cell>
              <Table.Cell>{hold.quantity}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={STATUS_COLOR[hold.status]}>
                  {hold.status}
                </Badge>
              </Table.Cell>
              <Table.Cell>{formatDateTime(hold.expires_at)}</Table.Cell>
              <Table.Cell className="text-right">
                {hold.status === "ACTIVE" && (
                  <Button
                    size="small"
                    variant="secondary"
                    isLoading={release.isPending && release.variables?.id === hold.id}
                    onClick={() => release.mutate({ id: hold.id })}
                  >
                    Release
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
    </Container>
  )
}
