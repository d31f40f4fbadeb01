import type {
  WaitlistOfferDTO,
  CancelAllocationResult,
  ConfirmHoldResult,
  CreateBlackoutResult,
  ReleaseHoldResult,
  ResourceHoldDTO,
} from "../modules/resource_booking/types"

/** Events of the resource_booking module, emitted through Medusa's event bus. */
export const ResourceBookingEvents = {
  HOLD_CREATED: "resource_booking.hold.created",
  HOLD_RELEASED: "resource_booking.hold.released",
  HOLD_EXPIRED: "resource_booking.hold.expired",
  HOLD_CONFIRMED: "resource_booking.hold.confirmed",
  ALLOCATION_CREATED: "resource_booking.allocation.created",
  ALLOCATION_CANCELED: "resource_booking.allocation.canceled",
  ALLOCATION_NEEDS_REVIEW: "resource_booking.allocation.needs_review",
  BLACKOUT_CREATED: "resource_booking.blackout.created",
  BLACKOUT_DELETED: "resource_booking.blackout.deleted",
  CAPACITY_UPDATED: "resource_booking.capacity.updated",
  WAITLIST_OFFERED: "resource_booking.waitlist.offered",
  WAITLIST_FULFILLED: "resource_booking.waitlist.fulfilled",
  WAITLIST_EXPIRED: "resource_booking.waitlist.expired",
} as const

/*
 * The payloads of those events: the one place that shapes them. Workflows
 * call these inside `transform`, so every event of a name carries the same
 * fields whichever workflow emits it.
 */

type HoldRef = { id: string; resource_id: string }

/** resource_booking.hold.created (`cart_id` when the hold was booked into a cart). */
export function holdCreatedData(
  hold: Pick<ResourceHoldDTO, "id" | "resource_id" | "dates" | "departures" | "quantity">,
  cartId?: string
) {
  return {
    id: hold.id,
    resource_id: hold.resource_id,
    dates: hold.dates,
    ...(hold.departures ? { departures: hold.departures } : {}),
    quantity: hold.quantity,
    ...(cartId !== undefined ? { cart_id: cartId } : {}),
  }
}

/** resource_booking.hold.released and resource_booking.hold.expired. */
export function holdEndedData(hold: HoldRef): HoldRef {
  return { id: hold.id, resource_id: hold.resource_id }
}

/** Which of the two a finished release is: a hold found past its expiry is expired, not released. */
export function holdEndedEvent(result: ReleaseHoldResult): string {
  return result.hold.status === "EXPIRED" ? ResourceBookingEvents.HOLD_EXPIRED : ResourceBookingEvents.HOLD_RELEASED
}

/** The events of an order's confirmation: holds confirmed, allocations made, allocations needing review. */
export function confirmationEventsData(results: ConfirmHoldResult[]) {
  const created = results.filter((result) => result.created)
  return {
    holdConfirmed: results
      .filter((result) => result.hold_confirmed)
      .map(({ allocation }) => ({
        id: allocation.hold_id,
        allocation_id: allocation.id,
        order_id: allocation.order_id,
        resource_id: allocation.resource_id,
      })),
    allocationCreated: created.map(({ allocation }) => ({
      id: allocation.id,
      hold_id: allocation.hold_id,
      order_id: allocation.order_id,
      line_item_id: allocation.line_item_id,
      resource_id: allocation.resource_id,
    })),
    needsReview: created
      .filter(({ allocation }) => allocation.needs_review)
      .map(({ allocation }) => ({
        id: allocation.id,
        hold_id: allocation.hold_id,
        order_id: allocation.order_id,
        resource_id: allocation.resource_id,
        reason: allocation.review_reason,
      })),
  }
}

/** resource_booking.allocation.canceled, for the allocations a run actually canceled. */
export function allocationsCanceledData(results: CancelAllocationResult[]) {
  return results
    .filter((result) => result.changed)
    .map(({ allocation, capacity_restored }) => ({
      id: allocation.id,
      order_id: allocation.order_id,
      resource_id: allocation.resource_id,
      capacity_restored,
    }))
}

/** The events of a new blackout: the blackout, the holds it ended, the allocations it flagged. */
export function blackoutEventsData(result: CreateBlackoutResult) {
  const { blackout } = result
  return {
    blackout: {
      id: blackout.id,
      resource_id: blackout.resource_id,
      start_date: blackout.start_date,
      end_date: blackout.end_date,
      released_hold_ids: result.released_hold_ids,
      flagged_allocation_ids: result.flagged_allocation_ids,
    },
    released: result.released_hold_ids.map((id) => holdEndedData({ id, resource_id: blackout.resource_id })),
    expired: result.expired_hold_ids.map((id) => holdEndedData({ id, resource_id: blackout.resource_id })),
    flagged: result.flagged_allocation_ids.map((id) => ({
      id,
      resource_id: blackout.resource_id,
      blackout_id: blackout.id,
    })),
  }
}

/** The waitlist events of an offer run: offers made, offers fulfilled, entries whose offer or wait ended. */
export function waitlistEventsData(offers: WaitlistOfferDTO[]) {
  const of = (...statuses: string[]) =>
    offers
      .filter((offer) => statuses.includes(offer.status))
      .map((offer) => ({
        id: offer.entry_id,
        status: offer.status,
        hold_group_id: offer.hold_group_id,
        offer_expires_at: offer.offer_expires_at,
      }))
  return { offered: of("OFFERED"), fulfilled: of("FULFILLED"), expired: of("OFFER_EXPIRED", "EXPIRED") }
}

/**
 * The events after which capacity may be free again (or an offer ended):
 * the waitlist is offered on their resources by one subscriber
 * (subscribers/offer-resource-waitlist.ts). A new way of freeing capacity
 * emits one of these, and the waitlist hears of it.
 */
export const CAPACITY_FREED_EVENTS = [
  ResourceBookingEvents.HOLD_RELEASED,
  ResourceBookingEvents.HOLD_EXPIRED,
  ResourceBookingEvents.HOLD_CONFIRMED,
  ResourceBookingEvents.ALLOCATION_CANCELED,
  ResourceBookingEvents.BLACKOUT_DELETED,
  ResourceBookingEvents.CAPACITY_UPDATED,
]

/** resource_booking.capacity.updated: a resource's capacity was set (raised or lowered). */
export function capacityUpdatedData(input: { resource_id: string; from: string; to: string }) {
  return { id: input.resource_id, resource_id: input.resource_id, from: input.from, to: input.to }
}

/** resource_booking.blackout.deleted. */
export function blackoutDeletedData(blackout: { id: string; resource_id: string; start_date: string; end_date: string }) {
  return { id: blackout.id, resource_id: blackout.resource_id, start_date: blackout.start_date, end_date: blackout.end_date }
}
