import { MedusaNextFunction, MedusaRequest, MedusaResponse, validateAndTransformBody } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { ID_LABELS, ID_PREFIXES, IdKind, isIdOf } from "../../modules/resource_booking/constants"
import { isCalendarDate } from "../../modules/resource_booking/utils/dates"
import { isLocalTime } from "../../modules/resource_booking/validation"

/**
 * Field schemas shared by the store and admin validators. Every message names
 * its field, so a 400 says what to fix.
 */

/** A calendar date 'YYYY-MM-DD' (2027-02-30 is refused), kept as a string. */
export const calendarDate = (field: string) =>
  z.string({ error: `${field} must be a date string (YYYY-MM-DD)` }).refine(isCalendarDate, {
    message: `${field} must be a valid calendar date (YYYY-MM-DD)`,
  })

/** A local time of day 'HH:MM' (00:00 to 23:59) in the module's zone. */
export const localTime = (field: string) =>
  z.string({ error: `${field} must be a time string (HH:MM)` }).refine(isLocalTime, {
    message: `${field} must be a time HH:MM (00:00 to 23:59)`,
  })

/** The departures a booking names: `[{ date, start_time }]` (DEPARTURE resources; instead of `dates`). */
export const departuresField = (max: number) =>
  z
    .array(
      z.strictObject(
        { date: calendarDate("departures[].date"), start_time: localTime("departures[].start_time") },
        { error: "departures must be objects { date, start_time }" }
      ),
      { error: "departures must be an array of { date, start_time }" }
    )
    .min(1, { message: "departures must name at least one departure" })
    .max(max, { message: `departures must name at most ${max} departures` })

/** An appointment asked for: `{ date, start_time, duration_minutes }` (APPOINTMENT resources; instead of `dates`). */
export const appointmentField = () =>
  z.strictObject(
    {
      date: calendarDate("appointment.date"),
      start_time: localTime("appointment.start_time"),
      duration_minutes: z
        .number({ error: "appointment.duration_minutes must be a number" })
        .int({ message: "appointment.duration_minutes must be an integer" })
        .min(1, { message: "appointment.duration_minutes must be at least 1" })
        .max(1440, { message: "appointment.duration_minutes must be at most 1440" }),
    },
    { error: "appointment must be an object { date, start_time, duration_minutes }" }
  )

/** A query-string integer: digits only (no "1.5", "1e3", " 1", "0x10"). */
export const queryInteger = (field: string, { min, max }: { min: number; max?: number }) =>
  z
    .string({ error: `${field} must be an integer` })
    .regex(/^\d{1,9}$/, { message: `${field} must be an integer` })
    .transform(Number)
    .refine((value) => value >= min, { message: `${field} must be at least ${min}` })
    .refine((value) => max === undefined || value <= max, { message: `${field} must be at most ${max}` })

/** `limit` (1..100) and `offset` of a list query, as the contract pages. */
export const pagingQuery = {
  limit: queryInteger("limit", { min: 1, max: 100 }),
  offset: queryInteger("offset", { min: 0, max: 100_000_000 }),
}

/**
 * An id the route looks up (a resource to hold, a variant to book): a string
 * of 1..255 characters, else 400 naming the field. A string of another shape
 * than the kind's (ID_SHAPES) names nothing: `validateBody` answers it as the
 * route answers an unknown id (404), without a query, when nothing else in
 * the body is wrong.
 */
export const lookupId = (kind: IdKind, field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, { message: `${field} is required` })
    .max(255, { message: `${field} must be at most 255 characters` })
    .superRefine((value, ctx) => {
      if (!isIdOf(kind, value)) {
        ctx.addIssue({ code: "custom", message: `${ID_LABELS[kind]} with id: ${value} was not found`, params: { unknown_id: kind } })
      }
    })

/** An id a list is filtered by: one of another shape is a 400 naming the field. */
export const filterId = (kind: IdKind, field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .min(1, { message: `${field} must not be empty` })
    .refine((value) => isIdOf(kind, value), { message: `${field} must be an id of the form ${ID_PREFIXES[kind]}_…` })

type BodySchema = z.ZodType & { strict?: () => z.ZodType }

/**
 * Medusa's `validateAndTransformBody` (strict: unknown fields are refused;
 * 400 with the schema's messages), except that a body whose only problems
 * are ids that name nothing (`lookupId`) answers 404, as an unknown id does.
 */
export function validateBody(schema: BodySchema) {
  const strict = typeof schema.strict === "function" ? schema.strict() : schema
  const medusa = validateAndTransformBody(schema as any)
  return async function validateResourceBookingBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const parsed = await strict.safeParseAsync(req.body)
    if (parsed.success) {
      req.validatedBody = parsed.data
      return next()
    }
    const issues = parsed.error.issues
    if (issues.every((issue: any) => issue.params?.unknown_id)) {
      return next(new MedusaError(MedusaError.Types.NOT_FOUND, issues[0].message))
    }
    return medusa(req, res, next)
  }
}
