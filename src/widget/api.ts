/**
 * The store API as the widget uses it: plain fetch with the publishable key,
 * errors turned into sentences (never a stack trace).
 */

/**
 * A price as the store API answers it (docs/PRICING.md): for the requested
 * quantity, in major units of its currency (130 = A$130.00); null when the
 * variant has no price in that currency.
 */
export type Price = { amount: number; currency_code: string }

/** Which prices the store reads answer: a region's (its currency and region prices) or a currency's; neither: the store's default currency. */
export type PricingContext = { region_id?: string; currency_code?: string }

export type Reason = "PAST" | "STARTED" | "CUTOFF" | "OUTSIDE_WINDOW" | "BLACKOUT" | "NO_CAPACITY" | "SOLD_OUT"

/**
 * A departure of a date, as the variant availability answers it: its local
 * start time, its instants (ISO 8601 with the shop's zone's offset at that
 * instant) and how many units of the variant it can take.
 */
export type AvailabilityDeparture = {
  start_time: string
  starts_at: string
  ends_at: string
  available_quantity: number
  is_available: boolean
  reason?: Reason
  /** This departure's price for the quantity. */
  price?: Price | null
}

export type AvailabilityDate = {
  date: string
  /** For departures: the most that one departure of the date can take. */
  available_quantity: number
  is_available: boolean
  reason?: Reason
  /** Present (possibly empty) when the variant books DEPARTURE resources: the date's departures in start order. */
  departures?: AvailabilityDeparture[]
  /** The date's price for the quantity; for departures, its lowest departure's ("from") price. */
  price?: Price | null
}

/** A departure that a hold or an allocation books. */
export type HeldDeparture = { date: string; start_time: string; starts_at: string; ends_at: string }

export type VariantAvailability = {
  variant_id: string
  from: string
  to: string
  quantity: number
  is_available: boolean
  resources: { resource_id: string; units: number }[]
  dates: AvailabilityDate[]
}

// The module's type (type-only: nothing of the server enters the bundle).
import type { AppointmentRequest, AppointmentSettings, BookingRules, WaitlistEntryDTO } from "../modules/resource_booking/types"
export type { AppointmentRequest, AppointmentSettings, BookingRules }

/** A resource as the store API answers it (what the widget reads of it). */
export type StoreResource = {
  id: string
  name: string
  booking_mode?: "DAY" | "DEPARTURE" | "APPOINTMENT"
  booking_rules?: BookingRules | null
  /** An APPOINTMENT resource's settings (working hours, grid, durations, buffers, units). */
  appointment?: Partial<AppointmentSettings> | null
}

/** A free start of an appointment: its local start time, its instants (with the shop's zone's offset) and the units free over it. */
export type Slot = { start_time: string; starts_at: string; ends_at: string; available_units: number; price?: Price | null }

export type VariantSlots = {
  variant_id: string
  from: string
  to: string
  duration_minutes: number
  quantity: number
  dates: { date: string; slots: Slot[] }[]
}

export type ResourceHold = {
  id: string
  resource_id: string
  dates: string[]
  quantity: number
  status: string
  expires_at: string
  group_id?: string
  /** A hold of departures: which ones, and the first start / last end (a hold of dates has none of these). */
  departures?: HeldDeparture[]
  /** A hold of an appointment: its date, start and duration (with `starts_at` / `ends_at`). */
  appointment?: AppointmentRequest
  starts_at?: string
  ends_at?: string
}

/** A waitlist entry as the store API answers it (the module's entry, its instants as ISO strings). */
export type WaitlistEntry = Omit<WaitlistEntryDTO, "offer_expires_at" | "created_at" | "updated_at"> & {
  offer_expires_at: string | null
  created_at: string
}

/** An API failure, already in words. `status` 0 = the server could not be reached. */
export class WidgetError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly serverMessage?: string
  ) {
    super(message)
  }
}

/** The sentence shown for a failed request. */
export function describeFailure(status: number, serverMessage: string | undefined, doing: string): string {
  const detail = serverMessage ? ` ${ensureStop(serverMessage)}` : ""
  if (status === 0) return `We could not reach the booking server while ${doing}. Check your connection and try again.`
  if (status === 409) return `That could not be done while ${doing}: it conflicts with a booking made in the meantime.${detail}`
  if (status === 400) return `The booking server refused this while ${doing}.${detail}`
  if (status === 404) return `Not found while ${doing}: it may have been removed or has lapsed.${detail}`
  if (status === 401 || status === 403) return `The shop's publishable key was refused while ${doing}.`
  if (status === 429) return `Too many requests while ${doing}. Wait a moment and try again.`
  return `The booking server had a problem (${status}) while ${doing}. Please try again.`
}

function ensureStop(s: string) {
  const t = s.trim().slice(0, 400)
  return /[.!?]$/.test(t) ? t : `${t}.`
}

/**
 * Sent on every store request: the server records the widget as the channel
 * of the holds it makes (`channel: "widget"`, docs/API.md "Channel"). A store
 * CORS preflight lets it through (Medusa's store CORS allows the headers a
 * request asks for).
 */
export const CHANNEL_HEADER = { "x-resource-booking-channel": "widget" } as const

/** The pricing context as query parameters: the region when there is one, else the currency (never both). */
export function pricingQuery(p: PricingContext): Record<string, string> {
  if (p.region_id) return { region_id: p.region_id }
  if (p.currency_code) return { currency_code: p.currency_code.toLowerCase() }
  return {}
}

export class StoreClient {
  constructor(
    readonly backendUrl: string,
    readonly publishableKey: string
  ) {}

