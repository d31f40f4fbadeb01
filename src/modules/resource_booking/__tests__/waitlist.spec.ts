import { spawn } from "child_process"
import { MedusaError } from "@medusajs/framework/utils"
import { assertLedgerInvariants, day, describeModule, makeResource, sql } from "./helpers"

jest.setTimeout(180_000)

/** Runs `statement` `times` times, `parallel` at once, in a separate Node process with its own connections. */
function inOtherProcess(url: string, statement: string, params: unknown[], times: number, parallel = 4): Promise<void> {
  const script = `
    const { Pool } = require("pg")
    const pool = new Pool({ connectionString: process.env.URL, max: ${parallel} })
    const params = JSON.parse(process.env.PARAMS)
    let left = ${times}
    const loop = async () => { while (left-- > 0) await pool.query(process.env.SQL, params) }
    Promise.all(Array.from({ length: ${parallel} }, loop)).then(() => pool.end(), (e) => { console.error(e); process.exit(1) })
  `
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], {
      env: { ...process.env, URL: url, SQL: statement, PARAMS: JSON.stringify(params) },
      stdio: ["ignore", "inherit", "inherit"],
    })
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`child exited ${code}`))))
  })
}

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl
  const email = "wait@example.com"

  async function soldOut(capacity: number, date = day(3)) {
    const resource = await makeResource(service)
    await service.setCapacity({ resource_id: resource.id, from: date, to: date, max_capacity: capacity })
    const { hold } = await service.createHold({ resource_id: resource.id, dates: [date], quantity: capacity, customer_email: email })
    return { resource, hold }
  }

  const join = (resourceId: string, quantity: number, who: string, dates = [day(3)]) =>
    service.createWaitlistEntry({
      resource_id: resourceId,
      items: [{ resource_id: resourceId, quantity }],
      dates,
      quantity,
      customer_email: `${who}@example.com`,
    })

  it("offers first fit in the order entries were made: E2 for 1 unit (E1 passed over), then E1 before E3", async () => {
    const { resource, hold } = await soldOut(5)
    const e1 = await join(resource.id, 3, "e1")
    const e2 = await join(resource.id, 1, "e2")
    const e3 = await join(resource.id, 1, "e3")
    expect([e1, e2, e3].map((e) => [e.status, e.position])).toEqual([["WAITING", 1], ["WAITING", 2], ["WAITING", 3]])

    // 1 unit frees: the hold of 5 ends and another customer holds 4.
    await service.releaseHold(hold.id)
    await service.createHold({ resource_id: resource.id, dates: [day(3)], quantity: 4, customer_email: email })
    const first = await service.offerWaitlist([resource.id])
    expect(first.map((o) => [o.entry_id, o.status])).toEqual([[e2.id, "OFFERED"]])
    const offered = await service.retrieveWaitlistEntry(e2.id)
    expect(offered).toMatchObject({ status: "OFFERED", position: null })
    expect(offered.resource_hold_ids).toHaveLength(1)
    expect((await service.retrieveWaitlistEntry(e3.id)).position).toBe(2)

    // 3 more units free: E1 (3) fits before E3.
    await service.setCapacity({ resource_id: resource.id, from: day(3), to: day(3), max_capacity: 8 })
    const second = await service.offerWaitlist([resource.id])
    expect(second.map((o) => [o.entry_id, o.status])).toEqual([[e1.id, "OFFERED"]])
    expect((await service.retrieveWaitlistEntry(e3.id)).status).toBe("WAITING")
    await assertLedgerInvariants(url(), resource.id)
  })

  it("passes a lapsed offer to the next fitting entry, and records a fulfilled one", async () => {
    const { resource, hold } = await soldOut(1)
    const a = await join(resource.id, 1, "a")
    const b = await join(resource.id, 1, "b")
    await service.releaseHold(hold.id)
    await service.offerWaitlist([resource.id])
    const offerA = await service.retrieveWaitlistEntry(a.id)
    expect(offerA.status).toBe("OFFERED")
    expect(new Date(offerA.offer_expires_at!).getTime()).toBeGreaterThan(Date.now())
    await sql(url(), `UPDATE resource_hold SET expires_at = now() - interval '1 second' WHERE id = $1`, [offerA.resource_hold_ids[0]])
    expect((await service.retrieveWaitlistEntry(a.id)).status).toBe("OFFER_EXPIRED")
    const moved = await service.offerWaitlist([resource.id])
    expect(moved.map((o) => [o.entry_id, o.status])).toEqual([[a.id, "OFFER_EXPIRED"], [b.id, "OFFERED"]])
    const offerB = await service.retrieveWaitlistEntry(b.id)
    await service.confirmHold({ hold_id: offerB.resource_hold_ids[0], order_id: "order_w", line_item_id: "li_w" })
    expect((await service.offerWaitlist([resource.id])).map((o) => [o.entry_id, o.status])).toEqual([[b.id, "FULFILLED"]])
    await assertLedgerInvariants(url(), resource.id)
  })

  it("refuses an entry that could be held now, one past the cutoff, and a broken rule; leaving gives an offer back", async () => {
    const resource = await makeResource(service)
    await service.setCapacity({ resource_id: resource.id, from: day(1), to: day(2), max_capacity: 2 })
    const now = await join(resource.id, 1, "now", [day(1)]).catch((e) => e)
    expect([now.type, now.message]).toEqual([MedusaError.Types.CONFLICT, expect.stringContaining("book them instead")])
    await service.updateResources({ id: resource.id, booking_rules: { min_dates: 2 } } as any)
    const rule = await join(resource.id, 3, "rule", [day(1)]).catch((e) => e)
    expect([rule.type, rule.message]).toEqual([MedusaError.Types.INVALID_DATA, expect.stringContaining("booking_rules.min_dates")])
    await service.updateResources({ id: resource.id, booking_rules: { cutoff: { days_before: 0, time: "00:00" } } } as any)
    await service.setCapacity({ resource_id: resource.id, from: day(0), to: day(0), max_capacity: 0 })
    const late = await join(resource.id, 1, "late", [day(0)]).catch((e) => e)
    expect([late.type, late.message]).toEqual([MedusaError.Types.CONFLICT, expect.stringContaining(day(0))])

    await service.updateResources({ id: resource.id, booking_rules: null } as any)
    const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(2)], quantity: 2, customer_email: email })
    const entry = await join(resource.id, 2, "leaver", [day(2)])
    await service.releaseHold(hold.id)
    await service.offerWaitlist([resource.id])
    const left = await service.endWaitlistEntry({ id: entry.id, status: "LEFT" })
    expect(left).toMatchObject({ changed: true, entry: { status: "LEFT" } })
    const [{ status }] = await sql(url(), `SELECT status FROM resource_hold WHERE id = $1`, [left.entry.resource_hold_ids[0]])
    expect(status).toBe("RELEASED")
    expect((await service.endWaitlistEntry({ id: entry.id, status: "LEFT" })).changed).toBe(false)
    await assertLedgerInvariants(url(), resource.id)
  })

  it("two processes freeing capacity and offering at once: no unit offered twice, no entry with two offers", async () => {
    const resource = await makeResource(service)
    await service.setCapacity({ resource_id: resource.id, from: day(4), to: day(5), max_capacity: 20 })
    const holds = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.createHold({ resource_id: resource.id, dates: [day(4), day(5)], quantity: 1, customer_email: `h${i}@example.com` })
      )
    )
    const entries: any[] = []
    for (let i = 0; i < 30; i++) entries.push(await join(resource.id, 1 + (i % 2), `w${i}`, [day(4), day(5)]))
    const offer = `SELECT * FROM resource_booking_offer_waitlist($1::text[], 86400, 'Australia/Brisbane')`
    await Promise.all([
      inOtherProcess(url(), offer, [[resource.id]], 40),
      ...holds.map(({ hold }) => service.releaseHold(hold.id).then(() => service.offerWaitlist([resource.id]))),
    ])
    await service.offerWaitlist([resource.id])

    const offers = await sql(
      url(),
      `SELECT w.id, w.quantity, count(h.id)::int AS holds, sum(h.quantity)::int AS held
       FROM resource_waitlist_entry w JOIN resource_hold h ON h.idempotency_token = 'waitlist:' || w.id
       WHERE w.resource_id = $1 GROUP BY w.id, w.quantity`,
      [resource.id]
    )
    for (const row of offers) expect([row.holds, row.held]).toEqual([1, row.quantity])
    const byStatus = await sql(url(), `SELECT status, count(*)::int AS n, sum(quantity)::int AS q FROM resource_waitlist_entry WHERE resource_id = $1 GROUP BY status`, [resource.id])
    const offeredUnits = byStatus.find((r) => r.status === "OFFERED")?.q ?? 0
    expect(offeredUnits).toBeLessThanOrEqual(20)
    // Every freed unit was offered (there are more entries of 1 than units), and none twice.
    expect(offeredUnits).toBe(20)
    const [{ available }] = await sql(url(), `SELECT sum(available_capacity)::int AS available FROM resource_capacity WHERE resource_id = $1`, [resource.id])
    expect(available).toBe(0)
    await assertLedgerInvariants(url(), resource.id)
  })
})
