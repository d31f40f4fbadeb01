import { useQuery } from "@tanstack/react-query"
import { MAX_PAGE_SIZE, HoldStatus } from "../../modules/resource_booking/constants"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Page, Paging, ResourceHold } from "../lib/types"
import { CAPACITY_VIEWS } from "./capacity"

export type HoldListQuery = Paging & { resource_id?: string; status?: HoldStatus; customer_email?: string }

export const holdsQueryKeys = queryKeysFactory<HoldListQuery>("holds")

const holdsQuery = (query: HoldListQuery) =>
  adminQuery<Page<"resource_holds", ResourceHold>>(holdsQueryKeys.list(query), "/admin/resource-holds", query)

export const useHolds = (query: HoldListQuery) => useQuery(holdsQuery(query))

/**
 * Every hold of `hold`'s group (one per resource its booking takes). The
 * holds route filters by customer, not by group: the group
 * is found among the customer's holds (one query per customer, shared by the
 * rows of that customer).
 */
export const useHoldGroup = (hold: ResourceHold) =>
  useQuery({
    ...holdsQuery({ customer_email: hold.customer_email, limit: MAX_PAGE_SIZE }),
    select: (page) => page.resource_holds.filter((other) => other.group_id === hold.group_id),
  })

/** Releases an active hold (by id) and the rest of its group: their capacity comes back at once. */
export const useReleaseHold = () =>
  useAdminMutation<string>((id) => ({ path: `/admin/resource-holds/${id}/release`, method: "POST" }), [
    holdsQueryKeys.all,
    ...CAPACITY_VIEWS,
  ])
