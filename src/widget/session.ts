/**
 * The widget's store session: the API client and what widgets on one page
 * share through it (one cart per backend and key; one read of a waitlist
 * entry named in the page URL).
 */
import { ResourceHold, StoreClient, WaitlistEntry } from "./api"

const sharedCarts = new Map<string, Promise<any>>()
const sharedEntries = new Map<string, Promise<WaitlistEntry>>()

export class StoreSession {
  readonly client: StoreClient

  constructor(backendUrl: string, publishableKey: string) {
    this.client = new StoreClient(backendUrl, publishableKey)
  }

  private get key() {
    return `${this.client.backendUrl}|${this.client.publishableKey}`
  }

  /** The given cart, else the page's shared cart (made on first use, in the region, with the email). */
  async cart(opts: { cartId: string; regionId: string; email: string }): Promise<any> {
    if (opts.cartId) return (await this.client.cart(opts.cartId)).cart
    let shared = sharedCarts.get(this.key)
    if (!shared) {
      const regionId = opts.regionId || (await this.client.regions()).regions?.[0]?.id
      shared = this.client.createCart({ ...(regionId ? { region_id: regionId } : {}), email: opts.email }).then((r) => r.cart)
      sharedCarts.set(this.key, shared)
      shared.catch(() => sharedCarts.delete(this.key))
    }
    return await shared
  }

  /** The shared cart became an order: the next booking starts a new one. */
  cartCompleted() {
    sharedCarts.delete(this.key)
  }

  /** A waitlist entry; read once per page when it comes from the page URL. */
  entry(id: string, shared: boolean): Promise<WaitlistEntry> {
    const key = `${this.key}|${id}`
    let found = shared ? sharedEntries.get(key) : undefined
    if (!found) {
      found = this.client.waitlistEntry(id).then((r) => r.resource_waitlist_entry)
      if (shared) {
        sharedEntries.set(key, found)
        found.catch(() => null)
      }
    }
    return found
  }

  /** The holds of an offered entry, when every one is still live (else null). */
  async offeredHolds(entry: WaitlistEntry): Promise<ResourceHold[] | null> {
    if (entry.status !== "OFFERED" || !entry.resource_hold_ids.length) return null
    const holds = (await Promise.all(entry.resource_hold_ids.map((id) => this.client.hold(id)))).map((r) => r.resource_hold)
    return holds.every((h) => h.status === "ACTIVE" && Date.parse(h.expires_at) > Date.now()) ? holds : null
  }
}

/** A line item of the cart that books one of these holds. */
export function lineItemOf(cart: any, holds: ResourceHold[]) {
  const ids = new Set(holds.map((h) => h.id))
  return (cart?.items ?? []).find((i: any) => {
    const m = i?.metadata ?? {}
    return ids.has(m.resource_hold_id) || (Array.isArray(m.resource_hold_ids) && m.resource_hold_ids.some((x: string) => ids.has(x)))
  })
}

/** A one-second tick while a hold runs. */
export class Countdown {
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly onTick: () => void) {}

  start() {
    this.stop()
    this.timer = setInterval(this.onTick, 1000)
  }

  stop() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }
}

/** Time left until `expiresAt`: m:ss, or h:mm:ss from an hour (a waitlist offer lasts a day). */
export function timeLeft(expiresAt: number, now = Date.now()) {
  const total = Math.max(0, Math.ceil((expiresAt - now) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const sec = String(total % 60).padStart(2, "0")
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`
}
