import { MedusaError } from "@medusajs/framework/utils"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"
import { bookedKeyCount, bookingHoldIdsOf } from "./booking-line-items"
import { bookingQuantityOf, resourcesOfVariants } from "./variant-resources"

/** How long a hold is kept alive past completion, so it cannot lapse before order.placed confirms it. */
export const CHECKOUT_HOLD_EXTENSION_MINUTES = 10

/** A cart line item, or an item about to be added (no id yet). */
export type CartLine = {
  id?: string
  variant_id?: string | null
  quantity: number | string | { value?: string }
  metadata?: Record<string, unknown> | null
}

type Query = { graph: (config: any) => Promise<{ data: any[] }> }

function refuse(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function quantityOf(line: CartLine): number {
  const raw = line.quantity as any
  return Number(typeof raw === "object" && raw !== null ? raw.value ?? raw : raw)
}

/** The route that puts bookings in a cart, for the refusals that send a client there. */
export const bookingRouteOf = (cartId: string) => `POST /store/carts/${cartId}/resource-bookings`

/**
 * The one check of a cart's booking lines, wherever lines enter or leave
 * checkout: Medusa's add-to-cart (the items to add, `require_claim`),
 * completion (every line of the cart). A line item of a variant linked to
 * resources is a booking or nothing:
 * - it names holds (`resource_hold_ids`, or `resource_hold_id`), else it is
 *   refused, naming the booking route;
 * - every hold exists, is ACTIVE and not past `expires_at`, and is named by no
 *   other line (of `lines` and `other_lines`);
 * - the line names every hold of its group; the holds are what the line's
 *   variant books (q × units of each of its resources), and the line's
 *   quantity is q × number of dates;
 * - the holds are on this cart (`metadata.cart_id`, set when the booking
 *   route made or claimed them): another cart's holds are refused, and with
 *   `require_claim` so are holds on no cart (carts of the first round, whose
 *   holds carry no cart, still complete).
 * A line of an unlinked variant that names holds is refused too (its variant
 * books nothing). Answers the ids of the holds the lines name.
 */
export async function checkResourceBookingLines(
  input: { cart_id: string; lines: (CartLine | null)[]; other_lines?: (CartLine | null)[]; require_claim?: boolean },
  service: ResourceBookingModuleService,
  query: Query
): Promise<string[]> {
  const lines = input.lines.filter((line): line is CartLine => !!line)
  const nameOf = (line: CartLine) => (line.id ? `line item ${line.id}` : `items[${lines.indexOf(line)}]`)
  const NameOf = (line: CartLine) => nameOf(line).replace(/^l/, "L")
  const variantIds = [...new Set(lines.map((line) => line.variant_id).filter((id): id is string => !!id))]
  const resourcesOf = await resourcesOfVariants(query, variantIds)

  const lineByHold = new Map<string, CartLine>()
  for (const line of input.other_lines ?? []) {
    const ids = line ? bookingHoldIdsOf(line.metadata) : undefined
    if (line && Array.isArray(ids)) for (const holdId of ids) lineByHold.set(holdId, line)
  }
  const holdsOfLine = new Map<CartLine, string[]>()
  for (const line of lines) {
    const ids = bookingHoldIdsOf(line.metadata)
    if (ids === undefined) {
      if (line.variant_id && resourcesOf.has(line.variant_id)) {
        refuse(
          `${NameOf(line)} is variant ${line.variant_id}, which books resources: it is added to a cart only as a booking, ` +
            `with ${bookingRouteOf(input.cart_id)} (dates and quantity, or resource_hold_id), never as a plain line item`
        )
      }
      continue
    }
    if (!Array.isArray(ids)) refuse(`${NameOf(line)} names an invalid resource hold: ${JSON.stringify(ids.invalid)}`)
    for (const holdId of ids) {
      const other = lineByHold.get(holdId)
      if (other) refuse(`Resource hold ${holdId} is named by more than one line item (${nameOf(other)}, ${nameOf(line)})`)
      lineByHold.set(holdId, line)
    }
    holdsOfLine.set(line, ids)
  }
  if (!holdsOfLine.size) return []

  const holdIds = [...holdsOfLine.values()].flat()
  const groups = await service.listHoldGroups(holdIds)
  const holdById = new Map<string, ResourceHoldDTO>(groups.map((hold) => [hold.id, hold]))

  const now = Date.now()
  for (const [line, ids] of holdsOfLine) {
    const holds: ResourceHoldDTO[] = []
    for (const holdId of ids) {
      const hold = holdById.get(holdId)
      const of = `Resource hold ${holdId} of ${nameOf(line)}`
      if (!hold) refuse(`${of} was not found`)
      if (hold.status !== "ACTIVE") refuse(`${of} is ${hold.status}, not ACTIVE`)
      if (new Date(hold.expires_at).getTime() <= now) refuse(`${of} expired at ${new Date(hold.expires_at).toISOString()}`)
      const cartOfHold = hold.metadata?.cart_id
      if (cartOfHold !== undefined && cartOfHold !== null && cartOfHold !== input.cart_id) refuse(`${of} is on another cart`)
      if (input.require_claim && cartOfHold !== input.cart_id) {
        refuse(`${of} is not on this cart: a hold is added with ${bookingRouteOf(input.cart_id)} { variant_id, resource_hold_id }`)
      }
      holds.push(hold)
    }
    const missing = groups.filter((hold) => hold.group_id === holds[0].group_id && !ids.includes(hold.id))
    if (missing.length) {
      refuse(`${NameOf(line)} does not name every hold of its booking (missing ${missing.map((hold) => hold.id).join(", ")})`)
    }
    const resources = (line.variant_id && resourcesOf.get(line.variant_id)) || []
    const quantity = bookingQuantityOf(holds, resources)
    if (quantity === null) {
      refuse(
        `Resource holds ${ids.join(", ")} of ${nameOf(line)} do not match what its variant books (${
          resources.map((r) => `${r.units} × ${r.resource_id}`).join(" + ") || "no resource"
        } per unit)`
      )
    }
    const keys = bookedKeyCount(holds[0])
    const expected = quantity * keys
    if (quantityOf(line) !== expected) {
      refuse(
        `${NameOf(line)} has quantity ${quantityOf(line)}, but resource hold ${ids.join(", ")} needs ${expected} (${quantity} × ${keys} ${holds[0].departures ? "departures" : "dates"})`
      )
    }
  }
  return holdIds
}

/**
 * Completion's check (the `completeCartWorkflow.hooks.validate` handler):
 * every line of the cart passes `checkResourceBookingLines`, else completion
 * stops (Medusa answers 400 with the message) and no order is made.
 *
 * Then it pushes the holds' expiry a few minutes out, so that they cannot
 * lapse between completion and the order.placed confirmation, and answers
 * the expiry times it replaced: `restoreResourceBookingExpiry` puts them
 * back (the hook's compensation, when a later step of completion fails).
 */
export async function validateResourceBookings(
  cart: { id: string; completed_at?: unknown; items?: (CartLine | null)[] | null },
  service: ResourceBookingModuleService,
  query: Query
): Promise<{ id: string; previous_expires_at: Date }[]> {
  // A completed cart is being answered again with its order: nothing to check.
  if (cart.completed_at) return []
  const holdIds = await checkResourceBookingLines({ cart_id: cart.id, lines: cart.items ?? [] }, service, query)
  if (!holdIds.length) return []

  const extended = await service.extendHolds({ hold_ids: holdIds, minutes: CHECKOUT_HOLD_EXTENSION_MINUTES })
  const lapsed = holdIds.filter((id) => !extended.some((row) => row.id === id))
  if (lapsed.length) {
    // One lapsed between the check and the extension: undo ours and refuse.
    await service.restoreHoldExpiry(extended)
    refuse(`Resource hold ${lapsed.join(", ")} expired during checkout`)
  }
  return extended
}

/** Compensation of validateResourceBookings: puts back the expiry times it replaced. */
export async function restoreResourceBookingExpiry(
  extended: { id: string; previous_expires_at: Date | string }[] | undefined,
  service: ResourceBookingModuleService
): Promise<void> {
  if (!extended?.length) return
  await service.restoreHoldExpiry(extended)
}
