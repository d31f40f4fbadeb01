import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "./admin-helpers"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createCart,
  createShop,
  day,
  Shop,
  storeHeaders,
  waitFor,
} from "./helpers/fixtures"
import { parseEvents } from "./helpers/ical"

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let shop: Shop
    let booking: BookableVariant
    let admin: { headers: Record<string, string> }
    const D = (offset: number) => day(getContainer(), offset)
    const email = "feed-customer@example.com"

    beforeAll(async () => {
      shop = await createShop(getContainer())
      booking = await createBookableVariant(getContainer(), shop, { capacity: 5, from: D(0), to: D(40) })
    })

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const placeOrder = async (dates: string[], quantity: number) => {
      const cart = await createCart(api, shop, { email })
      const booked = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: booking.variantId, dates, quantity }, storeHeaders(shop))
      )
      expect(booked.status).toBe(200)
      await addManualPaymentSession(api, shop, cart.id)
      const order = (await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(shop)))).data.order
      await waitFor(async () => (await bookingService(getContainer()).listAllocations({ order_id: order.id }))[1] === 1)
      return order
    }
    /** The feed fetched as a calendar application does: no headers at all. */
    const fetchFeed = (path: string) => attempt(api.get(path, { headers: {}, responseType: "text", transformResponse: (x: any) => x }))

    it("a secret feed per resource: text/calendar without headers, one all-day event per allocation, no customer data unless enabled, 404 after rotation", async () => {
      const base = `/admin/resources/${booking.resource.id}/feed`
      expect((await api.get(base, admin)).data.resource_feed).toBeNull()
      expect((await attempt(api.get(base))).status).toBe(401)

      const order = await placeOrder([D(5), D(6)], 2)
      // An active hold (not in an order): shown only with include_holds.
      const cart = await createCart(api, shop, { email: "holder@example.com" })
      const held = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: booking.variantId, dates: [D(8)], quantity: 1 }, storeHeaders(shop))
      )
      expect(held.status).toBe(200)

      const created = (await api.post(`${base}/rotate`, {}, admin)).data.resource_feed
      expect(created).toMatchObject({ resource_id: booking.resource.id, include_customer: false, include_holds: false })
      expect(created.path).toMatch(/^\/resource-feeds\/[A-Za-z0-9_-]{32}\.ics$/)
      expect(created.url.endsWith(created.path)).toBe(true)
      expect((await api.get(base, admin)).data.resource_feed.path).toBe(created.path)

      const feed = await fetchFeed(created.path)
      expect(feed.status).toBe(200)
      const contentType = (await api.get(created.path, { headers: {} })).headers["content-type"]
      expect(contentType).toMatch(/^text\/calendar/)
      const events = parseEvents(feed.data)
      expect(events).toHaveLength(1)
      const [allocation] = (await bookingService(getContainer()).listAllocations({ order_id: order.id }))[0]
      expect(events[0]).toMatchObject({ uid: `${allocation.id}@resource-booking`, start: D(5), end: D(7), allDay: true, status: "CONFIRMED" })
      expect(events[0].summary).toContain("2 ×")
      expect(events[0].summary).toContain(`#${order.display_id}`)
      expect(feed.data).not.toContain(email)
      expect(feed.data).not.toContain("holder@example.com")
      expect(feed.data).not.toContain(held.data.resource_hold.id)

      // Customer data and holds, when the admin turns them on.
      const toggled = (await api.post(base, { include_customer: true, include_holds: true }, admin)).data.resource_feed
      expect(toggled).toMatchObject({ include_customer: true, include_holds: true, path: created.path })
      const withCustomer = await fetchFeed(created.path)
      expect(withCustomer.data).toContain(email)
      const all = parseEvents(withCustomer.data)
      expect(all.map((e: any) => [e.start, e.end, e.status]).sort()).toEqual([
        [D(5), D(7), "CONFIRMED"],
        [D(8), D(9), "TENTATIVE"],
      ])
      expect(withCustomer.data).not.toContain(held.data.resource_hold.id)
      expect((await attempt(api.post(base, { include_customer: "yes" }, admin))).status).toBe(400)

      // Rotation: the old URL is gone at once, the new one works.
      const rotated = (await api.post(`${base}/rotate`, {}, admin)).data.resource_feed
      expect(rotated.path).not.toBe(created.path)
      expect(rotated).toMatchObject({ include_customer: true, include_holds: true })
      expect((await fetchFeed(created.path)).status).toBe(404)
      expect((await fetchFeed(rotated.path)).status).toBe(200)
      expect((await fetchFeed(rotated.path.replace(/\.ics$/, ""))).status).toBe(200)

      const off = (await api.post(base, { include_customer: false }, admin)).data.resource_feed
      expect(off.include_customer).toBe(false)
      expect((await fetchFeed(rotated.path)).data).not.toContain(email)

      // Unknown tokens and unknown resources.
      expect((await fetchFeed("/resource-feeds/not-a-token.ics")).status).toBe(404)
      expect((await fetchFeed(`/resource-feeds/${"A".repeat(32)}.ics`)).status).toBe(404)
      expect((await attempt(api.post(`/admin/resources/res_missing/feed/rotate`, {}, admin))).status).toBe(404)
    })
  },
})
