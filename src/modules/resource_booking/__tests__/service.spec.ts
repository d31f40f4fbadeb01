import { MedusaError } from "@medusajs/framework/utils"
import { assertLedgerInvariants, day, describeModule, makeResource, sql } from "./helpers"

jest.setTimeout(120_000)

const email = "guest@example.com"

async function expectMedusaError(promise: Promise<unknown>, type: string, messagePart?: string | RegExp) {
  const error: any = await promise.then(
    () => {
      throw new Error("expected a rejection")
    },
    (e) => e
  )
  expect(error.type).toBe(type)
  if (messagePart) expect(error.message).toMatch(messagePart)
  return error
}

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl

  async function setExpired(holdId: string) {
    await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [holdId])
  }

  describe("capacity", () => {
    it("creates new dates fully available, keeps what is taken, and filters weekdays", async () => {
      const resource = await makeResource(service)
      const result = await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(14), max_capacity: 5, weekdays: [1, 3] })
      expect(result.capacity.length).toBeGreaterThanOrEqual(4)
      expect(result.capacity.length).toBeLessThanOrEqual(6)
      for (const row of result.capacity) {
        expect([1, 3]).toContain(new Date(`${row.date}T00:00:00Z`).getUTCDay())
        expect(row).toMatchObject({ max_capacity: 5, available_capacity: 5 })
      }
      const date = result.capacity[0].date
      await service.createHold({ resource_id: resource.id, dates: [date], quantity: 2, customer_email: email })
      const [updated] = (await service.setCapacity({ resource_id: resource.id, from: date, to: date, max_capacity: 8 })).capacity
      expect(updated).toEqual({ date, max_capacity: 8, available_capacity: 6 })
      await assertLedgerInvariants(url(), resource.id)
    })

    it("refuses, changing nothing, a maximum below what is taken and names the dates", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 3 })
      await service.createHold({ resource_id: resource.id, dates: [day(2)], quantity: 3, customer_email: email })
      const before = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(4) })
      await expectMedusaError(
        service.setCapacity({ resource_id: resource.id, from: day(1), to: day(4), max_capacity: 1 }),
        MedusaError.Types.CONFLICT,
        day(2)
      )
      expect(await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(4) })).toEqual(before)
    })

    it("refuses past dates, bad ranges and unknown resources", async () => {
      const resource = await makeResource(service)
      await expectMedusaError(service.setCapacity({ resource_id: resource.id, from: day(-1), to: day(1), max_capacity: 1 }), MedusaError.Types.INVALID_DATA, "from")
      await expectMedusaError(service.setCapacity({ resource_id: resource.id, from: day(3), to: day(1), max_capacity: 1 }), MedusaError.Types.INVALID_DATA, "to")
      await expectMedusaError(service.setCapacity({ resource_id: resource.id, from: day(1), to: day(367), max_capacity: 1 }), MedusaError.Types.INVALID_DATA, "366")
      await expectMedusaError(service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: -1 }), MedusaError.Types.INVALID_DATA, "max_capacity")
      await expectMedusaError(service.setCapacity({ resource_id: "res_nope", from: day(1), to: day(2), max_capacity: 1 }), MedusaError.Types.NOT_FOUND)
    })

    it("writes an ADJUST audit row per changed date", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 4 })
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 6 })
      const [audit, count] = await service.listCapacityAudit({ resource_id: resource.id })
      expect(count).toBe(3)
      expect(audit[0]).toMatchObject({ date: day(1), change_reason: "ADJUST", old_available: 4, new_available: 6, old_max: 4, new_max: 6 })
    })
  })

  describe("availability", () => {
    it("reports every date of the range, blackouts, missing capacity and past dates", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 2 })
      await service.createBlackout({ resource_id: resource.id, start_date: day(3), end_date: day(3) })
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(-1), to: day(4), quantity: 2 })
      expect(availability.dates.map((d) => d.date)).toEqual([day(-1), day(0), day(1), day(2), day(3), day(4)])
      expect(availability.dates.map((d) => d.is_available)).toEqual([false, false, true, true, false, false])
      expect(availability.dates[4]).toMatchObject({ is_blacked_out: true, max_capacity: 2, available_capacity: 2 })
      expect(availability.dates[5]).toMatchObject({ max_capacity: 0, available_capacity: 0 })
      expect(availability.is_available).toBe(false)
      const ok = await service.getAvailability({ resource_id: resource.id, from: day(1), to: day(2), quantity: 2 })
      expect(ok.is_available).toBe(true)
    })

    it("answers 404 for inactive and deleted resources", async () => {
      const inactive = await makeResource(service, { is_active: false })
      await expectMedusaError(service.getAvailability({ resource_id: inactive.id, from: day(1), to: day(2) }), MedusaError.Types.NOT_FOUND)
      const deleted = await makeResource(service)
      await service.softDeleteResources([deleted.id])
      await expectMedusaError(service.getAvailability({ resource_id: deleted.id, from: day(1), to: day(2) }), MedusaError.Types.NOT_FOUND)
    })
  })

  describe("holds", () => {
    it("takes every date at once and audits each change", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(5), max_capacity: 3 })
      const { hold, created } = await service.createHold({
        resource_id: resource.id,
        dates: [day(3), day(1)],
        quantity: 2,
        customer_email: email,
        metadata: { note: "window seat" },
      })
      expect(created).toBe(true)
      expect(hold.id).toMatch(/^rhold_[0-9a-f]{32}$/)
      expect(hold).toMatchObject({ dates: [day(1), day(3)], quantity: 2, status: "ACTIVE", metadata: { note: "window seat" } })
      const expiresInMinutes = (new Date(hold.expires_at).getTime() - Date.now()) / 60000
      expect(expiresInMinutes).toBeGreaterThan(29)
      expect(expiresInMinutes).toBeLessThanOrEqual(30.1)
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(3) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([1, 3, 1])
      const [audit] = await service.listCapacityAudit({ resource_id: resource.id })
      const holdAudit = audit.filter((row) => row.change_reason === "HOLD")
      expect(holdAudit).toHaveLength(2)
      expect(holdAudit.every((row) => row.hold_id === hold.id && row.old_available === 3 && row.new_available === 1)).toBe(true)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("takes nothing when one date is short, and names that date", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 2 })
      await service.createHold({ resource_id: resource.id, dates: [day(2)], quantity: 2, customer_email: email })
      const error = await expectMedusaError(
        service.createHold({ resource_id: resource.id, dates: [day(1), day(2), day(3)], quantity: 1, customer_email: email }),
        MedusaError.Types.CONFLICT
      )
      expect(error.message).toContain(day(2))
      expect(error.message).not.toContain(day(1))
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(3) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([2, 0, 2])
    })

    it("refuses blackouts, dates without capacity, past dates, bad input and unknown resources", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 2 })
      await service.createBlackout({ resource_id: resource.id, start_date: day(2), end_date: day(2), reason: "Maintenance" })
      const base = { resource_id: resource.id, quantity: 1, customer_email: email }
      await expectMedusaError(service.createHold({ ...base, dates: [day(1), day(2)] }), MedusaError.Types.CONFLICT, /blacked out.*/)
      await expectMedusaError(service.createHold({ ...base, dates: [day(5)] }), MedusaError.Types.CONFLICT, day(5))
      await expectMedusaError(service.createHold({ ...base, dates: [day(-1)] }), MedusaError.Types.INVALID_DATA, "past")
      await expectMedusaError(service.createHold({ ...base, dates: [day(1), day(1)] }), MedusaError.Types.INVALID_DATA, "duplicates")
      await expectMedusaError(service.createHold({ ...base, dates: ["2027-02-30"] }), MedusaError.Types.INVALID_DATA, "dates")
      await expectMedusaError(service.createHold({ ...base, dates: [] }), MedusaError.Types.INVALID_DATA, "dates")
      await expectMedusaError(service.createHold({ ...base, dates: [day(1)], quantity: 0 }), MedusaError.Types.INVALID_DATA, "quantity")
      await expectMedusaError(service.createHold({ ...base, dates: [day(1)], quantity: 1.5 }), MedusaError.Types.INVALID_DATA, "quantity")
      await expectMedusaError(service.createHold({ ...base, dates: [day(1)], customer_email: "nope" }), MedusaError.Types.INVALID_DATA, "customer_email")
      const tooMany = Array.from({ length: 32 }, (_, i) => day(i + 1))
      await expectMedusaError(service.createHold({ ...base, dates: tooMany }), MedusaError.Types.INVALID_DATA, "31")
      await expectMedusaError(service.createHold({ ...base, resource_id: "res_missing", dates: [day(1)] }), MedusaError.Types.NOT_FOUND)
      await service.updateResources({ id: resource.id, is_active: false } as any)
      await expectMedusaError(service.createHold({ ...base, dates: [day(1)] }), MedusaError.Types.NOT_FOUND)
      const [{ count }] = await sql(url(), `SELECT count(*)::int AS count FROM resource_hold`)
      expect(count).toBe(0)
    })

    it("is idempotent per token: replays answer the same hold, other requests conflict", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 5 })
      const request = { resource_id: resource.id, dates: [day(1), day(2)], quantity: 1, customer_email: email, idempotency_token: "tok-1" }
      const first = await service.createHold(request)
      const replay = await service.createHold({ ...request, dates: [day(2), day(1)], customer_email: "GUEST@example.com", metadata: { other: true } })
      expect(replay.created).toBe(false)
      expect(replay.hold.id).toBe(first.hold.id)
      await expectMedusaError(service.createHold({ ...request, quantity: 2 }), MedusaError.Types.CONFLICT, "idempotency_token")
      await expectMedusaError(service.createHold({ ...request, dates: [day(3)] }), MedusaError.Types.CONFLICT, "idempotency_token")
      await service.releaseHold(first.hold.id)
      const afterRelease = await service.createHold(request)
      expect(afterRelease).toMatchObject({ created: false, hold: { id: first.hold.id, status: "RELEASED" } })
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(2) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([5, 5])
    })

    it("releases once, gives capacity back, and refuses to release a confirmed hold", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 2 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 2, customer_email: email })
      const released = await service.releaseHold(hold.id)
      expect(released).toMatchObject({ changed: true, hold: { status: "RELEASED" } })
      const again = await service.releaseHold(hold.id)
      expect(again).toMatchObject({ changed: false, hold: { status: "RELEASED" } })
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(2) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([2, 2])

      const { hold: other } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await service.confirmHold({ hold_id: other.id, order_id: "order_1", line_item_id: "ordli_1" })
      await expectMedusaError(service.releaseHold(other.id), MedusaError.Types.CONFLICT, "CONFIRMED")
      await expectMedusaError(service.releaseHold("rhold_missing"), MedusaError.Types.NOT_FOUND)
      await assertLedgerInvariants(url(), resource.id)
    })
  })

  describe("expiry", () => {
    it("reports a lapsed hold as EXPIRED and its capacity as free before the sweep; the sweep then expires it once", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 2 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 2, customer_email: email })
      await setExpired(hold.id)
      expect((await service.retrieveHold(hold.id)).status).toBe("EXPIRED")
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(1), to: day(2), quantity: 2 })
      expect(availability.dates.map((d) => d.available_capacity)).toEqual([2, 2])
      expect(availability.is_available).toBe(true)

      const first = await service.expireHolds({})
      expect(first.expired.map((e) => e.id)).toEqual([hold.id])
      expect((await service.expireHolds({})).expired).toEqual([])
      const [[stored]] = [await sql(url(), `SELECT status FROM resource_hold WHERE id = $1`, [hold.id])]
      expect(stored.status).toBe("EXPIRED")
      const [audit] = await service.listCapacityAudit({ resource_id: resource.id })
      expect(audit.filter((a) => a.change_reason === "EXPIRE" && a.hold_id === hold.id)).toHaveLength(2)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("lets a new hold take a lapsed hold's capacity at once, without the sweep", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 1 })
      const { hold: lapsed } = await service.createHold({ resource_id: resource.id, dates: [day(1), day(3)], quantity: 1, customer_email: email })
      await setExpired(lapsed.id)
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      expect(hold.status).toBe("ACTIVE")
      const [stored] = await sql(url(), `SELECT status FROM resource_hold WHERE id = $1`, [lapsed.id])
      expect(stored.status).toBe("EXPIRED")
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(3) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([0, 1, 1])
      await assertLedgerInvariants(url(), resource.id)
    })

    it("expires, instead of releasing, a lapsed hold that is released", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await setExpired(hold.id)
      const result = await service.releaseHold(hold.id)
      expect(result.hold.status).toBe("EXPIRED")
      await assertLedgerInvariants(url(), resource.id)
    })
  })

  describe("confirmation and allocations", () => {
    it("confirms an active hold into an allocation, once per order line", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 2 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 1, customer_email: email })
      const first = await service.confirmHold({ hold_id: hold.id, order_id: "order_1", line_item_id: "ordli_1" })
      expect(first).toMatchObject({ created: true, hold_confirmed: true })
      expect(first.allocation).toMatchObject({ hold_id: hold.id, order_id: "order_1", line_item_id: "ordli_1", dates: [day(1), day(2)], quantity: 1, needs_review: false, capacity_deducted: true })
      const again = await service.confirmHold({ hold_id: hold.id, order_id: "order_1", line_item_id: "ordli_1" })
      expect(again).toMatchObject({ created: false, allocation: { id: first.allocation.id } })
      // The hold belongs to order_1's line: another order (or another line) is refused, and nothing moves.
      for (const other of [{ order_id: "order_9", line_item_id: "ordli_9" }, { order_id: "order_1", line_item_id: "ordli_2" }]) {
        const refused = await service.confirmHold({ hold_id: hold.id, ...other }).catch((e) => e)
        expect([refused.type, refused.message]).toEqual([MedusaError.Types.CONFLICT, expect.stringContaining("already confirmed into order order_1")])
      }
      const confirmed = await service.retrieveHold(hold.id)
      expect(confirmed.status).toBe("CONFIRMED")
      expect(confirmed.confirmed_at).not.toBeNull()
      const capacity = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(2) })
      expect(capacity.map((c) => c.available_capacity)).toEqual([1, 1])
      await assertLedgerInvariants(url(), resource.id)
    })

    it("re-takes capacity for a hold that expired meanwhile when it can", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await setExpired(hold.id)
      await service.expireHolds({})
      const { allocation } = await service.confirmHold({ hold_id: hold.id, order_id: "order_2", line_item_id: "ordli_2" })
      expect(allocation).toMatchObject({ needs_review: false, capacity_deducted: true })
      const [audit] = await service.listCapacityAudit({ resource_id: resource.id })
      expect(audit[0]).toMatchObject({ change_reason: "CONFIRM", allocation_id: allocation.id, old_available: 1, new_available: 0 })
      await assertLedgerInvariants(url(), resource.id)
    })

    it("records a paid order whose capacity is gone, flagged for review, never below 0", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await setExpired(hold.id)
      await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: "other@example.com" })
      const { allocation } = await service.confirmHold({ hold_id: hold.id, order_id: "order_3", line_item_id: "ordli_3" })
      expect(allocation).toMatchObject({ needs_review: true, capacity_deducted: false })
      expect(allocation.review_reason).toContain(day(1))
      const [capacity] = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(1) })
      expect(capacity.available_capacity).toBe(0)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("cancels an allocation with or without giving capacity back, once", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 2 })
      const a = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      const b = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      const { allocation: kept } = await service.confirmHold({ hold_id: a.hold.id, order_id: "o1", line_item_id: "l1" })
      const { allocation: restored } = await service.confirmHold({ hold_id: b.hold.id, order_id: "o2", line_item_id: "l2" })
      expect((await service.cancelAllocation({ allocation_id: kept.id, restore_capacity: false })).capacity_restored).toBe(false)
      expect((await service.cancelAllocation({ allocation_id: restored.id, restore_capacity: true })).capacity_restored).toBe(true)
      const repeat = await service.cancelAllocation({ allocation_id: restored.id, restore_capacity: true })
      expect(repeat).toMatchObject({ changed: false, capacity_restored: false, allocation: { status: "CANCELED" } })
      const [capacity] = await service.listCapacity({ resource_id: resource.id, from: day(1), to: day(1) })
      expect(capacity.available_capacity).toBe(1)
    })
  })

  describe("blackouts", () => {
    it("releases active holds in the range and flags allocations in it", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(5), max_capacity: 3 })
      const inside = await service.createHold({ resource_id: resource.id, dates: [day(2), day(3)], quantity: 1, customer_email: email })
      const outside = await service.createHold({ resource_id: resource.id, dates: [day(5)], quantity: 1, customer_email: email })
      const booked = await service.createHold({ resource_id: resource.id, dates: [day(3)], quantity: 1, customer_email: email })
      const { allocation } = await service.confirmHold({ hold_id: booked.hold.id, order_id: "o", line_item_id: "l" })
      const result = await service.createBlackout({ resource_id: resource.id, start_date: day(3), end_date: day(4), reason: "Maintenance" })
      expect(result.released_hold_ids).toEqual([inside.hold.id])
      expect(result.flagged_allocation_ids).toEqual([allocation.id])
      expect(result.blackout).toMatchObject({ start_date: day(3), end_date: day(4), reason: "Maintenance" })
      expect((await service.retrieveHold(outside.hold.id)).status).toBe("ACTIVE")
      expect((await service.retrieveAllocation(allocation.id)).review_reason).toContain("Maintenance")
      await assertLedgerInvariants(url(), resource.id)

      const kept = await service.createHold({ resource_id: resource.id, dates: [day(4)], quantity: 1, customer_email: email }).catch((e) => e)
      expect(kept.type).toBe(MedusaError.Types.CONFLICT)
      await service.deleteBlackout(result.blackout.id)
      const after = await service.createHold({ resource_id: resource.id, dates: [day(4)], quantity: 1, customer_email: email })
      expect(after.created).toBe(true)
    })

    it("keeps holds when asked and refuses inverted or past ranges", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 1 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      const result = await service.createBlackout({ resource_id: resource.id, start_date: day(1), end_date: day(1), release_active_holds: false })
      expect(result.released_hold_ids).toEqual([])
      expect((await service.retrieveHold(hold.id)).status).toBe("ACTIVE")
      await expectMedusaError(service.createBlackout({ resource_id: resource.id, start_date: day(2), end_date: day(1) }), MedusaError.Types.INVALID_DATA, "end_date")
      await expectMedusaError(service.createBlackout({ resource_id: resource.id, start_date: day(-2), end_date: day(1) }), MedusaError.Types.INVALID_DATA, "start_date")
    })
  })

  describe("resources", () => {
    it("refuses to delete a resource with active holds or allocations from today on", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await expectMedusaError(service.softDeleteResourceIfDeletable(resource.id), MedusaError.Types.CONFLICT)
      expect((await service.listResources({ id: resource.id })).length).toBe(1)
      await service.releaseHold(hold.id)
      await service.softDeleteResourceIfDeletable(resource.id)
      expect((await service.listResources({ id: resource.id })).length).toBe(0)
      await expectMedusaError(service.softDeleteResourceIfDeletable(resource.id), MedusaError.Types.NOT_FOUND)
    })

    it("gives resources res_ ULID ids and a unique live name", async () => {
      const resource = await makeResource(service, { name: "Unique" })
      expect(resource.id).toMatch(/^res_[0-9A-HJKMNP-TV-Z]{26}$/)
      await expectMedusaError(makeResource(service, { name: "Unique" }), MedusaError.Types.CONFLICT)
      await expect(makeResource(service, { name: "Unique" })).rejects.toThrow('A resource named "Unique" already exists')
      await service.softDeleteResources([resource.id])
      await expect(makeResource(service, { name: "Unique" })).resolves.toMatchObject({ name: "Unique" })
    })

    it("computes utilization in unit-days and a day's manifest", async () => {
      const resource = await makeResource(service, { name: "Util" })
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 4 })
      await service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 1, customer_email: email })
      const booked = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 2, customer_email: email })
      await service.confirmHold({ hold_id: booked.hold.id, order_id: "o", line_item_id: "l" })
      const [row] = await service.getUtilization({ from: day(1), to: day(2) })
      expect(row).toEqual({ resource_id: resource.id, name: "Util", total_days: 2, total_capacity: 8, held: 2, allocated: 2, utilization_percent: 50 })
      const manifest = await service.getManifest({ resource_id: resource.id, date: day(1) })
      expect(manifest.allocations.map((a) => a.order_id)).toEqual(["o"])
      expect(manifest.holds).toHaveLength(1)
      expect(manifest.capacity).toEqual({ date: day(1), max_capacity: 4, available_capacity: 1 })
    })
  })
})
