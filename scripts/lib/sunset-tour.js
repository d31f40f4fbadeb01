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

/**
 * The demo tours' rates (docs/PRICING.md): a peak season (the summer school
 * holidays, mid December to end of January, from the coming one) and a
 * weekend rate, AUD per unit. `today` is a date YYYY-MM-DD; the season is the
 * next one that has not ended. Used by the seed (scripts/seed-resources.ts).
 */
function demoTourRates(today, { weekend, peak }) {
  const year = Number(today.slice(0, 4))
  const start = today > `${year}-01-31` ? year : year - 1
  return [
    { title: "Summer holidays", prices: [{ currency_code: "aud", amount: peak }], season: { from: `${start}-12-15`, to: `${start + 1}-01-31` } },
    { title: "Weekend", prices: [{ currency_code: "aud", amount: weekend }], weekdays: [0, 6] },
  ]
}

module.exports = { SUNSET_TOUR, demoTourRates }
