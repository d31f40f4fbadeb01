import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { setResourceCapacityWorkflow } from "../../src/workflows/set-resource-capacity"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createCart,
  createShop,
  dayIn,
  Shop,
  storeHeaders,
  uniqueName,
  waitFor,
} from "./helpers/fixtures"

jest.setTimeout(240 * 1000)

/**
 * Departures over HTTP (contract "Departures"), on an app whose module zone
 * changes its clocks: Europe/Berlin (2027-03-28 02:00 → 03:00, 2027-10-31
 * 03:00 → 02:00). The variable is read when the runner boots the app, and
 * reset afterwards for the suites that follow in the same process.
 */
const ZONE = "Europe/Berlin"
process.env.RESOURCE_BOOKING_TIMEZONE = ZONE
afterAll(() => {
  delete process.env.RESOURCE_BOOKING_TIMEZONE
})

const D = (offset: number) => dayIn(ZONE, offset)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let tour: BookableVariant
    let admin: Record<string, any>

    /** A product variant booking a new DEPARTURE resource with these departures on from..to. */
    async function departureVariant(seats: number, startTimes: string[], from: string, to: string, duration = 90) {
      const container = getContainer()
      const resource = await bookingService(container).createResources({
        type: "TOUR",
        name: uniqueName("Sunset tour"),
        booking_mode: "DEPARTURE",
      } as any)
      const variant = await createBookableVariant(container, shop, { resource: resource as any, unitPrice: 40 })
      await setResourceCapacityWorkflow(container).run({
        input: { resource_id: resource.id, from, to, start_times: startTimes, duration_minutes: duration, max_capacity: seats },
      })
      return variant
    }

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      admin = { headers: (await createAdminHeaders(container, "departures-admin@example.com")).headers }
      tour = await departureVariant(5, ["07:00", "16:30"], D(10), D(20))
    })

    const headers = () => storeHeaders(shop)

    it("availability lists each date's departures with instants in the zone's offset, across both 2027 clock changes", async () => {
      const spring = await departureVariant(4, ["01:30", "02:30", "07:00"], "2027-03-27", "2027-03-28", 60)
      const autumn = await departureVariant(4, ["02:30"], "2027-10-31", "2027-10-31", 60)
      const { data } = await api.get(`/store/resources/${spring.resource.id}/availability?from=2027-03-27&to=2027-03-28`, headers())
      expect(data.availability.dates.map((d: any) => [d.date, d.is_available, d.departures.map((x: any) => [x.start_time, x.starts_at, x.ends_at])])).toEqual([
        [
          "2027-03-27",
          true,
          [
            ["01:30", "2027-03-27T01:30:00+01:00", "2027-03-27T02:30:00+01:00"],
            ["02:30", "2027-03-27T02:30:00+01:00", "2027-03-27T03:30:00+01:00"],
            ["07:00", "2027-03-27T07:00:00+01:00", "2027-03-27T08:00:00+01:00"],
          ],
        ],
        [
          "2027-03-28",
          true,
          [
            // 02:30 does not exist that day; 01:30 lasts 60 real minutes across the change.
            ["01:30", "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"],
            ["07:00", "2027-03-28T07:00:00+02:00", "2027-03-28T08:00:00+02:00"],
          ],
        ],
      ])
      const late = await api.get(`/store/resources/${autumn.resource.id}/availability?from=2027-10-31&to=2027-10-31`, headers())
      expect(late.data.availability.dates[0].departures[0]).toMatchObject({
        start_time: "02:30",
        starts_at: "2027-10-31T02:30:00+02:00",
        ends_at: "2027-10-31T02:30:00+01:00",
        max_capacity: 4,
        available_capacity: 4,
        is_available: true,
      })
      // The admin route reports the start time it could not create.
      const set = await api.post(
        `/admin/resources/${spring.resource.id}/capacity`,
        { from: "2027-03-28", to: "2027-03-28", start_times: ["02:30", "03:00"], duration_minutes: 30, max_capacity: 2 },
        admin
      )
      expect(set.data.skipped).toEqual([{ date: "2027-03-28", start_time: "02:30" }])
      expect(set.data.capacity).toEqual([expect.objectContaining({ date: "2027-03-28", start_time: "03:00", max_capacity: 2 })])
    })

    it("holds departures (201), echoing them with their instants, and refuses dates for a departure resource", async () => {
      const departures = [
        { date: D(12), start_time: "16:30" },
        { date: D(11), start_time: "07:00" },
      ]
      const { status, data } = await attempt(
        api.post("/store/resource-holds", { resource_id: tour.resource.id, departures, quantity: 2, customer_email: "d@example.com" }, headers())
      )
      expect(status).toBe(201)
      expect(data.resource_hold).toMatchObject({
        resource_id: tour.resource.id,
        dates: [D(11), D(12)],
        departures: [
          { date: D(11), start_time: "07:00", starts_at: expect.stringMatching(/T07:00:00\+0[12]:00$/), ends_at: expect.stringMatching(/T08:30:00\+0[12]:00$/) },
          { date: D(12), start_time: "16:30", starts_at: expect.stringMatching(/T16:30:00\+0[12]:00$/), ends_at: expect.stringMatching(/T18:00:00\+0[12]:00$/) },
        ],
        starts_at: expect.stringMatching(new RegExp(`^${D(11)}T07:00:00`)),
        ends_at: expect.stringMatching(new RegExp(`^${D(12)}T18:00:00`)),
        status: "ACTIVE",
      })
      expect(data.resource_hold.channel).toBeUndefined()
      const again = await attempt(api.get(`/store/resource-holds/${data.resource_hold.id}`, headers()))
      expect(again.data.resource_hold.departures).toEqual(data.resource_hold.departures)

      const dates = await attempt(
        api.post("/store/resource-holds", { resource_id: tour.resource.id, dates: [D(11)], quantity: 1, customer_email: "d@example.com" }, headers())
      )
      expect(dates.status).toBe(400)
      expect(dates.data.message).toMatch(/departure/)
      const both = await attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: tour.resource.id, dates: [D(11)], departures, quantity: 1, customer_email: "d@example.com" },
          headers()
        )
      )
      expect(both.status).toBe(400)
      expect(both.data.message).toMatch(/either dates or departures/)
      const badTime = await attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: tour.resource.id, departures: [{ date: D(11), start_time: "7:00" }], quantity: 1, customer_email: "d@example.com" },
          headers()
        )
      )
      expect(badTime.status).toBe(400)
      expect(badTime.data.message).toMatch(/start_time/)
      const noSuch = await attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: tour.resource.id, departures: [{ date: D(11), start_time: "09:00" }], quantity: 1, customer_email: "d@example.com" },
          headers()
        )
      )
      expect(noSuch.status).toBe(409)
      expect(noSuch.data.message).toContain(`${D(11)} 09:00`)
      await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
    })

    it("100 concurrent one-seat holds on a departure of 5: exactly 5 succeed, the rest answer 409 naming the departure", async () => {
      const variant = await departureVariant(5, ["07:00", "16:30"], D(14), D(14))
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          attempt(
            api.post(
              "/store/resource-holds",
              { resource_id: variant.resource.id, departures: [{ date: D(14), start_time: "07:00" }], quantity: 1, customer_email: `r${i}@example.com` },
              headers()
            )
          )
        )
      )
      expect(results.filter((r) => r.status === 201)).toHaveLength(5)
      const refused = results.filter((r) => r.status !== 201)
      expect(refused.every((r) => r.status === 409 && r.data.message.includes(`${D(14)} 07:00`))).toBe(true)
      const { data } = await api.get(`/store/resources/${variant.resource.id}/availability?from=${D(14)}&to=${D(14)}`, headers())
      expect(data.availability.dates[0].departures.map((d: any) => [d.start_time, d.available_capacity])).toEqual([
        ["07:00", 0],
        ["16:30", 5],
      ])
      await assertLedgerInvariants(dbConfig.clientUrl, variant.resource.id)
    })

    it("books departures into a cart and checks out: line quantity × departures, allocations with starts_at/ends_at", async () => {
      const cart = await createCart(api, shop, { email: "cart@example.com" })
      const departures = [
        { date: D(15), start_time: "07:00" },
        { date: D(15), start_time: "16:30" },
      ]
      const availability = await api.get(
        `/store/product-variants/${tour.variantId}/resource-availability?from=${D(15)}&to=${D(15)}&quantity=2`,
        headers()
      )
      expect(availability.data.availability.dates[0].departures.map((d: any) => [d.start_time, d.available_quantity, d.is_available])).toEqual([
        ["07:00", 5, true],
        ["16:30", 5, true],
      ])
      const booked = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: tour.variantId, departures, quantity: 2 }, headers())
      )
      expect(booked.status).toBe(200)
      const [item] = booked.data.cart.items
      expect(item).toMatchObject({ quantity: 4, unit_price: 40, metadata: { departures, dates: [D(15)] } })
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
      expect(completed.status).toBe(200)
      const orderId = completed.data.order.id
      const allocations = await waitFor(async () => {
        const { data } = await api.get(`/admin/resource-allocations?order_id=${orderId}`, admin)
        return data.resource_allocations.length ? data.resource_allocations : null
      })
      expect(allocations).toEqual([
        expect.objectContaining({
          resource_id: tour.resource.id,
          quantity: 2,
          dates: [D(15)],
          departures: [
            expect.objectContaining({ date: D(15), start_time: "07:00" }),
            expect.objectContaining({ date: D(15), start_time: "16:30" }),
          ],
          starts_at: expect.stringMatching(new RegExp(`^${D(15)}T07:00:00\\+0[12]:00$`)),
          ends_at: expect.stringMatching(new RegExp(`^${D(15)}T18:00:00\\+0[12]:00$`)),
        }),
      ])
      const manifest = await api.get(`/admin/resources/${tour.resource.id}/manifest?date=${D(15)}`, admin)
      expect(manifest.data.manifest.departures.map((d: any) => [d.start_time, d.resource_allocations.length])).toEqual([
        ["07:00", 1],
        ["16:30", 1],
      ])
      const holds = await api.get(`/admin/resource-holds?resource_id=${tour.resource.id}&status=CONFIRMED`, admin)
      expect(holds.data.resource_holds[0].channel).toBe("storefront")
      await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
    })

    it("a mode change that comes with a refused rename changes nothing (the workflow puts the mode back)", async () => {
      const taken = await bookingService(getContainer()).createResources({ type: "TOUR", name: uniqueName("Taken name") } as any)
      const other = await bookingService(getContainer()).createResources({ type: "TOUR", name: uniqueName("Other") } as any)
      const refused = await attempt(api.post(`/admin/resources/${other.id}`, { name: taken.name, booking_mode: "DEPARTURE" }, admin))
      expect(refused.status).toBe(409)
      const { data } = await api.get(`/admin/resources/${other.id}`, admin)
      expect(data.resource).toMatchObject({ name: other.name, booking_mode: "DAY" })
      const changed = await attempt(api.post(`/admin/resources/${other.id}`, { booking_mode: "DEPARTURE" }, admin))
      expect(changed.status).toBe(200)
      expect(changed.data.resource.booking_mode).toBe("DEPARTURE")
    })

    it("the audit trail names the departure each row moved", async () => {
      await api.post(
        "/store/resource-holds",
        { resource_id: tour.resource.id, departures: [{ date: D(15), start_time: "16:30" }], quantity: 1, customer_email: "a@example.com" },
        headers()
      )
      const { data } = await api.get(`/admin/resources/${tour.resource.id}/audit?from=${D(15)}&to=${D(15)}&limit=100`, admin)
      const moved = data.capacity_audit.filter((row: any) => row.change_reason !== "ADJUST")
      expect(moved.length).toBeGreaterThan(0)
      expect(moved.map((row: any) => [row.change_reason, row.start_time, row.old_available, row.new_available])).toEqual([["HOLD", "16:30", 5, 4]])
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      expect(query).toBeDefined()
      const rows = await sql(dbConfig.clientUrl, `SELECT count(*)::int AS n FROM resource_capacity_audit WHERE resource_id = $1 AND start_time IS NULL`, [
        tour.resource.id,
      ])
      expect(rows[0].n).toBe(0)
    })
  },
})
