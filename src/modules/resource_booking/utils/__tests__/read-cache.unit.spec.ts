import { StampedReadCache, versionsOf } from "../../read-cache"

const stamp = (s: string, validInMs = 60_000) => ({ stamp: s, checked_at: new Date(), valid_until: new Date(Date.now() + validInMs) })

describe("read stamps (read-cache.ts)", () => {
  it("picks the versions of some ids from a stamp read for more, in one order, with the database's oid", () => {
    const read = stamp("@db:41,prices:3,res_b:7,res_a:2,variant-links:0")
    expect(versionsOf(read, ["res_b", "res_a"])).toBe("@db:41,res_a:2,res_b:7")
    expect(versionsOf(stamp("@db:41,res_a:2,res_b:7"), ["res_a", "res_b"])).toBe(versionsOf(read, ["res_a", "res_b"]))
    expect(versionsOf(read, ["res_c"])).toBeNull()
    // A database recreated from a template starts its versions again: its oid differs.
    expect(versionsOf(stamp("@db:42,res_a:2"), ["res_a"])).not.toBe(versionsOf(read, ["res_a"]))
  })

  it("keeps an answer while the versions hold, computes once for concurrent misses, and again after a change or its end", async () => {
    const cache = new StampedReadCache<number>()
    let computed = 0
    const compute = async () => {
      computed++
      await new Promise((resolve) => setTimeout(resolve, 20))
      return computed
    }
    let current = stamp("@db:1,res_a:1")
    const read = () => cache.read(async () => current, ["res_a"], "k", compute)
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1])
    expect(computed).toBe(1)
    expect(await read()).toBe(1)
    current = stamp("@db:1,res_a:2")
    expect(await read()).toBe(2)
    // PostgreSQL's clock past the kept answer's end (the next whole minute, or a lapse).
    current = { ...stamp("@db:1,res_a:2"), checked_at: new Date(Date.now() + 120_000) }
    expect(await read()).toBe(3)
  })
})
