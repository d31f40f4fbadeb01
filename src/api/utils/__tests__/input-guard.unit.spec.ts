import { generateEntityId } from "@medusajs/framework/utils"
import { ID_PREFIXES, IdKind, isIdOf } from "../../../modules/resource_booking/constants"
import { unguessableId } from "../../../modules/resource_booking/utils/ids"
import { badCharacters, findBadString, inspectRequest } from "../input-guard"

const request = (url: string, body?: unknown, headers: Record<string, string> = {}) => ({ originalUrl: url, body, headers }) as any

describe("input guard", () => {
  it("finds NUL and unpaired surrogates, not paired ones", () => {
    expect(badCharacters("plain")).toBeNull()
    expect(badCharacters("🚙 a paired surrogate")).toBeNull()
    expect(badCharacters("a\u0000b")).toMatch(/NUL/)
    for (const lone of ["\ud800", "x\udbff", "\udc00y", "a\udfffb", "\ud800\ud800\udc00"]) expect(badCharacters(lone)).toMatch(/surrogate/)
  })

  it("names the field as a client writes it", () => {
    expect(findBadString({ resource_id: "res_1\ud800" })).toEqual({ field: "resource_id", problem: expect.stringMatching(/surrogate/) })
    expect(findBadString({ departures: [{ date: "2027-01-01", start_time: "07:00\u0000" }] })?.field).toBe("departures[0].start_time")
    expect(findBadString({ metadata: { ["k\ud800"]: 1 } })?.field).toBe('metadata key "k\\ud800"')
    expect(findBadString({ a: [1, true, null, { b: "ok" }] })).toBeNull()
  })

  it("refuses hostile query strings and paths with 400, and malformed path ids with 404", () => {
    expect(inspectRequest(request("/store/resources?from=2027-01-01%ED%A0%80"))).toMatchObject({ status: 400, field: "from" })
    expect(inspectRequest(request("/store/resources?q=a%00"))).toMatchObject({ status: 400, field: "q" })
    expect(inspectRequest(request("/store/resources/res_%00"))).toMatchObject({ status: 400, field: "path" })
    expect(inspectRequest(request("/store/resources/%E0%A4%A"))).toMatchObject({ status: 400, field: "path" })
    expect(inspectRequest(request("/store/x", {}, { "idempotency-key": "a\u0000" }))).toMatchObject({ status: 400 })
    const ids = { resources: "resource", "resource-holds": "hold" } as const
    expect(inspectRequest(request("/store/resources/res_nope/availability"), ids)).toMatchObject({ status: 404, kind: "resource", id: "res_nope" })
    const resource = generateEntityId(undefined, ID_PREFIXES.resource)
    expect(inspectRequest(request(`/store/resources/${resource}/availability?from=2027-01-01`), ids)).toBeNull()
    expect(inspectRequest(request(`/store/resource-holds/${unguessableId("hold")}/release`), ids)).toBeNull()
    // A 400 comes before a 404.
    expect(inspectRequest(request("/store/resources/res_nope", { a: "\u0000" }), ids)).toMatchObject({ status: 400, field: "a" })
  })

  it("knows the shape of every id the module and Medusa make", () => {
    for (const kind of Object.keys(ID_PREFIXES) as IdKind[]) {
      if (kind === "hold" || kind === "waitlist_entry") continue
      expect({ kind, ok: isIdOf(kind, generateEntityId(undefined, ID_PREFIXES[kind])) }).toEqual({ kind, ok: true })
    }
    expect(isIdOf("hold", unguessableId("hold"))).toBe(true)
    expect(isIdOf("hold", `rhold_${"a".repeat(40)}`)).toBe(true) // a waitlist offer's hold, made in SQL
    expect(isIdOf("waitlist_entry", unguessableId("waitlist_entry"))).toBe(true)
    expect(isIdOf("capacity", `rcap_${"0".repeat(32)}`)).toBe(true)
    for (const [kind, bad] of [["resource", "res_nope"], ["resource", `rhold_${"a".repeat(32)}`], ["hold", "rhold_XYZ"], ["variant", "variant_1"]] as const) {
      expect(isIdOf(kind, bad)).toBe(false)
    }
  })
})
