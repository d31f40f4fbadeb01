import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { invalidate, queryKeysFactory } from "../lib/query-key-factory"
import type { Page, Paging, Resource, ResourceType } from "../lib/types"
import { utilizationQueryKeys } from "./utilization"

export type ResourceListQuery = Paging & { type?: ResourceType; is_active?: "true" | "false"; q?: string }
export type ResourceInput = { type: ResourceType; name: string; description: string | null; is_active: boolean }

export const resourcesQueryKeys = queryKeysFactory<ResourceListQuery>("resources")

export const useResources = (query: ResourceListQuery) =>
  useQuery({
    queryKey: resourcesQueryKeys.list(query),
    queryFn: () => sdk.client.fetch<Page<"resources", Resource>>("/admin/resources", { query }),
    placeholderData: keepPreviousData,
  })

export const useResource = (id: string) =>
  useQuery({
    queryKey: resourcesQueryKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ resource: Resource }>(`/admin/resources/${id}`),
  })

/** Create (no id) or update (id) a resource. */
export const useSaveResource = (id?: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<ResourceInput>) =>
      sdk.client.fetch<{ resource: Resource }>(id ? `/admin/resources/${id}` : "/admin/resources", {
        method: "POST",
        body,
      }),
    onSuccess: ({ resource }) =>
      invalidate(queryClient, resourcesQueryKeys.lists(), resourcesQueryKeys.detail(resource.id), utilizationQueryKeys.all),
  })
}

export const useDeleteResource = (id: string) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/resources/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: resourcesQueryKeys.detail(id) })
      return invalidate(queryClient, resourcesQueryKeys.lists(), utilizationQueryKeys.all)
    },
  })
}
