import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"

export const updateResourceFeedStepId = "update-resource-feed-step"

/** Creates the resource's calendar feed if missing and sets its flags; compensation puts it back as it was. */
export const updateResourceFeedStep = createStep(
  updateResourceFeedStepId,
  async (input: { resource_id: string; include_customer?: boolean; include_holds?: boolean }, { container }) => {
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const { feed, previous } = await service.upsertFeed(input.resource_id, {
      include_customer: input.include_customer,
      include_holds: input.include_holds,
    })
    return new StepResponse(feed, { resource_id: input.resource_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    await service.restoreFeed(undo.resource_id, undo.previous)
  }
)
