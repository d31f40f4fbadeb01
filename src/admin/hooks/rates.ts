import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Rate, RateInput } from "../lib/types"

/** A variant's booking rates (`detail(variant_id)`: its rates and its base prices). */
export const ratesQueryKeys = queryKeysFactory("rates")

export type VariantRates = { rates: Rate[]; base_prices: { currency_code: string; amount: number }[] }

export const useVariantRates = (variantId: string) =>
  useQuery({
    ...adminQuery<VariantRates>(ratesQueryKeys.detail(variantId), `/admin/product-variants/${variantId}/rates`),
    placeholderData: undefined,
  })

/** Creates a rate (no id) or replaces the fields of one (id). */
export const useSaveRate = (variantId: string, rateId?: string) =>
  useAdminMutation<RateInput, { rate: Rate }>(
    (body) => ({
      path: `/admin/product-variants/${variantId}/rates${rateId ? `/${rateId}` : ""}`,
      method: "POST",
      body,
    }),
    [ratesQueryKeys.detail(variantId)]
  )

export const useDeleteRate = (variantId: string) =>
  useAdminMutation<string>((rateId) => ({ path: `/admin/product-variants/${variantId}/rates/${rateId}`, method: "DELETE" }), [
    ratesQueryKeys.detail(variantId),
  ])
