import { z } from "@medusajs/framework/zod"
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
