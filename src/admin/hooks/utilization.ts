import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { queryKeysFactory } from "../lib/query-key-factory"
import type { ResourceType, UtilizationRow } from "../lib/types"

export type UtilizationQuery = { from: string; to: string; type?: ResourceType }

export const utilizationQueryKeys = queryKeysFactory<UtilizationQuery>("utilization")

/** Unit-days held and allocated per resource over `from`..`to`; waits for both dates. */
export const useUtilization = (query: UtilizationQuery) =>
  useQuery({
    queryKey: utilizationQueryKeys.list(query),
    queryFn: () => sdk.client.fetch<{ utilization: UtilizationRow[] }>("/admin/resource-utilization", { query }),
    enabled: !!query.from && !!query.to,
    placeholderData: keepPreviousData,
  })
