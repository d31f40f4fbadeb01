import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { buildNeedsReviewNotificationsStep, NeedsReviewInput } from "./steps/build-needs-review-notifications-step"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "./steps/enqueue-resource-booking-notifications-step"

export const sendNeedsReviewNotificationsWorkflowId = "send-needs-review-notifications-workflow"

/** `resource-booking.needs-review` on the admin's `feed` channel for flagged allocations. */
export const sendNeedsReviewNotificationsWorkflow = createWorkflow(
  sendNeedsReviewNotificationsWorkflowId,
  (input: { allocations: NeedsReviewInput[] }) => {
    const notifications = buildNeedsReviewNotificationsStep(input.allocations)
    const recorded = enqueueResourceBookingNotificationsStep(notifications)
    const ids = transform({ recorded }, ({ recorded }) => ({ ids: recorded.map((row) => row.id) }))
    const delivery = deliverResourceBookingNotificationsStep(ids)
    const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
    emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
      name: "emit-resource-booking-notification-failed-step",
    })
    return new WorkflowResponse(delivery)
  }
)

export default sendNeedsReviewNotificationsWorkflow
