import { z } from "@medusajs/framework/zod"
import { ALLOCATION_STATUSES, BOOKING_MODES, HOLD_STATUSES, RESOURCE_TYPES } from "../../modules/resource_booking/models"
import { WAITLIST_STATUSES } from "../../modules/resource_booking/constants"
import { calendarDate, filterId, localTime, lookupId, pagingQuery } from "../utils/validators"

/** Query booleans arrive as strings. */
const queryBoolean = (field: string) =>
  z.preprocess(
    (value) => {
      if (value === "true" || value === true) return true
      if (value === "false" || value === false) return false
      return value
    },
    z.boolean({ error: `${field} must be true or false` })
  )

const pagingShape = {
  limit: pagingQuery.limit.default(20),
  offset: pagingQuery.offset.default(0),
}

const resourceType = z.enum([...RESOURCE_TYPES], {
  error: `type must be one of ${RESOURCE_TYPES.join(", ")}`,
})

const metadata = z.record(z.string(), z.unknown()).nullable()

// The rules' content is checked by the module (validation.validateBookingRules:
// 400 naming the field, e.g. booking_rules.cutoff.time), the one place that knows them.
const bookingRules = z.record(z.string(), z.unknown(), { error: "booking_rules must be an object or null" }).nullable()

// ------------------------------------------------------------------ resources

const bookingMode = z.enum([...BOOKING_MODES], {
  error: `booking_mode must be one of ${BOOKING_MODES.join(", ")}`,
})

export const AdminListResources = z.strictObject({
  ...pagingShape,
  type: resourceType.optional(),
  booking_mode: bookingMode.optional(),
  is_active: queryBoolean("is_active").optional(),
  q: z.string().max(200, "q must be at most 200 characters").optional(),
})
export type AdminListResourcesType = z.infer<typeof AdminListResources>

const name = z
  .string({ error: "name must be a string" })
  .trim()
  .min(1, "name must not be empty")
  .max(255, "name must be at most 255 characters")

// The settings' content is checked by the module (validation.validateAppointmentSettings:
// 400 naming the field, e.g. appointment.working_hours.1[0]).
const appointmentSettings = z.record(z.string(), z.unknown(), { error: "appointment must be an object or null" }).nullable()

export const AdminCreateResource = z.strictObject({
  type: resourceType,
  booking_mode: bookingMode.optional(),
  appointment: appointmentSettings.optional(),
  name,
  description: z.string().max(10000, "description must be at most 10000 characters").nullable().optional(),
  metadata: metadata.optional(),
  is_active: z.boolean({ error: "is_active must be a boolean" }).optional(),
  booking_rules: bookingRules.optional(),
})
export type AdminCreateResourceType = z.infer<typeof AdminCreateResource>

export const AdminUpdateResource = z.strictObject({
  type: resourceType.optional(),
  booking_mode: bookingMode.optional(),
  appointment: appointmentSettings.optional(),
  name: name.optional(),
  description: z.string().max(10000, "description must be at most 10000 characters").nullable().optional(),
  metadata: metadata.optional(),
  is_active: z.boolean({ error: "is_active must be a boolean" }).optional(),
  booking_rules: bookingRules.optional(),
})
export type AdminUpdateResourceType = z.infer<typeof AdminUpdateResource>

export const AdminGetResource = z.object({})

// ------------------------------------------------------------------ capacity

export const AdminGetCapacity = z.strictObject({
  from: calendarDate("from"),
  to: calendarDate("to"),
})
export type AdminGetCapacityType = z.infer<typeof AdminGetCapacity>

export const AdminSetCapacity = z.strictObject({
  from: calendarDate("from"),
  to: calendarDate("to"),
  max_capacity: z
    .number({ error: "max_capacity must be a number" })
    .int("max_capacity must be an integer")
    .min(0, "max_capacity must be at least 0")
    .max(1_000_000, "max_capacity must be at most 1000000"),
  weekdays: z
    .array(
      z
        .number({ error: "weekdays must be numbers from 0 (Sunday) to 6 (Saturday)" })
        .int("weekdays must be integers from 0 (Sunday) to 6 (Saturday)")
        .min(0, "weekdays must be from 0 (Sunday) to 6 (Saturday)")
        .max(6, "weekdays must be from 0 (Sunday) to 6 (Saturday)")
    )
    .max(7, "weekdays must name at most 7 days")
    .optional(),
  // Departures (DEPARTURE resources): the start times to set on each date and how long each lasts.
  start_times: z
    .array(localTime("start_times[]"), { error: "start_times must be an array of times HH:MM" })
    .min(1, "start_times must name at least one time")
    .max(96, "start_times must name at most 96 times")
    .optional(),
  duration_minutes: z
    .number({ error: "duration_minutes must be a number" })
    .int("duration_minutes must be an integer")
    .min(1, "duration_minutes must be at least 1")
    .max(1440, "duration_minutes must be at most 1440")
    .optional(),
})
export type AdminSetCapacityType = z.infer<typeof AdminSetCapacity>

