import { MedusaError } from "@medusajs/framework/utils"
import { assertLedgerInvariants, day, describeModule, makeResource, sql } from "./helpers"

jest.setTimeout(120_000)

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return await promise.then(
    () => {
      throw new Error("expected a rejection")
    },
    (error) => error
  )
}

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl
  const email = "rules@example.com"

  /** resource_booking_rule_reason at a given instant: the function both the hold decision and availability use. */
  async function reasonAt(rules: object, date: string, now: string, zone: string) {
    const [row] = await sql(url(), `SELECT resource_booking_rule_reason($1::jsonb, $2::date, NULL, $3::timestamptz, $4) AS reason`, [
      JSON.stringify(rules),
      date,
      now,
      zone,
    ])
    return row.reason
  }

  describe("cutoff, at the exact minute", () => {
    const sixPmDayBefore = { cutoff: { days_before: 1, time: "18:00" } }

    it("closes at 18:00 the day before in Brisbane (UTC+10, no DST)", async () => {
      expect(await reasonAt(sixPmDayBefore, "2027-01-10", "2027-01-09T17:59:00+10:00", "Australia/Brisbane")).toBeNull()
      expect(await reasonAt(sixPmDayBefore, "2027-01-10", "2027-01-09T18:00:00+10:00", "Australia/Brisbane")).toBe("CUTOFF")
    })

    it("closes at 18:00 local time on both sides of a DST change (New York, spring forward 2027-03-14)", async () => {
      // 2027-03-13 is still EST (UTC−5); 2027-03-14 from 03:00 is EDT (UTC−4).
      expect(await reasonAt(sixPmDayBefore, "2027-03-14", "2027-03-13T17:59:00-05:00", "America/New_York")).toBeNull()
      expect(await reasonAt(sixPmDayBefore, "2027-03-14", "2027-03-13T18:00:00-05:00", "America/New_York")).toBe("CUTOFF")
      expect(await reasonAt(sixPmDayBefore, "2027-03-15", "2027-03-14T17:59:00-04:00", "America/New_York")).toBeNull()
      expect(await reasonAt(sixPmDayBefore, "2027-03-15", "2027-03-14T18:00:00-04:00", "America/New_York")).toBe("CUTOFF")
      // The same UTC instant is before the cutoff under EDT and after it under EST: the zone's rules decide.
      expect(await reasonAt(sixPmDayBefore, "2027-03-15", "2027-03-14T22:30:00Z", "America/New_York")).toBe("CUTOFF")
      expect(await reasonAt(sixPmDayBefore, "2027-03-14", "2027-03-13T22:30:00Z", "America/New_York")).toBeNull()
    })

    it("reports PAST before the rules, and a window of max_advance_days", async () => {
      expect(await reasonAt({}, "2027-01-09", "2027-01-10T00:00:00+10:00", "Australia/Brisbane")).toBe("PAST")
      expect(await reasonAt({ max_advance_days: 3 }, "2027-01-13", "2027-01-10T12:00:00+10:00", "Australia/Brisbane")).toBeNull()
      expect(await reasonAt({ max_advance_days: 3 }, "2027-01-14", "2027-01-10T12:00:00+10:00", "Australia/Brisbane")).toBe(
        "OUTSIDE_WINDOW"
      )
    })
  })

  describe("the hold decision obeys the rules", () => {
    it("accepts each rule at its edge and refuses one step past it, naming the rule", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(10), max_capacity: 5 })
      await service.updateResources({
        id: resource.id,
        booking_rules: { min_dates: 2, max_dates: 3, consecutive: true, max_advance_days: 8 },
      } as any)
      const hold = (dates: string[]) => service.createHold({ resource_id: resource.id, dates, quantity: 1, customer_email: email })

      await expect(hold([day(1), day(2)])).resolves.toMatchObject({ created: true })
      await expect(hold([day(1), day(2), day(3)])).resolves.toMatchObject({ created: true })
      const tooFew = await errorOf(hold([day(1)]))
      expect([tooFew.type, tooFew.message]).toEqual([MedusaError.Types.INVALID_DATA, expect.stringContaining("booking_rules.min_dates")])
      const tooMany = await errorOf(hold([day(1), day(2), day(3), day(4)]))
      expect(tooMany.message).toContain("booking_rules.max_dates")
      const gap = await errorOf(hold([day(1), day(3)]))
      expect([gap.type, gap.message]).toEqual([MedusaError.Types.INVALID_DATA, expect.stringContaining("booking_rules.consecutive")])
      await expect(hold([day(7), day(8)])).resolves.toMatchObject({ created: true })
      const far = await errorOf(hold([day(8), day(9)]))
      expect(far.type).toBe(MedusaError.Types.CONFLICT)
      expect(far.message).toContain(day(9))
      expect(far.message).not.toContain(day(8))
      await assertLedgerInvariants(url(), resource.id)
    })

    it("closes today once today's cutoff time has passed, and reports the reason in availability", async () => {
      const resource = await makeResource(service)
      await service.setCapacity({ resource_id: resource.id, from: day(0), to: day(1), max_capacity: 5 })
      await service.updateResources({ id: resource.id, booking_rules: { cutoff: { days_before: 0, time: "00:00" } } } as any)
      const refused = await errorOf(service.createHold({ resource_id: resource.id, dates: [day(0)], quantity: 1, customer_email: email }))
      expect(refused.type).toBe(MedusaError.Types.CONFLICT)
      expect(refused.message).toContain("cutoff")
      await expect(
        service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      ).resolves.toMatchObject({ created: true })
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(-1), to: day(1) })
      expect(availability.dates.map((d: any) => d.reason ?? null)).toEqual(["PAST", "CUTOFF", null])
    })

    it("validates rules on the resource with a 400 naming the field, and changing them leaves holds alone", async () => {
      const resource = await makeResource(service)
      for (const [rules, field] of [
        [{ cutoff: { days_before: -1, time: "18:00" } }, "booking_rules.cutoff.days_before"],
        [{ cutoff: { days_before: 1, time: "25:00" } }, "booking_rules.cutoff.time"],
        [{ min_dates: 0 }, "booking_rules.min_dates"],
        [{ max_dates: 99 }, "booking_rules.max_dates"],
        [{ min_dates: 3, max_dates: 2 }, "booking_rules.min_dates"],
        [{ consecutive: "yes" }, "booking_rules.consecutive"],
        [{ surprise: 1 }, "booking_rules.surprise"],
      ] as const) {
        const error = await errorOf(service.updateResources({ id: resource.id, booking_rules: rules } as any))
        expect([error.type, error.message]).toEqual([MedusaError.Types.INVALID_DATA, expect.stringContaining(field)])
      }
      await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(1), max_capacity: 2 })
      const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(1)], quantity: 1, customer_email: email })
      await service.updateResources({ id: resource.id, booking_rules: { min_dates: 2 } } as any)
      expect((await service.retrieveHold(hold.id)).status).toBe("ACTIVE")
      // New rules replace the old ones whole (Medusa's generated update would merge JSON).
      const updated = await service.updateResources({ id: resource.id, booking_rules: { max_advance_days: 30 } } as any)
      expect(updated.booking_rules).toEqual({ max_advance_days: 30 })
      expect((await service.updateResources({ id: resource.id, booking_rules: null } as any)).booking_rules).toBeNull()
    })
  })

  describe("extension", () => {
    it("extends the whole group, never past created_at + maxHoldLifetimeMinutes, and never a lapsed hold", async () => {
      const a = await makeResource(service)
      const b = await makeResource(service)
      for (const r of [a, b]) await service.setCapacity({ resource_id: r.id, from: day(1), to: day(1), max_capacity: 2 })
      const { holds } = await service.createHoldGroup({
        items: [{ resource_id: a.id, quantity: 1 }, { resource_id: b.id, quantity: 1 }],
        dates: [day(1)],
        customer_email: email,
      })
      // Made 110 minutes ago, expiring in 5: an extension by 30 stops at created_at + 120.
      await sql(url(), `UPDATE resource_hold SET created_at = now() - interval '110 minutes', expires_at = now() + interval '5 minutes' WHERE group_id = $1`, [holds[0].group_id])
      const moved = await service.extendHolds({ hold_ids: [holds[0].id], minutes: 30 })
      expect(moved.map((row) => row.id).sort()).toEqual(holds.map((h) => h.id).sort())
      const rows = await sql(url(), `SELECT extract(epoch FROM expires_at - created_at)::int AS life FROM resource_hold WHERE group_id = $1`, [holds[0].group_id])
      expect(rows.map((row) => row.life)).toEqual([120 * 60, 120 * 60])

      await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE group_id = $1`, [holds[0].group_id])
      expect(await service.extendHolds({ hold_ids: [holds[1].id], minutes: 30 })).toEqual([])
      // The cap is the module's own rule, for every caller.
      const tooLong = await errorOf(service.extendHolds({ hold_ids: [holds[1].id], minutes: 121 }))
      expect([tooLong.type, tooLong.message]).toEqual([MedusaError.Types.INVALID_DATA, expect.stringContaining("minutes")])
    })
  })
})
