import { Badge, Container, Heading, Input, Table } from "@medusajs/ui"
import { useState } from "react"
import { CapacityAudit, formatDateTime, Page, useAdminGet } from "../lib/api"
import { EmptyRow, ErrorText, Field, Pager } from "./common"

const LIMIT = 15

const show = (value: number | null) => (value === null ? "–" : String(value))

/** The capacity audit trail: every change of available/max capacity and why. */
export const AuditSection = ({ resourceId }: { resourceId: string }) => {
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [offset, setOffset] = useState(0)
  const list = useAdminGet<Page<"capacity_audit", CapacityAudit>>(
    `/admin/resources/${resourceId}/audit`,
    { from: from || undefined, to: to || undefined, limit: LIMIT, offset },
    { keepPrevious: true }
  )
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="audit-section">
      <div className="flex items-end justify-between gap-x-3">
        <Heading level="h2">Audit trail</Heading>
        <div className="flex gap-x-2">
          <Field label="Capacity date from" htmlFor="audit-from">
            <Input id="audit-from" size="small" type="date" value={from} onChange={(e) => { setFrom(e.target.value); setOffset(0) }} />
          </Field>
          <Field label="to" htmlFor="audit-to">
            <Input id="audit-to" size="small" type="date" value={to} onChange={(e) => { setTo(e.target.value); setOffset(0) }} />
          </Field>
        </div>
      </div>
      <ErrorText error={list.error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>When</Table.HeaderCell>
            <Table.HeaderCell>Date</Table.HeaderCell>
            <Table.HeaderCell>Reason</Table.HeaderCell>
            <Table.HeaderCell>Available</Table.HeaderCell>
            <Table.HeaderCell>Max</Table.HeaderCell>
            <Table.HeaderCell>By</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {list.isLoading && <EmptyRow colSpan={6}>Loading…</EmptyRow>}
          {!list.isLoading && !list.data?.capacity_audit.length && <EmptyRow colSpan={6}>No changes</EmptyRow>}
          {list.data?.capacity_audit.map((row) => (
            <Table.Row key={row.id}>
              <Table.Cell>{formatDateTime(row.changed_at)}</Table.Cell>
              <Table.Cell>{row.date}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall">{row.change_reason}</Badge>
              </Table.Cell>
              <Table.Cell>
                {show(row.old_available)} → {show(row.new_available)}
              </Table.Cell>
              <Table.Cell>
                {show(row.old_max)} → {show(row.new_max)}
              </Table.Cell>
              <Table.Cell className="max-w-[10rem] truncate">
                {row.hold_id ?? row.allocation_id ?? row.actor_id ?? "-"}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={list.data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
    </Container>
  )
}
