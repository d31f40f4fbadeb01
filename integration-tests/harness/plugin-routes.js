"use strict"
/**
 * Every route of the plugin, as data: the hostile-input tests walk it
 * (integration-tests/http/hostile-input.spec.ts, every string field of every
 * route; integration-tests/reliability/run.js, the property-based fuzz).
 *
 * A route is { method, path, auth, params?, query?, body? }:
 * - `path` with `:name` parameters, filled from `params(f)`;
 * - `auth`: "store" (publishable key), "admin" (an admin's bearer token),
 *   "octo" (a reseller key) or "none";
 * - `query(f)` and `body(f)`: a request the route would accept, built from
 *   the fixture ids `f` (see FIXTURES). The tests never send it as is: they
 *   send it with one string (or key) made hostile at a time.
 *
 * Adding a route to src/api? Add it here (the HTTP spec fails while a route
 * file has a method this list does not name). Departures, appointments and
 * the like add their fields to the bodies below or as routes of their own.
 */

/** The fixture ids the routes are built from (each test setup makes them). */
const FIXTURES = [
  "resource", // an active resource with capacity, linked to `variant`
  "hold", // an ACTIVE hold on it (made through the store)
  "waitlist", // a WAITING waitlist entry
  "cart", // an open cart
  "variant", // a variant linked to `resource`
  "product", // its product
  "allocation", // an allocation on `resource`
  "blackout", // a blackout on `resource`
  "reseller_key", // a live reseller key's id
  "octo_uuid", // the uuid of an ON_HOLD OCTo booking
  "feed_token", // `resource`'s calendar feed token
  "date", // a bookable date (YYYY-MM-DD)
  "date2", // the day after it
  "availability", // OCTo's availability id of `date` (`YYYY-MM-DDT00:00:00+HH:MM`)
  "availability2", // and of `date2`
]

const email = "fuzz@example.com"

