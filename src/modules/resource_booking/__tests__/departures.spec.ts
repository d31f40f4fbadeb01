import { assertLedgerInvariants, describeModule, inModuleProcess, isDeadlock, makeResource, settle, sql } from "./helpers"
import { addDays, todayIn } from "../utils/dates"

jest.setTimeout(180_000)

/**
 * DEPARTURE resources through the one ledger (contract "Departures"): every
 * guarantee that holds for dates holds per departure. The module runs in
 * Europe/Berlin, which changes its clocks on 2027-03-28 (02:00 → 03:00) and
 * 2027-10-31 (03:00 → 02:00).
 */
const ZONE = "Europe/Berlin"
const day = (offset: number) => addDays(todayIn(ZONE), offset)
const email = "departures@example.com"

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl

  async function boat(seats: number, times = ["07:00", "16:30"], from = day(3), to = day(5), rules?: Record<string, unknown>) {
    const resource = await makeResource(service, { type: "TOUR", booking_mode: "DEPARTURE", booking_rules: rules })
    const result = await service.setCapacity({ resource_id: resource.id, from, to, start_times: times, duration_minutes: 90, max_capacity: seats })
    return { resource, result }
  }

  describe("kept availability answers (read-cache.ts, ledger/sql/stamps.ts)", () => {
    it("a date's or a departure's answer is used again only while nothing it reads has changed: another process's hold and release, a lapse moved by psql, capacity, a blackout", async () => {
      const { resource } = await boat(5, ["07:00"], day(3), day(4))
      const vehicle = await makeResource(service, { type: "VEHICLE" })
      await service.setCapacity({ resource_id: vehicle.id, from: day(3), to: day(4), max_capacity: 2 })
      const seats = async () => (await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(4) })).dates[0].departures![0].available_capacity
      const cars = async () => (await service.getAvailability({ resource_id: vehicle.id, from: day(3), to: day(4) })).dates[0].available_capacity
      const first = await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(4) })
      expect(await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(4) })).toBe(first) // kept
      expect([await seats(), await cars()]).toEqual([5, 2])

      // Holds made, then one released, by another server process: seen on the next read here.
      const { other } = await inModuleProcess(
        url(),
        [
          { method: "createHold", input: { resource_id: resource.id, departures: [{ date: day(3), start_time: "07:00" }], quantity: 2, customer_email: email } },
          { method: "createHold", input: { resource_id: vehicle.id, dates: [day(3)], quantity: 1, customer_email: email } },
        ],
        async () => null,
        { parallel: 1, options: { timezone: ZONE } }
      )
      expect(other.map((r: any) => r.ok)).toEqual([true, true])
      expect([await seats(), await cars()]).toEqual([3, 1])
      const [boatHold, carHold] = other.map((r: any) => r.value.hold.id)
      const { other: released } = await inModuleProcess(url(), [{ method: "releaseHold", input: carHold }], async () => null, {
        parallel: 1,
        options: { timezone: ZONE },
      })
      expect(released[0]).toMatchObject({ ok: true })
      expect(await cars()).toBe(2)

      // A lapse moved by psql (no ledger write): the departure's seats are free at once.
      await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = $1`, [boatHold])
      expect(await seats()).toBe(5)

      // Capacity and a blackout, through the module.
      await service.setCapacity({ resource_id: vehicle.id, from: day(3), to: day(3), max_capacity: 4 })
      expect(await cars()).toBe(4)
      await service.createBlackout({ resource_id: resource.id, start_date: day(3), end_date: day(3), reason: "storm" } as any)
      expect((await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(4) })).dates[0].is_available).toBe(false)
    })
  })

  describe("capacity per departure", () => {
    it("sets each start time on each date, keeps what is taken per departure, refuses dates on a departure resource", async () => {
      const { resource, result } = await boat(5)
      expect(result.skipped).toEqual([])
      expect(result.capacity.map((row) => `${row.date} ${row.start_time} ${row.max_capacity}`)).toEqual([
        `${day(3)} 07:00 5`,
        `${day(3)} 16:30 5`,
        `${day(4)} 07:00 5`,
        `${day(4)} 16:30 5`,
        `${day(5)} 07:00 5`,
        `${day(5)} 16:30 5`,
      ])
      await service.createHold({ resource_id: resource.id, departures: [{ date: day(3), start_time: "07:00" }], quantity: 3, customer_email: email })
      // Lowering below what is taken on one departure changes nothing and names it.
      await expect(
        service.setCapacity({ resource_id: resource.id, from: day(3), to: day(3), start_times: ["07:00", "16:30"], duration_minutes: 90, max_capacity: 2 })
      ).rejects.toThrow(`${day(3)} 07:00`)
      const kept = await service.setCapacity({
        resource_id: resource.id,
        from: day(3),
        to: day(3),
        start_times: ["07:00"],
        duration_minutes: 90,
        max_capacity: 8,
      })
      expect(kept.capacity).toEqual([expect.objectContaining({ start_time: "07:00", max_capacity: 8, available_capacity: 5 })])
      await expect(service.setCapacity({ resource_id: resource.id, from: day(3), to: day(3), max_capacity: 2 })).rejects.toThrow(
        /start_times is required/
      )
      const day_ = await makeResource(service, { type: "VEHICLE" })
      await expect(
        service.setCapacity({ resource_id: day_.id, from: day(3), to: day(3), start_times: ["07:00"], duration_minutes: 60, max_capacity: 2 })
      ).rejects.toThrow(/start_times is only for resources booked by departure/)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("skips a start time in the spring gap, and times each departure in real minutes across both 2027 changes", async () => {
      const { resource } = await boat(4, ["01:30", "02:30", "07:00"], "2027-03-28", "2027-03-28")
      const spring = await service.setCapacity({
        resource_id: resource.id,
        from: "2027-03-28",
        to: "2027-03-28",
        start_times: ["01:30", "02:30", "07:00"],
        duration_minutes: 60,
        max_capacity: 4,
      })
      expect(spring.skipped).toEqual([{ date: "2027-03-28", start_time: "02:30" }])
      const autumn = await service.setCapacity({
        resource_id: resource.id,
        from: "2027-10-31",
        to: "2027-10-31",
        start_times: ["02:30"],
        duration_minutes: 60,
        max_capacity: 4,
      })
      expect(autumn.skipped).toEqual([])
      const rows = [
        ...(await service.listCapacity({ resource_id: resource.id, from: "2027-03-28", to: "2027-03-28" })),
        ...(await service.listCapacity({ resource_id: resource.id, from: "2027-10-31", to: "2027-10-31" })),
      ]
      expect(rows.map((row) => [row.start_time, row.starts_at, row.ends_at])).toEqual([
        // 60 real minutes across the gap: 01:30 CET to 03:30 CEST.
        ["01:30", "2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"],
        ["07:00", "2027-03-28T07:00:00+02:00", "2027-03-28T08:00:00+02:00"],
        // The first 02:30 of the autumn overlap (CEST), ending at the second 02:30 (CET).
        ["02:30", "2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00"],
      ])
      const availability = await service.getAvailability({ resource_id: resource.id, from: "2027-03-28", to: "2027-03-28" })
      expect(availability.dates[0].departures!.map((d) => d.start_time)).toEqual(["01:30", "07:00"])
      const hold = await service.createHold({
        resource_id: resource.id,
        departures: [{ date: "2027-10-31", start_time: "02:30" }],
        quantity: 1,
        customer_email: email,
      })
      expect(hold.hold).toMatchObject({
        dates: ["2027-10-31"],
        departures: [{ date: "2027-10-31", start_time: "02:30", starts_at: "2027-10-31T02:30:00+02:00", ends_at: "2027-10-31T02:30:00+01:00" }],
        starts_at: "2027-10-31T02:30:00+02:00",
        ends_at: "2027-10-31T02:30:00+01:00",
      })
      await expect(
        service.createHold({ resource_id: resource.id, departures: [{ date: "2027-03-28", start_time: "02:30" }], quantity: 1, customer_email: email })
      ).rejects.toThrow(`has no capacity on: 2027-03-28 02:30`)
    })
  })

  describe("holds on departures", () => {
    it("100 concurrent one-seat holds on a departure of 5: exactly 5, and the other departure untouched", async () => {
      const { resource } = await boat(5)
      const departure = { date: day(3), start_time: "16:30" }
      const { fulfilled, rejected } = await settle(
        Array.from({ length: 100 }, (_, i) =>
          service.createHold({ resource_id: resource.id, departures: [departure], quantity: 1, customer_email: `p${i}@example.com` })
        )
      )
      expect(fulfilled).toHaveLength(5)
      expect(rejected.every((error) => /Not enough capacity/.test(error.message) && error.message.includes(`${day(3)} 16:30`))).toBe(true)
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(3) })
      expect(availability.dates[0].departures!.map((d) => [d.start_time, d.available_capacity, d.reason ?? null])).toEqual([
        ["07:00", 5, null],
        ["16:30", 0, "SOLD_OUT"],
      ])
      expect(availability.dates[0].is_available).toBe(true)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("takes every departure or none, names the short one, and is idempotent per token over the set of departures", async () => {
      const { resource } = await boat(2)
      const morning = { date: day(3), start_time: "07:00" }
      const evening = { date: day(4), start_time: "16:30" }
      await service.createHold({ resource_id: resource.id, departures: [evening], quantity: 2, customer_email: email })
      await expect(
        service.createHold({ resource_id: resource.id, departures: [morning, evening], quantity: 1, customer_email: email })
      ).rejects.toThrow(`Not enough capacity for quantity 1 on: ${day(4)} 16:30`)
      const [row] = await sql(url(), `SELECT available_capacity FROM resource_capacity WHERE resource_id = $1 AND date = $2 AND start_time = '07:00'`, [
        resource.id,
        day(3),
      ])
      expect(row.available_capacity).toBe(2)

      const other = { date: day(5), start_time: "07:00" }
      const first = await service.createHold({ resource_id: resource.id, departures: [other, morning], quantity: 1, customer_email: email, idempotency_token: "dep-tok" })
      const again = await service.createHold({ resource_id: resource.id, departures: [morning, other], quantity: 1, customer_email: email.toUpperCase(), idempotency_token: "dep-tok" })
      expect(again).toEqual({ hold: first.hold, created: false })
      expect(first.hold.departures!.map((d) => `${d.date} ${d.start_time}`)).toEqual([`${day(3)} 07:00`, `${day(5)} 07:00`])
      expect(first.hold.dates).toEqual([day(3), day(5)])
      await expect(
        service.createHold({ resource_id: resource.id, departures: [morning], quantity: 1, customer_email: email, idempotency_token: "dep-tok" })
      ).rejects.toThrow(/already used with a different request/)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("refuses dates for a departure resource and departures for a day resource (400), and a duplicate departure", async () => {
      const { resource } = await boat(2)
      await expect(service.createHold({ resource_id: resource.id, dates: [day(3)], quantity: 1, customer_email: email })).rejects.toMatchObject({
        type: "invalid_data",
        message: expect.stringMatching(/booked by departure/),
      })
      const vehicle = await makeResource(service, { type: "VEHICLE" })
      await service.setCapacity({ resource_id: vehicle.id, from: day(3), to: day(3), max_capacity: 2 })
      await expect(
        service.createHold({ resource_id: vehicle.id, departures: [{ date: day(3), start_time: "07:00" }], quantity: 1, customer_email: email })
      ).rejects.toMatchObject({ type: "invalid_data", message: expect.stringMatching(/booked by the day/) })
      await expect(
        service.createHold({
          resource_id: resource.id,
          departures: [
            { date: day(3), start_time: "07:00" },
            { date: day(3), start_time: "07:00" },
          ],
          quantity: 1,
          customer_email: email,
        })
      ).rejects.toThrow(/duplicates/)
    })

    it("a lapsed hold's departure is free at expires_at, before the sweep; release, expiry and confirmation move the right departure", async () => {
      const { resource } = await boat(1)
      const departure = { date: day(3), start_time: "07:00" }
      const lapsing = await service.createHoldGroup({
        items: [{ resource_id: resource.id, quantity: 1 }],
        departures: [departure],
        customer_email: email,
        ttl_minutes: 0.02,
      })
      await new Promise((resolve) => setTimeout(resolve, 1500))
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(3), to: day(3) })
      expect(availability.dates[0].departures![0]).toMatchObject({ start_time: "07:00", available_capacity: 1, is_available: true })
      const taken = await service.createHold({ resource_id: resource.id, departures: [departure], quantity: 1, customer_email: email })
      expect((await service.retrieveHold(lapsing.holds[0].id)).status).toBe("EXPIRED")

      const { allocation } = await service.confirmHold({ hold_id: taken.hold.id, order_id: "order_dep", line_item_id: "line_dep" })
      expect(allocation).toMatchObject({
        departures: [expect.objectContaining({ date: day(3), start_time: "07:00" })],
        starts_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T07:00:00\+0[12]:00$/),
        ends_at: expect.stringMatching(/T08:30:00\+0[12]:00$/),
      })
      await service.cancelAllocation({ allocation_id: allocation.id, restore_capacity: true })
      const audit = await sql(
        url(),
        `SELECT change_reason, to_char(start_time, 'HH24:MI') AS start_time, old_available, new_available
         FROM resource_capacity_audit WHERE resource_id = $1 AND change_reason <> 'ADJUST' ORDER BY changed_at, id`,
        [resource.id]
      )
      expect(audit.map((row) => [row.change_reason, row.start_time, row.old_available, row.new_available])).toEqual([
        ["HOLD", "07:00", 1, 0],
        ["EXPIRE", "07:00", 0, 1],
        ["HOLD", "07:00", 1, 0],
        ["CANCEL", "07:00", 0, 1],
      ])
      await assertLedgerInvariants(url(), resource.id)
    })

    it("a blackout closes a date's departures and releases their holds", async () => {
      const { resource } = await boat(3)
      const hold = await service.createHold({ resource_id: resource.id, departures: [{ date: day(4), start_time: "16:30" }], quantity: 1, customer_email: email })
      const result = await service.createBlackout({ resource_id: resource.id, start_date: day(4), end_date: day(4) })
      expect(result.released_hold_ids).toEqual([hold.hold.id])
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(4), to: day(4) })
      expect(availability.dates[0]).toMatchObject({ is_available: false, reason: "BLACKOUT" })
      expect(availability.dates[0].departures!.every((d) => d.reason === "BLACKOUT")).toBe(true)
      await expect(
        service.createHold({ resource_id: resource.id, departures: [{ date: day(4), start_time: "07:00" }], quantity: 1, customer_email: email })
      ).rejects.toThrow(/blacked out/)
      await assertLedgerInvariants(url(), resource.id)
    })

    it("STARTED once a departure has begun, CUTOFF inside min_notice_minutes", async () => {
      const now = new Date()
      const local = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now)
      const [h, m] = local.split(":").map(Number)
      const minutes = h * 60 + m
      if (minutes < 10 || minutes > 23 * 60 + 20) return // too close to midnight for a same-day departure either side
      const at = (total: number) => `${String(Math.floor(total / 60)).padStart(2, "0")}:${String((total % 60) - (total % 5)).padStart(2, "0")}`
      const started = at(minutes - 10)
      const soon = at(minutes + 35)
      const { resource } = await boat(2, [started, soon], day(0), day(0), { min_notice_minutes: 60 })
      const availability = await service.getAvailability({ resource_id: resource.id, from: day(0), to: day(0) })
      expect(availability.dates[0].departures!.map((d) => [d.start_time, d.reason])).toEqual([
        [started, "STARTED"],
        [soon, "CUTOFF"],
      ])
      expect(availability.dates[0].reason).toBe("CUTOFF")
      await expect(
        service.createHold({ resource_id: resource.id, departures: [{ date: day(0), start_time: started }], quantity: 1, customer_email: email })
      ).rejects.toThrow(/already started/)
    })
  })

  describe("groups over several departure resources", () => {
    it("matches departures by start time, and crossing groups never deadlock, oversell or half-take", async () => {
      const a = (await boat(6)).resource
      const b = (await boat(6)).resource
      const departures = [
        { date: day(3), start_time: "07:00" },
        { date: day(4), start_time: "16:30" },
      ]
      const attempts = Array.from({ length: 60 }, (_, i) =>
        service.createHoldGroup({
          items: i % 2 ? [{ resource_id: a.id, quantity: 1 }, { resource_id: b.id, quantity: 2 }] : [{ resource_id: b.id, quantity: 2 }, { resource_id: a.id, quantity: 1 }],
          departures,
          customer_email: `g${i}@example.com`,
        })
      )
      const { fulfilled, rejected } = await settle(attempts)
      expect(rejected.filter(isDeadlock)).toEqual([])
      expect(fulfilled).toHaveLength(3) // b: 6 seats / 2 per group
      const groups = await sql(url(), `SELECT group_id, count(*)::int AS n FROM resource_hold WHERE resource_id IN ($1, $2) GROUP BY 1`, [a.id, b.id])
      expect(groups.every((g) => g.n === 2)).toBe(true)
      const group = await service.getGroupAvailability({
        items: [
          { resource_id: a.id, units: 1 },
          { resource_id: b.id, units: 2 },
        ],
        from: day(3),
        to: day(3),
      })
      expect(group.dates[0].departures!.map((d) => [d.start_time, d.available_quantity])).toEqual([
        ["07:00", 0],
        ["16:30", 3],
      ])
      await assertLedgerInvariants(url(), a.id)
      await assertLedgerInvariants(url(), b.id)
    })
  })

  describe("around the departure", () => {
    it("the waitlist is offered a departure when it frees, and utilization and the manifest count per departure", async () => {
      const { resource } = await boat(2)
      const departure = { date: day(3), start_time: "07:00" }
      const first = await service.createHold({ resource_id: resource.id, departures: [departure], quantity: 2, customer_email: email })
      const entry = await service.createWaitlistEntry({
        resource_id: resource.id,
        items: [{ resource_id: resource.id, quantity: 1 }],
        departures: [departure],
        quantity: 1,
        customer_email: "waiting@example.com",
      })
      expect(entry).toMatchObject({ status: "WAITING", departures: [departure] })
      await service.releaseHold(first.hold.id)
      const offers = await service.offerWaitlist([resource.id])
      expect(offers).toEqual([expect.objectContaining({ entry_id: entry.id, status: "OFFERED" })])
      const offered = await service.retrieveWaitlistEntry(entry.id)
      const [hold] = await service.listHoldGroups(offered.resource_hold_ids)
      expect(hold).toMatchObject({ channel: "waitlist", departures: [expect.objectContaining(departure)] })

      const { allocation } = await service.confirmHold({ hold_id: hold.id, order_id: "order_w", line_item_id: "line_w" })
      const [utilization] = (await service.getUtilization({ from: day(3), to: day(3) })).filter((row) => row.resource_id === resource.id)
      expect(utilization).toMatchObject({
        total_days: 1,
        total_capacity: 4,
        allocated: 1,
        by_departure: [
          { start_time: "07:00", departures: 1, total_capacity: 2, held: 0, allocated: 1, utilization_percent: 50 },
          { start_time: "16:30", departures: 1, total_capacity: 2, held: 0, allocated: 0, utilization_percent: 0 },
        ],
      })
      const manifest = await service.getManifest({ resource_id: resource.id, date: day(3) })
      expect(manifest.departures!.map((d) => [d.start_time, d.allocations.map((a) => a.id)])).toEqual([
        ["07:00", [allocation.id]],
        ["16:30", []],
      ])
      await assertLedgerInvariants(url(), resource.id)
    })

    it("booking_mode is refused a change while live bookings exist, allowed once they are gone", async () => {
      const { resource } = await boat(2)
      const hold = await service.createHold({ resource_id: resource.id, departures: [{ date: day(3), start_time: "07:00" }], quantity: 1, customer_email: email })
      await expect(service.updateResources({ id: resource.id, booking_mode: "DAY" })).rejects.toThrow(/cannot change/)
      await service.releaseHold(hold.hold.id)
      const updated = await service.updateResources({ id: resource.id, booking_mode: "DAY" })
      expect(updated.booking_mode).toBe("DAY")
    })
  })
}, { timezone: ZONE })
