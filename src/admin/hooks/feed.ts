import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory, useAdminMutation } from "../lib/query"

/** A resource's secret calendar feed, as GET /admin/resources/:id/feed answers it. */
export type ResourceFeed = {
  id: string
  resource_id: string
  /** The subscribable URL (webcal clients take it as is). */
  url: string
  path: string
  include_customer: boolean
  include_holds: boolean
  rotated_at: string
}

type FeedAnswer = { resource_feed: ResourceFeed | null }

export const feedQueryKeys = queryKeysFactory("resource_feed")

export const useResourceFeed = (resourceId: string) =>
  useQuery(adminQuery<FeedAnswer>(feedQueryKeys.detail(resourceId), `/admin/resources/${resourceId}/feed`))

/** Makes the feed if missing and sets what it shows. */
export const useUpdateResourceFeed = (resourceId: string) =>
  useAdminMutation<{ include_customer?: boolean; include_holds?: boolean }, FeedAnswer>(
    (body) => ({ path: `/admin/resources/${resourceId}/feed`, method: "POST", body }),
    [feedQueryKeys.detail(resourceId)]
  )

/** A new secret URL; the old one stops working at once. */
export const useRotateResourceFeed = (resourceId: string) =>
  useAdminMutation<void, FeedAnswer>(
    () => ({ path: `/admin/resources/${resourceId}/feed/rotate`, method: "POST", body: {} }),
    [feedQueryKeys.detail(resourceId)]
  )
