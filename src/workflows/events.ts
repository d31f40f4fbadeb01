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
} as const
