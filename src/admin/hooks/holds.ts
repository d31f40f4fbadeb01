import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { Page, Paging, ResourceHold } from "../lib/types"
import type { HoldStatus } from "../../modules/resource_booking/constants"
import { invalidateCapacity } from "./capacity"

export type HoldListQuery = Paging & { resource_id: string; status?: HoldStatus }

export const holdsQueryKeys = queryKeysFactory<HoldListQuery>("holds")

export const useHolds = (query: HoldListQuery) =>
  useQuery({
    queryKey: holdsQueryKeys.list(query),
    queryFn: () => sdk.client.fetch<Page<"resource_holds", ResourceHold>>("/admin/resource-holds", { query }),
    placeholderData: keepPreviousData,
  })

/** Releases an active hold: its capacity comes back at once. */
export const useReleaseHold = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ resource_hold: ResourceHold }>(`/admin/resource-holds/${id}/release`, { method: "POST" }),
    onSuccess: () => Promise.all([invalidate(queryClient, holdsQueryKeys.all), invalidateCapacity(queryClient)]),
  })
}
