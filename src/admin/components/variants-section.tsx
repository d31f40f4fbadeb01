import { createDataTableColumnHelper } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { CoreVariant, useLinkVariant, useResourceVariants, useUnlinkVariant, useVariantSearch } from "../hooks/variants"
import type { LinkedVariant } from "../lib/types"
import { LinkSide, LinksSection } from "./links-section"
import { useTableState } from "./table-section"

const column = createDataTableColumnHelper<LinkedVariant>()

/** The resource page's side of the link: the variants that book it, found by title or SKU. */
const VARIANTS: LinkSide<LinkedVariant, CoreVariant> = {
  noun: "variant",
  useCandidates: useVariantSearch,
  candidateLabel: (variant) => `${variant.product?.title ?? ""} · ${variant.title ?? variant.id}${variant.sku ? ` (${variant.sku})` : ""}`,
  columns: [
    column.accessor("product", {
      header: "Product",
      cell: ({ getValue }) => {
        const product = getValue()
        return product ? <Link to={`/products/${product.id}`}>{product.title}</Link> : "-"
      },
    }),
    column.accessor("title", {
      header: "Variant",
      cell: ({ row: { original: variant } }) =>
        variant.product ? (
          <Link to={`/products/${variant.product.id}/variants/${variant.id}`}>{variant.title ?? variant.id}</Link>
        ) : (
          variant.title ?? variant.id
        ),
    }),
    column.accessor("sku", { header: "SKU", cell: ({ getValue }) => getValue() ?? "-" }),
  ],
}

/** The product variants that book this resource, with their units: link (search variants), set units, unlink. */
export const VariantsSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState({ pageSize: 10 })
  const list = useResourceVariants({ resource_id: resourceId, ...state.paging })
  const link = useLinkVariant(resourceId)
  const unlink = useUnlinkVariant(resourceId)
  return <LinksSection side={VARIANTS} state={state} list={list} link={link} unlink={unlink} />
}
