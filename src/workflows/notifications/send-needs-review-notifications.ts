import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildNeedsReviewNotificationsStep, NeedsReviewInput } from "./steps/build-needs-review-notifications-step"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendNeedsReviewNotificationsWorkflowId = "send-needs-review-notifications-workflow"

/** `resource-booking.needs-review` on the admin's `feed` channel for flagged allocations. */
export const sendNeedsReviewNotificationsWorkflow = createWorkflow(
  sendNeedsReviewNotificationsWorkflowId,
  (input: { allocations: NeedsReviewInput[] }) => {
    const notifications = buildNeedsReviewNotificationsStep(input.allocations)
    const delivery = recordAndDeliverNotifications(notifications)
    return new WorkflowResponse(delivery)
  }
)

export default sendNeedsReviewNotificationsWorkflow
