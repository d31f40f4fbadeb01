#!/usr/bin/env node
"use strict"
/**
 * Bookable demo products made through the admin API, for the widget's browser
 * test and for a running demo server:
 *
 *   node integration-tests/widget/demo-data.js [--base http://localhost:9000] [--email admin@example.com] [--password supersecret]
 *
 * - a region "Australia" (AUD) paying with pp_system_default, a publishable
 *   key linked to a sales channel;
 * - "Fraser Island 4WD Tour": variant "Seat" (A$189 per person per day, books
 *   one seat of the tour resource, 12 a day) and variant "Private 4WD tour"
 *   (A$640 per day, books a vehicle and a guide, 2 of each a day);
 * - "Rainforest Walk" (A$45, 3 a day) whose resource has booking rules
 *   (2 to 4 consecutive dates, bookings close 2 days before at 00:00, up to
 *   60 days ahead), a blackout on today+20..21 and today+24..25 sold out
 *   (by a group's hold, which the test releases for the waitlist);
 * - "Sunset Kayak Tour": variant "Seat" (A$79), books one seat of a
 *   DEPARTURE resource with departures at 07:00 and 16:30 (90 minutes, 5
 *   seats each) every day; the 16:30 of today+14 is sold out (07:00 free)
 *   and both of today+16 are, by group holds.
 * Capacity runs from today to today+60 (in the module's time zone).
 *
 * With `departures: true` (and always from the command line) also the
 * Sunset tour (scripts/lib/sunset-tour.js): product handle `sunset-tour`, a
 * variant booking one seat of a DEPARTURE resource with 07:00 and 16:30
 * departures (90 minutes, 12 seats); found, not made again, when the store
 * has it (`npm run demo` seeds it). Off by default: the widget's test counts
 * the demo page's widgets, and picks departures only once the widget can.
 *
 * `createAppointmentProducts` (and, from the command line, always) adds the
 * products booked by appointment (scripts/lib/appointments.js): the guide by
 * the hour and the kayak hire, each an APPOINTMENT resource and a product
 * whose variant books it; found, not made again, when the store has them.
 */

const { fetchJson } = require("../harness/http")
const { todayIn, addDays } = require("../harness/fixtures")
const { SUNSET_TOUR } = require("../../scripts/lib/sunset-tour")
const { APPOINTMENT_PRODUCTS } = require("../../scripts/lib/appointments")

const RULES = { min_dates: 2, max_dates: 4, consecutive: true, cutoff: { days_before: 2, time: "00:00" }, max_advance_days: 60 }
const DEPARTURES = { start_times: ["07:00", "16:30"], duration_minutes: 90, seats: 5 }

/** Admin (and store, with `key`) API calls on `base` that throw on anything but 2xx. */
const caller = (base, token) => async (method, url, body, key) => {
  const { ok, status, data } = await fetchJson(`${base}${url}`, { method, token, key, body })
  if (!ok) throw new Error(`${method} ${url}: ${status} ${JSON.stringify(data)}`)
  return data
}

/**
 * The Sunset tour through the admin API: the product with handle
 * `sunset-tour` if the store has it (the seed's), else a DEPARTURE resource
 * with SUNSET_TOUR's departures on `from`..`to` and the product whose variant
 * books one seat of it. Answers what a test needs to book it.
 */
async function createSunsetTour({ call, salesChannelId, from, to, suffix = "", log = () => {} }) {
  const found = (await call("GET", `/admin/products?handle=${SUNSET_TOUR.handle}&fields=id,title,*variants`)).products[0]
  if (found) {
    const variant = found.variants[0].id
    const { resources } = await call("GET", `/admin/product-variants/${variant}/resources`)
    log(`sunset tour exists: product ${found.id}, variant ${variant}`)
    return { ...SUNSET_TOUR, productId: found.id, variant, resource: resources[0]?.id }
  }
  const { resource } = await call("POST", "/admin/resources", {
    type: "TOUR",
    booking_mode: "DEPARTURE",
    name: `${SUNSET_TOUR.resource}${suffix ? ` ${suffix}` : ""}`,
    description: SUNSET_TOUR.description,
  })
  await call("POST", `/admin/resources/${resource.id}/capacity`, {
    from,
    to,
    start_times: SUNSET_TOUR.start_times,
    duration_minutes: SUNSET_TOUR.duration_minutes,
    max_capacity: SUNSET_TOUR.seats,
  })
  const { product } = await call("POST", "/admin/products", {
    title: SUNSET_TOUR.title,
    handle: SUNSET_TOUR.handle,
    description: SUNSET_TOUR.description,
    status: "published",
    options: [{ title: "Type", values: [SUNSET_TOUR.variant] }],
    variants: [
      {
        title: SUNSET_TOUR.variant,
        options: { Type: SUNSET_TOUR.variant },
        manage_inventory: false,
        prices: [{ amount: SUNSET_TOUR.price, currency_code: "aud" }],
      },
    ],
    sales_channels: [{ id: salesChannelId }],
  })
  const variant = product.variants[0].id
  await call("POST", `/admin/resources/${resource.id}/variants`, { variant_ids: [variant] })
  log(`sunset tour: product ${product.id} (${SUNSET_TOUR.handle}), variant ${variant}, resource ${resource.id}`)
  return { ...SUNSET_TOUR, productId: product.id, variant, resource: resource.id }
}

