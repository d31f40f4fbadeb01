import { z } from "@medusajs/framework/zod"
import { RESOURCE_TYPES } from "../../modules/resource_booking/models/resource"
import { appointmentField, calendarDate, departuresField, filterId, lookupId, pagingQuery, queryInteger } from "../utils/validators"

/**
 * Zod schemas of the plugin's store routes. Medusa runs them strict (unknown
 * keys are refused) and answers 400 with the messages below, each of which
 * names its field. The module service checks the rules that depend on its
 * options (maxDatesPerHold, maxRangeDays, past dates) and answers 400 too.
 */

/** Hard ceiling on array sizes before anything else looks at them. */
export const MAX_DATES_IN_REQUEST = 366

const bodyInteger = (field: string, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int({ message: `${field} must be an integer` })
    .min(1, { message: `${field} must be at least 1` })
    .max(max, { message: `${field} must be at most ${max}` })

const bodyQuantity = bodyInteger("quantity", 1_000_000)

const datesField = z
  .array(calendarDate("dates[]"), { error: "dates must be an array of dates (YYYY-MM-DD)" })
  .min(1, { message: "dates must name at least one date" })
  .max(MAX_DATES_IN_REQUEST, { message: `dates must name at most ${MAX_DATES_IN_REQUEST} dates` })

const departures = departuresField(MAX_DATES_IN_REQUEST)

const appointment = appointmentField()

/**
 * A booking names dates (DAY resources), departures (DEPARTURE resources) or
 * an appointment (APPOINTMENT resources): exactly one of them.
 */
function oneOfDatesOrDepartures(body: { dates?: unknown; departures?: unknown; appointment?: unknown }, ctx: z.RefinementCtx) {
  const named = (["dates", "departures", "appointment"] as const).filter((key) => body[key] !== undefined)
  if (named.length > 1) {
    ctx.addIssue({
      code: "custom",
      path: [named[1]],
      message: named.includes("appointment") ? "name one of dates, departures or appointment" : "name either dates or departures, not both",
    })
  } else if (!named.length) {
    ctx.addIssue({ code: "custom", path: ["dates"], message: "dates (or departures, or appointment) is required" })
  }
}

const emailField = z
  .string({ error: "customer_email must be a string" })
  .min(3, { message: "customer_email must be a valid email address" })
  .max(254, { message: "customer_email must be a valid email address" })

const tokenField = z
  .string({ error: "idempotency_token must be a string" })
  .min(1, { message: "idempotency_token must be a string of 1 to 255 characters" })
  .max(255, { message: "idempotency_token must be a string of 1 to 255 characters" })

const metadataField = z
  .record(z.string(), z.unknown(), { error: "metadata must be an object" })
  .refine((value) => JSON.stringify(value).length <= 16_384, { message: "metadata must be at most 16 KB of JSON" })
  .nullable()

export const StoreListResourcesQuery = z.object({
  type: z.enum([...RESOURCE_TYPES], { error: `type must be one of ${RESOURCE_TYPES.join(", ")}` }).optional(),
  q: z.string({ error: "q must be a string" }).max(200, { message: "q must be at most 200 characters" }).optional(),
  limit: pagingQuery.limit.optional(),
  offset: pagingQuery.offset.optional(),
})
export type StoreListResourcesQueryType = z.infer<typeof StoreListResourcesQuery>

export const StoreGetResourceQuery = z.object({})

/**
 * Prices in the answers a customer reads before booking (docs/PRICING.md):
 * in the currency of `region_id` (its region prices apply) or `currency_code`.
 * On the resource routes `variant_id` names the variant whose price is shown.
 */
const pricingQuery = {
  region_id: z
    .string({ error: "region_id must be a string" })
    .regex(/^reg_[0-9A-Za-z]{1,60}$/, { message: "region_id must be a region id (reg_…)" })
    .optional(),
  currency_code: z
    .string({ error: "currency_code must be a string" })
    .regex(/^[a-zA-Z]{3}$/, { message: "currency_code must be a 3-letter ISO 4217 code" })
    .optional(),
}
const priceVariantQuery = { variant_id: filterId("variant", "variant_id").optional() }
export type StorePricingQueryType = { region_id?: string; currency_code?: string; variant_id?: string }

export const StoreAvailabilityQuery = z.object({
  from: calendarDate("from"),
  to: calendarDate("to"),
  quantity: queryInteger("quantity", { min: 1, max: 1_000_000 }).optional(),
  ...pricingQuery,
  ...priceVariantQuery,
})
export type StoreAvailabilityQueryType = z.infer<typeof StoreAvailabilityQuery>

/** GET /store/resources/:id/slots and /store/product-variants/:id/slots (contract "Appointments"). */
export const StoreSlotsQuery = z.object({
  from: calendarDate("from"),
  to: calendarDate("to"),
  duration_minutes: queryInteger("duration_minutes", { min: 1, max: 1440 }),
  quantity: queryInteger("quantity", { min: 1, max: 1_000_000 }).optional(),
  ...pricingQuery,
  ...priceVariantQuery,
})
export type StoreSlotsQueryType = z.infer<typeof StoreSlotsQuery>

/** GET /store/product-variants/:id/resource-availability: as for one resource. */
export const StoreVariantAvailabilityQuery = StoreAvailabilityQuery

export const StoreCreateResourceHold = z
  .object({
    resource_id: lookupId("resource", "resource_id"),
    dates: datesField.optional(),
    departures: departures.optional(),
    appointment: appointment.optional(),
    quantity: bodyQuantity,
    customer_email: emailField,
    idempotency_token: tokenField.optional(),
    metadata: metadataField.optional(),
  })
  .superRefine(oneOfDatesOrDepartures)
export type StoreCreateResourceHoldType = z.infer<typeof StoreCreateResourceHold>

/**
 * A cart booking: new holds (`dates`, `quantity`), or a hold the storefront
 * already has (`resource_hold_id`, with nothing else but the variant).
 */
export const StoreCreateResourceBooking = z
  .object({
    variant_id: lookupId("variant", "variant_id"),
    resource_hold_id: lookupId("hold", "resource_hold_id").optional(),
    dates: datesField.optional(),
    departures: departures.optional(),
    appointment: appointment.optional(),
    quantity: bodyQuantity.optional(),
    customer_email: emailField.optional(),
    idempotency_token: tokenField.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.resource_hold_id !== undefined) {
      for (const key of ["dates", "departures", "appointment", "quantity", "customer_email", "idempotency_token"] as const) {
        if (body[key] !== undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `${key} must not be given with resource_hold_id` })
        }
      }
      return
    }
    if (body.quantity === undefined) {
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "quantity is required (or resource_hold_id of a hold you have)" })
    }
    oneOfDatesOrDepartures(body, ctx)
  })
