import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, resourceListQuery, useAdminMutation } from "../lib/query"
import type { LinkedVariant, Page, Paging, VariantResource } from "../lib/types"

export type VariantListQuery = Paging & { resource_id: string }
export type CoreVariant = { id: string; title: string | null; sku: string | null; product?: { id: string; title: string } | null }
/** A link to make (or whose units to set): the other side's id, and units (default 1; text as typed goes to the server). */
export type LinkInput = { id: string; units?: number | string }

/** Variants linked to a resource (`list`) and Medusa's variants found by a search (`detail("search", { q })`). */
export const variantsQueryKeys = queryKeysFactory<VariantListQuery, { q: string }>("variants")
/** The resources one variant books: `detail(variant_id)`. */
export const variantResourcesQueryKeys = queryKeysFactory("variant_resources")

/**
 * A resource ↔ variant link is seen from both sides (the resource page's
 * variants, the variant page's resources): a change on either side makes both stale.
 */
const LINK_VIEWS = [variantsQueryKeys.lists(), variantResourcesQueryKeys.all]

/** The variants linked to a resource, as `{ rows, count }`. */
export const useResourceVariants = (query: VariantListQuery) =>
  useQuery({
    ...resourceListQuery<Page<"product_variants", LinkedVariant>>(variantsQueryKeys, "variants", query),
    select: (page) => ({ rows: page.product_variants, count: page.count }),
  })

/** Medusa's product variants matching `q` (title, SKU); idle while `q` is empty. */
export const useVariantSearch = (q: string) =>
  useQuery({
    ...adminQuery<{ variants: CoreVariant[] }>(variantsQueryKeys.detail("search", { q }), "/admin/product-variants", {
      q,
      limit: 8,
      fields: "id,title,sku,*product",
    }),
    select: (result) => result.variants,
    enabled: !!q,
  })

/** Links a variant to the resource, or sets the units of its link. */
export const useLinkVariant = (resourceId: string) =>
  useAdminMutation<LinkInput>(
    ({ id, units }) => ({ path: `/admin/resources/${resourceId}/variants`, method: "POST", body: { variant_ids: [id], units } }),
    LINK_VIEWS
  )

export const useUnlinkVariant = (resourceId: string) =>
  useAdminMutation<string>(
    (variantId) => ({ path: `/admin/resources/${resourceId}/variants`, method: "DELETE", body: { variant_ids: [variantId] } }),
    LINK_VIEWS
  )

/** The resources a variant books, with the units one booked unit takes of each, as `{ rows, count }`. */
export const useVariantResources = (variantId: string) =>
  useQuery({
    ...adminQuery<{ resources: VariantResource[] }>(
      variantResourcesQueryKeys.detail(variantId),
      `/admin/product-variants/${variantId}/resources`
    ),
    placeholderData: undefined,
    select: ({ resources }) => ({ rows: resources, count: resources.length }),
  })

/** Links a resource to the variant, or sets the units of its link. */
export const useLinkVariantResource = (variantId: string) =>
  useAdminMutation<LinkInput>(
    ({ id, units }) => ({ path: `/admin/product-variants/${variantId}/resources`, method: "POST", body: { resource_id: id, units } }),
    LINK_VIEWS
  )

export const useUnlinkVariantResource = (variantId: string) =>
  useAdminMutation<string>(
    (resourceId) => ({ path: `/admin/product-variants/${variantId}/resources/${resourceId}`, method: "DELETE" }),
    LINK_VIEWS
  )
