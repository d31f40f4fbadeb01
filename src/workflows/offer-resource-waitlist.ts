import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ResourceBookingEvents, waitlistEventsData } from "./events"
import { offerResourceWaitlistStep } from "./steps/offer-resource-waitlist"
import { emitResourceBookingEvents } from "./utils/emit-events"

export const offerResourceWaitlistWorkflowId = "offer-resource-waitlist-workflow"

/**
 * Offers capacity freed on these resources (every resource with live entries
 * when none are named) to the waitlist, in order, and emits
 * resource_booking.waitlist.offered / .fulfilled / .expired. Run by the one
 * subscriber to the events that free capacity
 * (subscribers/offer-resource-waitlist.ts), and by the sweep for every
 * resource with live entries (a run that failed is made up for).
 */
export const offerResourceWaitlistWorkflow = createWorkflow(
  offerResourceWaitlistWorkflowId,
  (input: { resource_ids?: string[] }) => {
    const offers = offerResourceWaitlistStep(input)
    emitResourceBookingEvents("waitlist", transform({ offers }, ({ offers }) => waitlistEventsData(offers)), {
      offered: ResourceBookingEvents.WAITLIST_OFFERED,
      fulfilled: ResourceBookingEvents.WAITLIST_FULFILLED,
      expired: ResourceBookingEvents.WAITLIST_EXPIRED,
    })
    return new WorkflowResponse(offers)
  }
)

export default offerResourceWaitlistWorkflow
