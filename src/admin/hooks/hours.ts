import { useQuery } from "@tanstack/react-query"
import { queryKeysFactory, resourceListQuery, useAdminMutation } from "../lib/query"
import type { DayHours } from "../lib/types"
import { auditQueryKeys } from "./audit"
import { manifestQueryKeys } from "./capacity"

/** An APPOINTMENT resource's working hours per date (weekday hours or an exception). */
export type HoursQuery = { resource_id: string; from: string; to: string }
/** Other hours on one date: ranges as typed (`[]` closes the date); the server's 400 names a bad one. */
export type SetHoursInput = { date: string; hours: [string, string][] }

export const hoursQueryKeys = queryKeysFactory<HoursQuery>("hours")

/** What a change of a date's hours makes stale: the hours, the day's manifest (its hours), the audit trail. */
const HOURS_VIEWS = [hoursQueryKeys.all, manifestQueryKeys.all, auditQueryKeys.all]

export const useHours = (query: HoursQuery) => useQuery(resourceListQuery<{ hours: DayHours[] }>(hoursQueryKeys, "hours", query))

/** `PUT /admin/resources/:id/hours/:date`: other hours on that date, or closed (`[]`). */
export const useSetHours = (resourceId: string) =>
  useAdminMutation<SetHoursInput, { hours: DayHours }>(
    ({ date, hours }) => ({ path: `/admin/resources/${resourceId}/hours/${date}`, method: "PUT", body: { hours } }),
    HOURS_VIEWS
  )

/** `DELETE /admin/resources/:id/hours/:date`: the date has its weekday's hours again. */
export const useClearHours = (resourceId: string) =>
  useAdminMutation<string, { hours: DayHours }>(
    (date) => ({ path: `/admin/resources/${resourceId}/hours/${date}`, method: "DELETE" }),
    HOURS_VIEWS
  )
