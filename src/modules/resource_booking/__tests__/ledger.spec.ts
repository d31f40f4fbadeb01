import { MedusaError } from "@medusajs/framework/utils"
import { assertLedgerInvariants, day, describeModule, isDeadlock, makeResource, settle, sql } from "./helpers"

jest.setTimeout(300_000)

/** Makes a hold lapse now, without the sweep (its row stays ACTIVE). */
async function lapse(url: string, holdIds: string[]) {
  await sql(url, `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [holdIds])
}

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl
  const email = "lapsed@example.com"

  describe("one rule for lapsed holds (defect 1)", () => {
    it("confirms a late order without review when the only thing in its way is a lapsed hold", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      const { hold: late } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await lapse(url(), [late.id])
      await service.expireHolds()
      // Another customer's hold takes the date, and lapses too (not swept yet).
      const { hold: other } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await lapse(url(), [other.id])

      const { allocation } = await service.confirmHold({ hold_id: late.id, order_id: "order_1", line_item_id: "li_1" })
      expect(allocation).toMatchObject({ needs_review: false, capacity_deducted: true, review_reason: null })
      expect((await service.retrieveHold(other.id)).status).toBe("EXPIRED")
      const [row] = await sql(url(), `SELECT status FROM resource_hold WHERE id = $1`, [other.id])
      expect(row.status).toBe("EXPIRED")
      await assertLedgerInvariants(url(), resource.id)
    })

    it("lowers a date's capacity over holds that have lapsed, and keeps refusing over live ones", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 3 })
      const { hold: lapsed } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 2, customer_email: email })
      await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await lapse(url(), [lapsed.id])

      const { capacity } = await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 1 })
      expect(capacity).toEqual([{ date: day(1), max_capacity: 1, available_capacity: 0 }])
      const error: any = await service
        .setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 0 })
        .catch((e) => e)
      expect(error.type).toBe(MedusaError.Types.CONFLICT)
      expect(error.message).toContain(day(1))
      await assertLedgerInvariants(url(), resource.id)
    })

    it("answers availability, holds, confirmation and capacity with the same count for a lapsed hold", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 2 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 2, customer_email: email })
      await lapse(url(), [hold.id])
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(1), to: day(1), quantity: 2 })
      expect(availability.dates[0]).toMatchObject({ available_capacity: 2, is_available: true })
      const { hold: next } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 2, customer_email: email })
      expect(next.status).toBe("ACTIVE")
      await assertLedgerInvariants(url(), resource.id)
    })
  })

  describe("one door (defect 2)", () => {
    it("offers no generated way to write capacity, holds, allocations, blackouts or audit rows", () => {
      const entities = ["ResourceCapacit", "ResourceHold", "ResourceAllocation", "ResourceBlackout", "ResourceCapacityAudit"]
      const verbs = ["create", "update", "upsert", "delete", "softDelete", "restore"]
      const offered: string[] = []
      for (let proto = Object.getPrototypeOf(service); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
        for (const name of Object.getOwnPropertyNames(proto)) {
          if (verbs.some((verb) => entities.some((entity) => name.startsWith(`${verb}${entity}`)))) offered.push(name)
        }
      }
      for (const name of Object.keys(service)) {
        if (verbs.some((verb) => entities.some((entity) => name.startsWith(`${verb}${entity}`)))) offered.push(name)
      }
      expect(offered).toEqual([])
      expect((service as any).createResourceHolds).toBeUndefined()
      expect((service as any).updateResourceCapacities).toBeUndefined()
      expect((service as any).deleteResourceAllocations).toBeUndefined()
      expect((service as any).updateResourceCapacityAudits).toBeUndefined()
    })

    it("refuses to hard-delete or soft-delete a resource past its bookings; capacity rows and audit stay", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 4 })
      await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      const error: any = await service.deleteResources([resource.id]).catch((e) => e)
      expect(error.type).toBe(MedusaError.Types.CONFLICT)
      const error2: any = await service.softDeleteResources([resource.id]).catch((e) => e)
      expect(error2.type).toBe(MedusaError.Types.CONFLICT)
      const [{ count }] = await sql(url(), `SELECT count(*)::int AS count FROM resource_capacity WHERE resource_id = $1`, [resource.id])
      expect(count).toBe(2)
      // A resource that never had capacity can be removed (a compensated create).
      const empty = await makeResource(service)
      await service.deleteResources([empty.id])
      expect(await service.listResources({ id: empty.id }, { withDeleted: true })).toEqual([])
    })
  })

  describe("the unique name belongs to the module (defect 4)", () => {
    it("answers the friendly 409 to direct module calls, and one of 20 racing creates wins", async () => {
      const name = `Race ${Date.now()}`
      const { fulfilled, rejected } = await settle(
        Array.from({ length: 20 }, () => service.createResources({ type: "VEHICLE", name } as any))
      )
      expect(fulfilled).toHaveLength(1)
      expect(rejected).toHaveLength(19)
      for (const error of rejected) {
        expect(error.type).toBe(MedusaError.Types.CONFLICT)
        expect(error.message).toBe(
          `A resource named "${name}" already exists (name must be unique among resources that are not deleted)`
        )
      }
      const other = await makeResource(service)
      const error: any = await service.updateResources({ id: other.id, name } as any).catch((e) => e)
      expect(error.type).toBe(MedusaError.Types.CONFLICT)
    })
  })

  describe("the ledger", () => {
    it("refuses to change capacity outside a transaction", async () => {
      const ledger = await import("../ledger")
      const manager: any = (service as any).baseRepository_.getFreshManager
        ? (service as any).baseRepository_.getFreshManager()
        : { isInTransaction: () => false }
      await expect(ledger.lockResources(manager, ["res_x"])).rejects.toThrow(/must run inside a transaction/)
      await expect(ledger.finishActiveHolds(manager, ["rhold_x"])).rejects.toThrow(/must run inside a transaction/)
    })

    it("takes crossing groups (A then B, B then A) without deadlock, oversell, half groups or spurious refusals", async () => {
      const a = await makeResource(service)
      const b = await makeResource(service)
      for (const resource of [a, b]) {
        await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(3), max_capacity: 10 })
      }
      const dates = [[day(1), day(2)], [day(2), day(3)], [day(1), day(2), day(3)]]
      const { fulfilled, rejected } = await settle(
        Array.from({ length: 300 }, (_, i) =>
          service.createHoldGroup({
            items: i % 2 ? [{ resource_id: a.id, quantity: 1 }, { resource_id: b.id, quantity: 1 }] : [{ resource_id: b.id, quantity: 1 }, { resource_id: a.id, quantity: 1 }],
            dates: dates[i % 3],
            customer_email: `g${i}@example.com`,
          })
        )
      )
      expect(rejected.filter(isDeadlock)).toEqual([])
      for (const error of rejected) expect(error.type).toBe(MedusaError.Types.CONFLICT)
      expect(fulfilled.length + rejected.length).toBe(300)
      const groups = await sql(
        url(),
        `SELECT group_id, count(*)::int AS n, array_agg(resource_id ORDER BY resource_id) AS resources
         FROM resource_hold WHERE resource_id IN ($1, $2) GROUP BY group_id`,
        [a.id, b.id]
      )
      expect(groups.length).toBe(fulfilled.length)
      for (const group of groups) expect(group.resources).toEqual([a.id, b.id].sort())
      const rows = [...(await assertLedgerInvariants(url(), a.id)), ...(await assertLedgerInvariants(url(), b.id))]
      // Every refusal was real: some date of the request is sold out on some resource.
      expect(rows.filter((row) => row.date === day(2)).map((row) => row.available_capacity)).toEqual([0, 0])
      // Capacity 10 per date; day 2 is in every request, so exactly 10 groups won.
      expect(fulfilled).toHaveLength(10)
    })

    it("gives back capacity without the resource lock while holds are taken, exactly and with exact audit", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 20 })
      const first = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 1, customer_email: `r${i}@example.com` })
        )
      )
      const { fulfilled, rejected } = await settle<any>([
        ...first.map(({ hold }) => service.releaseHold(hold.id)),
        ...first.map(({ hold }) => service.releaseHold(hold.id)),
        ...Array.from({ length: 40 }, (_, i) =>
          service.createHold({ resource_id: resource.id, dates: [day(1), day(2)], quantity: 1, customer_email: `n${i}@example.com` })
        ),
      ])
      expect(rejected.filter(isDeadlock)).toEqual([])
      expect(fulfilled.filter((result) => "changed" in result && result.changed)).toHaveLength(20)
      await assertLedgerInvariants(url(), resource.id)
      // The audit trail of each date is a chain: each row's old value is the previous row's new value.
      for (const date of [day(1), day(2)]) {
        const audit = await sql(
          url(),
          `SELECT old_available, new_available FROM resource_capacity_audit
           WHERE resource_id = $1 AND date = $2 AND change_reason <> 'ADJUST' ORDER BY changed_at, id`,
          [resource.id, date]
        )
        for (let i = 1; i < audit.length; i++) expect(audit[i].old_available).toBe(audit[i - 1].new_available)
      }
    })
  })

  describe("group availability", () => {
    it("answers the least of floor(available / units) over the resources, and the first reason on any of them", async () => {
      const vehicle = await makeResource(service)
      const guide = await makeResource(service)
      await service.setCapacity({ resource_id: vehicle.id, from: day(1), to: day(3), max_capacity: 5 })
      await service.setCapacity({ resource_id: guide.id, from: day(1), to: day(2), max_capacity: 4 })
      await service.createBlackout({ resource_id: vehicle.id, start_date: day(2), end_date: day(2) })
      // A private tour takes the vehicle once and the guide twice per booking.
      const items = [{ resource_id: vehicle.id, units: 1 }, { resource_id: guide.id, units: 2 }]
      const before = await service.getGroupAvailability({ items, from: day(1), to: day(3) })
      expect(before.dates).toEqual([
        { date: day(1), available_quantity: 2, is_available: true },
        { date: day(2), available_quantity: 0, is_available: false, reason: "BLACKOUT" },
        { date: day(3), available_quantity: 0, is_available: false, reason: "NO_CAPACITY" },
      ])
      // The guide is shared: a hold through another booking lowers this one too.
      await service.createHold({ resource_id: guide.id, dates: [day(1)], quantity: 3, customer_email: "g@example.com" })
      const after = await service.getGroupAvailability({ items, from: day(1), to: day(1), quantity: 1 })
      expect(after.dates).toEqual([{ date: day(1), available_quantity: 0, is_available: false, reason: "SOLD_OUT" }])
      const missing: any = await service
        .getGroupAvailability({ items: [{ resource_id: "res_missing", units: 1 }], from: day(1), to: day(1) })
        .catch((e) => e)
      expect(missing.type).toBe(MedusaError.Types.NOT_FOUND)
    })
  })
})
