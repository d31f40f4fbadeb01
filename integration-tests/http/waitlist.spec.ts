import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
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

// The offer email's link (medusa-config.ts passes it to resource_booking_notifications as waitlistOfferUrl).
const OFFER_URL = "https://shop.example/book?waitlist_entry={entry_id}"
process.env.RESOURCE_BOOKING_WAITLIST_OFFER_URL = OFFER_URL

const D = (offset: number) => dayIn("Australia/Brisbane", offset)

/** The waitlist over HTTP (contract "Waitlist"), with the offer notification. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let admin: any
    const headers = () => storeHeaders(shop)
    const url = () => dbConfig.clientUrl

    beforeAll(async () => {
      shop = await createShop(getContainer())
      admin = await createAdminHeaders(getContainer())
    })

    const hold = (resourceId: string, dates: string[], quantity: number, email = "first@example.com") =>
      attempt(api.post("/store/resource-holds", { resource_id: resourceId, dates, quantity, customer_email: email }, headers()))
    const join = (body: Record<string, unknown>) => attempt(api.post("/store/resource-waitlist", body, headers()))
    const entryOf = async (id: string) => (await api.get(`/store/resource-waitlist/${id}`, headers())).data.resource_waitlist_entry

    it("waits on a sold-out date, is offered the freed place with a notification, books it, and is FULFILLED", async () => {
      const tour = await createBookableVariant(getContainer(), shop, { capacity: 2, from: D(5), to: D(6) })
      const taken = await hold(tour.resource.id, [D(5)], 2)
      const bookable = await join({ resource_id: tour.resource.id, dates: [D(6)], quantity: 1, customer_email: "w@example.com" })
      expect([bookable.status, bookable.data.message]).toEqual([409, expect.stringContaining("book them instead")])

      const created = await join({ variant_id: tour.variantId, dates: [D(5)], quantity: 1, customer_email: "waiter@example.com" })
      expect(created.status).toBe(201)
      const entry = created.data.resource_waitlist_entry
      expect(entry).toMatchObject({
        status: "WAITING",
        position: 1,
        variant_id: tour.variantId,
        resource_id: null,
        dates: [D(5)],
        quantity: 1,
        customer_email: "waiter@example.com",
        offer_expires_at: null,
        resource_hold_ids: [],
      })
      expect(entry.id).toMatch(/^rwait_[0-9a-f]{32}$/)
      const second = (await join({ variant_id: tour.variantId, dates: [D(5)], quantity: 1, customer_email: "second@example.com" })).data
        .resource_waitlist_entry
      expect(second.position).toBe(2)

      await api.post(`/store/resource-holds/${taken.data.resource_hold.id}/release`, {}, headers())
      // The one subscriber to the events that free capacity offers it (subscribers/offer-resource-waitlist.ts).
      const offered = await waitFor(async () => {
        const found = await entryOf(entry.id)
        return found.status === "OFFERED" ? found : null
      })
      expect(offered.resource_hold_ids).toHaveLength(1)
      expect(new Date(offered.offer_expires_at).getTime()).toBeGreaterThan(Date.now())
      // The admin sees where the offer's hold came from (channel waitlist, not the store's).
      const { data: offerHolds } = await api.get(`/admin/resource-holds?customer_email=waiter@example.com`, admin)
      expect(offerHolds.resource_holds.find((h: any) => h.id === offered.resource_hold_ids[0])?.channel).toBe("waitlist")
      // The freed 2 places: one each, in order.
      await waitFor(async () => (await entryOf(second.id)).status === "OFFERED")
      const notices = await waitFor(async () => {
        const { data } = await api.get(`/admin/notifications?to=waiter@example.com&channel=email`, admin)
        const found = data.notifications.filter((n: any) => n.template?.includes("waitlist-offer") || JSON.stringify(n).includes("waitlist-offer"))
        return found.length ? found : null
      })
      expect(notices).toHaveLength(1)
      // What the email needs to say what is held and link to the shop's page that books it.
      expect(notices[0].data).toMatchObject({
        entry_id: entry.id,
        resource_hold_ids: offered.resource_hold_ids,
        offer_url: `https://shop.example/book?waitlist_entry=${entry.id}`,
        dates: [D(5)],
        date_runs: [{ start: D(5), last: D(5) }],
        quantity: 1,
        variant_id: tour.variantId,
        resource_names: [tour.resource.name],
        timezone: "Australia/Brisbane",
      })
      expect(new Date(notices[0].data.offer_expires_at).getTime()).toBe(new Date(offered.offer_expires_at).getTime())

      // The customer books the offered hold into a cart and pays.
      const cart = await createCart(api, shop, { email: "waiter@example.com" })
      const booked = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { resource_hold_id: offered.resource_hold_ids[0], variant_id: tour.variantId }, headers())
      )
      expect(booked.status).toBe(200)
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
      expect(completed.data.type).toBe("order")
      await waitFor(async () => (await entryOf(entry.id)).status === "FULFILLED")
      await assertLedgerInvariants(url(), tour.resource.id)
    })

    it("passes a lapsed offer to the next entry, lists entries for the admin, and removes one", async () => {
      const resource = await createResource(getContainer(), { type: "TOUR" })
      await setCapacity(getContainer(), resource.id, D(8), D(8), 1)
      const taken = await hold(resource.id, [D(8)], 1)
      const a = (await join({ resource_id: resource.id, dates: [D(8)], quantity: 1, customer_email: "a@example.com" })).data.resource_waitlist_entry
      const b = (await join({ resource_id: resource.id, dates: [D(8)], quantity: 1, customer_email: "b@example.com" })).data.resource_waitlist_entry
      const c = (await join({ resource_id: resource.id, dates: [D(8)], quantity: 1, customer_email: "c@example.com" })).data.resource_waitlist_entry
      await api.post(`/store/resource-holds/${taken.data.resource_hold.id}/release`, {}, headers())
      const offerA = await waitFor(async () => {
        const found = await entryOf(a.id)
        return found.status === "OFFERED" ? found : null
      })

      // A's offer lapses; the sweep records it and offers the place to B.
      await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = $1`, [offerA.resource_hold_ids[0]])
      expect((await entryOf(a.id)).status).toBe("OFFER_EXPIRED")
      const { expireResourceHoldsWorkflow } = await import("../../src/workflows/expire-resource-holds")
      await expireResourceHoldsWorkflow(getContainer()).run({ input: {} })
      expect((await entryOf(b.id)).status).toBe("OFFERED")

      const list = await api.get(`/admin/resource-waitlist?resource_id=${resource.id}`, admin)
      expect(list.data.resource_waitlist_entries.map((e: any) => [e.id, e.status])).toEqual([
        [a.id, "OFFER_EXPIRED"],
        [b.id, "OFFERED"],
        [c.id, "WAITING"],
      ])
      expect(list.data.count).toBe(3)
      const bad = await attempt(api.get(`/admin/resource-waitlist?status=SOMETIMES`, admin))
      expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("status")])

      // The admin removes B: its offer goes back, and on to C.
      const removed = await api.post(`/admin/resource-waitlist/${b.id}/remove`, {}, admin)
      expect(removed.data.resource_waitlist_entry.status).toBe("REMOVED")
      await waitFor(async () => (await entryOf(c.id)).status === "OFFERED")
      const left = await api.post(`/store/resource-waitlist/${c.id}/leave`, {}, headers())
      expect(left.data.resource_waitlist_entry.status).toBe("LEFT")
      const again = await api.post(`/store/resource-waitlist/${c.id}/leave`, {}, headers())
      expect(again.data.resource_waitlist_entry.status).toBe("LEFT")
      await assertLedgerInvariants(url(), resource.id)
    })

    it("every event that frees capacity reaches the waitlist: capacity raised, a blackout deleted", async () => {
      const resource = await createResource(getContainer(), { type: "TOUR" })
      await setCapacity(getContainer(), resource.id, D(9), D(9), 1)
      await hold(resource.id, [D(9)], 1)
      const raised = (await join({ resource_id: resource.id, dates: [D(9)], quantity: 1, customer_email: "raised@example.com" })).data
        .resource_waitlist_entry
      await api.post(`/admin/resources/${resource.id}/capacity`, { from: D(9), to: D(9), max_capacity: 2 }, admin)
      await waitFor(async () => (await entryOf(raised.id)).status === "OFFERED")

      const closed = await api.post(`/admin/resources/${resource.id}/blackouts`, { start_date: D(10), end_date: D(10) }, admin)
      await setCapacity(getContainer(), resource.id, D(10), D(10), 1)
      const reopened = (await join({ resource_id: resource.id, dates: [D(10)], quantity: 1, customer_email: "reopened@example.com" })).data
        .resource_waitlist_entry
      expect(reopened.status).toBe("WAITING")
      await api.delete(`/admin/resources/${resource.id}/blackouts/${closed.data.resource_blackout.id}`, admin)
      await waitFor(async () => (await entryOf(reopened.id)).status === "OFFERED")
      await assertLedgerInvariants(url(), resource.id)
    })

    it("answers 400 naming the field and 404 for an unknown entry", async () => {
      const both = await join({ resource_id: "res_x", variant_id: "variant_x", dates: [D(1)], quantity: 1, customer_email: "x@example.com" })
      expect([both.status, both.data.message]).toEqual([400, expect.stringContaining("variant_id")])
      const noEmail = await join({ resource_id: "res_x", dates: [D(1)], quantity: 1 })
      expect([noEmail.status, noEmail.data.message]).toEqual([400, expect.stringContaining("customer_email")])
      const unknown = await attempt(api.get(`/store/resource-waitlist/rwait_nope`, headers()))
      expect(unknown.status).toBe(404)
      const unknownResource = await join({ resource_id: "res_nope", dates: [D(1)], quantity: 1, customer_email: "x@example.com" })
      expect(unknownResource.status).toBe(404)
    })
  },
})