/**
 * The appointment products through the admin API: each one's product (by
 * handle) if the store has it, else its APPOINTMENT resource with the
 * definition's settings and the product whose variant books one unit of it.
 * Answers, by handle, what a test needs to book them.
 */
async function createAppointmentProducts({ call, salesChannelId, suffix = "", log = () => {} }) {
  const out = {}
  for (const spec of APPOINTMENT_PRODUCTS) {
    const found = (await call("GET", `/admin/products?handle=${spec.handle}&fields=id,title,*variants`)).products[0]
    if (found) {
      const variant = found.variants[0].id
      const { resources } = await call("GET", `/admin/product-variants/${variant}/resources`)
      log(`${spec.handle} exists: product ${found.id}, variant ${variant}`)
      out[spec.handle] = { ...spec, productId: found.id, variant, resource: resources[0]?.id }
      continue
    }
    const { resource } = await call("POST", "/admin/resources", {
      type: spec.type,
      booking_mode: "APPOINTMENT",
      name: `${spec.resource}${suffix ? ` ${suffix}` : ""}`,
      description: spec.description,
      appointment: spec.appointment,
    })
    const { product } = await call("POST", "/admin/products", {
      title: spec.title,
      handle: spec.handle,
      description: spec.description,
      status: "published",
      options: [{ title: "Type", values: [spec.variant] }],
      variants: [{ title: spec.variant, options: { Type: spec.variant }, manage_inventory: false, prices: [{ amount: spec.price, currency_code: "aud" }] }],
      sales_channels: [{ id: salesChannelId }],
    })
    const variant = product.variants[0].id
    await call("POST", `/admin/resources/${resource.id}/variants`, { variant_ids: [variant] })
    log(`${spec.handle}: product ${product.id}, variant ${variant}, resource ${resource.id} (by appointment)`)
    out[spec.handle] = { ...spec, productId: product.id, variant, resource: resource.id }
  }
  return out
}

