import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
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

jest.setTimeout(240 * 1000)

const D = (offset: number) => dayIn("Australia/Brisbane", offset)

/**
 * Issue 16, part 0: a line item of a variant linked to resources is a booking
 * or nothing, whichever of Medusa's own routes a storefront uses (the
 * Next.js starter's "Add to cart", its cart page's quantity and remove), and
 * a booking line that leaves the cart gives its seats back at once.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let booking: BookableVariant
    let plain: BookableVariant
    let admin: { headers: Record<string, string> }
    const email = "shopper@example.com"
    const headers = () => storeHeaders(shop)
    const url = () => dbConfig.clientUrl

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      admin = await createAdminHeaders(container)
      booking = await createBookableVariant(container, shop, { capacity: 4, from: D(10), to: D(30), unitPrice: 100 })
      // A product that books nothing: a bookable variant whose link is dismissed.
      plain = await createBookableVariant(container, shop, { unitPrice: 7 })
      await container.resolve(ContainerRegistrationKeys.LINK).dismiss({
        resource_booking: { resource_id: plain.resource.id },
        product: { product_variant_id: plain.variantId },
      })
    })

    const book = (cartId: string, body: Record<string, unknown>, variant = booking) =>
      attempt(api.post(`/store/carts/${cartId}/resource-bookings`, { variant_id: variant.variantId, ...body }, headers()))
    const addToCart = (cartId: string, body: Record<string, unknown>) =>
      attempt(api.post(`/store/carts/${cartId}/line-items`, body, headers()))
    const cartOf = async (cartId: string) => (await api.get(`/store/carts/${cartId}`, headers())).data.cart
    const available = async (resourceId: string, from: string, to = from) =>
      (await api.get(`/store/resources/${resourceId}/availability?from=${from}&to=${to}`, headers())).data.availability.dates.map(
        (d: any) => d.available_capacity
      )
    const holdStatuses = async (ids: string[]) =>
      (await sql(url(), `SELECT id, status FROM resource_hold WHERE id = ANY($1::text[]) ORDER BY id`, [ids])).map((r: any) => r.status)
    const complete = (cartId: string) => attempt(api.post(`/store/carts/${cartId}/complete`, {}, headers()))
    const orders = async () => (await sql(url(), `SELECT count(*)::int AS n FROM "order"`))[0].n
    /** A line written behind the routes' back, through the cart module (as a buggy integration might). */
    const writeLine = async (cartId: string, line: { variant_id: string; quantity: number; metadata?: Record<string, unknown> }) =>
      (await getContainer().resolve(Modules.CART).addLineItems([{ cart_id: cartId, title: "Written by hand", unit_price: 100, requires_shipping: false, ...line }]))[0]

    describe("Medusa's add-to-cart (POST /store/carts/:id/line-items)", () => {
      it("refuses a booking variant without a hold (400 naming the booking route), adds no line and takes nothing", async () => {
        const cart = await createCart(api, shop, { email })
        const refused = await addToCart(cart.id, { variant_id: booking.variantId, quantity: 3 })
        expect(refused.status).toBe(400)
        expect(refused.data.type).toBe("invalid_data")
        expect(refused.data.message).toContain(booking.variantId)
        expect(refused.data.message).toContain(`POST /store/carts/${cart.id}/resource-bookings`)
        expect((await cartOf(cart.id)).items).toEqual([])
        expect(await sql(url(), `SELECT count(*)::int AS n FROM resource_hold WHERE resource_id = $1`, [booking.resource.id])).toEqual([{ n: 0 }])
        expect(await available(booking.resource.id, D(10))).toEqual([4])
      })

      it("refuses forged hold metadata: a hold on no cart, another cart's hold, an unknown hold, a hold already on a line", async () => {
        const cart = await createCart(api, shop, { email })
        const loose = (
          await api.post("/store/resource-holds", { resource_id: booking.resource.id, dates: [D(11)], quantity: 1, customer_email: email }, headers())
        ).data.resource_hold
        const other = await createCart(api, shop, { email })
        const elsewhere = (await book(other.id, { dates: [D(12)], quantity: 1 })).data.resource_hold
        const mine = (await book(cart.id, { dates: [D(13)], quantity: 1 })).data.resource_hold
        const line = (await cartOf(cart.id)).items[0]

        const cases: [Record<string, unknown>, RegExp][] = [
          [{ variant_id: booking.variantId, quantity: 1, metadata: { resource_hold_id: loose.id } }, /not on this cart/],
          [{ variant_id: booking.variantId, quantity: 1, metadata: { resource_hold_id: elsewhere.id } }, /another cart/],
          [{ variant_id: booking.variantId, quantity: 1, metadata: { resource_hold_id: "rhold_0123456789abcdef0123456789abcdef" } }, /not found/],
          [{ variant_id: booking.variantId, quantity: 1, metadata: { resource_hold_id: mine.id, again: true } }, /more than one line item/],
          [{ variant_id: booking.variantId, quantity: 1, metadata: { resource_hold_ids: "x" } }, /invalid resource hold/],
        ]
        for (const [body, message] of cases) {
          const refused = await addToCart(cart.id, body)
          expect({ body, status: refused.status }).toEqual({ body, status: 400 })
          expect(refused.data.message).toMatch(message)
        }
        expect((await cartOf(cart.id)).items.map((item: any) => [item.id, item.quantity])).toEqual([[line.id, 1]])
        expect(await holdStatuses([loose.id, elsewhere.id, mine.id])).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"])
      })

      it("still adds plain products, and the booking route still adds its own line through it", async () => {
        const cart = await createCart(api, shop, { email })
        expect((await addToCart(cart.id, { variant_id: plain.variantId, quantity: 2 })).status).toBe(200)
        const booked = await book(cart.id, { dates: [D(14), D(15)], quantity: 2 })
        expect(booked.status).toBe(200)
        expect(booked.data.cart.items.map((item: any) => [item.variant_id, item.quantity]).sort()).toEqual(
          [[plain.variantId, 2], [booking.variantId, 4]].sort()
        )
      })
    })

    describe("completion (POST /store/carts/:id/complete)", () => {
      it("refuses a line of a booking variant that names no hold (written behind the route's back), naming it, and makes no order", async () => {
        const cart = await createCart(api, shop, { email })
        await book(cart.id, { dates: [D(16)], quantity: 1 })
        const forged = await writeLine(cart.id, { variant_id: booking.variantId, quantity: 3 })
        await addManualPaymentSession(api, shop, cart.id)
        const before = await orders()
        const { status, data } = await complete(cart.id)
        expect(status).toBe(400)
        expect(data.message).toContain(forged.id)
        expect(data.message).toContain(booking.variantId)
        expect(data.message).toContain("resource-bookings")
        expect(await orders()).toBe(before)
        expect(await available(booking.resource.id, D(16))).toEqual([3])
      })

      it("a plain product beside a booking checks out: one order, one allocation for the booking line", async () => {
        const cart = await createCart(api, shop, { email })
        await addToCart(cart.id, { variant_id: plain.variantId, quantity: 1 })
        const booked = await book(cart.id, { dates: [D(17), D(18)], quantity: 2 })
        await addManualPaymentSession(api, shop, cart.id)
        const completed = await complete(cart.id)
        expect(completed.status).toBe(200)
        const order = completed.data.order
        expect(order.items.map((item: any) => item.variant_id).sort()).toEqual([booking.variantId, plain.variantId].sort())
        const allocations = await waitFor(async () => {
          const [rows] = await bookingService(getContainer()).listAllocations({ order_id: order.id })
          return rows.length ? rows : null
        })
        const bookingItem = order.items.find((item: any) => item.variant_id === booking.variantId)
        expect(allocations.map((a: any) => [a.hold_id, a.line_item_id, a.quantity])).toEqual([[booked.data.resource_hold.id, bookingItem.id, 2]])
        await assertLedgerInvariants(url(), booking.resource.id)
      })
    })

    describe("Medusa's line item update (POST /store/carts/:id/line-items/:line_id)", () => {
      it("refuses a booking line's quantity or metadata change with 400, and changes nothing", async () => {
        const cart = await createCart(api, shop, { email })
        const hold = (await book(cart.id, { dates: [D(19), D(20)], quantity: 1 })).data.resource_hold
        const line = (await cartOf(cart.id)).items[0]
        for (const body of [{ quantity: 4 }, { quantity: 1 }, { quantity: 2, metadata: { resource_hold_id: "rhold_x" } }]) {
          const refused = await attempt(api.post(`/store/carts/${cart.id}/line-items/${line.id}`, body, headers()))
          expect({ body, status: refused.status }).toEqual({ body, status: 400 })
          expect(refused.data.message).toContain(line.id)
          expect(refused.data.message).toContain("resource-bookings")
        }
        const after = (await cartOf(cart.id)).items
        expect(after.map((item: any) => [item.id, item.quantity, item.metadata.resource_hold_id])).toEqual([[line.id, 2, hold.id]])
        expect(await holdStatuses([hold.id])).toEqual(["ACTIVE"])
        // The same quantity is no change, and a plain line's quantity may change.
        expect((await attempt(api.post(`/store/carts/${cart.id}/line-items/${line.id}`, { quantity: 2 }, headers()))).status).toBe(200)
        const plainLine = (await addToCart(cart.id, { variant_id: plain.variantId, quantity: 1 })).data.cart.items.find(
          (item: any) => item.variant_id === plain.variantId
        )
        expect((await attempt(api.post(`/store/carts/${cart.id}/line-items/${plainLine.id}`, { quantity: 3 }, headers()))).status).toBe(200)
      })
    })

    describe("a booking line that leaves the cart", () => {
      it("DELETE releases the whole group at once (capacity back, RELEASED, hold.released), and the waitlist is offered it", async () => {
        const container = getContainer()
        const vehicle = await createResource(container, { type: "VEHICLE" })
        const guide = await createResource(container, { type: "GUIDE" })
        await setCapacity(container, vehicle.id, D(21), D(22), 2)
        await setCapacity(container, guide.id, D(21), D(22), 2)
        const tour = await createBookableVariant(container, shop, { links: [{ resource: vehicle, units: 1 }, { resource: guide, units: 1 }] })
        const released: any[] = []
        const eventBus = container.resolve(Modules.EVENT_BUS) as any
        eventBus.subscribe("resource_booking.hold.released", async (event: any) => void released.push(event.data ?? event), {
          subscriberId: "test-cart-line-hold-released",
        })

        const cart = await createCart(api, shop, { email })
        const booked = await book(cart.id, { dates: [D(21), D(22)], quantity: 2 }, tour)
        expect(booked.status).toBe(200)
        const holdIds = booked.data.resource_holds.map((hold: any) => hold.id)
        expect(holdIds).toHaveLength(2)
        expect(await available(vehicle.id, D(21), D(22))).toEqual([0, 0])
        const waiting = await attempt(
          api.post("/store/resource-waitlist", { variant_id: tour.variantId, dates: [D(21)], quantity: 1, customer_email: "waiter@example.com" }, headers())
        )
        expect([waiting.status, waiting.data.resource_waitlist_entry?.status]).toEqual([201, "WAITING"])

        const line = booked.data.cart.items[0]
        const removed = await attempt(api.delete(`/store/carts/${cart.id}/line-items/${line.id}`, headers()))
        expect(removed.status).toBe(200)
        // At once: when the answer arrives, the holds are released; the waitlist hears of it from the release event.
        expect(await holdStatuses(holdIds)).toEqual(["RELEASED", "RELEASED"])
        await waitFor(async () => {
          const { data } = await api.get(`/store/resource-waitlist/${waiting.data.resource_waitlist_entry.id}`, headers())
          return data.resource_waitlist_entry.status === "OFFERED"
        })
        // The entry's offer holds one of the freed places on D(21).
        expect(await available(vehicle.id, D(21), D(22))).toEqual([1, 2])
        expect(await available(guide.id, D(21), D(22))).toEqual([1, 2])
        // One event per release, as the release routes emit it (it names the hold the release was asked for).
        await waitFor(async () => released.some((data) => holdIds.includes(data.id)))
        for (const resource of [vehicle, guide]) await assertLedgerInvariants(url(), resource.id)
      })

      it("a quantity set to 0 releases the line's holds too; other bookings of the cart keep theirs", async () => {
        const cart = await createCart(api, shop, { email })
        const first = (await book(cart.id, { dates: [D(23)], quantity: 1 })).data
        const second = (await book(cart.id, { dates: [D(24)], quantity: 2 })).data
        const line = second.cart.items.find((item: any) => item.metadata.resource_hold_id === second.resource_hold.id)
        const zero = await attempt(api.post(`/store/carts/${cart.id}/line-items/${line.id}`, { quantity: 0 }, headers()))
        expect(zero.status).toBe(200)
        expect(await holdStatuses([second.resource_hold.id])).toEqual(["RELEASED"])
        expect(await holdStatuses([first.resource_hold.id])).toEqual(["ACTIVE"])
        expect(await available(booking.resource.id, D(23), D(24))).toEqual([3, 4])
        // The remaining booking still checks out.
        await addManualPaymentSession(api, shop, cart.id)
        expect((await complete(cart.id)).status).toBe(200)
        await assertLedgerInvariants(url(), booking.resource.id)
      })
    })

    describe("orders the admin makes or edits", () => {
      const adminPost = (path: string, body: unknown) => attempt(api.post(path, body, { headers: admin.headers }))

      it("a draft order refuses a booking variant (400 naming it and the booking route) and takes a plain one", async () => {
        const draft = { region_id: shop.regionId, sales_channel_id: shop.salesChannelId, email }
        const refused = await adminPost("/admin/draft-orders", { ...draft, items: [{ variant_id: booking.variantId, quantity: 1 }] })
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain(booking.variantId)
        expect(refused.data.message).toContain("/resource-bookings")
        const made = await adminPost("/admin/draft-orders", { ...draft, items: [{ variant_id: plain.variantId, quantity: 1 }] })
        expect(made.status).toBe(200)
        const id = made.data.draft_order.id
        expect((await adminPost(`/admin/draft-orders/${id}/edit`, {})).status).toBe(200)
        const added = await adminPost(`/admin/draft-orders/${id}/edit/items`, { items: [{ variant_id: booking.variantId, quantity: 2 }] })
        expect(added.status).toBe(400)
        expect(added.data.message).toContain(booking.variantId)
        expect(await sql(url(), `SELECT count(*)::int AS n FROM resource_hold WHERE resource_id = $1`, [booking.resource.id])).toEqual([{ n: 0 }])
      })

      it("an order edit refuses adding a booking variant and changing a booking item's quantity", async () => {
        const cart = await createCart(api, shop, { email })
        await book(cart.id, { dates: [D(25)], quantity: 1 })
        await addManualPaymentSession(api, shop, cart.id)
        const order = (await complete(cart.id)).data.order
        const edit = await adminPost("/admin/order-edits", { order_id: order.id })
        expect(edit.status).toBe(200)
        const added = await adminPost(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: booking.variantId, quantity: 1 }] })
        expect(added.status).toBe(400)
        expect(added.data.message).toContain(booking.variantId)
        const changed = await adminPost(`/admin/order-edits/${order.id}/items/item/${order.items[0].id}`, { quantity: 3 })
        expect(changed.status).toBe(400)
        expect(changed.data.message).toContain(order.items[0].id)
        expect((await adminPost(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: plain.variantId, quantity: 1 }] })).status).toBe(200)
      })
    })
  },
})
