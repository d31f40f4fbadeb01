import { StoreClient } from "../api"

describe("widget store client", () => {
  const realFetch = global.fetch
  afterEach(() => {
    global.fetch = realFetch
  })

  it("says every request comes from the widget, so its holds record channel widget", async () => {
    const calls: { url: string; init: any }[] = []
    global.fetch = (async (url: string, init: any) => {
      calls.push({ url, init })
      return { ok: true, status: 201, json: async () => ({ resource_hold: { id: "rhold_1" } }) }
    }) as any
    const client = new StoreClient("https://shop.example/", "pk_test")
    await client.request("POST", "/store/resource-holds", "holding the dates", { resource_id: "res_1" })
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toBe("https://shop.example/store/resource-holds")
    expect(calls[0].init.headers).toMatchObject({ "x-publishable-api-key": "pk_test", "x-resource-booking-channel": "widget" })
  })
})
