import type { QueryClient, QueryKey } from "@tanstack/react-query"

/**
 * Query keys of one entity, shaped as Medusa's dashboard shapes them
 * (`all` ⊃ `lists()` ⊃ `list(query)`, `all` ⊃ `details()` ⊃ `detail(id)`), so a
 * mutation invalidates exactly the family it changed. The global key is
 * prefixed with the plugin's name: the dashboard's QueryClient is shared.
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

/** Marks every query under each key stale (and refetches the ones on screen). */
export const invalidate = (queryClient: QueryClient, ...keys: QueryKey[]) =>
  Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })))
