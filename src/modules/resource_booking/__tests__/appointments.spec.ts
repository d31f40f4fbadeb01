import { assertLedgerInvariants, describeModule, inModuleProcess, makeResource, settle, sql, withClient } from "./helpers"
import { addDays, todayIn } from "../utils/dates"

jest.setTimeout(240_000)

/**
 * APPOINTMENT resources through the one ledger (contract "Appointments"),
 * in Europe/Berlin (clock changes 2027-03-28 and 2027-10-31, both Sundays).
 */
const ZONE = "Europe/Berlin"
const day = (offset: number) => addDays(todayIn(ZONE), offset)
const email = "appointments@example.com"
const ALL_WEEK = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["09:00", "17:00"]]]))

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl

  async function guide(settings: Record<string, unknown> = {}) {
    return await makeResource(service, {
      type: "GUIDE",
      booking_mode: "APPOINTMENT",
      appointment: {
        working_hours: ALL_WEEK,
        slot_minutes: 30,
        min_duration_minutes: 60,
        max_duration_minutes: 240,
        buffer_after_minutes: 15,
        units: 1,
        ...settings,
      },
    } as any)
  }
  const slotsOn = async (resourceId: string, date: string, duration = 60, quantity = 1) =>
    (await service.getSlots({ items: [{ resource_id: resourceId, units: 1 }], from: date, to: date, duration_minutes: duration, quantity }))
      .dates[0].slots.map((slot) => slot.start_time)
  const book = (resourceId: string, date: string, start_time: string, duration_minutes = 60, quantity = 1, extra: Record<string, unknown> = {}) =>
    service.createHold({ resource_id: resourceId, appointment: { date, start_time, duration_minutes }, quantity, customer_email: email, ...extra })

  it("settings are validated, naming the field", async () => {
    await expect(makeResource(service, { booking_mode: "APPOINTMENT", appointment: { working_hours: { "1": [["10:00", "09:00"]] } } } as any)).rejects.toThrow(
      /appointment.working_hours.1\[0\] ends \(09:00\) before it starts/
    )
    await expect(
      makeResource(service, { booking_mode: "APPOINTMENT", appointment: { working_hours: { "1": [["09:00", "12:00"], ["11:00", "13:00"]] } } } as any)
    ).rejects.toThrow(/overlap/)
    await expect(makeResource(service, { booking_mode: "APPOINTMENT", appointment: { slot_minutes: 30, min_duration_minutes: 45 } } as any)).rejects.toThrow(
      /min_duration_minutes must be a multiple of slot_minutes \(30\)/
    )
    await expect(makeResource(service, { booking_mode: "APPOINTMENT", appointment: { slot_minutes: 7 } } as any)).rejects.toThrow(/slot_minutes/)
    const defaults = await makeResource(service, { booking_mode: "APPOINTMENT" } as any)
    expect((defaults as any).appointment).toEqual({
      working_hours: {},
      slot_minutes: 15,
      min_duration_minutes: 15,
      max_duration_minutes: 480,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      units: 1,
    })
  })

  it("slots: every start on the grid inside the hours; a hold takes its range and its buffer; bad requests are 400, taken ones 409", async () => {
    const resource = await guide()
    const date = day(5)
    expect(await slotsOn(resource.id, date)).toEqual(
      ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"]
    )
    const { hold } = await book(resource.id, date, "10:00")
    expect(hold).toMatchObject({
      dates: [date],
      appointment: { date, start_time: "10:00", duration_minutes: 60 },
      starts_at: expect.stringMatching(new RegExp(`^${date}T10:00:00\\+0[12]:00$`)),
      ends_at: expect.stringMatching(new RegExp(`^${date}T11:00:00\\+0[12]:00$`)),
    })
    // [10:00, 11:15) is taken: a start whose range plus buffer reaches into it is gone.
    expect(await slotsOn(resource.id, date)).toEqual(["11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00"])
    await expect(book(resource.id, date, "10:30")).rejects.toMatchObject({ type: "conflict", message: expect.stringContaining(`${date} 10:30`) })
    await expect(book(resource.id, date, "09:00")).rejects.toMatchObject({ type: "conflict" })
    for (const [start, duration, quantity, text] of [
      ["10:15", 60, 1, /not a start on the grid/],
      ["16:30", 60, 1, /not a start on the grid/],
      ["12:00", 75, 1, /multiple of 30/],
      ["12:00", 300, 1, /between 60 and 240/],
      ["12:00", 60, 2, /at most 1/],
    ] as const) {
      await expect(book(resource.id, date, start, duration, quantity)).rejects.toMatchObject({ type: "invalid_data", message: expect.stringMatching(text) })
    }
    await expect(
      service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: date, to: date, duration_minutes: 75 })
    ).rejects.toThrow(/multiple of 30/)
    await expect(
      service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: day(1), to: day(70), duration_minutes: 60 })
    ).rejects.toThrow(/at most 62/)
  })

  it("the exclusion constraint refuses an overlapping unit written behind the ledger's back", async () => {
    const resource = await guide()
    const { hold } = await book(resource.id, day(6), "12:00")
    await withClient(url(), async (client) => {
      const error = await client
        .query(
          `INSERT INTO resource_occupancy (id, resource_id, unit, hold_id, during)
           SELECT 'rocc_behind', resource_id, unit, hold_id, tstzrange(lower(during) + interval '30 minutes', upper(during) + interval '30 minutes')
           FROM resource_occupancy WHERE hold_id = $1`,
          [hold.id]
        )
        .then(
          () => null,
          (e) => e
        )
      expect(error?.code).toBe("23P01")
      expect(error?.constraint).toBe("excl_occupancy_unit")
    })
  })

  it("120 concurrent holds of random overlapping ranges on one unit: the winners never overlap (buffers included)", async () => {
    const resource = await guide({ buffer_before_minutes: 15 })
    const date = day(7)
    const starts = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"]
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const requests = Array.from({ length: 120 }, (_, i) => ({
      start: starts[Math.floor(random() * starts.length)],
      duration: [60, 90, 120][Math.floor(random() * 3)],
      email: `race${i}@example.com`,
    }))
    const { fulfilled, rejected } = await settle(
      requests.map((r) => book(resource.id, date, r.start, r.duration, 1, { customer_email: r.email }).catch((e) => {
        if (e.type !== "conflict") throw e
        throw e
      }))
    )
    expect(fulfilled.length).toBeGreaterThan(1)
    expect(rejected.every((e) => e.type === "conflict")).toBe(true)
    const windows = await sql(
      url(),
      `SELECT lower(during) AS a, upper(during) AS b FROM resource_occupancy WHERE resource_id = $1 AND live ORDER BY 1`,
      [resource.id]
    )
    expect(windows).toHaveLength(fulfilled.length)
    for (let i = 1; i < windows.length; i++) {
      expect(new Date(windows[i].a).getTime()).toBeGreaterThanOrEqual(new Date(windows[i - 1].b).getTime())
    }
    // The store's view (slots) agrees with the table: no start is offered inside a taken window.
    const free = (await service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: date, to: date, duration_minutes: 60 })).dates[0].slots
    for (const slot of free) {
      const a = new Date(slot.starts_at).getTime() - 15 * 60_000
      const b = new Date(slot.ends_at).getTime() + 15 * 60_000
      expect(windows.some((w) => new Date(w.a).getTime() < b && a < new Date(w.b).getTime())).toBe(false)
    }
    // The admin's view (the manifest's timeline per unit) lists exactly the winners, at those windows.
    const manifest = await service.getManifest({ resource_id: resource.id, date })
    const timeline = manifest.units!.flatMap((unit) => unit.bookings)
    expect(timeline.map((booking) => booking.hold_id).sort()).toEqual(fulfilled.map((result) => result.hold.id).sort())
    expect(timeline.map((booking) => new Date(booking.window_starts_at).getTime()).sort((x, y) => x - y)).toEqual(
      windows.map((w) => new Date(w.a).getTime())
    )
  })

  it("units: three may overlap at any instant, a fourth is refused; a lapsed hold frees its range at expires_at", async () => {
    const resource = await guide({ units: 3, buffer_after_minutes: 0 })
    const date = day(8)
    const results = await settle(Array.from({ length: 8 }, (_, i) => book(resource.id, date, "10:00", 60, 1, { customer_email: `u${i}@example.com` })))
    expect(results.fulfilled).toHaveLength(3)
    expect((await service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: date, to: date, duration_minutes: 60 })).dates[0].slots.map((s) => s.start_time)).not.toContain("10:00")
    // One of them lapses: its unit is free at once, before the sweep.
    await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = $1`, [results.fulfilled[0].hold.id])
    const slots = (await service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: date, to: date, duration_minutes: 60 })).dates[0].slots
    expect(slots.find((s) => s.start_time === "10:00")?.available_units).toBe(1)
    await book(resource.id, date, "10:00", 60, 1, { customer_email: "late@example.com" })
    expect((await service.retrieveHold(results.fulfilled[0].hold.id)).status).toBe("EXPIRED")
    const [{ n }] = await sql(url(), `SELECT count(*)::int AS n FROM resource_occupancy WHERE resource_id = $1 AND live`, [resource.id])
    expect(n).toBe(3)
  })

  it("a slot answer is used again only while nothing it reads has changed: another process's hold, a lapse, the resource's row", async () => {
    const resource = await guide({ buffer_after_minutes: 0 })
    const date = day(6)
    const search = () => service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: day(5), to: day(7), duration_minutes: 60 })
    const startsOn = (answer: Awaited<ReturnType<typeof search>>) => answer.dates.find((d) => d.date === date)!.slots.map((slot) => slot.start_time)
    const first = await search()
    // Nothing changed: the kept answer itself (no slot statement ran).
    expect(await search()).toBe(first)
    expect(startsOn(first)).toContain("10:00")

    // A hold made by another server process: seen on the next read here.
    const { other } = await inModuleProcess(
      url(),
      [{ method: "createHold", input: { resource_id: resource.id, appointment: { date, start_time: "10:00", duration_minutes: 60 }, quantity: 1, customer_email: email } }],
      async () => null,
      { parallel: 1, options: { timezone: ZONE } }
    )
    expect(other[0]).toMatchObject({ ok: true })
    const held = await search()
    expect(held).not.toBe(first)
    expect(startsOn(held)).not.toContain("10:00")
    expect(await search()).toBe(held)

    // A lapse is no write: the kept answer ends at the hold's expires_at.
    const holdId = (other[0] as any).value.hold.id
    await sql(url(), `UPDATE resource_hold SET expires_at = now() + interval '1500 milliseconds' WHERE id = $1`, [holdId])
    expect(startsOn(await search())).not.toContain("10:00")
    await new Promise((resolve) => setTimeout(resolve, 1700))
    expect(startsOn(await search())).toContain("10:00")

    // The resource's own row changed behind the module's back (psql): its hours.
    await sql(url(), `UPDATE resource SET appointment = jsonb_set(appointment, '{working_hours}', $2::jsonb) WHERE id = $1`, [
      resource.id,
      JSON.stringify(Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["12:00", "14:00"]]]))),
    ])
    expect(startsOn(await search())).toEqual(["12:00", "12:30", "13:00"])
    // The version is the triggers' row of the resource.
    const [{ n }] = await sql(url(), `SELECT count(*)::int AS n FROM resource_read_stamp WHERE id = $1`, [resource.id])
    expect(n).toBe(1)
  })

  it("the 2027 clock changes: three real hours and three 60-minute slots in spring, first occurrence in autumn", async () => {
    const resource = await guide({ working_hours: { "0": [["01:00", "05:00"]] }, slot_minutes: 60, min_duration_minutes: 60, buffer_after_minutes: 0 })
    const spring = (await service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: "2027-03-28", to: "2027-03-28", duration_minutes: 60 }))
      .dates[0].slots
    expect(spring.map((s) => [s.start_time, s.starts_at, s.ends_at])).toEqual([
      ["01:00", "2027-03-28T01:00:00+01:00", "2027-03-28T03:00:00+02:00"],
      ["03:00", "2027-03-28T03:00:00+02:00", "2027-03-28T04:00:00+02:00"],
      ["04:00", "2027-03-28T04:00:00+02:00", "2027-03-28T05:00:00+02:00"],
    ])
    const autumn = (await service.getSlots({ items: [{ resource_id: resource.id, units: 1 }], from: "2027-10-31", to: "2027-10-31", duration_minutes: 60 }))
      .dates[0].slots
    expect(autumn.map((s) => [s.start_time, s.starts_at])).toEqual([
      ["01:00", "2027-10-31T01:00:00+02:00"],
      ["02:00", "2027-10-31T02:00:00+02:00"],
      ["03:00", "2027-10-31T03:00:00+01:00"],
      ["04:00", "2027-10-31T04:00:00+01:00"],
    ])
    const { hold } = await book(resource.id, "2027-10-31", "02:00", 120)
    expect([hold.starts_at, hold.ends_at]).toEqual(["2027-10-31T02:00:00+02:00", "2027-10-31T03:00:00+01:00"])
    await expect(book(resource.id, "2027-03-28", "02:00")).rejects.toThrow(/not a start on the grid/)
  })

  it("date exceptions change or close a date's hours; blackouts close it; confirm, cancel and the waitlist move the range", async () => {
    const resource = await guide()
    const date = day(9)
    await service.setHoursException({ resource_id: resource.id, date, hours: [["13:00", "15:00"]] })
    expect(await slotsOn(resource.id, date)).toEqual(["13:00", "13:30", "14:00"])
    expect((await service.listHours({ resource_id: resource.id, from: date, to: addDays(date, 1) })).map((d) => [d.hours, d.is_exception])).toEqual([
      [[["13:00", "15:00"]], true],
      [[["09:00", "17:00"]], false],
    ])
    await service.setHoursException({ resource_id: resource.id, date, hours: [] })
    expect(await slotsOn(resource.id, date)).toEqual([])
    await service.setHoursException({ resource_id: resource.id, date, hours: null })
    expect(await slotsOn(resource.id, date)).toHaveLength(15)
    await expect(service.setHoursException({ resource_id: resource.id, date, hours: [["15:00", "13:00"]] as any })).rejects.toThrow(/before it starts/)

    const first = await book(resource.id, date, "09:00", 120)
    const entry = await service.createWaitlistEntry({
      resource_id: resource.id,
      items: [{ resource_id: resource.id, quantity: 1 }],
      appointment: { date, start_time: "10:00", duration_minutes: 60 },
      quantity: 1,
      customer_email: "wait@example.com",
    })
    expect(entry).toMatchObject({ status: "WAITING", appointment: { date, start_time: "10:00", duration_minutes: 60 } })
    await expect(
      service.createWaitlistEntry({
        resource_id: resource.id,
        items: [{ resource_id: resource.id, quantity: 1 }],
        appointment: { date, start_time: "14:00", duration_minutes: 60 },
        quantity: 1,
        customer_email: "wait@example.com",
      })
    ).rejects.toThrow(/book it instead/)
    await service.releaseHold(first.hold.id)
    const offers = await service.offerWaitlist([resource.id])
    expect(offers).toEqual([expect.objectContaining({ entry_id: entry.id, status: "OFFERED" })])
    const offered = await service.retrieveWaitlistEntry(entry.id)
    const [offerHold] = await service.listHoldGroups(offered.resource_hold_ids)
    expect(offerHold).toMatchObject({ channel: "waitlist", appointment: { start_time: "10:00" } })

    const { allocation } = await service.confirmHold({ hold_id: offerHold.id, order_id: "order_a", line_item_id: "line_a" })
    expect(allocation).toMatchObject({ appointment: { date, start_time: "10:00", duration_minutes: 60 }, starts_at: expect.stringContaining("T10:00:00") })
    const manifest = await service.getManifest({ resource_id: resource.id, date })
    expect(manifest.units![0].bookings).toEqual([
      expect.objectContaining({ allocation_id: allocation.id, order_id: "order_a", status: "ALLOCATED", starts_at: expect.stringContaining("T10:00:00") }),
    ])
    expect(await slotsOn(resource.id, date)).not.toContain("10:00")
    await service.cancelAllocation({ allocation_id: allocation.id, restore_capacity: true })
    expect(await slotsOn(resource.id, date)).toContain("10:00")
    const audit = await sql(url(), `SELECT change_reason FROM resource_capacity_audit WHERE resource_id = $1 ORDER BY changed_at, id`, [resource.id])
    expect(audit.map((row) => row.change_reason)).toEqual(["HOLD", "RELEASE", "HOLD", "CANCEL"])

    await service.createBlackout({ resource_id: resource.id, start_date: date, end_date: date })
    expect(await slotsOn(resource.id, date)).toEqual([])
    await expect(book(resource.id, date, "12:00")).rejects.toThrow(/blacked out/)
    await assertLedgerInvariants(url(), resource.id)
  })

  it("a variant's slots are the starts where every resource is free (a room and a guide together)", async () => {
    const room = await guide({ units: 2, buffer_after_minutes: 0 })
    const person = await guide({ buffer_after_minutes: 0 })
    const date = day(10)
    await book(person.id, date, "10:00")
    const both = await service.getSlots({
      items: [
        { resource_id: room.id, units: 1 },
        { resource_id: person.id, units: 1 },
      ],
      from: date,
      to: date,
      duration_minutes: 60,
    })
    const starts = both.dates[0].slots.map((s) => s.start_time)
    expect(starts).not.toContain("09:30")
    expect(starts).not.toContain("10:00")
    expect(starts).not.toContain("10:30")
    expect(starts).toContain("11:00")
    const group = await service.createHoldGroup({
      items: [
        { resource_id: room.id, quantity: 1 },
        { resource_id: person.id, quantity: 1 },
      ],
      appointment: { date, start_time: "11:00", duration_minutes: 60 },
      customer_email: email,
    })
    expect(group.holds).toHaveLength(2)
    await expect(
      service.createHoldGroup({
        items: [
          { resource_id: room.id, quantity: 1 },
          { resource_id: person.id, quantity: 1 },
        ],
        appointment: { date, start_time: "10:00", duration_minutes: 60 },
        customer_email: email,
      })
    ).rejects.toThrow(new RegExp(person.id))
    // Nothing of the refused group was taken on the room.
    const [{ n }] = await sql(url(), `SELECT count(*)::int AS n FROM resource_occupancy WHERE resource_id = $1 AND live`, [room.id])
    expect(n).toBe(1)
  })
}, { timezone: ZONE })
