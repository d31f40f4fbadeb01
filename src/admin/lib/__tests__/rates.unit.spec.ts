import { describeRate, rateBody, rateErrorField, rateForm } from "../rates"

describe("admin rates", () => {
  const rate = {
    id: "plist_1",
    variant_id: "variant_1",
    title: "Summer weekends",
    prices: [{ currency_code: "aud", amount: 150 }],
    season: { from: "2026-12-20", to: "2027-01-31" },
    weekdays: [6, 0],
    start_time: "07:00",
    duration_minutes: null,
    created_at: null,
    updated_at: null,
  }

  it("a rate read into the form is sent back as the same rate, an empty condition as null (which clears it)", () => {
    expect(rateBody(rateForm(rate, ["aud"]))).toEqual({
      title: "Summer weekends",
      season: rate.season,
      weekdays: [0, 6],
      start_time: "07:00",
      duration_minutes: null,
      prices: [{ currency_code: "aud", amount: 150 }],
    })
  })

  it("a new rate starts with a price row in each of the variant's currencies; text that is no number goes as typed", () => {
    const form = rateForm(undefined, ["aud", "eur"])
    expect(form.prices.map((p) => p.currency_code)).toEqual(["aud", "eur"])
    const body = rateBody({ ...form, season_from: "2027-01-01", prices: [{ ...form.prices[0], amount: "1x" }] })
    expect(body.season).toEqual({ from: "2027-01-01", to: "" }) // the server names season.to
    expect(body.prices).toEqual([{ currency_code: "aud", amount: "1x" }])
    expect(body).not.toHaveProperty("title")
  })

  it("a server message naming one field goes under it; one naming several stays under the form", () => {
    expect(rateErrorField({ message: "prices[].amount must be greater than 0" })).toBe("prices")
    expect(rateErrorField({ message: "season.from must be on or before season.to" })).toBe("season")
    expect(rateErrorField({ message: "start_time must be a time HH:MM" })).toBe("start_time")
    expect(rateErrorField({ message: "duration_minutes must be at least 1" })).toBe("duration_minutes")
    expect(rateErrorField({ message: "a rate needs at least one of season, weekdays, start_time, duration_minutes" })).toBeNull()
  })

  it("says when a rate applies", () => {
    expect(describeRate(rate)).toBe("2026-12-20 – 2027-01-31 · Sun, Sat · starts 07:00")
  })
})
