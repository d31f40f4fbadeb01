import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildWaitlistOfferNotificationStep } from "./steps/build-waitlist-offer-notification-step"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendWaitlistOfferNotificationWorkflowId = "send-waitlist-offer-notification-workflow"

/** `resource-booking.waitlist-offer` for an offered waitlist entry, once, with the link that books it. */
export const sendWaitlistOfferNotificationWorkflow = createWorkflow(
  sendWaitlistOfferNotificationWorkflowId,
  (input: { entry_id: string }) => {
    const notifications = buildWaitlistOfferNotificationStep(input)
    const delivery = recordAndDeliverNotifications(notifications)
    return new WorkflowResponse(delivery)
  }
)

export default sendWaitlistOfferNotificationWorkflow
