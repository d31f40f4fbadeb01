import { assertLedgerInvariants, day, describeModule, makeResource, settle, sql, withClient } from "./helpers"

jest.setTimeout(180_000)

/**
 * Retention (contract "Scale and operations"; option `retention`): finished
 * holds and audit rows older than the option move to archive tables, never a
 * hold an allocation, a waitlist offer or an OCTo reservation still needs,
 * and a run beside live traffic waits on nothing and breaks no invariant.
 */
describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl

  /** Moves rows' clocks back without the updated_at trigger (what time would have done). */
  async function age(table: string, column: string, ids: string[], days: number) {
    await withClient(url(), async (client) => {
      await client.query(`SET session_replication_role = replica`)
      await client.query(`UPDATE ${table} SET ${column} = ${column} - $2 * interval '1 day' WHERE id = ANY($1)`, [ids, days])
    })
  }

  it("moves old finished holds and old audit rows to the archive, keeps what anything still needs, beside live traffic", async () => {
    const resource = await makeResource(service, { type: "TOUR" })
    await service.setCapacity({ resource_id: resource.id, from: day(2), to: day(9), max_capacity: 100 })
    const make = async (email: string, channel?: string) =>
      (await service.createHoldGroup({ items: [{ resource_id: resource.id, quantity: 1 }], dates: [day(3)], customer_email: email, channel } as any))
        .holds[0]
    const releasedOld = await make("old@example.com")
    const releasedNew = await make("new@example.com")
    const confirmed = await make("paid@example.com")
    const octo = await make("reseller@example.com", "octo")
    const live = await make("live@example.com")
    for (const hold of [releasedOld, releasedNew, octo]) await service.releaseHold(hold.id)
    await service.confirmHold({ hold_id: confirmed.id, order_id: "order_r", line_item_id: "line_r" })
    // A waitlist offer's hold, released long ago: its entry still names it.
    await service.createHold({ resource_id: resource.id, dates: [day(4)], quantity: 100, customer_email: "fill@example.com" })
    const entry = await service.createWaitlistEntry({
      resource_id: resource.id,
      items: [{ resource_id: resource.id, quantity: 1 }],
      dates: [day(4)],
      quantity: 1,
      customer_email: "wait@example.com",
    })
    const [fill] = (await service.listHolds({ customer_email: "fill@example.com" }))[0]
    await service.releaseHold(fill.id)
    await service.offerWaitlist([resource.id])
    const offered = await service.retrieveWaitlistEntry(entry.id)
    await service.releaseHold(offered.resource_hold_ids[0])

    await age("resource_hold", "updated_at", [releasedOld.id, confirmed.id, octo.id, offered.resource_hold_ids[0], fill.id], 40)
    const audit = await sql(url(), `SELECT id FROM resource_capacity_audit WHERE resource_id = $1 ORDER BY changed_at LIMIT 3`, [resource.id])
    await age("resource_capacity_audit", "changed_at", audit.map((row) => row.id), 90)
    const auditBefore = (await sql(url(), `SELECT count(*)::int AS n FROM resource_capacity_audit WHERE resource_id = $1`, [resource.id]))[0].n

    // Live traffic on the same resource while retention runs (one row at a time, to interleave).
    const traffic = settle(
      Array.from({ length: 40 }, async (_, i) => {
        const { hold } = await service.createHold({ resource_id: resource.id, dates: [day(5 + (i % 3))], quantity: 1, customer_email: `t${i}@example.com` })
        if (i % 2) await service.releaseHold(hold.id)
        return hold
      })
    )
    const moved = await (service as any).archiveHistory({ batchSize: 1 })
    const { rejected } = await traffic
    expect(rejected).toEqual([])

    // What moved: the old released hold (and the fill hold), and the three old audit rows.
    expect(moved).toEqual({ holds: 2, audit: 3 })
    const left = (await sql(url(), `SELECT id FROM resource_hold WHERE id = ANY($1)`, [
      [releasedOld.id, releasedNew.id, confirmed.id, octo.id, live.id, offered.resource_hold_ids[0], fill.id],
    ])).map((row) => row.id)
    expect(left.sort()).toEqual([releasedNew.id, confirmed.id, octo.id, live.id, offered.resource_hold_ids[0]].sort())
    const archived = await sql(url(), `SELECT id, status, customer_email, archived_at IS NOT NULL AS stamped FROM resource_hold_archive ORDER BY customer_email`)
    expect(archived).toEqual([
      { id: fill.id, status: "RELEASED", customer_email: "fill@example.com", stamped: true },
      { id: releasedOld.id, status: "RELEASED", customer_email: "old@example.com", stamped: true },
    ])
    const auditAfter = (await sql(url(), `SELECT count(*)::int AS n FROM resource_capacity_audit WHERE id = ANY($1)`, [audit.map((r) => r.id)]))[0].n
    expect(auditAfter).toBe(0)
    expect((await sql(url(), `SELECT count(*)::int AS n FROM resource_capacity_audit_archive WHERE id = ANY($1)`, [audit.map((r) => r.id)]))[0].n).toBe(3)
    expect((await sql(url(), `SELECT count(*)::int AS n FROM resource_capacity_audit WHERE resource_id = $1`, [resource.id]))[0].n).toBeGreaterThan(
      auditBefore - 3
    )
    // A second run finds nothing more; capacity and the live holds are as they were.
    expect(await (service as any).archiveHistory({ batchSize: 100 })).toEqual({ holds: 0, audit: 0 })
    await assertLedgerInvariants(url(), resource.id)
  })
}, { retention: { finishedHoldsDays: 30, auditDays: 60 } })
