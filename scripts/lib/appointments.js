"use strict"
/**
 * The demo's appointment products, one definition for the two places that
 * make them: `npm run demo` (scripts/seed-resources.ts, through the module)
 * and the widget's demo data (integration-tests/widget/demo-data.js, through
 * the admin API), as scripts/lib/sunset-tour.js does for the departure
 * product. Each is an APPOINTMENT resource (booked by a start and a duration
 * inside its working hours) and a product whose variant books it.
 *
 * The handles are stable: the widget's slot picker and a newcomer in the
 * admin find them as `guide-by-the-hour` and `kayak-hire`.
 */

/** Every weekday (0 = Sunday … 6) with the same ranges. */
const everyDay = (ranges) => Object.freeze(Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), ranges])))

/** A private guide, 09:00–17:00, booked on a 30-minute grid for 1 to 4 hours, with 15 minutes to reset after each booking. */
const GUIDE_BY_THE_HOUR = Object.freeze({
  handle: "guide-by-the-hour",
  title: "Guide by the hour",
  /** The resource's name (the widget's demo data adds a suffix). */
  resource: "Guide by the hour - Sarah Lee",
  type: "GUIDE",
  description: "A private guide for 1 to 4 hours between 09:00 and 17:00: starts every half hour, 15 minutes between bookings.",
  variant: "Per group",
  appointment: Object.freeze({
    working_hours: everyDay([["09:00", "17:00"]]),
    slot_minutes: 30,
    min_duration_minutes: 60,
    max_duration_minutes: 240,
    buffer_before_minutes: 0,
    buffer_after_minutes: 15,
    units: 1,
  }),
  /** AUD per booking. */
  price: 120,
})

/** Six single kayaks, 08:00–18:00, hired by the hour for 1 to 4 hours. */
const KAYAK_HIRE = Object.freeze({
  handle: "kayak-hire",
  title: "Kayak hire",
  resource: "Kayak hire - single kayaks",
  type: "VEHICLE",
  description: "A single kayak on Lake Boomanjin for 1 to 4 hours between 08:00 and 18:00; 6 kayaks.",
  variant: "Per kayak",
  appointment: Object.freeze({
    working_hours: everyDay([["08:00", "18:00"]]),
    slot_minutes: 60,
    min_duration_minutes: 60,
    max_duration_minutes: 240,
    buffer_before_minutes: 0,
    buffer_after_minutes: 0,
    units: 6,
  }),
  price: 45,
})

const APPOINTMENT_PRODUCTS = Object.freeze([GUIDE_BY_THE_HOUR, KAYAK_HIRE])

module.exports = { GUIDE_BY_THE_HOUR, KAYAK_HIRE, APPOINTMENT_PRODUCTS }
