import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildReminderNotificationsStep } from "./steps/build-reminder-notifications-step"
import { claimResourceBookingRemindersStep } from "./steps/claim-resource-booking-reminders-step"
import { recordAndDeliverNotifications } from "./utils/record-and-deliver-notifications"

export const sendResourceBookingRemindersWorkflowId = "send-resource-booking-reminders-workflow"

/**
 * One batch of due reminders: claimed in the database (exactly once per
 * allocation across workers and restarts), recorded, sent. Answers how many
 * were claimed, so the job knows whether to run another batch.
 */
export const sendResourceBookingRemindersWorkflow = createWorkflow(
  sendResourceBookingRemindersWorkflowId,
  (input: { batch_size: number; now?: string }) => {
    const claimed = claimResourceBookingRemindersStep(input)
    const notifications = buildReminderNotificationsStep(claimed)
    const delivery = recordAndDeliverNotifications(notifications)
    const result = transform({ claimed, delivery }, ({ claimed, delivery }) => ({
      claimed: claimed.map((allocation) => allocation.id),
      sent: delivery.sent.length,
      failed: delivery.failed.length,
    }))
    return new WorkflowResponse(result)
  }
)

export default sendResourceBookingRemindersWorkflow
