import { useQuery } from "@tanstack/react-query"
import { todayIn } from "../../modules/resource_booking/utils/dates"
import { adminQuery, queryKeysFactory, resourceListQuery, useAdminMutation } from "../lib/query"
import type { CapacityDay, Manifest, SetCapacityResult } from "../lib/types"
import { auditQueryKeys } from "./audit"
import { plannerQueryKeys } from "./planner"
import { utilizationQueryKeys } from "./utilization"

export type CapacityQuery = { resource_id: string; from: string; to: string }
export type SetCapacityInput = {
  from: string
  to: string
  max_capacity: number | string
  weekdays?: number[]
  /** DEPARTURE resources: the departures to set on each date (HH:MM, 5-minute grid) and how long each lasts. */
  start_times?: string[]
  duration_minutes?: number | string
}

export const capacityQueryKeys = queryKeysFactory<CapacityQuery>("capacity")
/** A day's manifest: `detail(resource_id, { date })`. */
export const manifestQueryKeys = queryKeysFactory<never, { date: string }>("manifest")

/**
 * What a change of `available_capacity` makes stale: the calendar, the day
 * manifests, the audit trail, utilization and the planner. Every mutation that takes or
 * gives back capacity invalidates these besides its own entity.
 */
export const CAPACITY_VIEWS = [
  capacityQueryKeys.all,
  manifestQueryKeys.all,
  auditQueryKeys.all,
  utilizationQueryKeys.all,
  plannerQueryKeys.all,
]

export const useCapacity = (query: CapacityQuery) =>
  useQuery(resourceListQuery<{ capacity: CapacityDay[]; today?: string }>(capacityQueryKeys, "capacity", query))

export const useSetCapacity = (resourceId: string) =>
  useAdminMutation<SetCapacityInput, SetCapacityResult>(
    (body) => ({ path: `/admin/resources/${resourceId}/capacity`, method: "POST", body }),
    CAPACITY_VIEWS
  )

export const useManifest = (resourceId: string, date: string | null) =>
  useQuery({
    ...adminQuery<{ manifest: Manifest }>(
      manifestQueryKeys.detail(resourceId, { date: date ?? "" }),
      `/admin/resources/${resourceId}/manifest`,
      { date }
    ),
    placeholderData: undefined,
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
