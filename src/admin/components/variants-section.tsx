import { Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { LinkedVariant, Page, useAdminGet, useAdminMutation } from "../lib/api"
import { EmptyRow, ErrorText, Pager } from "./common"

const LIMIT = 10

type CoreVariant = { id: string; title: string | null; sku: string | null; product?: { id: string; title: string } | null }

/** The product variants that sell this resource: link (search variants) and unlink. */
export const VariantsSection = ({ resourceId }: { resourceId: string }) => {
  const [offset, setOffset] = useState(0)
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300)
    return () => clearTimeout(timer)
  }, [search])

  const linked = useAdminGet<Page<"product_variants", LinkedVariant>>(
    `/admin/resources/${resourceId}/variants`,
    { limit: LIMIT, offset },
    { keepPrevious: true }
  )
  const candidates = useAdminGet<{ variants: CoreVariant[] }>(
    q ? "/admin/product-variants" : null,
    { q, limit: 8, fields: "id,title,sku,*product" },
    { keepPrevious: true }
  )
  const link = useAdminMutation<{ variant_ids: string[] }>("POST", `/admin/resources/${resourceId}/variants`)
  const unlink = useAdminMutation<{ variant_id: string }>(
    "DELETE",
    ({ variant_id }) => `/admin/resources/${resourceId}/variants/${variant_id}`
  )
  const linkedIds = new Set(linked.data?.product_variants.map((v) => v.id))

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="variants-section">
      <Heading level="h2">Product variants</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        A linked variant sells this resource in the store; its price is per unit per day.
      </Text>
      <ErrorText error={linked.error || link.error || unlink.error} />
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Product</Table.HeaderCell>
            <Table.HeaderCell>Variant</Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {linked.isLoading && <EmptyRow colSpan={4}>Loading…</EmptyRow>}
          {!linked.isLoading && !linked.data?.product_variants.length && <EmptyRow colSpan={4}>No linked variants</EmptyRow>}
          {linked.data?.product_variants.map((variant) => (
            <Table.Row key={variant.id}>
              <Table.Cell>
                {variant.product ? <Link to={`/products/${variant.product.id}`}>{variant.product.title}</Link> : "-"}
              </Table.Cell>
              <Table.Cell>{variant.title ?? variant.id}</Table.Cell>
              <Table.Cell>{variant.sku ?? "-"}</Table.Cell>
              <Table.Cell className="text-right">
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={unlink.isPending && unlink.variables?.variant_id === variant.id}
                  onClick={() => unlink.mutate({ variant_id: variant.id })}
                >
                  Unlink
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Pager count={linked.data?.count ?? 0} limit={LIMIT} offset={offset} onOffset={setOffset} />
      <div className="flex flex-col gap-y-2">
        <Input
          size="small"
          type="search"
          placeholder="Search variants to link (title, SKU)"
          aria-label="Search variants"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <ErrorText error={candidates.error} />
        {q && candidates.isLoading && <Text size="small">Searching…</Text>}
        {q && candidates.data && !candidates.data.variants.length && (
          <Text size="small" className="text-ui-fg-muted">
            No variants match
          </Text>
        )}
        {q &&
          candidates.data?.variants.map((variant) => (
            <div key={variant.id} className="flex items-center justify-between gap-x-2">
              <Text size="small">
                {variant.product?.title ?? ""} · {variant.title ?? variant.id}
                {variant.sku ? ` (${variant.sku})` : ""}
              </Text>
              <Button
                size="small"
                variant="secondary"
                disabled={linkedIds.has(variant.id)}
                isLoading={link.isPending && link.variables?.variant_ids[0] === variant.id}
                onClick={() => link.mutate({ variant_ids: [variant.id] })}
              >
                {linkedIds.has(variant.id) ? "Linked" : "Link"}
              </Button>
            </div>
          ))}
      </div>
    </Container>
  )
}
