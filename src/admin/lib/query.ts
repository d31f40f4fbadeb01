import { keepPreviousData, QueryKey, useMutation, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

/**
 * Query keys of one entity, shaped as Medusa's dashboard shapes them
 * (`all` ⊃ `lists()` ⊃ `list(query)`, `all` ⊃ `details()` ⊃ `detail(id)`), so a
 * mutation invalidates exactly the family it changed. Keys start with the
 * plugin's name: the dashboard's QueryClient is shared with every extension.
 */
export const queryKeysFactory = <TListQuery = Record<string, unknown>, TDetailQuery = Record<string, unknown>>(
  globalKey: string
) => {
  const keys = {
    all: ["resource_booking", globalKey] as const,
    lists: () => [...keys.all, "list"] as const,
    list: (query?: TListQuery) => [...keys.lists(), ...(query ? [{ query }] : [])] as const,
    details: () => [...keys.all, "detail"] as const,
    detail: (id: string, query?: TDetailQuery) => [...keys.details(), id, ...(query ? [{ query }] : [])] as const,
  }
  return keys
}

type Query = Record<string, unknown>

/**
 * `useQuery` options for a GET on the admin API: the answer of `path` with
 * `query`, the previous answer shown while the next loads (paging, filters).
 */
export const adminQuery = <TResult>(queryKey: QueryKey, path: string, query?: Query) => ({
  queryKey,
  queryFn: () => sdk.client.fetch<TResult>(path, { query }),
  placeholderData: keepPreviousData,
})

/**
 * `useQuery` options for a list under one resource
 * (`/admin/resources/:resource_id/<path>`): `resource_id` goes into the key and
 * the path, the rest into the query string.
 */
export const resourceListQuery = <TResult>(
  keys: { list: (query: any) => QueryKey },
  path: string,
  { resource_id, ...query }: { resource_id: string } & Query
) => adminQuery<TResult>(keys.list({ resource_id, ...query }), `/admin/resources/${resource_id}/${path}`, query)

/**
 * A POST, PUT or DELETE on the admin API that, once it succeeded, invalidates the
 * query families it changed (`invalidates` may read the answer).
 */
export function useAdminMutation<TVariables, TResult = unknown>(
  request: (variables: TVariables) => { path: string; method: "POST" | "PUT" | "DELETE"; body?: object },
  invalidates: QueryKey[] | ((result: TResult) => QueryKey[])
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (variables: TVariables) => {
      const { path, ...init } = request(variables)
      return sdk.client.fetch<TResult>(path, init)
    },
    onSuccess: (result: TResult) =>
      Promise.all(
        (typeof invalidates === "function" ? invalidates(result) : invalidates).map((queryKey) =>
          queryClient.invalidateQueries({ queryKey })
        )
      ),
  })
}
