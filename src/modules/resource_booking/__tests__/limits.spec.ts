import { day, describeModule, inModuleProcess, makeResource, settle, sql } from "./helpers"

jest.setTimeout(240_000)

/**
 * No hoarding (contract "Scale and operations"; reliability R14): one
 * customer, one cart or one reseller key keeps at most its limit of live
 * holds, decided by the ledger under a lock on the customer's (client's) key,
 * so it holds across server processes.
 */
const LIMITS = { maxActiveHoldsPerCustomer: 2, maxActiveHoldsPerClient: 2, maxActiveHoldsPerResellerKey: 3 }

describeModule(({ service, dbConfig }) => {
  const url = () => dbConfig.clientUrl

  async function resources(count: number) {
    const list = []
    for (let i = 0; i < count; i++) {
      const resource = await makeResource(service, { type: "TOUR" })
      await service.setCapacity({ resource_id: resource.id, from: day(3), to: day(6), max_capacity: 1000 })
      list.push(resource)
    }
    return list
  }

  /** The most holds of these that were live at one instant (by created_at .. expires_at, or until they ended). */
  async function mostLiveAtOnce(where: string, params: unknown[]): Promise<number> {
    const [row] = await sql(
      url(),
      `WITH g AS (
         SELECT group_id, min(created_at) AS a,
                min(CASE WHEN status IN ('RELEASED', 'CONFIRMED') THEN least(updated_at, expires_at) ELSE expires_at END) AS b
         FROM resource_hold WHERE ${where} GROUP BY group_id
       )
       SELECT coalesce(max((SELECT count(*) FROM g o WHERE o.a <= g.a AND o.b > g.a)), 0)::int AS most FROM g`,
      params
    )
    return row.most
  }

  it("a customer who holds, lets lapse and holds again in a loop on two processes never keeps more than the limit; another customer still books", async () => {
    const list = await resources(4)
    const email = "hoarder@example.com"
    const call = (i: number) => ({
      method: "createHoldGroup",
      input: {
        items: [{ resource_id: list[i % list.length].id, quantity: 1 }],
        dates: [day(3 + (i % 3))],
        customer_email: email,
        ttl_minutes: 0.01,
      },
    })
    const attempts = 500
    const { other, here } = await inModuleProcess(
      url(),
      Array.from({ length: attempts }, (_, i) => call(i)),
      async () => {
        // Three at a time, for three seconds: holds lapse after 0.6 s and the customer holds again.
        const results = []
        const until = Date.now() + 3000
        for (let round = 0; Date.now() < until; round++) {
          results.push(...(await Promise.allSettled([0, 1, 2].map((k) => service.createHoldGroup(call(round * 3 + k).input as any)))))
        }
        return results
      },
      { parallel: 2, options: LIMITS }
    )
    const made = other.filter((r) => r.ok).length + here.filter((r) => r.status === "fulfilled").length
    const limited = [...other.filter((r) => !r.ok).map((r) => r.error), ...here.filter((r) => r.status === "rejected").map((r: any) => r.reason.message)]
    expect(made).toBeGreaterThan(4) // holds lapse (0.6 s) and the customer holds again
    expect(limited.length).toBeGreaterThan(0)
    expect(limited.every((message) => /Too many active holds: this customer email already keeps 2 live holds/.test(message))).toBe(true)
    expect(await mostLiveAtOnce("lower(customer_email) = $1", [email])).toBeLessThanOrEqual(2)
    const other_ = await service.createHold({ resource_id: list[0].id, dates: [day(3)], quantity: 1, customer_email: "someone@example.com" })
    expect(other_.created).toBe(true)
  })

  it("a cart keeps at most its limit (whatever emails it gives), a reseller key its own; waitlist offers do not count against the customer", async () => {
    const [resource] = await resources(1)
    const byCart = await settle(
      Array.from({ length: 6 }, (_, i) =>
        service.createHoldGroup({
          items: [{ resource_id: resource.id, quantity: 1 }],
          dates: [day(4)],
          customer_email: `c${i}@example.com`,
          client_keys: ["cart:cart_A"],
        } as any)
      )
    )
    expect(byCart.fulfilled).toHaveLength(2)
    expect(byCart.rejected.every((e) => /this cart already keeps 2/.test(e.message))).toBe(true)
    const byKey = await settle(
      Array.from({ length: 6 }, (_, i) =>
        service.createHoldGroup({
          items: [{ resource_id: resource.id, quantity: 1 }],
          dates: [day(5)],
          customer_email: `o${i}@example.com`,
          channel: "octo",
          client_keys: ["octo:orkey_1"],
        } as any)
      )
    )
    expect(byKey.fulfilled).toHaveLength(3)
    // A replay of a token already held is answered, not limited.
    const first = byCart.fulfilled[0] as any
    const [{ idempotency_token }] = await sql(url(), `SELECT idempotency_token FROM resource_hold WHERE id = $1`, [first.holds[0].id])
    const replay = await service.createHoldGroup({
      items: [{ resource_id: resource.id, quantity: 1 }],
      dates: [day(4)],
      customer_email: first.holds[0].customer_email,
      idempotency_token,
      client_keys: ["cart:cart_A"],
    } as any)
    expect(replay.created).toBe(false)
  })
}, LIMITS)
