import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../../../lib/query"
import { sdk } from "../../../lib/sdk"

export type ResellerKey = {
  id: string
  title: string
  redacted: string
  created_at: string
  revoked_at: string | null
  sales_channel?: { id: string; name: string } | null
  /** Only in the answer that created the key. */
  token?: string
}

export type ResellerKeyListQuery = { limit: number; offset: number }

export const resellerKeysQueryKeys = queryKeysFactory<ResellerKeyListQuery>("reseller_keys")

export const useResellerKeys = (query: ResellerKeyListQuery) =>
  useQuery(
    adminQuery<{ reseller_keys: ResellerKey[]; count: number; limit: number; offset: number }>(
      resellerKeysQueryKeys.list(query),
      "/admin/reseller-keys",
      query
    )
  )

/** The sales channels a key may be tied to (Medusa's own admin route). */
export const useSalesChannelChoices = () =>
  useQuery({
    queryKey: ["resource_booking", "reseller_keys", "sales_channels"],
    queryFn: () => sdk.admin.salesChannel.list({ limit: 100 }),
    placeholderData: keepPreviousData,
  })

export const useCreateResellerKey = () =>
  useAdminMutation<{ title: string; sales_channel_id: string }, { reseller_key: ResellerKey }>(
    (body) => ({ path: "/admin/reseller-keys", method: "POST", body }),
    [resellerKeysQueryKeys.lists()]
  )

export const useRevokeResellerKey = () =>
  useAdminMutation<string, { reseller_key: ResellerKey }>(
    (id) => ({ path: `/admin/reseller-keys/${id}/revoke`, method: "POST" }),
    [resellerKeysQueryKeys.lists()]
  )
