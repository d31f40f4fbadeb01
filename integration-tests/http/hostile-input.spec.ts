import fs from "fs"
import path from "path"
import { randomUUID } from "crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createResourceBlackoutWorkflow } from "../../src/workflows/create-resource-blackout"
import { createAdminHeaders } from "./admin-helpers"
import { sql } from "./helpers/db"
import { attempt, bookingService, createBookableVariant, createCart, createShop, dayIn, Shop, storeHeaders } from "./helpers/fixtures"

// The route list is shared with the reliability fuzz (integration-tests/reliability/run.js).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { PLUGIN_ROUTES, hostileVariants, snapshotState } = require("../harness/plugin-routes")

jest.setTimeout(600 * 1000)

const D = (offset: number) => dayIn("Australia/Brisbane", offset)
/** OCTo's availability id of a date (Brisbane keeps +10:00 all year). */
const A = (offset: number) => `${D(offset)}T00:00:00+10:00`

/**
 * Issue 16, part 1: no input makes a route of the plugin answer 500, and
 * hostile input changes nothing. For every route (store, admin, OCTo,
 * calendar feed, widget), every string and key of its body, every query
 * parameter (and one it does not know) and every path parameter is sent with
 * a lone UTF-16 surrogate or a NUL, one at a time: each answers 400 naming
 * the field, and the plugin's tables are as they were.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let admin: { headers: Record<string, string> }
    let octoToken: string
    const fixtures: Record<string, string> = {}
    const url = () => dbConfig.clientUrl

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      admin = await createAdminHeaders(container)
      const store = storeHeaders(shop)
      const tour = await createBookableVariant(container, shop, { capacity: 5, from: D(10), to: D(40) })
      const service = bookingService(container)
      const hold = async (dates: string[], quantity: number) =>
        (
          await api.post(
            "/store/resource-holds",
            { resource_id: tour.resource.id, dates, quantity, customer_email: "fixture@example.com" },
            store
          )
        ).data.resource_hold
      const active = await hold([D(12)], 1)
      const confirmed = await hold([D(13)], 1)
      const allocation = (await service.confirmHold({ hold_id: confirmed.id, order_id: "order_fixture", line_item_id: "ordli_fixture" })).allocation
      await hold([D(30)], 5)
      const entry = (
        await api.post(
          "/store/resource-waitlist",
          { resource_id: tour.resource.id, dates: [D(30)], quantity: 1, customer_email: "waiter@example.com" },
          store
        )
      ).data.resource_waitlist_entry
      const { result: blackout } = await createResourceBlackoutWorkflow(container).run({
        input: { resource_id: tour.resource.id, start_date: D(35), end_date: D(35) },
      })
      const key = (
        await api.post("/admin/reseller-keys", { title: "Fuzz reseller", sales_channel_id: shop.salesChannelId }, { headers: admin.headers })
      ).data.reseller_key
      octoToken = key.token
      const octoUuid = randomUUID()
      const reserved = await api.post(
        "/octo/bookings",
        { uuid: octoUuid, productId: tour.productId, optionId: tour.variantId, availabilityId: A(14), unitItems: [{ unitId: "unit" }] },
        { headers: { authorization: `Bearer ${octoToken}` } }
      )
      expect(reserved.status).toBe(200)
      const feed = (await api.post(`/admin/resources/${tour.resource.id}/feed`, {}, { headers: admin.headers })).data.resource_feed
      Object.assign(fixtures, {
        resource: tour.resource.id,
        hold: active.id,
        waitlist: entry.id,
        cart: (await createCart(api, shop, { email: "cart@example.com" })).id,
        variant: tour.variantId,
        product: tour.productId,
        allocation: allocation.id,
        blackout: (blackout as any).blackout.id,
        reseller_key: key.id,
        octo_uuid: octoUuid,
        feed_token: feed.path.split("/").pop().replace(/\.ics$/, ""),
        date: D(16),
        date2: D(17),
        availability: A(16),
        availability2: A(17),
      })
      expect(entry.status).toBe("WAITING")
      for (const [name, value] of Object.entries(fixtures)) expect({ name, value: typeof value }).toEqual({ name, value: "string" })
    })

    const headersOf = (auth: string): Record<string, string> => {
      if (auth === "store") return storeHeaders(shop).headers
      if (auth === "admin") return admin.headers
      if (auth === "octo") return { authorization: `Bearer ${octoToken}` }
      return {}
    }

    it("lists every route of src/api (a new route is added to integration-tests/harness/plugin-routes.js)", () => {
      const root = path.join(__dirname, "../../src/api")
      const found: string[] = []
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name)
          if (entry.isDirectory()) walk(full)
          else if (entry.name === "route.ts") {
            const route = `/${path.relative(root, dir)}`.replace(/\[([a-z_]+)\]/g, ":$1")
            for (const [, method] of fs.readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${method} ${route}`)
          }
        }
      }
      walk(root)
      const listed = new Set(PLUGIN_ROUTES.map((r: any) => `${r.method} ${r.path}`))
      expect(found.filter((route) => !listed.has(route)).sort()).toEqual([])
    })

    it("POST /store/resource-holds with a lone surrogate in resource_id answers 400 naming it (it answered 500)", async () => {
      const before = await snapshotState((text: string) => sql(url(), text))
      const { status, data } = await attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: `${fixtures.resource}\ud800`, dates: [D(16)], quantity: 1, customer_email: "a@example.com" },
          storeHeaders(shop)
        )
      )
      expect({ status, data }).toEqual({ status: 400, data: { type: "invalid_data", message: expect.stringContaining("resource_id") } })
      expect(data.message).toMatch(/surrogate/)
      expect(await snapshotState((text: string) => sql(url(), text))).toEqual(before)
    })

    it("every string field, key, query parameter and path parameter of every route: 400 naming the field, nothing changed", async () => {
      const before = await snapshotState((text: string) => sql(url(), text))
      const wrong: unknown[] = []
      let sent = 0
      for (const route of PLUGIN_ROUTES) {
        for (const variant of hostileVariants(route, fixtures)) {
          const response = await attempt(
            api.request({ method: variant.method, url: variant.url, data: variant.body, headers: headersOf(route.auth) })
          )
          sent++
          const message = String(response.data?.message ?? response.data?.errorMessage ?? response.data ?? "")
          const named = variant.field === null || message.includes(variant.field)
          if (response.status !== 400 || !named) {
            wrong.push({ route: `${route.method} ${route.path}`, field: variant.field, url: variant.url, status: response.status, message: message.slice(0, 200) })
          }
        }
      }
      expect(sent).toBeGreaterThan(1000)
      const byStatus: Record<string, number> = {}
      for (const w of wrong as any[]) byStatus[`${w.route} ${w.status}`] = (byStatus[`${w.route} ${w.status}`] ?? 0) + 1
      expect({ wrong: wrong.length, byStatus, first: wrong.slice(0, 10) }).toEqual({ wrong: 0, byStatus: {}, first: [] })
      expect(await snapshotState((text: string) => sql(url(), text))).toEqual(before)
    })

    it("a malformed id in a path is an unknown id (404, or OCTo's INVALID_PRODUCT_ID), answered without a query", async () => {
      const store = storeHeaders(shop)
      const admins = { headers: admin.headers }
      const cases: [string, string, string, any][] = [
        ["GET", "/store/resources/res_nope", "res_nope", store],
        ["GET", "/store/resources/rhold_0123456789abcdef0123456789abcdef", "rhold_0123456789abcdef0123456789abcdef", store],
        ["GET", "/store/resource-holds/rhold_XYZ", "rhold_XYZ", store],
        ["POST", "/store/resource-holds/res_01ABCDEFGHJKMNPQRSTVWXYZ01/release", "res_01ABCDEFGHJKMNPQRSTVWXYZ01", store],
        ["GET", "/store/resource-waitlist/rwait_nope", "rwait_nope", store],
        ["GET", "/store/product-variants/prod_01ABCDEFGHJKMNPQRSTVWXYZ01/resource-availability?from=2030-01-01&to=2030-01-01", "prod_01ABCDEFGHJKMNPQRSTVWXYZ01", store],
        ["POST", "/store/carts/cart_nope/resource-bookings", "cart_nope", store],
        ["GET", "/admin/resources/nope", "nope", admins],
        ["DELETE", `/admin/resources/${fixtures.resource}/blackouts/rblk_nope`, "rblk_nope", admins],
        ["POST", "/admin/resource-allocations/ralloc_nope/cancel", "ralloc_nope", admins],
        ["POST", "/admin/reseller-keys/orkey_nope/revoke", "orkey_nope", admins],
      ]
      const before = await snapshotState((text: string) => sql(url(), text))
      for (const [method, target, id, config] of cases) {
        const { status, data } = await attempt(api.request({ method, url: target, data: method === "GET" ? undefined : {}, ...config }))
        expect({ target, status, type: data.type }).toEqual({ target, status: 404, type: "not_found" })
        expect(data.message).toContain(id)
      }
      const octo = await attempt(api.get("/octo/products/not-a-product", { headers: { authorization: `Bearer ${octoToken}` } }))
      expect(octo.status).toBe(400)
      expect(octo.data).toMatchObject({ error: "INVALID_PRODUCT_ID", productId: "not-a-product" })
      expect(await snapshotState((text: string) => sql(url(), text))).toEqual(before)
    })

    it("an id of the wrong shape in a body is an unknown id (404) when nothing else is wrong, and 400 with the other problems", async () => {
      const store = storeHeaders(shop)
      const body = { dates: [D(16)], quantity: 1, customer_email: "a@example.com" }
      const unknown = await attempt(api.post("/store/resource-holds", { ...body, resource_id: "res_nope" }, store))
      expect([unknown.status, unknown.data.message]).toEqual([404, expect.stringContaining("res_nope")])
      const both = await attempt(api.post("/store/resource-holds", { ...body, resource_id: "res_nope", quantity: 0 }, store))
      expect([both.status, both.data.message]).toEqual([400, expect.stringContaining("quantity")])
      const variant = await attempt(api.post(`/store/carts/${fixtures.cart}/resource-bookings`, { variant_id: "prod_x", dates: [D(16)], quantity: 1 }, store))
      expect(variant.status).toBe(404)
      // A list filter with an id of the wrong shape is a 400 naming it.
      const filter = await attempt(api.get("/admin/resource-holds?resource_id=rhold_x", { headers: admin.headers }))
      expect([filter.status, filter.data.message]).toEqual([400, expect.stringContaining("resource_id")])
    })
  },
})