// ------------------------------------------------------------------ working hours (appointments)

export const AdminListHours = z.strictObject({
  from: calendarDate("from"),
  to: calendarDate("to"),
})
export type AdminListHoursType = z.infer<typeof AdminListHours>

/** PUT /admin/resources/:id/hours/:date: `[]` closes the date; the ranges' shape is the module's to check. */
export const AdminSetHours = z.strictObject({
  hours: z.array(z.array(z.string({ error: "hours[][] must be times HH:MM" }), { error: "hours must be an array of [start, end] ranges" }), {
    error: "hours must be an array of [start, end] ranges",
  }).max(48, "hours must name at most 48 ranges"),
})
export type AdminSetHoursType = z.infer<typeof AdminSetHours>

// ------------------------------------------------------------------ blackouts

/** A page of rows with an optional date range: blackouts (overlapping it), the audit trail (capacity dates in it). */
const pagedRangeShape = {
  ...pagingShape,
  from: calendarDate("from").optional(),
  to: calendarDate("to").optional(),
}

export const AdminListBlackouts = z.strictObject(pagedRangeShape)
export type AdminListBlackoutsType = z.infer<typeof AdminListBlackouts>

export const AdminCreateBlackout = z.strictObject({
  start_date: calendarDate("start_date"),
  end_date: calendarDate("end_date"),
  reason: z.string().max(2000, "reason must be at most 2000 characters").nullable().optional(),
  release_active_holds: z.boolean({ error: "release_active_holds must be a boolean" }).optional(),
})
export type AdminCreateBlackoutType = z.infer<typeof AdminCreateBlackout>

// ------------------------------------------------------------------ holds

export const AdminListHolds = z.strictObject({
  ...pagingShape,
  resource_id: filterId("resource", "resource_id").optional(),
  status: z
    .enum(HOLD_STATUSES, { error: `status must be one of ${HOLD_STATUSES.join(", ")}` })
    .optional(),
  customer_email: z.string().min(1, "customer_email must not be empty").max(254).optional(),
})
export type AdminListHoldsType = z.infer<typeof AdminListHolds>

// ------------------------------------------------------------------ allocations

export const AdminListAllocations = z.strictObject({
  ...pagingShape,
  resource_id: filterId("resource", "resource_id").optional(),
  // Any order id an allocation was confirmed with (order.placed, OCTo, a module call): no shape.
  order_id: z.string().min(1, "order_id must not be empty").max(255, "order_id must be at most 255 characters").optional(),
  needs_review: queryBoolean("needs_review").optional(),
  status: z
    .enum(ALLOCATION_STATUSES, { error: `status must be one of ${ALLOCATION_STATUSES.join(", ")}` })
    .optional(),
  from: calendarDate("from").optional(),
  to: calendarDate("to").optional(),
})
export type AdminListAllocationsType = z.infer<typeof AdminListAllocations>

export const AdminCancelAllocation = z.strictObject({
  restore_capacity: z.boolean({ error: "restore_capacity must be a boolean" }),
})
export type AdminCancelAllocationType = z.infer<typeof AdminCancelAllocation>

// ------------------------------------------------------------------ reports

export const AdminGetUtilization = z.strictObject({
  from: calendarDate("from"),
  to: calendarDate("to"),
  type: resourceType.optional(),
})
export type AdminGetUtilizationType = z.infer<typeof AdminGetUtilization>

export const AdminGetManifest = z.strictObject({
  date: calendarDate("date"),
})
export type AdminGetManifestType = z.infer<typeof AdminGetManifest>

export const AdminListAudit = z.strictObject(pagedRangeShape)
export type AdminListAuditType = z.infer<typeof AdminListAudit>

// ------------------------------------------------------------------ variants

const variantIds = z
  .array(lookupId("variant", "variant_ids[]"), { error: "variant_ids must be an array of variant ids" })
  .min(1, "variant_ids must name at least one variant")
  .max(100, "variant_ids may name at most 100 variants")

const units = z
  .number({ error: "units must be a number" })
  .int("units must be an integer")
  .min(1, "units must be at least 1")
  .max(1000, "units must be at most 1000")

export const AdminLinkVariants = z.strictObject({ variant_ids: variantIds, units: units.optional() })
export type AdminLinkVariantsType = z.infer<typeof AdminLinkVariants>

export const AdminUnlinkVariants = z.strictObject({ variant_ids: variantIds })
export type AdminUnlinkVariantsType = z.infer<typeof AdminUnlinkVariants>

