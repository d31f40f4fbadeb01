import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory } from "../lib/query"
import type { ConversionReport, HoldChannel } from "../lib/types"

export type ConversionQuery = { from: string; to: string; resource_id?: string; channel?: HoldChannel }

export const conversionQueryKeys = queryKeysFactory<ConversionQuery>("conversion")

/** Holds made on the dates from..to (the shop's zone) by outcome: totals, per channel, per resource. */
export const useConversion = (query: ConversionQuery) =>
  useQuery({
    ...adminQuery<{ conversion: ConversionReport }>(conversionQueryKeys.list(query), "/admin/resource-reports/conversion", query),
    enabled: !!query.from && !!query.to && query.from <= query.to,
  })
