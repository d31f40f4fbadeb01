import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { buildReminderNotificationsStep } from "./steps/build-reminder-notifications-step"
import { claimResourceBookingRemindersStep } from "./steps/claim-resource-booking-reminders-step"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "./steps/enqueue-resource-booking-notifications-step"

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
    const recorded = enqueueResourceBookingNotificationsStep(notifications)
    const ids = transform({ recorded }, ({ recorded }) => ({ ids: recorded.map((row) => row.id) }))
    const delivery = deliverResourceBookingNotificationsStep(ids)
    const failed = transform({ delivery }, ({ delivery }) => delivery.failed)
    emitEventStep({ eventName: RESOURCE_BOOKING_NOTIFICATION_FAILED, data: failed }).config({
      name: "emit-resource-booking-notification-failed-step",
    })
    const result = transform({ claimed, delivery }, ({ claimed, delivery }) => ({
      claimed: claimed.map((allocation) => allocation.id),
      sent: delivery.sent.length,
      failed: delivery.failed.length,
    }))
    return new WorkflowResponse(result)
  }
)

export default sendResourceBookingRemindersWorkflow