export const AdminLinkVariantResource = z.strictObject({
  resource_id: lookupId("resource", "resource_id"),
  units: units.optional(),
})
export type AdminLinkVariantResourceType = z.infer<typeof AdminLinkVariantResource>

export const AdminListVariants = z.strictObject({ ...pagingShape })
export type AdminListVariantsType = z.infer<typeof AdminListVariants>

// ------------------------------------------------------------------ waitlist

export const AdminListWaitlist = z.strictObject({
  ...pagingShape,
  resource_id: filterId("resource", "resource_id").optional(),
  variant_id: filterId("variant", "variant_id").optional(),
  status: z.enum([...WAITLIST_STATUSES], { error: `status must be one of ${WAITLIST_STATUSES.join(", ")}` }).optional(),
})
export type AdminListWaitlistType = z.infer<typeof AdminListWaitlist>

// ------------------------------------------------------------------ rates (docs/PRICING.md)

const rateAmount = z
  .number({ error: "prices[].amount must be a number" })
  .positive({ message: "prices[].amount must be greater than 0" })
  .max(1_000_000_000, { message: "prices[].amount must be at most 1000000000" })

const ratePrices = z
  .array(
    z.strictObject(
      {
        currency_code: z
          .string({ error: "prices[].currency_code must be a string" })
          .regex(/^[a-zA-Z]{3}$/, { message: "prices[].currency_code must be a 3-letter ISO 4217 code" })
          .transform((code) => code.toLowerCase()),
        amount: rateAmount,
      },
      { error: "prices must be objects { currency_code, amount }" }
    ),
    { error: "prices must be an array of { currency_code, amount }" }
  )
  .min(1, { message: "prices must name at least one currency" })
  .max(20, { message: "prices must name at most 20 currencies" })
  .refine((prices) => new Set(prices.map((p) => p.currency_code)).size === prices.length, {
    message: "prices must name each currency once",
  })

const rateSeason = z
  .strictObject(
    { from: calendarDate("season.from"), to: calendarDate("season.to") },
    { error: "season must be an object { from, to } or null" }
  )
  .refine((season) => season.from <= season.to, { message: "season.from must be on or before season.to", path: ["from"] })
  .nullable()

const rateWeekdays = z
  .array(
    z
      .number({ error: "weekdays[] must be numbers" })
      .int({ message: "weekdays[] must be integers from 0 (Sunday) to 6 (Saturday)" })
      .min(0, { message: "weekdays[] must be integers from 0 (Sunday) to 6 (Saturday)" })
      .max(6, { message: "weekdays[] must be integers from 0 (Sunday) to 6 (Saturday)" }),
    { error: "weekdays must be an array of integers 0..6 or null" }
  )
  .min(1, { message: "weekdays must name at least one weekday (or be null)" })
  .max(7, { message: "weekdays must name at most 7 weekdays" })
  .refine((days) => new Set(days).size === days.length, { message: "weekdays must not repeat a day" })
  .nullable()

const rateDuration = z
  .number({ error: "duration_minutes must be a number" })
  .int({ message: "duration_minutes must be an integer" })
  .min(1, { message: "duration_minutes must be at least 1" })
  .max(1440, { message: "duration_minutes must be at most 1440" })
  .nullable()

const rateTitle = z
  .string({ error: "title must be a string" })
  .trim()
  .min(1, { message: "title must be 1 to 200 characters" })
  .max(200, { message: "title must be 1 to 200 characters" })

const rateShape = {
  title: rateTitle.optional(),
  prices: ratePrices,
  season: rateSeason.optional(),
  weekdays: rateWeekdays.optional(),
  start_time: localTime("start_time").nullable().optional(),
  duration_minutes: rateDuration.optional(),
}

/** A rate names at least one condition: without one it would be the base price. */
function rateHasCondition(rate: Record<string, unknown>, ctx: z.RefinementCtx) {
  if (!["season", "weekdays", "start_time", "duration_minutes"].some((key) => rate[key] !== undefined && rate[key] !== null)) {
    ctx.addIssue({
      code: "custom",
      path: ["season"],
      message: "a rate needs at least one of season, weekdays, start_time, duration_minutes (the variant's own price is the base price)",
    })
  }
}

export const AdminCreateRate = z.strictObject(rateShape).superRefine(rateHasCondition)
export type AdminCreateRateType = z.infer<typeof AdminCreateRate>

/** An update replaces the fields it names (null clears a condition); the result must still have a condition. */
export const AdminUpdateRate = z.strictObject({ ...rateShape, prices: ratePrices.optional() })
export type AdminUpdateRateType = z.infer<typeof AdminUpdateRate>
