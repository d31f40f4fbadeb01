import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, resourceListQuery, useAdminMutation } from "../lib/query"
import type { LinkedVariant, Page, Paging } from "../lib/types"

export type VariantListQuery = Paging & { resource_id: string }
export type CoreVariant = { id: string; title: string | null; sku: string | null; product?: { id: string; title: string } | null }

/** Variants linked to a resource (`list`) and Medusa's variants found by a search (`detail("search", { q })`). */
export const variantsQueryKeys = queryKeysFactory<VariantListQuery, { q: string }>("variants")

export const useResourceVariants = (query: VariantListQuery) =>
  useQuery(resourceListQuery<Page<"product_variants", LinkedVariant>>(variantsQueryKeys, "variants", query))

/** Medusa's product variants matching `q` (title, SKU); idle while `q` is empty. */
export const useVariantSearch = (q: string) =>
  useQuery({
    ...adminQuery<{ variants: CoreVariant[] }>(variantsQueryKeys.detail("search", { q }), "/admin/product-variants", {
      q,
      limit: 8,
      fields: "id,title,sku,*product",
    }),
    enabled: !!q,
  })

export const useLinkVariants = (resourceId: string) =>
  useAdminMutation<string[]>(
    (variant_ids) => ({ path: `/admin/resources/${resourceId}/variants`, method: "POST", body: { variant_ids } }),
    [variantsQueryKeys.lists()]
  )

export const useUnlinkVariant = (resourceId: string) =>
  useAdminMutation<string>(
    (variantId) => ({ path: `/admin/resources/${resourceId}/variants/${variantId}`, method: "DELETE" }),
    [variantsQueryKeys.lists()]
  )
