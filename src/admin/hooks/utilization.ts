import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory } from "../lib/query"
import type { ResourceType, UtilizationRow } from "../lib/types"

export type UtilizationQuery = { from: string; to: string; type?: ResourceType }

export const utilizationQueryKeys = queryKeysFactory<UtilizationQuery>("utilization")

/** Unit-days held and allocated per resource over `from`..`to`; waits for both dates. */
export const useUtilization = (query: UtilizationQuery) =>
  useQuery({
    ...adminQuery<{ utilization: UtilizationRow[] }>(utilizationQueryKeys.list(query), "/admin/resource-utilization", query),
    enabled: !!query.from && !!query.to,
  })
