import { Badge, Drawer, Heading, Table, Text } from "@medusajs/ui"
import { formatDates, formatDateTime, Manifest, useAdminGet } from "../lib/api"
import { EmptyRow, ErrorText } from "./common"

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
  const { data, isLoading, error } = useAdminGet<{ manifest: Manifest }>(
    date ? `/admin/resources/${resourceId}/manifest` : null,
    { date: date ?? undefined }
  )
  const manifest = data?.manifest
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
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Order</Table.HeaderCell>
                    <Table.HeaderCell>Line item</Table.HeaderCell>
                    <Table.HeaderCell>Qty</Table.HeaderCell>
                    <Table.HeaderCell>Dates</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {!manifest.resource_allocations.length && <EmptyRow colSpan={4}>No allocations</EmptyRow>}
                  {manifest.resource_allocations.map((a) => (
                    <Table.Row key={a.id}>
                      <Table.Cell>
                        {a.order_id}
                        {a.needs_review && (
                          <Badge size="2xsmall" color="orange" className="ml-1">
                            review
                          </Badge>
                        )}
                      </Table.Cell>
                      <Table.Cell>{a.line_item_id}</Table.Cell>
                      <Table.Cell>{a.quantity}</Table.Cell>
                      <Table.Cell>{formatDates(a.dates)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
              <Heading level="h3">Active holds ({manifest.resource_holds.length})</Heading>
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Customer</Table.HeaderCell>
                    <Table.HeaderCell>Qty</Table.HeaderCell>
                    <Table.HeaderCell>Expires</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {!manifest.resource_holds.length && <EmptyRow colSpan={3}>No active holds</EmptyRow>}
                  {manifest.resource_holds.map((h) => (
                    <Table.Row key={h.id}>
                      <Table.Cell>{h.customer_email}</Table.Cell>
                      <Table.Cell>{h.quantity}</Table.Cell>
                      <Table.Cell>{formatDateTime(h.expires_at)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </>
          )}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
