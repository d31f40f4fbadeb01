import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import expireResourceHoldsJob, { config as jobConfig } from "../../src/jobs/expire-resource-holds"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  createBookableVariant,
  createCart,
  createShop,
  dayIn,
  Shop,
  storeHeaders,
} from "./helpers/fixtures"

jest.setTimeout(180 * 1000)

// Holds live 90 seconds in this suite (a fraction of a minute in the option).
// Set before the runner boots: medusaIntegrationTestRunner loads
// medusa-config.ts (which reads this variable) before it applies its own `env`
// option. No test waits for a hold to lapse: `lapse` moves its expires_at
// into the past, so nothing here depends on how fast the machine is.
const TTL_SECONDS = 90
process.env.RESOURCE_BOOKING_HOLD_TTL_MINUTES = String(TTL_SECONDS / 60)

const D = (offset: number) => dayIn("Australia/Brisbane", offset)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let booking: BookableVariant

    beforeAll(async () => {
      shop = await createShop(getContainer())
      booking = await createBookableVariant(getContainer(), shop, { capacity: 2, from: D(10), to: D(20) })
    })

    const headers = () => storeHeaders(shop)
    const hold = async (body: Record<string, unknown> = {}) =>
      (
        await api.post(
          "/store/resource-holds",
          { resource_id: booking.resource.id, dates: [D(11), D(12)], quantity: 2, customer_email: "late@example.com", ...body },
          headers()
        )
      ).data.resource_hold
    const available = async () =>
      (await api.get(`/store/resources/${booking.resource.id}/availability?from=${D(11)}&to=${D(12)}`, headers())).data
        .availability
    /** Makes the hold lapse now: its expires_at one second in the past, nothing else touched (no sweep). */
    const lapse = async (holdId: string) => {
      await sql(dbConfig.clientUrl, `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = $1`, [holdId])
    }
    const tableRow = async (holdId: string) =>
      (
        await sql(
          dbConfig.clientUrl,
          `SELECT h.status, (SELECT array_agg(c.available_capacity ORDER BY c.date) FROM resource_capacity c
                             WHERE c.resource_id = h.resource_id AND c.date = ANY(h.dates)) AS available
           FROM resource_hold h WHERE h.id = $1`,
          [holdId]
        )
      )[0]

    it("uses the configured TTL (fractions of a minute)", async () => {
      const created = await hold()
      const ttl = new Date(created.expires_at).getTime() - new Date(created.created_at).getTime()
      expect(ttl).toBe(TTL_SECONDS * 1000)
    })

    it("a hold past expires_at is EXPIRED and its capacity free before any sweep", async () => {
      const created = await hold()
      await lapse(created.id)

      const read = (await api.get(`/store/resource-holds/${created.id}`, headers())).data.resource_hold
      expect(read.status).toBe("EXPIRED")
      const view = await available()
      expect(view.is_available).toBe(true)
      expect(view.dates.map((d: any) => d.available_capacity)).toEqual([2, 2])
      // The table still has it ACTIVE, with its capacity taken: nothing swept yet.
      expect(await tableRow(created.id)).toEqual({ status: "ACTIVE", available: [0, 0] })

      // A new hold that needs the capacity gets it at once.
      const next = await attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: booking.resource.id, dates: [D(12)], quantity: 2, customer_email: "next@example.com" },
          headers()
        )
      )
      expect(next.status).toBe(201)
      expect((await tableRow(created.id)).status).toBe("EXPIRED")
      await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)

      // Releasing an expired hold answers 200 unchanged.
      const release = await api.post(`/store/resource-holds/${created.id}/release`, {}, headers())
      expect(release.status).toBe(200)
      expect(release.data.resource_hold.status).toBe("EXPIRED")
    })

    it("the expire-resource-holds job marks lapsed holds EXPIRED in the table, once", async () => {
      expect(jobConfig).toEqual({ name: "expire-resource-holds", schedule: "*/5 * * * *" })
      const first = await hold({ dates: [D(13)], quantity: 1 })
      const second = await hold({ dates: [D(13), D(14)], quantity: 1 })
      await lapse(first.id)
      await lapse(second.id)

      const expired = await expireResourceHoldsJob(getContainer())
      expect(expired).toBe(2)
      expect(await tableRow(first.id)).toEqual({ status: "EXPIRED", available: [2] })
      expect(await tableRow(second.id)).toEqual({ status: "EXPIRED", available: [2, 2] })
      const audit = await sql(
        dbConfig.clientUrl,
        `SELECT hold_id, change_reason FROM resource_capacity_audit WHERE hold_id = ANY($1) AND change_reason = 'EXPIRE'`,
        [[first.id, second.id]]
      )
      expect(audit).toHaveLength(3)

      // Nothing lapsed is left: a second run (or a parallel one) expires nothing.
      const again = await Promise.all([expireResourceHoldsJob(getContainer()), expireResourceHoldsJob(getContainer())])
      expect(again).toEqual([0, 0])
      await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
    })

    it("a cart whose hold expired cannot complete, and no order is made", async () => {
      const cart = await createCart(api, shop, { email: "slow@example.com" })
      const booked = await api.post(
        `/store/carts/${cart.id}/resource-bookings`,
        { variant_id: booking.variantId, dates: [D(16)], quantity: 1 },
        headers()
      )
      const holdId = booked.data.resource_hold.id
      // After the booking: Medusa drops payment sessions when the cart changes.
      await addManualPaymentSession(api, shop, cart.id)
      await lapse(holdId)
      const { status, data } = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
      expect(status).toBe(400)
      expect(data.message).toContain(holdId)
      expect(data.message).toMatch(/EXPIRED/)
      const [{ count }] = await sql(dbConfig.clientUrl, `SELECT count(*)::int AS count FROM "order"`)
      expect(count).toBe(0)
      const [{ completed_at }] = await sql(dbConfig.clientUrl, `SELECT completed_at FROM cart WHERE id = $1`, [cart.id])
      expect(completed_at).toBeNull()
    })
  },
})
