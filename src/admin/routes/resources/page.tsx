import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CalendarSolid } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { EmptyRow, ErrorText, NativeSelect, Pager } from "../../components/common"
import { ResourceFormDrawer } from "../../components/resource-form-drawer"
import { Page, Resource, RESOURCE_TYPES, useAdminGet } from "../../lib/api"

const LIMIT = 15

/** Every resource, with type/active filters, search and paging; create in a drawer. */
const ResourcesPage = () => {
  const navigate = useNavigate()
  const [type, setType] = useState("")
  const [active, setActive] = useState("")
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [offset, setOffset] = useState(0)
  const [creating, setCreating] = useState(false)

  // Debounced search: the list does not refetch on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(search.trim())
      setOffset(0)
    }, 300)
    return () => clearTimeout(timer)
  }, [search])

  const { data, isLoading, isFetching, error } = useAdminGet<Page<"resources", Resource>>(
    "/admin/resources",
    { type: type || undefined, is_active: active || undefined, q: q || undefined, limit: LIMIT, offset },
    { keepPrevious: true }
  )

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Resources</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Vehicles, tours and guides booked by the calendar day.
          </Text>
        </div>
        <div className="flex gap-x-2">
          <Button variant="secondary" size="small" asChild>
            <Link to="/resource-utilization">Utilization</Link>
          </Button>
          <Button size="small" onClick={() => setCreating(true)}>
            Create
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 px-6 py-3">
        <NativeSelect
          ariaLabel="Type"
          value={type}
          onChange={(value) => {
            setType(value)
            setOffset(0)
          }}
          options={[{ value: "", label: "All types" }, ...RESOURCE_TYPES.map((t) => ({ value: t, label: t }))]}
        />
        <NativeSelect
          ariaLabel="Status"
          value={active}
          onChange={(value) => {
            setActive(value)
            setOffset(0)
          }}
          options={[
            { value: "", label: "Active and inactive" },
            { value: "true", label: "Active" },
            { value: "false", label: "Inactive" },
          ]}
        />
        <Input
          type="search"
          size="small"
          placeholder="Search name or description"
          aria-label="Search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-64"
        />
        {isFetching && !isLoading && (
          <Text size="small" className="text-ui-fg-muted">
            Updating…
          </Text>
        )}
      </div>
      <ErrorText error={error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Name</Table.HeaderCell>
            <Table.HeaderCell>Type</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Description</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {isLoading && <EmptyRow colSpan={4}>Loading…</EmptyRow>}
          {!isLoading && !data?.resources.length && <EmptyRow colSpan={4}>No resources</EmptyRow>}
          {data?.resources.map((resource) => (
            <Table.Row
              key={resource.id}
              className="cursor-pointer"
              onClick={() => navigate(`/resources/${resource.id}`)}
            >
              <Table.Cell>
                <Link to={`/resources/${resource.id}`} className="txt-compact-small-plus">
                  {resource.name}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall">{resource.type}</Badge>
              </Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={resource.is_active ? "green" : "grey"}>
                  {resource.is_active ? "Active" : "Inactive"}
                </Badge>
              </Table.Cell>
              <Table.Cell className="max-w-xs truncate">{resource.description ?? "-"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
      <ResourceFormDrawer
        open={creating}
        onOpenChange={setCreating}
        onSaved={(resource) => navigate(`/resources/${resource.id}`)}
      />
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Resources",
  icon: CalendarSolid,
})

export default ResourcesPage
