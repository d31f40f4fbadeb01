import { currencyPrecision, octoPricingOf, wantsPricing } from "../pricing"

describe("OCTo pricing helpers", () => {
  it("reads octo/pricing from the Octo-Capabilities header (a comma list, any case), and nothing else", () => {
    expect(wantsPricing({ "octo-capabilities": "octo/pricing" })).toBe(true)
    expect(wantsPricing({ "octo-capabilities": "octo/content, OCTO/Pricing" })).toBe(true)
    expect(wantsPricing({ "octo-capabilities": ["octo/content", "octo/pricing"] })).toBe(true)
    expect(wantsPricing({ "octo-capabilities": "octo/pricingx" })).toBe(false)
    expect(wantsPricing({ "octo-capabilities": "" })).toBe(false)
    expect(wantsPricing({})).toBe(false)
    expect(wantsPricing(undefined)).toBe(false)
  })

  it("gives amounts as integers in the currency's minor unit", () => {
    expect(currencyPrecision("eur")).toBe(2)
    expect(currencyPrecision("JPY")).toBe(0)
    expect(octoPricingOf(60.5, "aud")).toEqual({
      original: 6050,
      retail: 6050,
      net: null,
      currency: "AUD",
      currencyPrecision: 2,
      includedTaxes: [],
    })
    expect(octoPricingOf(0.1 + 0.2, "eur").retail).toBe(30)
    expect(octoPricingOf(4500, "jpy")).toMatchObject({ retail: 4500, currencyPrecision: 0 })
  })
})
