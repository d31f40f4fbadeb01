import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RESOURCE_FIELDS } from "../../../modules/resource_booking/constants"
import { resourceBookingService } from "../../utils/resource-booking"

/** The resource fields a storefront sees. */
export const STORE_RESOURCE_FIELDS = RESOURCE_FIELDS


/** An active, not deleted resource, or 404 (inactive and deleted ones are unknown to the store). */
export async function retrieveStoreResource(scope: MedusaContainer, id: string) {
  const [resource] = await resourceBookingService(scope).listResources(
    { id, is_active: true } as any,
    { select: [...STORE_RESOURCE_FIELDS], take: 1 }
  )
  if (!resource) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id: ${id} was not found`)
  }
  return resource
}

/** A hold as a storefront sees it: where it was made (`channel`) is the admin's to know. */
export function storeHold<T extends { channel?: unknown }>(hold: T): Omit<T, "channel"> {
  const { channel: _channel, ...rest } = hold
  return rest
}

/**
 * Where a store request's hold is made: `widget` when the booking widget says
 * so (header `x-resource-booking-channel: widget`), else `storefront`. A
 * store client cannot claim another channel (octo, waitlist, admin).
 */
export function storeChannelOf(req: { headers: Record<string, string | string[] | undefined> }): "storefront" | "widget" {
  const header = req.headers["x-resource-booking-channel"]
  return (Array.isArray(header) ? header[0] : header) === "widget" ? "widget" : "storefront"
}

/**
 * The keys the hoarding limits count a store request by: its cart, and its
 * client address when the module trusts proxies (`trustedProxies`: the
 * address is the first one of X-Forwarded-For, from the right, that is not a
 * trusted proxy; without trusted proxies every customer of a server-side
 * storefront would share the storefront's address, so none is counted).
 */
export function storeClientKeysOf(
  req: { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } },
  trustedProxies: string[],
  cartId?: string
): string[] {
  const keys = cartId ? [`cart:${cartId}`] : []
  if (!trustedProxies.length) return keys
  const normalize = (address: string) => address.trim().replace(/^::ffff:/, "")
  const trusted = new Set(trustedProxies.map(normalize))
  const forwarded = ([] as string[]).concat(req.headers["x-forwarded-for"] ?? []).join(",").split(",").map(normalize).filter(Boolean)
  const chain = [...forwarded, normalize(req.socket?.remoteAddress ?? "")].filter(Boolean)
  let i = chain.length - 1
  while (i > 0 && trusted.has(chain[i])) i--
  const address = chain[i]
  return address && !trusted.has(address) ? [...keys, `ip:${address}`] : keys
}
