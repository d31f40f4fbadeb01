import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../../../lib/query"
import { sdk } from "../../../lib/sdk"

export type ResellerKey = {
  id: string
  title: string
  redacted: string
  created_at: string
  revoked_at: string | null
  last_used_at: string | null
  /** Set on a key a rotation replaced: the new key's id (this one works until revoked). */
  replaced_by_id: string | null
  reseller?: { id: string; name: string } | null
  sales_channel?: { id: string; name: string } | null
  /** Only in the answer that created the key. */
  token?: string
}

export type Reseller = { id: string; name: string; keys?: { id: string; revoked_at: string | null }[] }

export type ResellerKeyListQuery = { limit: number; offset: number }

export const resellerKeysQueryKeys = queryKeysFactory<ResellerKeyListQuery>("reseller_keys")
export const resellersQueryKeys = queryKeysFactory<{ limit: number }>("resellers")

export const useResellerKeys = (query: ResellerKeyListQuery) =>
  useQuery(
    adminQuery<{ reseller_keys: ResellerKey[]; count: number; limit: number; offset: number }>(
      resellerKeysQueryKeys.list(query),
      "/admin/reseller-keys",
      query
    )
  )

/** The resellers a new key may belong to. */
export const useResellers = () =>
  useQuery(adminQuery<{ resellers: Reseller[]; count: number }>(resellersQueryKeys.list({ limit: 100 }), "/admin/resellers", { limit: 100 }))

/** The sales channels a key may be tied to (Medusa's own admin route). */
export const useSalesChannelChoices = () =>
  useQuery({
    queryKey: ["resource_booking", "reseller_keys", "sales_channels"],
    queryFn: () => sdk.admin.salesChannel.list({ limit: 100 }),
    placeholderData: keepPreviousData,
  })

export type CreateResellerKeyBody = { title: string; sales_channel_id: string; reseller_id?: string; reseller_name?: string }

export const useCreateResellerKey = () =>
  useAdminMutation<CreateResellerKeyBody, { reseller_key: ResellerKey }>(
    (body) => ({ path: "/admin/reseller-keys", method: "POST", body }),
    [resellerKeysQueryKeys.lists(), resellersQueryKeys.lists()]
  )

/** First step of a rotation: a new key for the same reseller and channel; the old one works until revoked. */
export const useRotateResellerKey = () =>
  useAdminMutation<string, { reseller_key: ResellerKey; replaced_key: ResellerKey }>(
    (id) => ({ path: `/admin/reseller-keys/${id}/rotate`, method: "POST", body: {} }),
    [resellerKeysQueryKeys.lists(), resellersQueryKeys.lists()]
  )

export const useRevokeResellerKey = () =>
  useAdminMutation<string, { reseller_key: ResellerKey }>(
    (id) => ({ path: `/admin/reseller-keys/${id}/revoke`, method: "POST" }),
    [resellerKeysQueryKeys.lists(), resellersQueryKeys.lists()]
  )
