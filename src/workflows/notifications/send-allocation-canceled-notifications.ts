import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_NOTIFICATION_FAILED } from "./events"
import { buildAllocationCanceledNotificationsStep } from "./steps/build-allocation-canceled-notifications-step"
import { deliverResourceBookingNotificationsStep } from "./steps/deliver-resource-booking-notifications-step"
import { enqueueResourceBookingNotificationsStep } from "./steps/enqueue-resource-booking-notifications-step"

export const sendAllocationCanceledNotificationsWorkflowId = "send-allocation-canceled-notifications-workflow"

/** `resource-booking.canceled` for canceled allocations, once each. */
export const sendAllocationCanceledNotificationsWorkflow = createWorkflow(
  sendAllocationCanceledNotificationsWorkflowId,
  (input: { allocation_ids: string[] }) => {
    const notifications = buildAllocationCanceledNotificationsStep(input)
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

export default sendAllocationCanceledNotificationsWorkflow
