import { resolveNotificationOptions, waitlistOfferLink } from "../options"

describe("resource_booking_notifications options: waitlistOfferUrl", () => {
  it("is off by default, and an empty value (an unset environment variable) is off", () => {
    expect(resolveNotificationOptions({}).waitlistOfferUrl).toBeNull()
    expect(resolveNotificationOptions({ waitlistOfferUrl: "" }).waitlistOfferUrl).toBeNull()
  })

  it("takes an http(s) URL with {entry_id}, and refuses one without it, or not a URL, naming the option", () => {
    const url = "https://shop.example/book?waitlist_entry={entry_id}"
    expect(resolveNotificationOptions({ waitlistOfferUrl: url }).waitlistOfferUrl).toBe(url)
    expect(() => resolveNotificationOptions({ waitlistOfferUrl: "https://shop.example/book" })).toThrow(/waitlistOfferUrl: must contain \{entry_id\}/)
    expect(() => resolveNotificationOptions({ waitlistOfferUrl: "shop.example/{entry_id}" })).toThrow(/waitlistOfferUrl/)
    expect(() => resolveNotificationOptions({ waitlistOfferUrl: "javascript:alert(1)//{entry_id}" })).toThrow(/waitlistOfferUrl/)
  })

  it("puts the entry id (URL-encoded) wherever {entry_id} is", () => {
    expect(waitlistOfferLink("https://shop.example/book?waitlist_entry={entry_id}", "rwait_0123abcd")).toBe(
      "https://shop.example/book?waitlist_entry=rwait_0123abcd"
    )
    expect(waitlistOfferLink("https://shop.example/w/{entry_id}?again={entry_id}", "a b&c")).toBe("https://shop.example/w/a%20b%26c?again=a%20b%26c")
    expect(waitlistOfferLink(null, "rwait_1")).toBeNull()
  })
})
