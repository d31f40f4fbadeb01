import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Page, Paging, ResourceAllocation } from "../lib/types"
import { CAPACITY_VIEWS } from "./capacity"

export type AllocationListQuery = Paging & { resource_id: string; needs_review?: "true" | "false" }

export const allocationsQueryKeys = queryKeysFactory<AllocationListQuery>("allocations")

export const useAllocations = (query: AllocationListQuery) =>
  useQuery(
    adminQuery<Page<"resource_allocations", ResourceAllocation>>(
      allocationsQueryKeys.list(query),
      "/admin/resource-allocations",
      query
    )
  )

/** Cancels an allocation, giving its capacity back when `restore_capacity`. */
export const useCancelAllocation = () =>
  useAdminMutation<{ id: string; restore_capacity: boolean }>(
    ({ id, restore_capacity }) => ({ path: `/admin/resource-allocations/${id}/cancel`, method: "POST", body: { restore_capacity } }),
    [allocationsQueryKeys.all, ...CAPACITY_VIEWS]
  )
