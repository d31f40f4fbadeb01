import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  createBookableVariant,
  createCart,
  createResource,
  createShop,
  dayIn,
  setCapacity,
  Shop,
  storeHeaders,
  waitFor,
} from "./helpers/fixtures"

jest.setTimeout(300 * 1000)

const D = (offset: number) => dayIn("Australia/Brisbane", offset)

/**
 * Bookings that take several resources (contract "Bookings that take several
 * resources", "Holds: extend, and book a hold you already have", "Booking
 * rules"), over HTTP against the real app.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let adminHeaders: any
    const email = "tour@example.com"
    const headers = () => storeHeaders(shop)
    const url = () => dbConfig.clientUrl

    beforeAll(async () => {
      shop = await createShop(getContainer())
      adminHeaders = await createAdminHeaders(getContainer())
    })

    /** A private tour: one vehicle and one guide per booking, capacity on D(from)..D(to). */
    async function privateTour(capacity: number, from: number, to: number, guideUnits = 1) {
      const container = getContainer()
      const vehicle = await createResource(container, { type: "VEHICLE" })
      const guide = await createResource(container, { type: "GUIDE" })
      await setCapacity(container, vehicle.id, D(from), D(to), capacity)
      await setCapacity(container, guide.id, D(from), D(to), capacity)
      const variant = await createBookableVariant(container, shop, {
        links: [
          { resource: vehicle, units: 1 },
          { resource: guide, units: guideUnits },
        ],
      })
      return { vehicle, guide, variant }
    }

    const book = (cartId: string, variant: BookableVariant, body: Record<string, unknown>) =>
      attempt(api.post(`/store/carts/${cartId}/resource-bookings`, { variant_id: variant.variantId, ...body }, headers()))

    const orderOfCart = async (cartId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "cart", fields: ["id", "order.id", "order.items.id"], filters: { id: cartId } })
      return (data[0] as any)?.order
    }

    describe("the storefront flow with a two-resource variant", () => {
      it("books, pays, completes, and confirms one allocation per resource with the order's line item id", async () => {
        const { vehicle, guide, variant } = await privateTour(4, 10, 14)
        const cart = await createCart(api, shop, { email })
        const { status, data } = await book(cart.id, variant, { dates: [D(11), D(12)], quantity: 2 })
        expect(status).toBe(200)
        expect(data.resource_holds).toHaveLength(2)
        expect(data.resource_hold).toBeUndefined()
        expect(new Set(data.resource_holds.map((h: any) => h.group_id)).size).toBe(1)
        expect(data.resource_holds.map((h: any) => [h.resource_id, h.quantity]).sort()).toEqual(
          [[vehicle.id, 2], [guide.id, 2]].sort()
        )
        const line = data.cart.items.find((item: any) => item.variant_id === variant.variantId)
        expect(line.quantity).toBe(4)
        expect(line.metadata).toEqual({
          resource_hold_ids: data.resource_holds.map((h: any) => h.id).sort((a: string, b: string) =>
            data.resource_holds.find((h: any) => h.id === a).resource_id < data.resource_holds.find((h: any) => h.id === b).resource_id ? -1 : 1
          ),
          resource_ids: [vehicle.id, guide.id].sort(),
          dates: [D(11), D(12)],
        })

        await addManualPaymentSession(api, shop, cart.id)
        const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
        expect(completed.status).toBe(200)
        expect(completed.data.type).toBe("order")
        const order = completed.data.order
        const allocations = await waitFor(async () => {
          const rows = await sql(
            url(),
            `SELECT resource_id, order_id, line_item_id, quantity, dates::text[] AS dates FROM resource_allocation WHERE order_id = $1 ORDER BY resource_id`,
            [order.id]
          )
          return rows.length === 2 ? rows : null
        })
        const orderLine = order.items.find((item: any) => item.variant_id === variant.variantId)
        expect(allocations).toEqual(
          [vehicle.id, guide.id].sort().map((resource_id) => ({
            resource_id,
            order_id: order.id,
            line_item_id: orderLine.id,
            quantity: 2,
            dates: [D(11), D(12)],
          }))
        )
        for (const resource of [vehicle, guide]) {
          const rows = await assertLedgerInvariants(url(), resource.id)
          expect(rows.filter((r) => [D(11), D(12)].includes(r.date)).map((r) => r.available_capacity)).toEqual([2, 2])
        }
      })

      it("refuses completion when one hold of the group was released (the whole group goes), and makes no order", async () => {
        const { variant } = await privateTour(4, 10, 14)
        const cart = await createCart(api, shop, { email })
        const { data } = await book(cart.id, variant, { dates: [D(13)], quantity: 1 })
        const [, second] = data.resource_holds
        const released = await attempt(api.post(`/store/resource-holds/${second.id}/release`, {}, headers()))
        expect(released.data.resource_hold.status).toBe("RELEASED")
        const [first] = (await sql(url(), `SELECT status FROM resource_hold WHERE id = $1`, [data.resource_holds[0].id]))
        expect(first.status).toBe("RELEASED")
        await addManualPaymentSession(api, shop, cart.id)
        const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
        expect(completed.status).toBe(400)
        expect(completed.data.message).toMatch(/Resource hold rhold_\w+ of line item \w+ is RELEASED/)
        expect(await orderOfCart(cart.id)).toBeFalsy()
      })

      it("takes nothing when one resource is short, and names it with its dates", async () => {
        const { vehicle, guide, variant } = await privateTour(2, 10, 14)
        await getContainer()
          .resolve("resource_booking")
          .createHold({ resource_id: guide.id, dates: [D(12)], quantity: 2, customer_email: email })
        const cart = await createCart(api, shop, { email })
        const { status, data } = await book(cart.id, variant, { dates: [D(11), D(12)], quantity: 1 })
        expect(status).toBe(409)
        expect(data.message).toContain(guide.id)
        expect(data.message).toContain(D(12))
        expect(data.message).not.toContain(vehicle.id)
        const held = await sql(url(), `SELECT count(*)::int AS n FROM resource_hold WHERE resource_id = $1`, [vehicle.id])
        expect(held[0].n).toBe(0)
      })
    })

    describe("a resource shared by two variants", () => {
      it("never goes below 0, and both variants' availability drops together", async () => {
        const container = getContainer()
        const guide = await createResource(container, { type: "GUIDE" })
        const vehicle = await createResource(container, { type: "VEHICLE" })
        const tour = await createResource(container, { type: "TOUR" })
        await setCapacity(container, guide.id, D(20), D(21), 3)
        await setCapacity(container, vehicle.id, D(20), D(21), 10)
        await setCapacity(container, tour.id, D(20), D(21), 20)
        const privateVariant = await createBookableVariant(container, shop, {
          links: [{ resource: vehicle, units: 1 }, { resource: guide, units: 1 }],
        })
        const sharedSeat = await createBookableVariant(container, shop, {
          links: [{ resource: tour, units: 1 }, { resource: guide, units: 1 }],
        })
        const availability = async (variant: BookableVariant) =>
          (await api.get(`/store/product-variants/${variant.variantId}/resource-availability?from=${D(20)}&to=${D(20)}`, headers()))
            .data.availability
        const before = await availability(privateVariant)
        expect(before).toMatchObject({
          variant_id: privateVariant.variantId,
          from: D(20),
          to: D(20),
          quantity: 1,
          is_available: true,
          resources: [{ resource_id: vehicle.id, units: 1 }, { resource_id: guide.id, units: 1 }].sort((a, b) =>
            a.resource_id < b.resource_id ? -1 : 1
          ),
        })
        expect(before.dates).toEqual([{ date: D(20), available_quantity: 3, is_available: true }])

        const results = await Promise.all(
          Array.from({ length: 12 }, async (_, i) => {
            const cart = await createCart(api, shop, { email: `shared${i}@example.com` })
            return await book(cart.id, i % 2 ? privateVariant : sharedSeat, { dates: [D(20)], quantity: 1 })
          })
        )
        expect(results.map((r) => r.status).sort()).toEqual([...Array(3).fill(200), ...Array(9).fill(409)])
        for (const variant of [privateVariant, sharedSeat]) {
          expect((await availability(variant)).dates).toEqual([
            { date: D(20), available_quantity: 0, is_available: false, reason: "SOLD_OUT" },
          ])
        }
        for (const resource of [guide, vehicle, tour]) await assertLedgerInvariants(url(), resource.id)
      })

      it("answers 404 for a variant that books nothing and 400 naming a bad query field", async () => {
        const unknown = await attempt(api.get(`/store/product-variants/variant_nope/resource-availability?from=${D(1)}&to=${D(2)}`, headers()))
        expect(unknown.status).toBe(404)
        const { variant } = await privateTour(1, 1, 2)
        const bad = await attempt(
          api.get(`/store/product-variants/${variant.variantId}/resource-availability?from=${D(2)}&to=${D(1)}`, headers())
        )
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/to/)
      })
    })

    describe("crossing groups under load", () => {
      it("300 concurrent bookings of X (A, B) and Y (B, A): no deadlock, no 5xx, no oversell, no half group, every date sells out", async () => {
        const container = getContainer()
        const a = await createResource(container, { type: "VEHICLE" })
        const b = await createResource(container, { type: "GUIDE" })
        await setCapacity(container, a.id, D(30), D(32), 10)
        await setCapacity(container, b.id, D(30), D(32), 10)
        const x = await createBookableVariant(container, shop, { links: [{ resource: a, units: 1 }, { resource: b, units: 1 }] })
        const y = await createBookableVariant(container, shop, { links: [{ resource: b, units: 1 }, { resource: a, units: 1 }] })
        // Distinct emails: Medusa's guest-customer creation races on one email.
        const carts = await Promise.all(Array.from({ length: 300 }, (_, i) => createCart(api, shop, { email: `cross${i}@example.com` })))
        const dateSets = [[D(30), D(31)], [D(31), D(32)], [D(30), D(31), D(32)]]
        const results = await Promise.all(
          carts.map((cart, i) => book(cart.id, i % 2 ? x : y, { dates: dateSets[i % 3], quantity: 1 }))
        )
        const statuses = results.map((r) => r.status)
        expect(statuses.filter((s) => s >= 500)).toEqual([])
        expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])
        // D(31) is in every request: exactly its capacity of groups won.
        expect(statuses.filter((s) => s === 200)).toHaveLength(10)
        for (const r of results.filter((r) => r.status === 409)) expect(r.data.message).toMatch(/Not enough capacity/)
        const groups = await sql(
          url(),
          `SELECT group_id, array_agg(resource_id ORDER BY resource_id) AS resources FROM resource_hold
           WHERE resource_id IN ($1, $2) GROUP BY group_id`,
          [a.id, b.id]
        )
        expect(groups).toHaveLength(10)
        for (const group of groups) expect(group.resources).toEqual([a.id, b.id].sort())
        for (const resource of [a, b]) {
          const rows = await assertLedgerInvariants(url(), resource.id)
          expect(rows.find((r) => r.date === D(31))!.available_capacity).toBe(0)
        }
        const [{ deadlocks }] = await sql(url(), `SELECT deadlocks::int FROM pg_stat_database WHERE datname = current_database()`)
        expect(deadlocks).toBe(0)
      })
    })

    describe("extend, and book a hold you already have", () => {
      it("extends the whole group within the lifetime cap, and refuses a released hold", async () => {
        const { variant } = await privateTour(3, 1, 5)
        const cart = await createCart(api, shop, { email })
        const { data } = await book(cart.id, variant, { dates: [D(2)], quantity: 1 })
        const [first, second] = data.resource_holds
        // Made 100 minutes ago and extended since, 5 minutes to go: the cap (created_at + 120) is 20 minutes away.
        await sql(
          url(),
          `UPDATE resource_hold SET created_at = now() - interval '100 minutes', expires_at = now() + interval '5 minutes' WHERE group_id = $1`,
          [first.group_id]
        )
        const extended = await attempt(api.post(`/store/resource-holds/${first.id}/extend`, { minutes: 60 }, headers()))
        expect(extended.status).toBe(200)
        const rows = await sql(
          url(),
          `SELECT id, extract(epoch FROM expires_at - created_at)::int AS life FROM resource_hold WHERE group_id = $1`,
          [first.group_id]
        )
        expect(rows.map((r) => r.life)).toEqual([120 * 60, 120 * 60])
        expect(new Date(extended.data.resource_hold.expires_at).getTime()).toBeGreaterThan(Date.now() + 19 * 60_000)

        const tooLong = await attempt(api.post(`/store/resource-holds/${first.id}/extend`, { minutes: 121 }, headers()))
        expect(tooLong.status).toBe(400)
        expect(tooLong.data.message).toMatch(/minutes/)
        await attempt(api.post(`/store/resource-holds/${second.id}/release`, {}, headers()))
        const refused = await attempt(api.post(`/store/resource-holds/${first.id}/extend`, {}, headers()))
        expect(refused.status).toBe(409)
        expect(refused.data.message).toContain("RELEASED")
      })

      it("refuses to extend a lapsed hold", async () => {
        const { variant } = await privateTour(3, 1, 5)
        const cart = await createCart(api, shop, { email })
        const { data } = await book(cart.id, variant, { dates: [D(3)], quantity: 1 })
        await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE group_id = $1`, [data.resource_holds[0].group_id])
        const refused = await attempt(api.post(`/store/resource-holds/${data.resource_holds[0].id}/extend`, {}, headers()))
        expect(refused.status).toBe(409)
      })

      it("adds the line item for a hold taken on a calendar page, once, and refuses it to another cart", async () => {
        const container = getContainer()
        const single = await createBookableVariant(container, shop, { capacity: 5, from: D(6), to: D(8) })
        const hold = (
          await api.post(
            "/store/resource-holds",
            { resource_id: single.resource.id, dates: [D(6), D(7)], quantity: 2, customer_email: email },
            headers()
          )
        ).data.resource_hold
        const cart = await createCart(api, shop, { email })
        const first = await book(cart.id, single, { resource_hold_id: hold.id })
        expect(first.status).toBe(200)
        expect(first.data.resource_hold.id).toBe(hold.id)
        const line = first.data.cart.items.find((item: any) => item.variant_id === single.variantId)
        expect(line.quantity).toBe(4)
        expect(line.metadata).toMatchObject({ resource_hold_id: hold.id, resource_hold_ids: [hold.id], dates: [D(6), D(7)] })
        const again = await book(cart.id, single, { resource_hold_id: hold.id })
        expect(again.status).toBe(200)
        expect(again.data.cart.items.filter((item: any) => item.variant_id === single.variantId)).toHaveLength(1)

        const other = await createCart(api, shop, { email })
        const refused = await book(other.id, single, { resource_hold_id: hold.id })
        expect(refused.status).toBe(409)
        expect(refused.data.message).toContain("another cart")

        const mixed = await book(other.id, single, { resource_hold_id: hold.id, quantity: 1 })
        expect(mixed.status).toBe(400)
        expect(mixed.data.message).toMatch(/quantity/)
        const { variant: tour } = await privateTour(3, 6, 8)
        const loose = (
          await api.post("/store/resource-holds", { resource_id: single.resource.id, dates: [D(8)], quantity: 1, customer_email: email }, headers())
        ).data.resource_hold
        const mismatch = await book(other.id, tour, { resource_hold_id: loose.id })
        expect(mismatch.status).toBe(400)
        expect(mismatch.data.message).toContain("does not match variant")
        // The refused booking left the hold free for a cart whose variant fits.
        expect((await book(other.id, single, { resource_hold_id: loose.id })).status).toBe(200)

        await addManualPaymentSession(api, shop, cart.id)
        const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
        expect(completed.data.type).toBe("order")
      })

      it("refuses 20 carts racing for one existing hold except one", async () => {
        const single = await createBookableVariant(getContainer(), shop, { capacity: 5, from: D(9), to: D(9) })
        const hold = (
          await api.post("/store/resource-holds", { resource_id: single.resource.id, dates: [D(9)], quantity: 1, customer_email: email }, headers())
        ).data.resource_hold
        const carts = await Promise.all(Array.from({ length: 20 }, (_, i) => createCart(api, shop, { email: `race${i}@example.com` })))
        const results = await Promise.all(carts.map((cart) => book(cart.id, single, { resource_hold_id: hold.id })))
        expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)])
      })
    })

    describe("booking rules over HTTP", () => {
      it("sets rules with the resource (400 naming the field), answers 400 naming a broken rule and 409 naming dates past the window", async () => {
        const created = await attempt(
          api.post(
            "/admin/resources",
            { type: "VEHICLE", name: `Self-drive ${Date.now()}`, booking_rules: { min_dates: 2, consecutive: true, max_advance_days: 4 } },
            adminHeaders
          )
        )
        expect(created.status).toBe(200)
        const resource = created.data.resource
        expect(resource.booking_rules).toEqual({ min_dates: 2, consecutive: true, max_advance_days: 4 })
        const bad = await attempt(api.post(`/admin/resources/${resource.id}`, { booking_rules: { cutoff: { days_before: 1, time: "6pm" } } }, adminHeaders))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("booking_rules.cutoff.time")
        await setCapacity(getContainer(), resource.id, D(1), D(6), 5)

        const hold = (dates: string[]) =>
          attempt(api.post("/store/resource-holds", { resource_id: resource.id, dates, quantity: 1, customer_email: email }, headers()))
        expect((await hold([D(1), D(2)])).status).toBe(201)
        const one = await hold([D(1)])
        expect([one.status, one.data.message]).toEqual([400, expect.stringContaining("booking_rules.min_dates")])
        const gap = await hold([D(1), D(3)])
        expect([gap.status, gap.data.message]).toEqual([400, expect.stringContaining("booking_rules.consecutive")])
        const far = await hold([D(4), D(5)])
        expect(far.status).toBe(409)
        expect(far.data.message).toContain(D(5))
        const availability = (await api.get(`/store/resources/${resource.id}/availability?from=${D(4)}&to=${D(5)}`, headers())).data
          .availability
        expect(availability.dates.map((d: any) => d.reason ?? null)).toEqual([null, "OUTSIDE_WINDOW"])
        const store = (await api.get(`/store/resources/${resource.id}`, headers())).data.resource
        expect(store.booking_rules).toEqual({ min_dates: 2, consecutive: true, max_advance_days: 4 })
      })
    })

    describe("admin: variants with units", () => {
      it("links with units from the resource page and from the variant, lists units, and unlinks", async () => {
        const container = getContainer()
        const guide = await createResource(container, { type: "GUIDE" })
        const vehicle = await createResource(container, { type: "VEHICLE" })
        const variant = await createBookableVariant(container, shop, { resource: vehicle })
        const linked = await attempt(
          api.post(`/admin/resources/${guide.id}/variants`, { variant_ids: [variant.variantId], units: 2 }, adminHeaders)
        )
        expect(linked.status).toBe(200)
        expect(linked.data.product_variants).toEqual([expect.objectContaining({ id: variant.variantId, units: 2 })])
        const badUnits = await attempt(api.post(`/admin/resources/${guide.id}/variants`, { variant_ids: [variant.variantId], units: 0 }, adminHeaders))
        expect([badUnits.status, badUnits.data.message]).toEqual([400, expect.stringContaining("units")])

        const list = await api.get(`/admin/product-variants/${variant.variantId}/resources`, adminHeaders)
        expect(list.data.resources.map((r: any) => [r.id, r.units]).sort()).toEqual([[guide.id, 2], [vehicle.id, 1]].sort())
        const relinked = await api.post(`/admin/product-variants/${variant.variantId}/resources`, { resource_id: guide.id, units: 3 }, adminHeaders)
        expect(relinked.data.resources.find((r: any) => r.id === guide.id).units).toBe(3)
        const removed = await api.delete(`/admin/product-variants/${variant.variantId}/resources/${guide.id}`, adminHeaders)
        expect(removed.data.resources.map((r: any) => r.id)).toEqual([vehicle.id])
        const missing = await attempt(api.delete(`/admin/product-variants/${variant.variantId}/resources/${guide.id}`, adminHeaders))
        expect(missing.status).toBe(404)
      })
    })
  },
})
