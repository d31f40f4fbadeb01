import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { BookingMode, Page, Paging, Resource, ResourceType } from "../lib/types"
import { utilizationQueryKeys } from "./utilization"
import { variantResourcesQueryKeys } from "./variants"

export type ResourceListQuery = Paging & { type?: ResourceType; booking_mode?: BookingMode; is_active?: "true" | "false"; q?: string }
export type ResourceInput = {
  type: ResourceType
  /** Set on create; a change later is refused (409) while bookings exist from today on. */
  booking_mode: BookingMode
  name: string
  description: string | null
  is_active: boolean
  /** Numbers may arrive as typed text: the server's 400 names the field. */
  booking_rules: Record<string, unknown> | null
  /** APPOINTMENT resources: the settings, sent whole (numbers and times as typed: the server's 400 names the field). */
  appointment: Record<string, unknown> | null
}

export const resourcesQueryKeys = queryKeysFactory<ResourceListQuery>("resources")

export const useResources = (query: ResourceListQuery) =>
  useQuery(adminQuery<Page<"resources", Resource>>(resourcesQueryKeys.list(query), "/admin/resources", query))

export const useResource = (id: string) =>
  useQuery({ ...adminQuery<{ resource: Resource }>(resourcesQueryKeys.detail(id), `/admin/resources/${id}`), placeholderData: undefined })

/** The first 8 resources whose name or description matches `q`; idle while `q` is empty. */
export const useResourceSearch = (q: string) =>
  useQuery({
    ...adminQuery<Page<"resources", Resource>>(resourcesQueryKeys.list({ q, limit: 8 }), "/admin/resources", { q, limit: 8 }),
    select: (page) => page.resources,
    enabled: !!q,
  })

/** Create (no id) or update (id) a resource. */
export const useSaveResource = (id?: string) =>
  useAdminMutation<Partial<ResourceInput>, { resource: Resource }>(
    (body) => ({ path: id ? `/admin/resources/${id}` : "/admin/resources", method: "POST", body }),
    ({ resource }) => [
      resourcesQueryKeys.lists(),
      resourcesQueryKeys.detail(resource.id),
      utilizationQueryKeys.all,
      variantResourcesQueryKeys.all, // a variant's resources show their names and status
    ]
  )

/** Deletes the resource; its page navigates away, so its detail is left alone. */
export const useDeleteResource = (id: string) =>
  useAdminMutation<void>(() => ({ path: `/admin/resources/${id}`, method: "DELETE" }), [
    resourcesQueryKeys.lists(),
    utilizationQueryKeys.all,
  ])
