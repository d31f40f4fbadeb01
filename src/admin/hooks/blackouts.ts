import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { Page, Paging, ResourceBlackout } from "../lib/types"
import { allocationsQueryKeys } from "./allocations"
import { invalidateCapacity } from "./capacity"
import { holdsQueryKeys } from "./holds"

export type BlackoutListQuery = Paging & { resource_id: string; from?: string; to?: string }
export type BlackoutInput = { start_date: string; end_date: string; reason: string | null; release_active_holds: boolean }
export type BlackoutCreated = {
  resource_blackout: ResourceBlackout
  released_hold_ids: string[]
  expired_hold_ids?: string[]
  flagged_allocation_ids: string[]
}

export const blackoutsQueryKeys = queryKeysFactory<BlackoutListQuery>("blackouts")

export const useBlackouts = ({ resource_id, ...query }: BlackoutListQuery) =>
  useQuery({
    queryKey: blackoutsQueryKeys.list({ resource_id, ...query }),
    queryFn: () =>
      sdk.client.fetch<Page<"resource_blackouts", ResourceBlackout>>(`/admin/resources/${resource_id}/blackouts`, {
        query,
      }),
    placeholderData: keepPreviousData,
  })

/** Creates a blackout: it may release holds (capacity back) and flag allocations. */
export const useCreateBlackout = (resourceId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BlackoutInput) =>
      sdk.client.fetch<BlackoutCreated>(`/admin/resources/${resourceId}/blackouts`, { method: "POST", body }),
    onSuccess: () =>
      Promise.all([
        invalidate(queryClient, blackoutsQueryKeys.all, holdsQueryKeys.all, allocationsQueryKeys.all),
        invalidateCapacity(queryClient),
      ]),
  })
}

export const useDeleteBlackout = (resourceId: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`/admin/resources/${resourceId}/blackouts/${id}`, { method: "DELETE" }),
    onSuccess: () => invalidate(queryClient, blackoutsQueryKeys.all),
  })
}
