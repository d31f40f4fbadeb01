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

/** The grids an APPOINTMENT resource's appointments may start on (`slot_minutes`, contract "Appointments"). */
export const SLOT_MINUTES = [5, 10, 15, 20, 30, 60]

/** Where a hold was made (contract "Scale and operations"). */
export const HOLD_CHANNELS = ["storefront", "widget", "octo", "waitlist", "admin"] as const
export type HoldChannel = (typeof HOLD_CHANNELS)[number]

/** The planner's widest range (a month and a bit), and its page of resources at most. */
/**
 * The read stamp of every variant's prices (resource_read_stamp, ledger/sql/stamps.ts):
 * bumped after any change in Medusa's Pricing Module (subscribers/catalog-changed-bump-read-stamps.ts),
 * checked before a kept price read is used (workflows/utils/kept-reads.ts). Not a resource id.
 */
export const PRICES_READ_STAMP = "prices"

/**
 * The read stamp of every variant's links to resources (which resources a
 * variant books, and how many units): bumped after the link's attached and
 * detached events (subscribers/catalog-changed-bump-read-stamps.ts).
 */
export const VARIANT_LINKS_READ_STAMP = "variant-links"

export const MAX_PLANNER_DAYS = 62
export const MAX_PLANNER_RESOURCES = 500

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
  "appointment",
  "created_at",
  "updated_at",
] as const

/**
 * Id prefixes: the one list. The module's rows, the plugin's other modules'
 * rows, and Medusa's ids that the plugin's routes name (variants, carts, ...).
 */
export const ID_PREFIXES = {
  // resource_booking
  resource: "res",
  capacity: "rcap",
  hold: "rhold",
  allocation: "ralloc",
  blackout: "rblk",
  audit: "raud",
  waitlist_entry: "rwait",
  // resource_booking_notifications and octo
  notification: "rbnote",
  feed: "rbfeed",
  reminder: "rbrem",
  reseller: "orsl",
  reseller_key: "orkey",
  octo_booking: "octobk",
  // Medusa's own
  product: "prod",
  variant: "variant",
  cart: "cart",
  order: "order",
  sales_channel: "sc",
} as const
export type IdKind = keyof typeof ID_PREFIXES

/** A ULID as `generateEntityId` makes it (Crockford base 32, upper case). */
const ULID = "[0-9A-HJKMNP-TV-Z]{26}"

/**
 * The shape of each id a client may send. Most are `generateEntityId`'s
 * (`prefix_` + ULID); holds and waitlist entries are unguessable (`rhold_` +
 * 32 hex digits, 40 when the waitlist's offer made it in SQL; `rwait_` + 32).
 * A string of another shape names nothing: routes answer it as they answer
 * an unknown id, without a query (src/api/utils/validators.ts, input-guard.ts).
 */
export const ID_SHAPES: Record<IdKind, RegExp> = Object.fromEntries(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [kind, new RegExp(`^${prefix}_${ULID}$`)])
) as Record<IdKind, RegExp>
ID_SHAPES.hold = /^rhold_[0-9a-f]{32}(?:[0-9a-f]{8})?$/
ID_SHAPES.waitlist_entry = /^rwait_[0-9a-f]{32}$/
// Capacity and audit rows are also written by SQL (prefix + 32 hex digits).
ID_SHAPES.capacity = new RegExp(`^rcap_(?:${ULID}|[0-9a-f]{32})$`)
ID_SHAPES.audit = new RegExp(`^raud_(?:${ULID}|[0-9a-f]{32})$`)

/** What each kind of id names, in messages ("Resource hold with id: … was not found"). */
export const ID_LABELS: Record<IdKind, string> = {
  resource: "Resource",
  capacity: "Resource capacity",
  hold: "Resource hold",
  allocation: "Resource allocation",
  blackout: "Resource blackout",
  audit: "Capacity audit row",
  waitlist_entry: "Waitlist entry",
  notification: "Notification",
  feed: "Calendar feed",
  reminder: "Reminder",
  reseller: "Reseller",
  reseller_key: "Reseller key",
  octo_booking: "OCTo booking",
  product: "Product",
  variant: "Product variant",
  cart: "Cart",
  order: "Order",
  sales_channel: "Sales channel",
}

/** Whether `value` has the shape of an id of this kind. */
export function isIdOf(kind: IdKind, value: unknown): value is string {
  return typeof value === "string" && ID_SHAPES[kind].test(value)
}

/** Paging: default and largest page a list route serves. */
export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
