import { addDays, countDatesInclusive, datesInRange, isCalendarDate, todayIn, weekdayOf } from "../dates"
import { toPgArray } from "../../repositories/sql"
import { DEFAULT_OPTIONS, resolveOptions } from "../../options"

describe("calendar dates", () => {
  it("accepts real dates only", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true)
    for (const bad of ["2027-02-29", "2027-02-30", "2027-13-01", "2027-1-01", "27-01-01", "2027-01-01T00:00:00Z", "", null, 20270101]) {
      expect(isCalendarDate(bad)).toBe(false)
    }
  })

  it("walks ranges across month, year and DST boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01")
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28")
    expect(datesInRange("2026-10-03", "2026-10-05")).toEqual(["2026-10-03", "2026-10-04", "2026-10-05"])
    expect(datesInRange("2026-03-28", "2026-03-30")).toHaveLength(3)
    expect(countDatesInclusive("2026-01-01", "2026-12-31")).toBe(365)
    expect(countDatesInclusive("2026-01-02", "2026-01-01")).toBe(0)
    expect(weekdayOf("2026-11-22")).toBe(0)
  })

  it("computes today in the module's time zone, not the server's", () => {
    const instant = new Date("2026-11-22T15:30:00Z")
    expect(todayIn("Australia/Brisbane", instant)).toBe("2026-11-23")
    expect(todayIn("America/Los_Angeles", instant)).toBe("2026-11-22")
  })
})

describe("helpers", () => {
  it("encodes PostgreSQL array literals with quoting", () => {
    expect(toPgArray(["2026-01-01", "2026-01-02"])).toBe('{"2026-01-01","2026-01-02"}')
    expect(toPgArray(['a"b', "c\\d"])).toBe('{"a\\"b","c\\\\d"}')
    expect(toPgArray([])).toBe("{}")
  })
})

describe("module options", () => {
  it("fills defaults and ignores keys Medusa adds", () => {
    expect(resolveOptions({ database: {} } as any)).toEqual(DEFAULT_OPTIONS)
    expect(DEFAULT_OPTIONS).toMatchObject({ holdTtlMinutes: 30, timezone: "Australia/Brisbane", maxHoldLifetimeMinutes: 120 })
    expect(resolveOptions({ holdTtlMinutes: 0.05 }).holdTtlMinutes).toBe(0.05)
  })

  it("names every bad option", () => {
    expect(() => resolveOptions({ holdTtlMinutes: -1, timezone: "Mars/Olympus" } as any)).toThrow(
      /holdTtlMinutes.*timezone|timezone.*holdTtlMinutes/
    )
    expect(() => resolveOptions({ maxDatesPerHold: 1.5 } as any)).toThrow(/maxDatesPerHold/)
  })
})
