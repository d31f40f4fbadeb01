import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { Page, Paging, ResourceAllocation } from "../lib/types"
import { invalidateCapacity } from "./capacity"

export type AllocationListQuery = Paging & { resource_id: string; needs_review?: "true" | "false" }

export const allocationsQueryKeys = queryKeysFactory<AllocationListQuery>("allocations")

export const useAllocations = (query: AllocationListQuery) =>
  useQuery({
    queryKey: allocationsQueryKeys.list(query),
    queryFn: () => sdk.client.fetch<Page<"resource_allocations", ResourceAllocation>>("/admin/resource-allocations", { query }),
    placeholderData: keepPreviousData,
  })

/** Cancels an allocation, giving its capacity back when `restore_capacity`. */
export const useCancelAllocation = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, restore_capacity }: { id: string; restore_capacity: boolean }) =>
      sdk.client.fetch<{ resource_allocation: ResourceAllocation }>(`/admin/resource-allocations/${id}/cancel`, {
        method: "POST",
        body: { restore_capacity },
      }),
    onSuccess: () => Promise.all([invalidate(queryClient, allocationsQueryKeys.all), invalidateCapacity(queryClient)]),
  })
}
