import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"
import type { Page, Paging, Resource, ResourceType } from "../lib/types"
import { utilizationQueryKeys } from "./utilization"

export type ResourceListQuery = Paging & { type?: ResourceType; is_active?: "true" | "false"; q?: string }
export type ResourceInput = { type: ResourceType; name: string; description: string | null; is_active: boolean }

export const resourcesQueryKeys = queryKeysFactory<ResourceListQuery>("resources")

export const useResources = (query: ResourceListQuery) =>
  useQuery(adminQuery<Page<"resources", Resource>>(resourcesQueryKeys.list(query), "/admin/resources", query))

export const useResource = (id: string) =>
  useQuery({ ...adminQuery<{ resource: Resource }>(resourcesQueryKeys.detail(id), `/admin/resources/${id}`), placeholderData: undefined })

/** Create (no id) or update (id) a resource. */
export const useSaveResource = (id?: string) =>
  useAdminMutation<Partial<ResourceInput>, { resource: Resource }>(
    (body) => ({ path: id ? `/admin/resources/${id}` : "/admin/resources", method: "POST", body }),
    ({ resource }) => [resourcesQueryKeys.lists(), resourcesQueryKeys.detail(resource.id), utilizationQueryKeys.all]
  )

/** Deletes the resource; its page navigates away, so its detail is left alone. */
export const useDeleteResource = (id: string) =>
  useAdminMutation<void>(() => ({ path: `/admin/resources/${id}`, method: "DELETE" }), [
    resourcesQueryKeys.lists(),
    utilizationQueryKeys.all,
  ])
