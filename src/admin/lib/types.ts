import type {
  BookingRules,
  CapacityAuditDTO,
  CapacityDayDTO,
  ResourceAllocationDTO,
  ResourceBlackoutDTO,
  ResourceHoldDTO,
  UtilizationRowDTO,
  WaitlistEntryDTO,
} from "../../modules/resource_booking/types"
import type { ResourceType } from "../../modules/resource_booking/constants"

export type { BookingRules, ResourceType }

/** A module DTO as it arrives over HTTP: dates serialised to strings. */
type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

export type Resource = {
  id: string
  type: ResourceType
  name: string
  description: string | null
  metadata: Record<string, unknown> | null
  is_active: boolean
  /** Contract "Booking rules"; null or absent: none. */
  booking_rules?: BookingRules | null
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

export type Manifest = {
  resource_id: string
  date: string
  capacity: CapacityDay | null
  resource_allocations: ResourceAllocation[]
  resource_holds: ResourceHold[]
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
export type VariantResource = Pick<Resource, "id" | "name" | "type" | "is_active"> & { units: number }

/** A page of a list route: `{ [key]: rows, count, limit, offset }`. */
export type Page<K extends string, T> = { [key in K]: T[] } & { count: number; limit: number; offset: number }

/** limit/offset, as every list route pages. */
export type Paging = { limit?: number; offset?: number }
