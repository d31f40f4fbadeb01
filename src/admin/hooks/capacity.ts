import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { todayIn } from "../../modules/resource_booking/utils/dates"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { CapacityDay, Manifest } from "../lib/types"
import { auditQueryKeys } from "./audit"
import { utilizationQueryKeys } from "./utilization"

export type CapacityQuery = { resource_id: string; from: string; to: string }
export type SetCapacityInput = { from: string; to: string; max_capacity: number | string; weekdays?: number[] }

export const capacityQueryKeys = queryKeysFactory<CapacityQuery>("capacity")
/** A day's manifest: `detail(resource_id, { date })`. */
export const manifestQueryKeys = queryKeysFactory<never, { date: string }>("manifest")

/**
 * What a change of `available_capacity` makes stale: the calendar, the day
 * manifests, the audit trail and utilization. Every mutation that takes or
 * gives back capacity calls this besides invalidating its own entity.
 */
export const invalidateCapacity = (queryClient: QueryClient) =>
  invalidate(queryClient, capacityQueryKeys.all, manifestQueryKeys.all, auditQueryKeys.all, utilizationQueryKeys.all)

type CapacityAnswer = { capacity: CapacityDay[]; today?: string }

export const useCapacity = ({ resource_id, ...query }: CapacityQuery) =>
  useQuery({
    queryKey: capacityQueryKeys.list({ resource_id, ...query }),
    queryFn: () => sdk.client.fetch<CapacityAnswer>(`/admin/resources/${resource_id}/capacity`, { query }),
    placeholderData: keepPreviousData,
  })

export const useSetCapacity = (resourceId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SetCapacityInput) =>
      sdk.client.fetch<{ capacity: CapacityDay[] }>(`/admin/resources/${resourceId}/capacity`, { method: "POST", body }),
    onSuccess: () => invalidateCapacity(queryClient),
  })
}

export const useManifest = (resourceId: string, date: string | null) =>
  useQuery({
    queryKey: manifestQueryKeys.detail(resourceId, { date: date ?? "" }),
    queryFn: () =>
      sdk.client.fetch<{ manifest: Manifest }>(`/admin/resources/${resourceId}/manifest`, { query: { date } }),
    enabled: !!date,
  })

/** The browser's calendar date; the server's `today` (module time zone) wins when known. */
export const browserToday = () => todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone)

/**
 * Today in the module's time zone (the server says it with every capacity
 * read); the browser's date if the server cannot answer, null until then.
 */
export function useServerToday(resourceId: string): string | null {
  const start = browserToday()
  const { data, error } = useCapacity({ resource_id: resourceId, from: start, to: start })
  return data ? data.today ?? start : error ? start : null
}