/** @type {{ method: string, path: string, auth: "store"|"admin"|"octo"|"none", params?: (f: any) => Record<string, string>, query?: (f: any) => Record<string, string>, body?: (f: any) => any }[]} */
const PLUGIN_ROUTES = [
  // ------------------------------------------------------------ store
  { method: "GET", path: "/store/resources", auth: "store", query: () => ({ type: "VEHICLE", q: "troopy", limit: "10", offset: "0" }) },
  { method: "GET", path: "/store/resources/:id", auth: "store", params: (f) => ({ id: f.resource }) },
  {
    method: "GET",
    path: "/store/resources/:id/availability",
    auth: "store",
    params: (f) => ({ id: f.resource }),
    query: (f) => ({ from: f.date, to: f.date2, quantity: "1", variant_id: f.variant, currency_code: "aud" }),
  },
  {
    method: "POST",
    path: "/store/resource-holds",
    auth: "store",
    body: (f) => ({
      resource_id: f.resource,
      dates: [f.date, f.date2],
      quantity: 1,
      customer_email: email,
      idempotency_token: "fuzz-token",
      metadata: { note: "window seat", nested: { list: ["a", "b"] } },
    }),
  },
  { method: "GET", path: "/store/resource-holds/:id", auth: "store", params: (f) => ({ id: f.hold }) },
  { method: "POST", path: "/store/resource-holds/:id/release", auth: "store", params: (f) => ({ id: f.hold }), body: () => ({}) },
  { method: "POST", path: "/store/resource-holds/:id/extend", auth: "store", params: (f) => ({ id: f.hold }), body: () => ({ minutes: 10 }) },
  {
    method: "GET",
    path: "/store/product-variants/:id/resource-availability",
    auth: "store",
    params: (f) => ({ id: f.variant }),
    query: (f) => ({ from: f.date, to: f.date2, quantity: "1", currency_code: "aud" }),
  },
  {
    method: "GET",
    path: "/store/resources/:id/slots",
    auth: "store",
    params: (f) => ({ id: f.resource }),
    query: (f) => ({ from: f.date, to: f.date2, duration_minutes: "60", quantity: "1", variant_id: f.variant, currency_code: "aud" }),
  },
  {
    method: "GET",
    path: "/store/product-variants/:id/slots",
    auth: "store",
    params: (f) => ({ id: f.variant }),
    query: (f) => ({ from: f.date, to: f.date2, duration_minutes: "60", quantity: "1", currency_code: "aud" }),
  },
  {
    method: "POST",
    path: "/store/resource-waitlist",
    auth: "store",
    body: (f) => ({ variant_id: f.variant, dates: [f.date], quantity: 1, customer_email: email }),
  },
  {
    method: "POST",
    path: "/store/resource-waitlist",
    auth: "store",
    body: (f) => ({ resource_id: f.resource, dates: [f.date, f.date2], quantity: 2, customer_email: email }),
  },
  { method: "GET", path: "/store/resource-waitlist/:id", auth: "store", params: (f) => ({ id: f.waitlist }) },
  { method: "POST", path: "/store/resource-waitlist/:id/leave", auth: "store", params: (f) => ({ id: f.waitlist }), body: () => ({}) },
  {
    method: "POST",
    path: "/store/carts/:id/resource-bookings",
    auth: "store",
    params: (f) => ({ id: f.cart }),
    body: (f) => ({ variant_id: f.variant, dates: [f.date, f.date2], quantity: 1, customer_email: email, idempotency_token: "fuzz-cart" }),
  },
  {
    method: "POST",
    path: "/store/carts/:id/resource-bookings",
    auth: "store",
    params: (f) => ({ id: f.cart }),
    body: (f) => ({ variant_id: f.variant, resource_hold_id: f.hold }),
  },

  // ------------------------------------------------------------ admin
  {
    method: "GET",
    path: "/admin/resources",
    auth: "admin",
    query: () => ({ type: "VEHICLE", is_active: "true", q: "troopy", limit: "10", offset: "0" }),
  },
  {
    method: "POST",
    path: "/admin/resources",
    auth: "admin",
    body: () => ({
      type: "VEHICLE",
      name: "Fuzz troopy",
      description: "A vehicle",
      metadata: { colour: "white" },
      is_active: true,
      booking_rules: { cutoff: { days_before: 1, time: "18:00" }, consecutive: true },
    }),
  },
  { method: "GET", path: "/admin/resources/:id", auth: "admin", params: (f) => ({ id: f.resource }) },
  {
    method: "POST",
    path: "/admin/resources/:id",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    body: () => ({ name: "Renamed", description: "Still a vehicle", metadata: { colour: "red" }, booking_rules: { cutoff: { days_before: 0, time: "09:30" } } }),
  },
  { method: "DELETE", path: "/admin/resources/:id", auth: "admin", params: (f) => ({ id: f.resource }) },
  {
    method: "GET",
    path: "/admin/resources/:id/capacity",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    query: (f) => ({ from: f.date, to: f.date2 }),
  },
  {
    method: "POST",
    path: "/admin/resources/:id/capacity",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    body: (f) => ({ from: f.date, to: f.date2, max_capacity: 3, weekdays: [1, 2] }),
  },
  {
    method: "GET",
    path: "/admin/resources/:id/blackouts",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    query: (f) => ({ from: f.date, to: f.date2, limit: "10", offset: "0" }),
  },
  {
    method: "POST",
    path: "/admin/resources/:id/blackouts",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    body: (f) => ({ start_date: f.date, end_date: f.date2, reason: "Maintenance", release_active_holds: true }),
  },
  {
    method: "DELETE",
    path: "/admin/resources/:id/blackouts/:blackout_id",
    auth: "admin",
    params: (f) => ({ id: f.resource, blackout_id: f.blackout }),
  },
  { method: "GET", path: "/admin/resources/:id/manifest", auth: "admin", params: (f) => ({ id: f.resource }), query: (f) => ({ date: f.date }) },
  { method: "GET", path: "/admin/resources/:id/hours", auth: "admin", params: (f) => ({ id: f.resource }), query: (f) => ({ from: f.date, to: f.date2 }) },
  {
    method: "PUT",
    path: "/admin/resources/:id/hours/:date",
    auth: "admin",
    params: (f) => ({ id: f.resource, date: f.date }),
    body: () => ({ hours: [["10:00", "14:00"]] }),
  },
  { method: "DELETE", path: "/admin/resources/:id/hours/:date", auth: "admin", params: (f) => ({ id: f.resource, date: f.date }) },
  {
    method: "GET",
    path: "/admin/resources/:id/audit",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    query: (f) => ({ from: f.date, to: f.date2, limit: "10" }),
  },
  { method: "GET", path: "/admin/resources/:id/variants", auth: "admin", params: (f) => ({ id: f.resource }), query: () => ({ limit: "10" }) },
  {
    method: "POST",
    path: "/admin/resources/:id/variants",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    body: (f) => ({ variant_ids: [f.variant], units: 2 }),
  },
  { method: "DELETE", path: "/admin/resources/:id/variants", auth: "admin", params: (f) => ({ id: f.resource }), body: (f) => ({ variant_ids: [f.variant] }) },
  {
    method: "DELETE",
    path: "/admin/resources/:id/variants/:variant_id",
    auth: "admin",
    params: (f) => ({ id: f.resource, variant_id: f.variant }),
  },
  { method: "GET", path: "/admin/resources/:id/feed", auth: "admin", params: (f) => ({ id: f.resource }) },
  {
    method: "POST",
    path: "/admin/resources/:id/feed",
    auth: "admin",
    params: (f) => ({ id: f.resource }),
    body: () => ({ include_customer: true, include_holds: false }),
  },
  { method: "POST", path: "/admin/resources/:id/feed/rotate", auth: "admin", params: (f) => ({ id: f.resource }), body: () => ({}) },
  { method: "GET", path: "/admin/product-variants/:id/resources", auth: "admin", params: (f) => ({ id: f.variant }) },
  {
    method: "POST",
    path: "/admin/product-variants/:id/resources",
    auth: "admin",
    params: (f) => ({ id: f.variant }),
    body: (f) => ({ resource_id: f.resource, units: 1 }),
  },
  {
    method: "DELETE",
    path: "/admin/product-variants/:id/resources/:resource_id",
    auth: "admin",
    params: (f) => ({ id: f.variant, resource_id: f.resource }),
  },
  // Rates (docs/PRICING.md); no fixture rate: the :rate_id routes answer 404 for this one.
  { method: "GET", path: "/admin/product-variants/:id/rates", auth: "admin", params: (f) => ({ id: f.variant }) },
  {
    method: "POST",
    path: "/admin/product-variants/:id/rates",
    auth: "admin",
    params: (f) => ({ id: f.variant }),
    body: (f) => ({
      title: "Weekend",
      prices: [{ currency_code: "aud", amount: 120 }],
      season: { from: f.date, to: f.date2 },
      weekdays: [0, 6],
      start_time: "16:30",
      duration_minutes: 90,
    }),
  },
  { method: "GET", path: "/admin/product-variants/:id/rates/:rate_id", auth: "admin", params: (f) => ({ id: f.variant, rate_id: "plist_01JFUZZRATE" }) },
  {
    method: "POST",
    path: "/admin/product-variants/:id/rates/:rate_id",
    auth: "admin",
    params: (f) => ({ id: f.variant, rate_id: "plist_01JFUZZRATE" }),
    body: () => ({ title: "Weekend", prices: [{ currency_code: "aud", amount: 130 }], weekdays: [6] }),
  },
  { method: "DELETE", path: "/admin/product-variants/:id/rates/:rate_id", auth: "admin", params: (f) => ({ id: f.variant, rate_id: "plist_01JFUZZRATE" }) },
  {
    method: "GET",
    path: "/admin/resource-holds",
    auth: "admin",
    query: (f) => ({ resource_id: f.resource, status: "ACTIVE", customer_email: email, limit: "10" }),
  },
  { method: "POST", path: "/admin/resource-holds/:id/release", auth: "admin", params: (f) => ({ id: f.hold }), body: () => ({}) },
  {
    method: "GET",
    path: "/admin/resource-allocations",
    auth: "admin",
    query: (f) => ({ resource_id: f.resource, order_id: "order_fuzz", needs_review: "false", status: "ACTIVE", from: f.date, to: f.date2 }),
  },
  {
    method: "POST",
    path: "/admin/resource-allocations/:id/cancel",
    auth: "admin",
    params: (f) => ({ id: f.allocation }),
    body: () => ({ restore_capacity: true }),
  },
  { method: "GET", path: "/admin/resource-utilization", auth: "admin", query: (f) => ({ from: f.date, to: f.date2, type: "VEHICLE" }) },
  {
    method: "GET",
    path: "/admin/resource-waitlist",
    auth: "admin",
    query: (f) => ({ resource_id: f.resource, variant_id: f.variant, status: "WAITING", limit: "10" }),
  },
  { method: "POST", path: "/admin/resource-waitlist/:id/remove", auth: "admin", params: (f) => ({ id: f.waitlist }), body: () => ({}) },
  { method: "GET", path: "/admin/reseller-keys", auth: "admin", query: () => ({ limit: "10", offset: "0", revoked: "false" }) },
  { method: "POST", path: "/admin/reseller-keys", auth: "admin", body: () => ({ title: "Fuzz reseller", sales_channel_id: "sc_01JFUZZ0000000000000000000", reseller_name: "Fuzz reseller" }) },
  { method: "POST", path: "/admin/reseller-keys/:id/revoke", auth: "admin", params: (f) => ({ id: f.reseller_key }), body: () => ({}) },
  { method: "POST", path: "/admin/reseller-keys/:id/rotate", auth: "admin", params: (f) => ({ id: f.reseller_key }), body: () => ({ title: "Fuzz rotation" }) },
  { method: "GET", path: "/admin/resellers", auth: "admin", query: () => ({ limit: "10", offset: "0" }) },

  // ------------------------------------------------------------ OCTo
  { method: "GET", path: "/octo/supplier", auth: "octo" },
  { method: "GET", path: "/octo/products", auth: "octo" },
  { method: "GET", path: "/octo/products/:id", auth: "octo", params: (f) => ({ id: f.product }) },
  {
    method: "POST",
    path: "/octo/availability",
    auth: "octo",
    body: (f) => ({
      productId: f.product,
      optionId: f.variant,
      localDateStart: f.date,
      localDateEnd: f.date2,
      units: [{ id: "unit", quantity: 1 }],
    }),
  },
  {
    method: "POST",
    path: "/octo/availability",
    auth: "octo",
    body: (f) => ({ productId: f.product, optionId: f.variant, availabilityIds: [f.availability] }),
  },
  {
    method: "POST",
    path: "/octo/availability/calendar",
    auth: "octo",
    body: (f) => ({ productId: f.product, optionId: f.variant, localDateStart: f.date, localDateEnd: f.date2, units: [{ id: "unit", quantity: 1 }] }),
  },
  {
    method: "POST",
    path: "/octo/bookings",
    auth: "octo",
    body: (f) => ({
      uuid: "7d4c2b8e-3f0a-4c59-9a7e-1b2c3d4e5f60",
      productId: f.product,
      optionId: f.variant,
      availabilityId: f.availability,
      unitItems: [{ unitId: "unit" }],
      expirationMinutes: 30,
      resellerReference: "RES-FUZZ",
      notes: "fuzz",
      contact: { fullName: "Ann Lee", emailAddress: email, phoneNumber: "+61 400 000 000", locales: ["en"] },
    }),
  },
  { method: "GET", path: "/octo/bookings", auth: "octo", query: () => ({ resellerReference: "RES-FUZZ", supplierReference: "ABC" }) },
  { method: "GET", path: "/octo/bookings/:uuid", auth: "octo", params: (f) => ({ uuid: f.octo_uuid }) },
  {
    method: "PATCH",
    path: "/octo/bookings/:uuid",
    auth: "octo",
    params: (f) => ({ uuid: f.octo_uuid }),
    body: (f) => ({
      resellerReference: "RES-2",
      notes: "aisle",
      contact: { fullName: "Ann Lee", emailAddress: email, locales: ["en"] },
      availabilityId: f.availability2,
      unitItems: [{ unitId: "unit" }],
    }),
  },
  {
    method: "POST",
    path: "/octo/bookings/:uuid/confirm",
    auth: "octo",
    params: (f) => ({ uuid: f.octo_uuid }),
    body: () => ({ resellerReference: "RES-3", contact: { fullName: "Ann Lee", emailAddress: email }, unitItems: [{ unitId: "unit" }] }),
  },
  { method: "POST", path: "/octo/bookings/:uuid/extend", auth: "octo", params: (f) => ({ uuid: f.octo_uuid }), body: () => ({ expirationMinutes: 60 }) },
  { method: "POST", path: "/octo/bookings/:uuid/cancel", auth: "octo", params: (f) => ({ uuid: f.octo_uuid }), body: () => ({ reason: "Changed plans" }) },

  // ------------------------------------------------------------ calendar feed, widget
  { method: "GET", path: "/resource-feeds/:token", auth: "none", params: (f) => ({ token: `${f.feed_token}.ics` }) },
  { method: "GET", path: "/resource-booking-widget/widget.js", auth: "none" },
  { method: "GET", path: "/resource-booking-widget/widget.mjs", auth: "none" },
  { method: "GET", path: "/resource-booking-widget/demo", auth: "none", query: () => ({ variant: "variant_x" }) },
]