async function createDemoData({ base, token, timezone = "Australia/Brisbane", departures = false, log = () => {} }) {
  const call = caller(base, token)
  const today = todayIn(timezone)
  const to = addDays(today, 60)
  const suffix = Date.now().toString(36).slice(-4)

  const { region } = await call("POST", "/admin/regions", {
    name: `Australia ${suffix}`,
    currency_code: "aud",
    countries: [],
    payment_providers: ["pp_system_default"],
  })
  const { sales_channels } = await call("GET", "/admin/sales-channels?limit=1")
  const salesChannel = sales_channels[0] || (await call("POST", "/admin/sales-channels", { name: "Default Sales Channel" })).sales_channel
  const { api_key } = await call("POST", "/admin/api-keys", { title: `Booking widget ${suffix}`, type: "publishable" })
  await call("POST", `/admin/api-keys/${api_key.id}/sales-channels`, { add: [salesChannel.id] })
  const key = api_key.token
  log(`region ${region.id}, publishable key ${key}`)

  const product = async (title, description, variants) => {
    const { product } = await call("POST", "/admin/products", {
      title,
      description,
      status: "published",
      options: [{ title: "Type", values: variants.map((v) => v.title) }],
      variants: variants.map((v) => ({
        title: v.title,
        options: { Type: v.title },
        manage_inventory: false,
        prices: [{ amount: v.price, currency_code: "aud" }],
      })),
      sales_channels: [{ id: salesChannel.id }],
    })
    return Object.fromEntries(product.variants.map((v) => [v.title, v.id]))
  }
  const resource = async (type, name, description, max, rules, departures) => {
    const { resource } = await call("POST", "/admin/resources", {
      type,
      name: `${name} ${suffix}`,
      description,
      ...(rules ? { booking_rules: rules } : {}),
      ...(departures ? { booking_mode: "DEPARTURE" } : {}),
    })
    const schedule = departures ? { start_times: departures.start_times, duration_minutes: departures.duration_minutes } : {}
    await call("POST", `/admin/resources/${resource.id}/capacity`, { from: today, to, max_capacity: max, ...schedule })
    return resource.id
  }
  const link = (resourceId, variantIds) => call("POST", `/admin/resources/${resourceId}/variants`, { variant_ids: variantIds })

  const tourVariants = await product(
    "Fraser Island 4WD Tour",
    "A full day on K'gari (Fraser Island): Lake McKenzie, 75 Mile Beach and Eli Creek in a 4WD with a guide.",
    [
      { title: "Seat", price: 189 },
      { title: "Private 4WD tour", price: 640 },
    ]
  )
  const walkVariants = await product("Rainforest Walk", "A guided half-day walk through the Pile Valley rainforest.", [{ title: "Place", price: 45 }])
  const kayakVariants = await product("Sunset Kayak Tour", "Paddle Lake Boomanjin at dawn or at sunset: 90 minutes with a guide.", [{ title: "Seat", price: 79 }])

  const tour = await resource("TOUR", "Fraser Island 4WD Tour seats", "Seats on the shared daily tour", 12)
  const vehicle = await resource("VEHICLE", "Fraser Island 4WD - Private vehicle", "Toyota LandCruiser, 7 seats", 2)
  const guide = await resource("GUIDE", "Guide for private tours", "Certified 4WD and eco-tour guide", 2)
  const walk = await resource("TOUR", "Rainforest Walk places", "Places on the guided walk", 3, RULES)
  const kayak = await resource("TOUR", "Kayak tour seats", "Seats per departure", DEPARTURES.seats, null, DEPARTURES)
  await link(tour, [tourVariants["Seat"]])
  await link(vehicle, [tourVariants["Private 4WD tour"]])
  await link(guide, [tourVariants["Private 4WD tour"]])
  await link(walk, [walkVariants["Place"]])
  await link(kayak, [kayakVariants["Seat"]])

  const blackoutDate = addDays(today, 20)
  await call("POST", `/admin/resources/${walk}/blackouts`, { start_date: blackoutDate, end_date: addDays(today, 21), reason: "Track maintenance" })
  const soldOutDate = addDays(today, 24)
  const { resource_hold: soldOutHold } = await call(
    "POST",
    "/store/resource-holds",
    { resource_id: walk, dates: [soldOutDate, addDays(today, 25)], quantity: 3, customer_email: "group@example.com" },
    key
  )
  const [partlySoldOut, soldOutDay] = [addDays(today, 14), addDays(today, 16)]
  const departureHold = (departures) =>
    call("POST", "/store/resource-holds", { resource_id: kayak, departures, quantity: DEPARTURES.seats, customer_email: "kayak-group@example.com" }, key)
  await departureHold([{ date: partlySoldOut, start_time: "16:30" }])
  await departureHold(DEPARTURES.start_times.map((start_time) => ({ date: soldOutDay, start_time })))
  log(`products: 4WD tour (seat ${tourVariants["Seat"]}, private ${tourVariants["Private 4WD tour"]}), walk ${walkVariants["Place"]}, kayak (departures) ${kayakVariants["Seat"]}`)
  const sunset = departures ? await createSunsetTour({ call, salesChannelId: salesChannel.id, from: today, to, suffix, log }) : null

  return {
    publishableKey: key,
    regionId: region.id,
    salesChannelId: salesChannel.id,
    variants: { seat: tourVariants["Seat"], privateTour: tourVariants["Private 4WD tour"], walk: walkVariants["Place"], kayak: kayakVariants["Seat"] },
    resources: { tour, vehicle, guide, walk, kayak },
    walk: {
      capacity: 3,
      rules: RULES,
      cutoffDate: addDays(today, 2),
      blackoutDate,
      soldOutDate,
      /** The group's hold that sells out soldOutDate and the day after (release it to free them). */
      soldOutHoldId: soldOutHold.id,
      freeDates: [addDays(today, 5), addDays(today, 6), addDays(today, 7), addDays(today, 10)],
    },
    /** With `departures`: the Sunset tour (`variant`, `resource`, `start_times`, `seats`, …); else null. */
    sunset,
    kayak: {
      ...DEPARTURES,
      /** Its 16:30 is sold out, its 07:00 free. */
      partlySoldOut,
      /** Both departures sold out. */
      soldOutDay,
    },
  }
}

module.exports = { createDemoData, createSunsetTour, createAppointmentProducts, caller, RULES, DEPARTURES }

if (require.main === module) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`)
    return i > 0 ? process.argv[i + 1] : fallback
  }
  const base = arg("base", `http://localhost:${process.env.PORT || 9000}`)
  ;(async () => {
    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: arg("email", process.env.ADMIN_EMAIL || "admin@example.com"), password: arg("password", process.env.ADMIN_PASSWORD || "supersecret") }),
    })
    const { token } = await login.json()
    if (!token) throw new Error(`admin login failed (${login.status})`)
    const demo = await createDemoData({
      base,
      token,
      timezone: process.env.RESOURCE_BOOKING_TIMEZONE || "Australia/Brisbane",
      departures: true,
      log: (m) => console.log(m),
    })
    await createAppointmentProducts({ call: caller(base, token), salesChannelId: demo.salesChannelId, log: (m) => console.log(m) })
    console.log(`Demo products ready: ${base}/resource-booking-widget/demo`)
  })().catch((e) => {
    console.error(e.message)
    process.exit(1)
  })
}
