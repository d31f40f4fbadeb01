import type {
  AllocationStatus,
  BookingMode,
  HoldChannel,
  CapacityChangeReason,
  HoldStatus,
  ResourceType,
  UnavailableReason,
  WaitlistStatus,
} from "./constants"

export type { AllocationStatus, BookingMode, HoldChannel, CapacityChangeReason, HoldStatus, ResourceType, UnavailableReason, WaitlistStatus }

/** What a resource is created from; an update names its id and any of these. */
export type CreateResourceInput = {
  type: ResourceType
  name: string
  description?: string | null
  metadata?: Record<string, unknown> | null
  is_active?: boolean
  booking_mode?: BookingMode
  booking_rules?: BookingRules | null
  /** APPOINTMENT resources: working hours, grid, durations, buffers, units (partial: the module fills defaults). */
  appointment?: Partial<AppointmentSettings> | Record<string, unknown> | null
}

/** Working-hours ranges `[start, end)` of local `HH:MM` (end may be `24:00`), by weekday ("0" = Sunday). */
export type WorkingHours = Partial<Record<"0" | "1" | "2" | "3" | "4" | "5" | "6", [string, string][]>>

/** An APPOINTMENT resource's settings (contract "Appointments"), with every default filled. */
export type AppointmentSettings = {
  working_hours: WorkingHours
  slot_minutes: number
  min_duration_minutes: number
  max_duration_minutes: number
  buffer_before_minutes: number
  buffer_after_minutes: number
  units: number
}

/** An appointment asked for: a local start on a date and a duration. */
export type AppointmentRequest = { date: string; start_time: string; duration_minutes: number }

/** One free start of a slot search. */
export type SlotDTO = { start_time: string; starts_at: string; ends_at: string; available_units: number }

export type SlotsDTO = {
  resource_id?: string
  variant_id?: string
  from: string
  to: string
  duration_minutes: number
  quantity: number
  dates: { date: string; slots: SlotDTO[] }[]
}

/** A date's working hours: its exception, or its weekday's. */
export type DayHoursDTO = { date: string; hours: [string, string][]; is_exception: boolean }

/** A departure named by its local date and start time (`HH:MM` in the module's zone). */
export type DepartureKey = { date: string; start_time: string }

/** A departure with the instants it starts and ends (ISO 8601 with the zone's offset at that instant). */
export type DepartureDTO = DepartureKey & { starts_at: string; ends_at: string }

export type UpdateResourceInput = Partial<CreateResourceInput> & { id: string }

/** A waitlist entry (contract "Waitlist"); `position` among waiting entries for the same thing, null once offered or ended. */
export type WaitlistEntryDTO = {
  id: string
  status: WaitlistStatus
  position: number | null
  resource_id: string | null
  variant_id: string | null
  dates: string[]
  departures: DepartureKey[] | null
  appointment?: AppointmentRequest | null
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
  dates?: string[]
  departures?: DepartureKey[]
  appointment?: AppointmentRequest
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
  /** A departure or appointment starting sooner than now + N minutes cannot be held (reason CUTOFF). */
  min_notice_minutes?: number
}

/** What a timed booking adds to a hold or an allocation; all null for dates. */
type TimedBooking = {
  /** The departures it books, in start order (DEPARTURE resources). */
  departures: DepartureDTO[] | null
  /** The appointment it books (APPOINTMENT resources). */
  appointment?: AppointmentRequest | null
  /** First start and last end (ISO 8601 with the zone's offset). */
  starts_at: string | null
  ends_at: string | null
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
  channel: HoldChannel | null
} & TimedBooking

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
} & TimedBooking

export type ResourceBlackoutDTO = {
  id: string
  resource_id: string
  start_date: string
  end_date: string
  reason: string | null
  created_at: Date
  updated_at: Date
}

/** A capacity row: a date, or a departure on it (start_time, its duration and instants). */
export type CapacityDayDTO = {
  date: string
  max_capacity: number
  available_capacity: number
  start_time?: string
  duration_minutes?: number
  starts_at?: string
  ends_at?: string
}

/** One departure of a date in an availability answer. */
export type AvailabilityDepartureDTO = {
  start_time: string
  starts_at: string
  ends_at: string
  max_capacity: number
  available_capacity: number
  is_available: boolean
  reason?: UnavailableReason
}

export type AvailabilityDateDTO = {
  date: string
  max_capacity: number
  available_capacity: number
  is_blacked_out: boolean
  is_available: boolean
  /** Why the date cannot be booked, when it cannot: the first that applies (UNAVAILABLE_REASONS). */
  reason?: UnavailableReason
  /** DEPARTURE resources: the date's departures in start order; the date is available when one is. */
  departures?: AvailabilityDepartureDTO[]
}

