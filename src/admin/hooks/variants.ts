import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { LinkedVariant, Page, Paging } from "../lib/types"

export type VariantListQuery = Paging & { resource_id: string }
export type CoreVariant = { id: string; title: string | null; sku: string | null; product?: { id: string; title: string } | null }

/** Variants linked to a resource (`list`) and core variants found by a search (`detail("search", { q })`). */
export const variantsQueryKeys = queryKeysFactory<VariantListQuery, { q: string }>("variants")

export const useResourceVariants = ({ resource_id, ...query }: VariantListQuery) =>
  useQuery({
    queryKey: variantsQueryKeys.list({ resource_id, ...query }),
    queryFn: () =>
      sdk.client.fetch<Page<"product_variants", LinkedVariant>>(`/admin/resources/${resource_id}/variants`, { query }),
    placeholderData: keepPreviousData,
  })

/** Medusa's product variants matching `q` (title, SKU); idle while `q` is empty. */
export const useVariantSearch = (q: string) =>
  useQuery({
    queryKey: variantsQueryKeys.detail("search", { q }),
    queryFn: () =>
      sdk.client.fetch<{ variants: CoreVariant[] }>("/admin/product-variants", {
        query: { q, limit: 8, fields: "id,title,sku,*product" },
      }),
    enabled: !!q,
    placeholderData: keepPreviousData,
  })

export const useLinkVariants = (resourceId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (variant_ids: string[]) =>
      sdk.client.fetch(`/admin/resources/${resourceId}/variants`, { method: "POST", body: { variant_ids } }),
    onSuccess: () => invalidate(queryClient, variantsQueryKeys.lists()),
  })
}

export const useUnlinkVariant = (resourceId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (variantId: string) =>
      sdk.client.fetch(`/admin/resources/${resourceId}/variants/${variantId}`, { method: "DELETE" }),
    onSuccess: () => invalidate(queryClient, variantsQueryKeys.lists()),
  })
}
