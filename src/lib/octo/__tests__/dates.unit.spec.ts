import { MedusaError } from "@medusajs/framework/utils"
import { dateOfAvailabilityId, departureOfAvailabilityId, localEndOfDay, localMidnight, startOfDate, utc } from "../dates"
import { OctoError, toOctoError } from "../errors"

describe("OCTo dates", () => {
  it("reads a START_TIME availability id: local date, start time and the id as given; anything else is not one", () => {
    expect(departureOfAvailabilityId("2027-03-28T07:00:00+02:00")).toEqual({ date: "2027-03-28", start_time: "07:00", id: "2027-03-28T07:00:00+02:00" })
    expect(departureOfAvailabilityId("2027-10-31T02:30:00+01:00")).toEqual({ date: "2027-10-31", start_time: "02:30", id: "2027-10-31T02:30:00+01:00" })
    for (const id of ["2027-02-30T07:00:00+01:00", "2027-03-28T24:00:00+02:00", "2027-03-28T07:60:00+02:00", "2027-03-28T07:00:30+02:00", "2027-03-28T07:00:00Z", "2027-03-28", 7, null]) {
      expect(departureOfAvailabilityId(id)).toBeNull()
    }
  })

  it("names a date by its local midnight with the zone's offset that day", () => {
    expect(localMidnight("2026-12-01", "Australia/Brisbane")).toBe("2026-12-01T00:00:00+10:00")
    expect(localEndOfDay("2026-12-01", "Australia/Brisbane")).toBe("2026-12-01T23:59:59+10:00")
    // New York: EST in January, EDT in July, and the DST days themselves.
    expect(localMidnight("2027-01-15", "America/New_York")).toBe("2027-01-15T00:00:00-05:00")
    expect(localMidnight("2027-07-15", "America/New_York")).toBe("2027-07-15T00:00:00-04:00")
    expect(localMidnight("2027-03-14", "America/New_York")).toBe("2027-03-14T00:00:00-05:00")
    expect(localEndOfDay("2027-03-14", "America/New_York")).toBe("2027-03-14T23:59:59-04:00")
    expect(localMidnight("2026-10-04", "Australia/Sydney")).toBe("2026-10-04T00:00:00+10:00")
    expect(localMidnight("2026-10-05", "Australia/Sydney")).toBe("2026-10-05T00:00:00+11:00")
    expect(startOfDate("2026-12-01", "Australia/Brisbane").toISOString()).toBe("2026-11-30T14:00:00.000Z")
  })

  it("reads back only its own availability ids", () => {
    expect(dateOfAvailabilityId("2026-12-01T00:00:00+10:00", "Australia/Brisbane")).toBe("2026-12-01")
    for (const id of ["2026-12-01", "2026-12-01T00:00:00+11:00", "2026-02-30T00:00:00+10:00", "x", null, 5]) {
      expect(dateOfAvailabilityId(id, "Australia/Brisbane")).toBeNull()
    }
  })

  it("formats UTC times as OCTo does (no milliseconds)", () => {
    expect(utc(new Date("2026-12-01T14:00:00.123Z"))).toBe("2026-12-01T14:00:00Z")
    expect(utc(null)).toBeNull()
  })
})

describe("OCTo errors", () => {
  it("maps the ledger's refusals and anything unexpected to 400 bodies, never a 500", () => {
    expect(toOctoError(new MedusaError(MedusaError.Types.CONFLICT, "Not enough capacity on 2026-12-01")).body()).toEqual({
      error: "UNPROCESSABLE_ENTITY",
      errorMessage: "Not enough capacity on 2026-12-01",
    })
    expect(toOctoError(new MedusaError(MedusaError.Types.INVALID_DATA, "bad")).status).toBe(400)
    expect(toOctoError(new Error("boom")).body().error).toBe("UNPROCESSABLE_ENTITY")
    expect(new OctoError("UNAUTHORIZED", "x").status).toBe(401)
    expect(new OctoError("FORBIDDEN", "x").status).toBe(403)
  })

  it("reads back an OCTo error a workflow handed back serialized (code and the id it names)", () => {
    const thrown = new OctoError("INVALID_BOOKING_UUID", "The uuid was already used, missing or invalid", { uuid: "u-1" })
    const serialized = JSON.parse(JSON.stringify({ ...thrown, name: thrown.name, message: thrown.message }))
    expect(toOctoError(serialized).body()).toEqual({
      error: "INVALID_BOOKING_UUID",
      errorMessage: "The uuid was already used, missing or invalid",
      uuid: "u-1",
    })
    expect(toOctoError(serialized).status).toBe(400)
  })
})
