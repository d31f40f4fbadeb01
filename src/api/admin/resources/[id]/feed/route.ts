import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../../../modules/resource_booking_notifications/service"
import { updateResourceFeedWorkflow } from "../../../../../workflows/notifications/update-resource-feed"
import { retrieveResource } from "../../../../admin/helpers"
import { presentFeed } from "./helpers"
import { AdminUpdateResourceFeedType } from "./validators"

/** The resource's calendar feed (its secret URL), or null when none was made yet. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  await retrieveResource(req, req.params.id)
  const service: ResourceBookingNotificationsService = req.scope.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
  res.json({ resource_feed: presentFeed(req, await service.retrieveFeedOfResource(req.params.id)) })
}

/** Makes the feed if missing and sets `include_customer` / `include_holds`. */
export const POST = async (req: MedusaRequest<AdminUpdateResourceFeedType>, res: MedusaResponse) => {
  await retrieveResource(req, req.params.id)
  const { result } = await updateResourceFeedWorkflow(req.scope).run({
    input: { resource_id: req.params.id, ...req.validatedBody },
  })
  res.json({ resource_feed: presentFeed(req, result) })
}
