import type {
  AllocationStatus,
  CapacityChangeReason,
  HoldStatus,
  ResourceType,
  UnavailableReason,
  WaitlistStatus,
} from "./constants"

export type { AllocationStatus, CapacityChangeReason, HoldStatus, ResourceType, UnavailableReason, WaitlistStatus }

/** What a resource is created from; an update names its id and any of these. */
export type CreateResourceInput = {
  type: ResourceType
  name: string
  description?: string | null
  metadata?: Record<string, unknown> | null
  is_active?: boolean
  booking_rules?: BookingRules | null
}

export type UpdateResourceInput = Partial<CreateResourceInput> & { id: string }

/** A waitlist entry (contract "Waitlist"); `position` among waiting entries for the same thing, null once offered or ended. */
export type WaitlistEntryDTO = {
  id: string
  status: WaitlistStatus
  position: number | null
  resource_id: string | null
  variant_id: string | null
  dates: string[]
  quantity: number
  customer_email: string
  offer_expires_at: Date | null
  resource_hold_ids: string[]
  created_at: Date
  updated_at: Date
}

/** What a waitlist entry asks for: `items` are what an offer holds (quantity × units of each resource). */
export type CreateWaitlistEntryInput = {
  resource_id?: string
  variant_id?: string
  items: { resource_id: string; quantity: number }[]
  dates: string[]
  quantity: number
  customer_email: string
  metadata?: Record<string, unknown> | null
}

export type WaitlistOfferDTO = { entry_id: string; status: WaitlistStatus; hold_group_id: string | null; offer_expires_at: Date | null }

/** A resource's booking rules (contract "Booking rules"); every key optional. */
export type BookingRules = {
  cutoff?: { days_before: number; time: string }
  max_advance_days?: number
  min_dates?: number
  max_dates?: number
  consecutive?: boolean
}

/** What every row of the module carries at its end. */
type RowTail = { metadata: Record<string, unknown> | null; created_at: Date; updated_at: Date }

export type ResourceHoldDTO = RowTail & {
  id: string
  /** Holds taken together (several resources for one booking) share it; a single hold is a group of one. */
  group_id: string
  resource_id: string
  dates: string[]
  quantity: number
  customer_email: string
  status: HoldStatus
  expires_at: Date
  confirmed_at: Date | null
}

export type ResourceAllocationDTO = RowTail & {
  id: string
  resource_id: string
  hold_id: string | null
  order_id: string
  line_item_id: string
  dates: string[]
  quantity: number
  status: AllocationStatus
  capacity_deducted: boolean
  needs_review: boolean
  review_reason: string | null
  canceled_at: Date | null
}

export type ResourceBlackoutDTO = {
  id: string
  resource_id: string
  start_date: string
  end_date: string
  reason: string | null
  created_at: Date
  updated_at: Date
}

export type CapacityDayDTO = { date: string; max_capacity: number; available_capacity: number }

export type AvailabilityDateDTO = CapacityDayDTO & {
  is_blacked_out: boolean
  is_available: boolean
  /** Why the date cannot be booked, when it cannot: the first that applies (UNAVAILABLE_REASONS). */
  reason?: UnavailableReason
}

/** Availability of a booking over several resources (a variant), per date. */
export type GroupAvailabilityDTO = {
  from: string
  to: string
  quantity: number
  is_available: boolean
  resources: { resource_id: string; units: number }[]
  dates: { date: string; available_quantity: number; is_available: boolean; reason?: UnavailableReason }[]
}

export type AvailabilityDTO = {
  resource_id: string
  from: string
  to: string
  quantity: number
  is_available: boolean
  dates: AvailabilityDateDTO[]
}

export type CapacityAuditDTO = {
  id: string
  capacity_id: string
  resource_id: string
  date: string
  old_available: number | null
  new_available: number | null
  old_max: number | null
  new_max: number | null
  change_reason: CapacityChangeReason
  hold_id: string | null
  allocation_id: string | null
  actor_id: string | null
  changed_at: Date
}

export type CreateHoldInput = {
  resource_id: string
  dates: string[]
  quantity: number
  customer_email: string
  idempotency_token?: string
  metadata?: Record<string, unknown> | null
}

export type CreateHoldResult = { hold: ResourceHoldDTO; created: boolean }

/** Several resources at once, all or nothing: `quantity` units of each item's resource on every date. */
export type CreateHoldGroupInput = Omit<CreateHoldInput, "resource_id" | "quantity"> & {
  items: { resource_id: string; quantity: number }[]
}

export type CreateHoldGroupResult = { holds: ResourceHoldDTO[]; group_id: string; created: boolean }

export type ReleaseHoldResult = { hold: ResourceHoldDTO; changed: boolean; /** The resources of the hold's group. */ resource_ids?: string[] }

export type ConfirmHoldInput = {
  hold_id: string
  order_id: string
  line_item_id: string
  metadata?: Record<string, unknown> | null
}

export type ConfirmHoldResult = {
  allocation: ResourceAllocationDTO
  created: boolean
  /** The hold moved ACTIVE → CONFIRMED in this call. */
  hold_confirmed: boolean
}

export type CancelAllocationResult = {
  allocation: ResourceAllocationDTO
  changed: boolean
  capacity_restored: boolean
}

export type SetCapacityInput = {
  resource_id: string
  from: string
  to: string
  max_capacity: number
  weekdays?: number[]
  actor_id?: string | null
}

export type SetCapacityResult = {
  capacity: CapacityDayDTO[]
  /** What each date was before, null for a date that had no row; compensation restores it. */
  previous: { date: string; max_capacity: number | null }[]
}

export type CreateBlackoutInput = {
  resource_id: string
  start_date: string
  end_date: string
  reason?: string | null
  release_active_holds?: boolean
}

export type CreateBlackoutResult = {
  blackout: ResourceBlackoutDTO
  released_hold_ids: string[]
  expired_hold_ids: string[]
  flagged_allocation_ids: string[]
}

export type ExpireHoldsResult = { expired: { id: string; resource_id: string }[] }

export type UtilizationRowDTO = {
  resource_id: string
  name: string
  total_days: number
  total_capacity: number
  held: number
  allocated: number
  utilization_percent: number
}

export type Paging = { limit?: number; offset?: number }