/**
 * The hostile strings, made from a valid value: a lone high surrogate after
 * it (`res_01…\ud800`, the 500 of issue 16), a lone low surrogate before it,
 * a NUL after it and a NUL inside it.
 */
const HOSTILE = [(v) => `${v}\ud800`, (v) => `\udc00${v}`, (v) => `${v}\u0000`, (v) => `${v.slice(0, 1)}\u0000${v.slice(1)}`]
/** The same in a URL: the lone surrogates as their CESU-8 bytes (no valid UTF-8 decodes to them), NUL as %00. */
const HOSTILE_ENCODED = [(v) => `${v}%ED%A0%80`, (v) => `%ED%B0%80${v}`, (v) => `${v}%00`, (v) => `${v.slice(0, 1)}%00${v.slice(1)}`]

/** Each string leaf (and each object key) of a JSON value, as [path, replace(newString)]. */
function stringLeaves(value, path = "") {
  const out = []
  const walk = (node, at, set) => {
    if (typeof node === "string") out.push({ field: at || "body", value: node, replace: set })
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}[${i}]`, (v) => set(node.map((c, j) => (j === i ? v : c)))))
    else if (node && typeof node === "object") {
      for (const key of Object.keys(node)) {
        const childAt = at ? `${at}.${key}` : key
        walk(node[key], childAt, (v) => set({ ...node, [key]: v }))
      }
      // A hostile key beside the others.
      out.push({ field: `${at ? `${at} ` : ""}key`, value: "key", replace: (v) => set({ ...node, [v]: "v" }), key: true })
    }
  }
  walk(value, path, (v) => v)
  return out
}

/** `path` with its parameters filled in (encoded). */
function fillPath(route, f) {
  const params = route.params ? route.params(f) : {}
  return route.path.replace(/:([a-z_]+)/g, (_, name) => encodeURIComponent(params[name]))
}

/** A query string; values that are already percent-encoded on purpose pass through `raw`. */
function queryString(query, raw = {}) {
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  for (const [k, v] of Object.entries(raw)) parts.push(`${k}=${v}`)
  return parts.length ? `?${parts.join("&")}` : ""
}

/**
 * Every hostile variant of one route's request: each body string/key, each
 * query value, each path parameter and an extra query parameter made hostile,
 * one at a time. Path and query carry the hostile strings percent-encoded (a
 * lone surrogate as its CESU-8 bytes, which no valid UTF-8 decodes to, so it
 * is a malformed encoding; NUL as %00). Answers
 * [{ route, field, method, url, body }] with `field` the name the 400 should
 * give (null where the guard names the path or the encoding instead).
 */
function hostileVariants(route, f) {
  const variants = []
  const params = route.params ? route.params(f) : {}
  const query = route.query ? route.query(f) : {}
  const body = route.body ? route.body(f) : undefined
  const basePath = fillPath(route, f)
  const push = (field, url, requestBody) => variants.push({ route, field, method: route.method, url, body: requestBody })
  if (body !== undefined) {
    for (const leaf of stringLeaves(body)) {
      for (const bad of HOSTILE) push(leaf.key ? null : leaf.field, `${basePath}${queryString(query)}`, leaf.replace(bad(leaf.value)))
    }
  }
  for (const key of Object.keys(query)) {
    for (const bad of HOSTILE_ENCODED) {
      const rest = { ...query }
      delete rest[key]
      push(key, `${basePath}${queryString(rest, { [key]: bad(encodeURIComponent(query[key])) })}`, body)
    }
  }
  for (const bad of HOSTILE_ENCODED) push("x", `${basePath}${queryString(query, { x: bad("1") })}`, body)
  for (const name of Object.keys(params)) {
    for (const bad of HOSTILE_ENCODED) {
      const path = route.path.replace(/:([a-z_]+)/g, (_, n) => (n === name ? bad(encodeURIComponent(params[n])) : encodeURIComponent(params[n])))
      push(null, `${path}${queryString(query)}`, body)
    }
  }
  return variants
}

module.exports = { PLUGIN_ROUTES, FIXTURES, HOSTILE, HOSTILE_ENCODED, stringLeaves, fillPath, queryString, hostileVariants }

/**
 * What the plugin's routes can change, as one row of counts and digests:
 * resources, capacity, holds (status, expiry), allocations, audit rows,
 * blackouts, waitlist entries, OCTo bookings, reseller keys, feeds, variant
 * links, cart lines, orders. `query(text)` answers rows (pg or the tests' sql()).
 */
async function snapshotState(query) {
  const digest = (table, expr, order = "id") =>
    `(SELECT md5(coalesce(string_agg(${expr}, ',' ORDER BY ${order}), '')) FROM ${table})`
  const [link] = await query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'resource_booking_resource_product%' LIMIT 1`
  )
  const [row] = await query(`SELECT
      ${digest("resource", "id || coalesce(deleted_at::text, '') || name || is_active::text || coalesce(booking_rules::text, '')")} AS resources,
      ${digest("resource_capacity", "resource_id || date || ':' || max_capacity || '/' || available_capacity", "resource_id, date")} AS capacity,
      ${digest("resource_hold", "id || status || expires_at::text")} AS holds,
      ${digest("resource_allocation", "id || status || needs_review::text")} AS allocations,
      (SELECT count(*)::int FROM resource_capacity_audit) AS audit_rows,
      ${digest("resource_blackout", "id || coalesce(deleted_at::text, '')")} AS blackouts,
      ${digest("resource_waitlist_entry", "id || status")} AS waitlist,
      ${digest("octo_booking", "id || status || coalesce(reseller_reference, '') || coalesce(notes, '')")} AS octo_bookings,
      ${digest("octo_reseller_key", "id || coalesce(revoked_at::text, '')")} AS reseller_keys,
      ${digest("resource_booking_feed", "id || token || include_customer::text || include_holds::text")} AS feeds,
      ${link ? digest(`"${link.table_name}"`, "id || coalesce(deleted_at::text, '') || units") : "''"} AS variant_links,
      (SELECT count(*)::int FROM cart_line_item WHERE deleted_at IS NULL) AS cart_lines,
      (SELECT count(*)::int FROM "order") AS orders`)
  return row
}

module.exports.snapshotState = snapshotState
