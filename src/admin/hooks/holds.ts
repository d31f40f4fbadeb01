import { useQuery } from "@tanstack/react-query"
import type { HoldStatus } from "../../modules/resource_booking/constants"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Page, Paging, ResourceHold } from "../lib/types"
import { CAPACITY_VIEWS } from "./capacity"

export type HoldListQuery = Paging & { resource_id: string; status?: HoldStatus }

export const holdsQueryKeys = queryKeysFactory<HoldListQuery>("holds")

export const useHolds = (query: HoldListQuery) =>
  useQuery(adminQuery<Page<"resource_holds", ResourceHold>>(holdsQueryKeys.list(query), "/admin/resource-holds", query))

/** Releases an active hold (by id): its capacity comes back at once. */
export const useReleaseHold = () =>
  useAdminMutation<string>((id) => ({ path: `/admin/resource-holds/${id}/release`, method: "POST" }), [
    holdsQueryKeys.all,
    ...CAPACITY_VIEWS,
  ])
