import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { OCTO_MODULE } from ".."
import { Migration20261203100000 } from "../migrations/Migration20261203100000"
import OctoModuleService from "../service"
import { sqlOf, withClient } from "../../resource_booking/__tests__/helpers"

jest.setTimeout(120_000)

const BOOKING = `INSERT INTO octo_booking (id, uuid, sales_channel_id, reseller_key_id, status, product_id, option_id, unit_id,
  availability_id, local_date, quantity, hold_ids, order_id, supplier_reference, unit_items)
  VALUES ($1, $2, 'sc_1', $3, $4, 'prod_1', 'variant_1', 'unit', '2026-12-20T00:00:00+10:00', '2026-12-20', 2, '[]', $5, $6, '[]')`

moduleIntegrationTestRunner<OctoModuleService>({
  moduleName: OCTO_MODULE,
  resolve: "./src/modules/octo",
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, dbConfig }) => {
    it("Migration20261203100000 makes each existing key the first key of a reseller, gives each booking its key's reseller, keeps every row; down() and up() again", async () => {
      await withClient(dbConfig.clientUrl, async (client) => {
        // Back to the round-2 schema, with round-2 data: two keys, their bookings, a booking whose key row is gone.
        for (const statement of await sqlOf(Migration20261203100000, "down")) await client.query(statement)
        await client.query(
          `INSERT INTO octo_reseller_key (id, title, token_hash, redacted) VALUES
             ('orkey_01AAA', 'Agency A', 'hash-a', 'octo_aaaaaa…'), ('orkey_01BBB', 'Agency B', 'hash-b', 'octo_bbbbbb…')`
        )
        await client.query(BOOKING, ["octobk_1", "u-1", "orkey_01AAA", "CONFIRMED", "order_1", "REF1"])
        await client.query(BOOKING, ["octobk_2", "u-2", "orkey_01AAA", "ON_HOLD", null, "REF2"])
        await client.query(BOOKING, ["octobk_3", "u-3", "orkey_01BBB", "CANCELLED", "order_3", "REF3"])
        await client.query(BOOKING, ["octobk_4", "u-4", "orkey_01GONE", "ON_HOLD", null, "REF4"])

        for (const statement of await sqlOf(Migration20261203100000, "up")) await client.query(statement)

        const resellers = (await client.query(`SELECT id, name FROM octo_reseller ORDER BY id`)).rows
        expect(resellers).toEqual([
          { id: "orsl_01AAA", name: "Agency A" },
          { id: "orsl_01BBB", name: "Agency B" },
          { id: "orsl_01GONE", name: "Reseller of key orkey_01GONE" },
        ])
        const keys = (await client.query(`SELECT id, reseller_id, replaced_by_id FROM octo_reseller_key ORDER BY id`)).rows
        expect(keys).toEqual([
          { id: "orkey_01AAA", reseller_id: "orsl_01AAA", replaced_by_id: null },
          { id: "orkey_01BBB", reseller_id: "orsl_01BBB", replaced_by_id: null },
        ])
        const bookings = (await client.query(`SELECT id, reseller_id, order_id, claim_token FROM octo_booking ORDER BY id`)).rows
        expect(bookings).toEqual([
          { id: "octobk_1", reseller_id: "orsl_01AAA", order_id: "order_1", claim_token: null },
          { id: "octobk_2", reseller_id: "orsl_01AAA", order_id: null, claim_token: null },
          { id: "octobk_3", reseller_id: "orsl_01BBB", order_id: "order_3", claim_token: null },
          { id: "octobk_4", reseller_id: "orsl_01GONE", order_id: null, claim_token: null },
        ])
        // One booking per order from now on.
        const duplicate = await client
          .query(BOOKING.replace("(id, uuid,", "(reseller_id, id, uuid,").replace("VALUES ($1,", "VALUES ('orsl_01BBB', $1,"), [
            "octobk_5",
            "u-5",
            "orkey_01BBB",
            "CONFIRMED",
            "order_1",
            "REF5",
          ])
          .catch((e) => e)
        expect(duplicate.code).toBe("23505")
        // Every key must belong to a reseller.
        const orphan = await client
          .query(`INSERT INTO octo_reseller_key (id, title, token_hash, redacted) VALUES ('orkey_x', 'x', 'hash-x', 'x')`)
          .catch((e) => e)
        expect(orphan.code).toBe("23502")
      })

      // The module reads the migrated rows: the reseller's bookings, by any of its keys' reseller.
      expect((await service.findResellerBooking("u-1", "orsl_01AAA"))?.id).toBe("octobk_1")
      expect(await service.findResellerBooking("u-1", "orsl_01BBB")).toBeNull()
      const [key] = await service.listOctoResellerKeys({ id: "orkey_01AAA" } as any, { relations: ["reseller"] } as any)
      expect((key as any).reseller).toMatchObject({ id: "orsl_01AAA", name: "Agency A" })

      await withClient(dbConfig.clientUrl, async (client) => {
        await client.query(`DELETE FROM octo_booking WHERE id = 'octobk_1'`)
        for (const statement of await sqlOf(Migration20261203100000, "down")) await client.query(statement)
        const tables = (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'octo_reseller'`)).rows[0].n
        expect(tables).toBe(0)
        for (const statement of await sqlOf(Migration20261203100000, "up")) await client.query(statement)
        expect((await client.query(`SELECT count(*)::int AS n FROM octo_booking WHERE reseller_id IS NULL`)).rows[0].n).toBe(0)
      })
    })

    it("claims a booking for one call at a time: a conditional update PostgreSQL decides", async () => {
      const reseller = await service.createOctoResellers({ name: "R" } as any)
      const booking = await service.createOctoBookings({
        uuid: "u-claim",
        reseller_id: reseller.id,
        sales_channel_id: "sc_1",
        reseller_key_id: "orkey_1",
        status: "ON_HOLD",
        product_id: "prod_1",
        option_id: "variant_1",
        unit_id: "unit",
        availability_id: "a",
        local_date: "2026-12-20",
        quantity: 1,
        hold_ids: [],
        hold_revision: 0,
        supplier_reference: "CLAIMREF01",
        unit_items: [],
      } as any)
      const claim = (token: string, status = "ON_HOLD", hold_revision = 0) =>
        service.claimBooking({ id: booking.id, token, action: "confirm", status, hold_revision })
      const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(`t${i}`)))
      const winners = attempts.filter(Boolean)
      expect(winners).toHaveLength(1)
      const token = winners[0].claim_token
      expect(await claim("late")).toBeNull()
      // Only the holder writes; then the booking is free again, and changed as the holder said.
      await expect(service.finishBookingClaim({ id: booking.id, token: "not-mine", changes: { status: "CONFIRMED" } })).rejects.toMatchObject({ type: "conflict" })
      const done = await service.finishBookingClaim({ id: booking.id, token, changes: { status: "CONFIRMED", order_id: "order_9" } })
      expect(done).toMatchObject({ status: "CONFIRMED", order_id: "order_9", claim_token: null })
      // A claim decided on a stale view (status, revision) fails.
      expect(await claim("again", "ON_HOLD")).toBeNull()
      const next = await claim("again", "CONFIRMED")
      expect(next?.claim_token).toBe("again")
      await expect(
        service.finishBookingClaim({ id: booking.id, token: "again", changes: { order_id: "order_10" } })
      ).rejects.toMatchObject({ type: "conflict", message: expect.stringContaining("already has order order_9") })
      await service.releaseBookingClaim({ id: booking.id, token: "again" })
      expect((await service.retrieveOctoBooking(booking.id)).claim_token).toBeNull()
    })
  },
})
