"use strict"
/**
 * The demo's departure product, one definition for the two places that make
 * it: `npm run demo` (scripts/seed-resources.ts, through the module) and the
 * widget's demo data (integration-tests/widget/demo-data.js, through the
 * admin API). A seat on one departure of the Sunset tour: a TOUR resource
 * booked by departure (booking_mode DEPARTURE), two departures a day.
 *
 * The handle is stable: the widget's departure picker, OCTo's START_TIME
 * product and a newcomer in the admin find it as `sunset-tour`.
 */
const SUNSET_TOUR = Object.freeze({
  handle: "sunset-tour",
  title: "Sunset tour",
  /** The resource's name (the widget's demo data adds a suffix). */
  resource: "Sunset tour",
  description: "90 minutes along the beach by 4WD: the morning run at 07:00 and the sunset run at 16:30, 12 seats each.",
  variant: "Per person per departure",
  start_times: Object.freeze(["07:00", "16:30"]),
  duration_minutes: 90,
  seats: 12,
  /** AUD per person per departure. */
  price: 95,
})

module.exports = { SUNSET_TOUR }
