import { Button, createDataTableColumnHelper, Input, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { useLinkVariants, useResourceVariants, useUnlinkVariant, useVariantSearch } from "../hooks/variants"
import type { LinkedVariant } from "../lib/types"
import { ErrorText, RowButton } from "./common"
import { TableSection, useListTable, useTableState } from "./table-section"

const column = createDataTableColumnHelper<LinkedVariant>()

/** The product variants that sell this resource: link (search variants) and unlink. */
export const VariantsSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState({ pageSize: 10 })
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300)
    return () => clearTimeout(timer)
  }, [search])

  const linked = useResourceVariants({ resource_id: resourceId, ...state.paging })
  const candidates = useVariantSearch(q)
  const link = useLinkVariants(resourceId)
  const unlink = useUnlinkVariant(resourceId)
  const linkedIds = new Set(linked.data?.product_variants.map((v) => v.id))

  const columns = [
    column.accessor("product", {
      header: "Product",
      cell: ({ getValue }) => {
        const product = getValue()
        return product ? <Link to={`/products/${product.id}`}>{product.title}</Link> : "-"
      },
    }),
    column.accessor("title", { header: "Variant", cell: ({ row }) => row.original.title ?? row.original.id }),
    column.accessor("sku", { header: "SKU", cell: ({ getValue }) => getValue() ?? "-" }),
    column.display({
      id: "unlink",
      size: 110,
      cell: ({ row: { original: variant } }) => (
        <RowButton pending={unlink.isPending && unlink.variables === variant.id} onClick={() => unlink.mutate(variant.id)}>
          Unlink
        </RowButton>
      ),
    }),
  ]

  const table = useListTable(state, {
    columns,
    data: linked.data?.product_variants,
    rowCount: linked.data?.count,
    isLoading: linked.isLoading,
  })

  return (
    <TableSection
      table={table}
      title="Product variants"
      testId="variants-section"
      subtitle="A linked variant sells this resource in the store; its price is per unit per day."
      error={linked.error || link.error || unlink.error}
      empty="No linked variants"
    >
      <div className="flex flex-col gap-y-2 px-6 py-4">
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
                isLoading={link.isPending && link.variables?.[0] === variant.id}
                onClick={() => link.mutate([variant.id])}
              >
                {linkedIds.has(variant.id) ? "Linked" : "Link"}
              </Button>
            </div>
          ))}
      </div>
    </TableSection>
  )
}
