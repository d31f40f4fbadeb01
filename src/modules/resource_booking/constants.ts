/**
 * The module's status lists, reasons and limits: the one copy that models,
 * validators, the admin bundle and the scripts use. Framework-free on purpose
 * (no `@medusajs/*` import), so the admin's browser bundle can import it.
 */

export const RESOURCE_TYPES = ["VEHICLE", "TOUR", "GUIDE"] as const
export type ResourceType = (typeof RESOURCE_TYPES)[number]

/**
 * What one hold books (contract "Booking modes"): dates (DAY), departures
 * (a start time on a date, with its own seats) or a time range on a grid
 * (APPOINTMENT). Set when a resource is made.
 */
export const BOOKING_MODES = ["DAY", "DEPARTURE", "APPOINTMENT"] as const
export type BookingMode = (typeof BOOKING_MODES)[number]

/** Where a hold was made (contract "Scale and operations"). */
export const HOLD_CHANNELS = ["storefront", "widget", "octo", "waitlist", "admin"] as const
export type HoldChannel = (typeof HOLD_CHANNELS)[number]

/** ACTIVE → CONFIRMED | RELEASED | EXPIRED; nothing else moves a hold. */
export const HOLD_STATUSES = ["ACTIVE", "CONFIRMED", "RELEASED", "EXPIRED"] as const
export type HoldStatus = (typeof HOLD_STATUSES)[number]

export const ALLOCATION_STATUSES = ["ACTIVE", "CANCELED"] as const
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number]

/**
 * WAITING → OFFERED → FULFILLED | OFFER_EXPIRED; WAITING → EXPIRED (its first
 * date can no longer be held); WAITING | OFFERED → LEFT (the customer) |
 * REMOVED (an admin).
 */
export const WAITLIST_STATUSES = ["WAITING", "OFFERED", "FULFILLED", "OFFER_EXPIRED", "EXPIRED", "LEFT", "REMOVED"] as const
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number]

/** Why `available_capacity` changed (contract invariant 6). */
export const CAPACITY_CHANGE_REASONS = ["HOLD", "RELEASE", "EXPIRE", "CONFIRM", "ADJUST", "CANCEL"] as const
export type CapacityChangeReason = (typeof CAPACITY_CHANGE_REASONS)[number]

/**
 * Why a date or a departure cannot be booked, in the order they are checked:
 * the first that applies is its `reason` in availability answers (decided in
 * SQL by resource_booking_unavailable_reason, ledger/sql/reasons.ts).
 */
export const UNAVAILABLE_REASONS = ["PAST", "STARTED", "CUTOFF", "OUTSIDE_WINDOW", "BLACKOUT", "NO_CAPACITY", "SOLD_OUT"] as const
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number]

/** A resource's own fields (what admin reads and writes; the store reads all but deleted_at). */
export const RESOURCE_FIELDS = [
  "id",
  "type",
  "name",
  "description",
  "metadata",
  "is_active",
  "booking_mode",
  "booking_rules",
  "created_at",
  "updated_at",
] as const

/** Id prefixes of the module's rows. */
export const ID_PREFIXES = {
  resource: "res",
  capacity: "rcap",
  hold: "rhold",
  allocation: "ralloc",
  blackout: "rblk",
  audit: "raud",
} as const

/** Paging: default and largest page a list route serves. */
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
