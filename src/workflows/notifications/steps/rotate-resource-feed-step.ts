import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_NOTIFICATIONS_MODULE } from "../../../modules/resource_booking_notifications"
import type ResourceBookingNotificationsService from "../../../modules/resource_booking_notifications/service"

export const rotateResourceFeedStepId = "rotate-resource-feed-step"

/** A new secret token for the resource's calendar feed (created if missing): the old URL answers 404 from now on. */
export const rotateResourceFeedStep = createStep(
  rotateResourceFeedStepId,
  async (input: { resource_id: string }, { container }) => {
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    const { feed, previous } = await service.rotateFeed(input.resource_id)
    return new StepResponse(feed, { resource_id: input.resource_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service: ResourceBookingNotificationsService = container.resolve(RESOURCE_BOOKING_NOTIFICATIONS_MODULE)
    await service.restoreFeed(undo.resource_id, undo.previous)
  }
)