/** Availability of a booking over several resources (a variant), per date. */
export type GroupAvailabilityDTO = {
  from: string
  to: string
  quantity: number
  is_available: boolean
  resources: { resource_id: string; units: number }[]
  dates: {
    date: string
    available_quantity: number
    is_available: boolean
    reason?: UnavailableReason
    /** Departures common to every linked resource (the same start time), for DEPARTURE resources. */
    departures?: {
      start_time: string
      starts_at: string
      ends_at: string
      available_quantity: number
      is_available: boolean
      reason?: UnavailableReason
    }[]
  }[]
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
  start_time: string | null
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

/** A hold names dates (DAY resources) or departures (DEPARTURE resources), not both. */
export type CreateHoldInput = {
  resource_id: string
  dates?: string[]
  departures?: DepartureKey[]
  appointment?: AppointmentRequest
  quantity: number
  customer_email: string
  idempotency_token?: string
  metadata?: Record<string, unknown> | null
  /** Where the hold is made (HOLD_CHANNELS); the store API's default is storefront. */
  channel?: HoldChannel
  /** What the hoarding limits count this request by: `cart:<id>`, `ip:<address>`, `octo:<key id>`. */
  client_keys?: string[]
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
  /** DEPARTURE resources: the departures to set on each date (local HH:MM, a 5-minute grid) and how long they last. */
  start_times?: string[]
  duration_minutes?: number
  actor_id?: string | null
}

export type SetCapacityResult = {
  capacity: CapacityDayDTO[]
  /** What each date (or departure) was before, null for one that had no row; compensation restores it. */
  previous: { date: string; start_time?: string; duration_minutes?: number; max_capacity: number | null }[]
  /** Local start times that do not exist on a date (the spring gap): not created. */
  skipped: DepartureKey[]
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
  /** DEPARTURE resources: the same figures per start time over the range (`departures`: how many ran). */
  by_departure?: {
    start_time: string
    departures: number
    total_capacity: number
    held: number
    allocated: number
    utilization_percent: number
  }[]
}

/** One departure of a planner cell (DEPARTURE resources). */
export type PlannerDepartureDTO = {
  start_time: string
  starts_at: string | Date | null
  ends_at: string | Date | null
  max_capacity: number
  /** Free: lapsed holds count as free (invariant 3). */
  available_capacity: number
  held: number
  allocated: number
}

/**
 * One resource × date of the operator's planner. `max_capacity` /
 * `available_capacity` are null where the date has no capacity row (and for
 * APPOINTMENT resources, which have units, not counted capacity); for
 * departures they are the sums over the date's departures.
 */
export type PlannerCellDTO = {
  date: string
  is_blacked_out: boolean
  max_capacity: number | null
  available_capacity: number | null
  held: number
  allocated: number
  departures?: PlannerDepartureDTO[]
  /** APPOINTMENT resources: units, minutes open (working hours), unit-minutes booked (holds + allocations, without buffers), bookings. */
  appointment?: { units: number; open_minutes: number; busy_unit_minutes: number; bookings: number }
}

export type PlannerResourceDTO = {
  id: string
  name: string
  type: ResourceType
  booking_mode: BookingMode
  is_active: boolean
  days: PlannerCellDTO[]
}

/** Holds made over a range, by outcome (the conversion report; one row of totals, per channel or per resource). */
export type ConversionFiguresDTO = {
  holds_made: number
  confirmed: number
  released: number
  expired: number
  active: number
  /** confirmed / holds_made (0..1, 4 decimals); null when no hold was made. */
  conversion_rate: number | null
  /** Median minutes from a hold's creation to its confirmation into an order (2 decimals); null without confirmed holds. */
  median_minutes_to_order: number | null
}

export type ConversionReportDTO = {
  totals: ConversionFiguresDTO
  per_channel: (ConversionFiguresDTO & { channel: HoldChannel })[]
  per_resource: (ConversionFiguresDTO & { resource_id: string; name: string | null })[]
}

export type Paging = { limit?: number; offset?: number }

/** A day's bookings on one resource (the admin manifest); for departures, also per departure. */
export type ManifestDTO = {
  date: string
  booking_mode: BookingMode
  /** APPOINTMENT resources: the day as a timeline per unit (bookings with their windows, buffers included). */
  units?: {
    unit: number
    bookings: {
      hold_id: string | null
      allocation_id: string | null
      order_id: string | null
      status: "HELD" | "ALLOCATED"
      starts_at: string
      ends_at: string
      window_starts_at: string
      window_ends_at: string
      quantity: number
      customer_email: string | null
    }[]
  }[]
  /** APPOINTMENT resources: the date's working hours. */
  hours?: [string, string][]
  capacity: CapacityDayDTO | null
  allocations: ResourceAllocationDTO[]
  holds: ResourceHoldDTO[]
  departures?: {
    start_time: string
    starts_at: string
    ends_at: string
    capacity: CapacityDayDTO
    allocations: ResourceAllocationDTO[]
    holds: ResourceHoldDTO[]
  }[]
}
