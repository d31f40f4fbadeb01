import { MedusaRequest } from "@medusajs/framework/http"
import type { ResourceFeedDTO } from "../../../../../modules/resource_booking_notifications/types"
import { feedPath } from "../../../../../workflows/notifications/utils/feed-calendar"

/** The base URL calendar applications reach the server at: MEDUSA_BACKEND_URL, else the request's own. */
function baseUrl(req: MedusaRequest): string {
  const configured = process.env.MEDUSA_BACKEND_URL
  if (configured) return configured.replace(/\/+$/, "")
  return `${req.protocol}://${req.get("host")}`
}

/** The feed as the admin sees it: its subscribable URL included. */
export function presentFeed(req: MedusaRequest, feed: ResourceFeedDTO | null) {
  if (!feed) return null
  const path = feedPath(feed.token)
  return {
    id: feed.id,
    resource_id: feed.resource_id,
    path,
    url: `${baseUrl(req)}${path}`,
    include_customer: feed.include_customer,
    include_holds: feed.include_holds,
    rotated_at: feed.rotated_at,
  }
}
