import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { attempt, BookableVariant, createBookableVariant, createCart, createShop, dayIn, Shop, storeHeaders } from "./helpers/fixtures"

jest.setTimeout(180 * 1000)

/**
 * No hoarding over HTTP (contract "Scale and operations", R14): beyond a
 * limit the store answers 429 naming it, with Retry-After; the limits are
 * read when the runner boots the app, and reset afterwards.
 */
const ENV = {
  RESOURCE_BOOKING_MAX_HOLDS_PER_CUSTOMER: "2",
  RESOURCE_BOOKING_MAX_HOLDS_PER_CLIENT: "3",
  RESOURCE_BOOKING_TRUSTED_PROXIES: "127.0.0.1,10.0.0.1",
}
Object.assign(process.env, ENV)
afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key]
})

const D = (offset: number) => dayIn("Australia/Brisbane", offset)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let shop: Shop
    let booking: BookableVariant

    beforeAll(async () => {
      shop = await createShop(getContainer())
      booking = await createBookableVariant(getContainer(), shop, { capacity: 50, from: D(5), to: D(15) })
    })

    const hold = (email: string, offset: number, headers: Record<string, string> = {}) =>
      attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: booking.resource.id, dates: [D(offset)], quantity: 1, customer_email: email },
          storeHeaders(shop, headers)
        )
      )

    it("a customer beyond the limit gets 429 naming it, with Retry-After; another customer still books", async () => {
      expect((await hold("keeper@example.com", 5)).status).toBe(201)
      expect((await hold("Keeper@example.com", 6)).status).toBe(201)
      const refused = await hold("keeper@example.com", 7)
      expect(refused.status).toBe(429)
      expect(refused.data.message).toMatch(/maxActiveHoldsPerCustomer = 2/)
      const { data: availability } = await api.get(
        `/store/resources/${booking.resource.id}/availability?from=${D(7)}&to=${D(7)}`,
        storeHeaders(shop)
      )
      expect(availability.availability.dates[0].available_capacity).toBe(50)
      expect((await hold("someone-else@example.com", 7)).status).toBe(201)
    })

    it("Retry-After tells when the first live hold lapses", async () => {
      await hold("retry@example.com", 8)
      await hold("retry@example.com", 9)
      try {
        await api.post(
          "/store/resource-holds",
          { resource_id: booking.resource.id, dates: [D(10)], quantity: 1, customer_email: "retry@example.com" },
          storeHeaders(shop)
        )
        throw new Error("expected 429")
      } catch (error: any) {
        expect(error.response.status).toBe(429)
        const retry = Number(error.response.headers["retry-after"])
        expect(retry).toBeGreaterThan(25 * 60)
        expect(retry).toBeLessThanOrEqual(30 * 60)
      }
    })

    it("a client address behind a trusted proxy keeps at most its limit, whatever emails it uses; another address still books", async () => {
      const from = (address: string) => ({ "x-forwarded-for": `${address}, 10.0.0.1` })
      const results = []
      for (let i = 0; i < 5; i++) results.push((await hold(`anon${i}@example.com`, 11, from("203.0.113.7"))).status)
      expect(results).toEqual([201, 201, 201, 429, 429])
      expect((await hold("fresh@example.com", 11, from("198.51.100.2"))).status).toBe(201)
    })

    it("a cart keeps at most its limit of bookings", async () => {
      const cart = await createCart(api, shop, { email: "cart-keeper@example.com" })
      const statuses = []
      for (let i = 0; i < 4; i++) {
        const booked = await attempt(
          api.post(
            `/store/carts/${cart.id}/resource-bookings`,
            { variant_id: booking.variantId, dates: [D(12 + i)], quantity: 1, customer_email: `cart${i}@example.com` },
            storeHeaders(shop, { "x-forwarded-for": `192.0.2.${i}` })
          )
        )
        statuses.push(booked.status)
      }
      expect(statuses).toEqual([200, 200, 200, 429])
    })
  },
})
