import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartBar } from "@medusajs/icons"
import { Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { EmptyRow, ErrorText, Field, NativeSelect } from "../../components/common"
import { addDays, localToday, RESOURCE_TYPES, useAdminGet, UtilizationRow } from "../../lib/api"

function barColour(percent: number): string {
  if (percent >= 90) return "bg-ui-tag-red-icon"
  if (percent >= 60) return "bg-ui-tag-orange-icon"
  return "bg-ui-tag-green-icon"
}

/** Unit-days held and allocated per resource over a chosen range. */
const UtilizationPage = () => {
  const [from, setFrom] = useState(localToday())
  const [to, setTo] = useState(addDays(localToday(), 29))
  const [type, setType] = useState("")
  const { data, isLoading, isFetching, error } = useAdminGet<{ utilization: UtilizationRow[] }>(
    from && to ? "/admin/resource-utilization" : null,
    { from, to, type: type || undefined },
    { keepPrevious: true }
  )
  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h1">Resource utilization</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Unit-days: held (unexpired active holds) plus allocated (orders), over the capacity of the dates that have
          capacity.
        </Text>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="From" htmlFor="util-from">
          <Input id="util-from" type="date" size="small" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To" htmlFor="util-to">
          <Input id="util-to" type="date" size="small" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Field label="Type" htmlFor="util-type">
          <NativeSelect
            id="util-type"
            value={type}
            onChange={setType}
            options={[{ value: "", label: "All types" }, ...RESOURCE_TYPES.map((t) => ({ value: t, label: t }))]}
          />
        </Field>
        {isFetching && !isLoading && <Text size="small" className="text-ui-fg-muted">Updating…</Text>}
      </div>
      <ErrorText error={error} />
      <Table data-testid="utilization-table">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Resource</Table.HeaderCell>
            <Table.HeaderCell>Days</Table.HeaderCell>
            <Table.HeaderCell>Capacity</Table.HeaderCell>
            <Table.HeaderCell>Held</Table.HeaderCell>
            <Table.HeaderCell>Allocated</Table.HeaderCell>
            <Table.HeaderCell className="w-1/3">Utilization</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {isLoading && <EmptyRow colSpan={6}>Loading…</EmptyRow>}
          {!isLoading && !data?.utilization.length && <EmptyRow colSpan={6}>No resources</EmptyRow>}
          {data?.utilization.map((row) => (
            <Table.Row key={row.resource_id}>
              <Table.Cell>
                <Link to={`/resources/${row.resource_id}`}>{row.name}</Link>
              </Table.Cell>
              <Table.Cell>{row.total_days}</Table.Cell>
              <Table.Cell>{row.total_capacity}</Table.Cell>
              <Table.Cell>{row.held}</Table.Cell>
              <Table.Cell>{row.allocated}</Table.Cell>
              <Table.Cell>
                <div className="flex items-center gap-x-2">
                  <div className="bg-ui-bg-subtle h-3 flex-1 overflow-hidden rounded-full">
                    <div
                      className={`h-full ${barColour(row.utilization_percent)}`}
                      style={{ width: `${Math.min(100, row.utilization_percent)}%` }}
                    />
                  </div>
                  <span className="txt-compact-small w-14 text-right">{row.utilization_percent}%</span>
                </div>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Utilization",
  icon: ChartBar,
})

export default UtilizationPage
