"use strict"
/**
 * One storefront checkout over HTTP, as a shopper's browser makes it, for the
 * bench (checkout_http, checkout_plain_http) and the checkout profiler:
 *
 *   POST /store/carts → add the item → POST /store/payment-collections →
 *   POST …/payment-sessions (pp_system_default) → POST /store/carts/:id/complete
 *
 * kind "booking" adds the item with the plugin's POST
 * /store/carts/:id/resource-bookings (a hold on 3 dates); kind "plain" adds a
 * product without a booking with Medusa's POST /store/carts/:id/line-items.
 * Records each call's latency by name and the first answer of each failing call.
 */
const { request, percentile, round } = require("../integration-tests/harness")

/**
 * setup: what integration-tests/harness/setup-medusa.ts wrote; dates(): the
 * booking's dates. Returns { checkout() → "order" | failing status, callMs,
 * failures, resetCalls(), callP50() }.
 */
function makeCheckout({ port, setup, kind, dates }) {
  const co = setup.checkout
  const headers = { "x-publishable-api-key": setup.publishable_key }
  const failures = {}
  let callMs = {}
  const call = async (name, method, p, body) => {
    const t = process.hrtime.bigint()
    const r = await request({ port, method, path: p, headers, body, timeoutMs: 60_000 })
    ;(callMs[name] = callMs[name] || []).push(Number(process.hrtime.bigint() - t) / 1e6)
    if (r.status >= 300 || (p.endsWith("/complete") && r.body?.type !== "order")) {
      const key = `${method} ${p.replace(/cart_\w+|pay_col_\w+|paycol_\w+/g, ":id")} → ${r.status}`
      if (!failures[key]) failures[key] = r.text.slice(0, 300)
      return { failed: r.status }
    }
    return r.body
  }
  const addItem =
    kind === "booking"
      ? (cartId) => call("add item", "POST", `/store/carts/${cartId}/resource-bookings`, { variant_id: co.variant_id, dates: dates(), quantity: 1, customer_email: "buyer@example.com" })
      : (cartId) => call("add item", "POST", `/store/carts/${cartId}/line-items`, { variant_id: co.plain_variant_id, quantity: 1 })

  async function checkout() {
    const c = await call("create cart", "POST", "/store/carts", { region_id: co.region_id, sales_channel_id: setup.sales_channel_id, email: "buyer@example.com" })
    if (c.failed) return c.failed
    const b = await addItem(c.cart.id)
    if (b.failed) return b.failed
    const pc = await call("payment collection", "POST", "/store/payment-collections", { cart_id: c.cart.id })
    if (pc.failed) return pc.failed
    const ps = await call("payment session", "POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
    if (ps.failed) return ps.failed
    const done = await call("complete", "POST", `/store/carts/${c.cart.id}/complete`, {})
    if (done.failed) return done.failed
    return "order"
  }

  return {
    checkout,
    failures,
    resetCalls() {
      callMs = {}
    },
    /** p50 of each call since the last reset, in ms. */
    callP50() {
      return Object.fromEntries(Object.entries(callMs).map(([k, v]) => [k, round(percentile([...v].sort((x, y) => x - y), 50), 1)]))
    },
  }
}

module.exports = { makeCheckout }
