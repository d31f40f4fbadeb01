import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CAPACITY_FREED_EVENTS } from "../workflows/events"
import { offerResourceWaitlistWorkflow } from "../workflows/offer-resource-waitlist"

/**
 * The one place that offers freed capacity to the waitlist: after any event
 * that frees capacity on a resource (a hold released or expired, an
 * allocation canceled, capacity set, a blackout deleted) or ends an offer (a
 * hold confirmed: its entry is FULFILLED), the resource's waiting entries are
 * offered in order (ledger/sql/waitlist.ts). A failed run is logged; the
 * sweep offers every resource with live entries again.
 */
export default async function offerResourceWaitlist({ event, container }: SubscriberArgs<{ resource_id?: string }>) {
  const resourceId = event.data?.resource_id
  if (!resourceId) return
  try {
    await offerResourceWaitlistWorkflow(container).run({ input: { resource_ids: [resourceId] } })
  } catch (error: any) {
    container.resolve("logger").warn(`resource_booking: waitlist offer after ${event.name} failed, the sweep retries: ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: CAPACITY_FREED_EVENTS,
  context: { subscriberId: "resource-booking-offer-waitlist" },
}