  async request<T = any>(method: string, path: string, doing: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${this.backendUrl.replace(/\/+$/, "")}${path}`, {
        method,
        headers: {
          "x-publishable-api-key": this.publishableKey,
          ...CHANNEL_HEADER,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        credentials: "omit",
      })
    } catch (e) {
      throw new WidgetError(describeFailure(0, undefined, doing), 0)
    }
    let data: any = null
    try {
      data = await res.json()
    } catch (e) {
      data = null
    }
    if (!res.ok) {
      const serverMessage = data && typeof data.message === "string" ? data.message : undefined
      throw new WidgetError(describeFailure(res.status, serverMessage, doing), res.status, serverMessage)
    }
    return data as T
  }

  variantAvailability(variantId: string, from: string, to: string, quantity: number, pricing: PricingContext = {}) {
    const q = new URLSearchParams({ from, to, quantity: String(quantity), ...pricingQuery(pricing) })
    return this.request<{ availability: VariantAvailability }>(
      "GET",
      `/store/product-variants/${encodeURIComponent(variantId)}/resource-availability?${q}`,
      "loading availability"
    )
  }

  resource(id: string) {
    return this.request<{ resource: StoreResource }>("GET", `/store/resources/${encodeURIComponent(id)}`, "loading the booking rules")
  }

  /** The free starts of an appointment of `duration` minutes on `from`..`to` (every resource of the variant free at once). */
  variantSlots(variantId: string, from: string, to: string, duration: number, quantity: number, pricing: PricingContext = {}) {
    const q = new URLSearchParams({ from, to, duration_minutes: String(duration), quantity: String(quantity), ...pricingQuery(pricing) })
    return this.request<{ slots: VariantSlots }>(
      "GET",
      `/store/product-variants/${encodeURIComponent(variantId)}/slots?${q}`,
      "loading the free times"
    )
  }

  variant(variantId: string, pricing: PricingContext = {}) {
    const q = new URLSearchParams({ fields: "+calculated_price", ...pricingQuery(pricing) })
    return this.request<{ variant: any }>(
      "GET",
      `/store/product-variants/${encodeURIComponent(variantId)}?${q}`,
      "loading the price"
    )
  }

  regions() {
    return this.request<{ regions: any[] }>("GET", `/store/regions?limit=1`, "finding the shop's region")
  }

  cart(id: string) {
    return this.request<{ cart: any }>("GET", `/store/carts/${encodeURIComponent(id)}`, "loading the cart")
  }

  createCart(body: Record<string, unknown>) {
    return this.request<{ cart: any }>("POST", `/store/carts`, "creating a cart", body)
  }

  updateCart(id: string, body: Record<string, unknown>) {
    return this.request<{ cart: any }>("POST", `/store/carts/${encodeURIComponent(id)}`, "saving your email", body)
  }

  removeLineItem(cartId: string, itemId: string) {
    return this.request<any>(
      "DELETE",
      `/store/carts/${encodeURIComponent(cartId)}/line-items/${encodeURIComponent(itemId)}`,
      "removing the lapsed booking from the cart"
    )
  }

  /** A hold of one resource: the body names `dates` (or, by the resource's mode, `departures` / `appointment`). */
  createHold(
    body: { resource_id: string; quantity: number; customer_email: string; idempotency_token: string } & Record<string, unknown>,
    doing = "holding your dates"
  ) {
    return this.request<{ resource_hold: ResourceHold }>("POST", `/store/resource-holds`, doing, body)
  }

  bookInCart(cartId: string, body: Record<string, unknown>, doing: string) {
    return this.request<{ cart: any; resource_holds?: ResourceHold[]; resource_hold?: ResourceHold }>(
      "POST",
      `/store/carts/${encodeURIComponent(cartId)}/resource-bookings`,
      doing,
      body
    )
  }

  hold(id: string) {
    return this.request<{ resource_hold: ResourceHold }>("GET", `/store/resource-holds/${encodeURIComponent(id)}`, "checking your hold")
  }

  extendHold(id: string) {
    return this.request<{ resource_hold: ResourceHold }>(
      "POST",
      `/store/resource-holds/${encodeURIComponent(id)}/extend`,
      "extending your hold",
      {}
    )
  }

  releaseHold(id: string) {
    return this.request<{ resource_hold: ResourceHold }>(
      "POST",
      `/store/resource-holds/${encodeURIComponent(id)}/release`,
      "releasing your hold",
      {}
    )
  }

  joinWaitlist(body: { variant_id: string; quantity: number; customer_email: string } & Record<string, unknown>) {
    return this.request<{ resource_waitlist_entry: WaitlistEntry }>("POST", `/store/resource-waitlist`, "joining the waitlist", body)
  }

  waitlistEntry(id: string) {
    return this.request<{ resource_waitlist_entry: WaitlistEntry }>(
      "GET",
      `/store/resource-waitlist/${encodeURIComponent(id)}`,
      "loading your waitlist offer"
    )
  }

  async completeWithSystemProvider(cartId: string) {
    const { payment_collection } = await this.request<{ payment_collection: { id: string } }>(
      "POST",
      `/store/payment-collections`,
      "preparing the payment",
      { cart_id: cartId }
    )
    await this.request(
      "POST",
      `/store/payment-collections/${encodeURIComponent(payment_collection.id)}/payment-sessions`,
      "preparing the payment",
      { provider_id: "pp_system_default" }
    )
    const done = await this.request<any>("POST", `/store/carts/${encodeURIComponent(cartId)}/complete`, "placing the order", {})
    if (done?.type !== "order" || !done.order) {
      const message = done?.error?.message
      throw new WidgetError(describeFailure(400, message, "placing the order"), 400, message)
    }
    return done.order
  }
}
