import { useQuery } from "@tanstack/react-query"
import { queryKeysFactory, resourceListQuery, useAdminMutation } from "../lib/query"
import type { Page, Paging, ResourceBlackout } from "../lib/types"
import { allocationsQueryKeys } from "./allocations"
import { CAPACITY_VIEWS } from "./capacity"
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

export const useBlackouts = (query: BlackoutListQuery) =>
  useQuery(resourceListQuery<Page<"resource_blackouts", ResourceBlackout>>(blackoutsQueryKeys, "blackouts", query))

/** Creates a blackout: it may release holds (capacity back) and flag allocations. */
export const useCreateBlackout = (resourceId: string) =>
  useAdminMutation<BlackoutInput, BlackoutCreated>(
    (body) => ({ path: `/admin/resources/${resourceId}/blackouts`, method: "POST", body }),
    [blackoutsQueryKeys.all, holdsQueryKeys.all, allocationsQueryKeys.all, ...CAPACITY_VIEWS]
  )

/** Deletes a blackout (by id); capacity is untouched. */
export const useDeleteBlackout = (resourceId: string) =>
  useAdminMutation<string>((id) => ({ path: `/admin/resources/${resourceId}/blackouts/${id}`, method: "DELETE" }), [
    blackoutsQueryKeys.all,
  ])
