import { transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { ResourceBookingEvents, waitlistEventsData } from "../events"
import { offerResourceWaitlistStep } from "../steps/offer-resource-waitlist"
import { emitResourceBookingEvents } from "./emit-events"

/**
 * Inside a workflow that frees capacity: offers it to the waitlist (after the
 * change) and emits resource_booking.waitlist.offered / .fulfilled / .expired.
 * `resourceIds` undefined means every resource with live entries.
 */
export function offerWaitlistAfter(resourceIds: WorkflowData<string[] | undefined> | string[] | undefined) {
  const offers = offerResourceWaitlistStep(transform({ resourceIds }, ({ resourceIds }) => ({ resource_ids: resourceIds })))
  emitResourceBookingEvents("waitlist", transform({ offers }, ({ offers }) => waitlistEventsData(offers)), {
    offered: ResourceBookingEvents.WAITLIST_OFFERED,
    fulfilled: ResourceBookingEvents.WAITLIST_FULFILLED,
    expired: ResourceBookingEvents.WAITLIST_EXPIRED,
  })
  return offers
}
