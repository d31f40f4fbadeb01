import type {
  AppointmentSettings,
  BookingRules,
  DayHoursDTO,
  CapacityAuditDTO,
  CapacityDayDTO,
  ConversionReportDTO,
  DepartureKey,
  ManifestDTO,
  PlannerCellDTO,
  PlannerDepartureDTO,
  PlannerResourceDTO,
  ResourceAllocationDTO,
  ResourceBlackoutDTO,
  ResourceHoldDTO,
  UtilizationRowDTO,
  WaitlistEntryDTO,
} from "../../modules/resource_booking/types"
import type { BookingMode, HoldChannel, ResourceType } from "../../modules/resource_booking/constants"

export type { AppointmentSettings, BookingMode, BookingRules, DepartureKey, HoldChannel, ResourceType }

/** A module DTO as it arrives over HTTP: dates serialised to strings. */
type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

export type Resource = {
  id: string
  type: ResourceType
  name: string
  description: string | null
  metadata: Record<string, unknown> | null
  is_active: boolean
  /** What one hold books: dates (DAY), departures (DEPARTURE) or a time range (APPOINTMENT). */
  booking_mode: BookingMode
  /** Contract "Booking rules"; null or absent: none. */
  booking_rules?: BookingRules | null
  /** APPOINTMENT resources: working hours, grid, durations, buffers, units (null for the other modes). */
  appointment?: AppointmentSettings | null
  created_at: string
  updated_at: string
}

export type CapacityDay = CapacityDayDTO
export type ResourceHold = Wire<ResourceHoldDTO>
export type ResourceAllocation = Wire<ResourceAllocationDTO>
export type ResourceBlackout = Wire<ResourceBlackoutDTO>
export type CapacityAudit = Wire<CapacityAuditDTO>
export type WaitlistEntry = Wire<WaitlistEntryDTO>
export type UtilizationRow = UtilizationRowDTO
export type PlannerDeparture = Wire<PlannerDepartureDTO>
export type PlannerCell = Omit<PlannerCellDTO, "departures"> & { departures?: PlannerDeparture[] }
export type PlannerResource = Omit<PlannerResourceDTO, "days"> & { days: PlannerCell[] }
export type ConversionReport = ConversionReportDTO & { from: string; to: string }

/** What capacity a set wrote, and the start times that do not exist on a date (the spring gap). */
export type SetCapacityResult = { capacity: CapacityDay[]; skipped?: DepartureKey[] }

/** One departure of a manifest: its capacity, instants, and who travels on it. */
export type ManifestDeparture = {
  start_time: string
  starts_at: string
  ends_at: string
  capacity: CapacityDay
  resource_allocations: ResourceAllocation[]
  resource_holds: ResourceHold[]
}

/** A date's working hours: its exception, or its weekday's (`GET /admin/resources/:id/hours`). */
export type DayHours = DayHoursDTO

/** One booking on an appointment unit's timeline: its range, and its window with the buffers. */
export type TimelineBooking = NonNullable<ManifestDTO["units"]>[number]["bookings"][number]
/** One unit of an APPOINTMENT resource over the manifest's date. */
export type TimelineUnit = { unit: number; bookings: TimelineBooking[] }

export type Manifest = {
  resource_id: string
  date: string
  booking_mode: BookingMode
  /** The date's capacity (null for a DEPARTURE resource: each departure has its own). */
  capacity: CapacityDay | null
  resource_allocations: ResourceAllocation[]
  resource_holds: ResourceHold[]
  /** DEPARTURE resources: the date's departures in start order. */
  departures?: ManifestDeparture[]
  /** APPOINTMENT resources: the date's working hours and a timeline per unit. */
  hours?: [string, string][]
  units?: TimelineUnit[]
}

export type LinkedVariant = {
  id: string
  title: string | null
  sku: string | null
  product_id: string
  product?: { id: string; title: string } | null
  /** What one booked unit of the variant takes of the resource, on every date. */
  units: number
}

/** A resource as a variant's link lists it (`GET /admin/product-variants/:id/resources`). */
export type VariantResource = Pick<Resource, "id" | "name" | "type" | "booking_mode" | "is_active"> & { units: number }

/** A page of a list route: `{ [key]: rows, count, limit, offset }`. */
export type Page<K extends string, T> = { [key in K]: T[] } & { count: number; limit: number; offset: number }

/** limit/offset, as every list route pages. */
export type Paging = { limit?: number; offset?: number }

/** An amount in one currency (major units, as Medusa's prices). */
export type Money = { currency_code: string; amount: number }

/**
 * A booking rate of a variant (docs/PRICING.md): prices that apply to a
 * booking in a season, on weekdays, at a start time or for a duration, kept
 * as a Medusa price list on the variant's price set.
 */
export type Rate = {
  id: string
  variant_id: string
  title: string
  prices: Money[]
  season: { from: string; to: string } | null
  weekdays: number[] | null
  start_time: string | null
  duration_minutes: number | null
  created_at: string | null
  updated_at: string | null
}

/** A rate as sent: numbers may be text as typed (the server's 400 names the field); `null` clears a condition. */
export type RateInput = {
  title?: string
  prices: { currency_code: string; amount: number | string }[]
  season: { from: string; to: string } | null
  weekdays: number[] | null
  start_time: string | null
  duration_minutes: number | string | null
}