export type StoreCreateResourceBookingType = z.infer<typeof StoreCreateResourceBooking>

export const StoreExtendResourceHold = z.object({
  // The module caps it at maxHoldLifetimeMinutes (400 naming the field).
  minutes: bodyInteger("minutes", 60 * 24 * 30).optional(),
})
export type StoreExtendResourceHoldType = z.infer<typeof StoreExtendResourceHold>

/** Join the waitlist for a variant (all its resources) or one resource. */
export const StoreCreateWaitlistEntry = z
  .object({
    variant_id: lookupId("variant", "variant_id").optional(),
    resource_id: lookupId("resource", "resource_id").optional(),
    dates: datesField.optional(),
    departures: departures.optional(),
    appointment: appointment.optional(),
    quantity: bodyQuantity,
    customer_email: emailField,
  })
  .superRefine((body, ctx) => {
    if ((body.variant_id === undefined) === (body.resource_id === undefined)) {
      ctx.addIssue({ code: "custom", path: ["variant_id"], message: "name either variant_id or resource_id" })
    }
    oneOfDatesOrDepartures(body, ctx)
  })
export type StoreCreateWaitlistEntryType = z.infer<typeof StoreCreateWaitlistEntry>

/** POST routes that take no body accept `{}` (or nothing) only. */
export const StoreEmptyBody = z.object({})
