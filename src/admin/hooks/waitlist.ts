import { useQuery } from "@tanstack/react-query"
import { WaitlistStatus } from "../../modules/resource_booking/constants"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Page, Paging, WaitlistEntry } from "../lib/types"
import { CAPACITY_VIEWS } from "./capacity"
import { holdsQueryKeys } from "./holds"

export type WaitlistListQuery = Paging & { resource_id?: string; variant_id?: string; status?: WaitlistStatus }

export const waitlistQueryKeys = queryKeysFactory<WaitlistListQuery>("waitlist")

export const useWaitlist = (query: WaitlistListQuery) =>
  useQuery(
    adminQuery<Page<"resource_waitlist_entries", WaitlistEntry>>(waitlistQueryKeys.list(query), "/admin/resource-waitlist", query)
  )

/** Removes an entry (REMOVED); an offer's holds go back and on to the next entry. */
export const useRemoveWaitlistEntry = () =>
  useAdminMutation<string>((id) => ({ path: `/admin/resource-waitlist/${id}/remove`, method: "POST" }), [
    waitlistQueryKeys.all,
    holdsQueryKeys.all,
    ...CAPACITY_VIEWS,
  ])
