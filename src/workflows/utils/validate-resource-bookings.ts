import { MedusaError } from "@medusajs/framework/utils"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"
import { bookedKeyCount, bookingHoldIdsOf } from "./booking-line-items"
import { bookingQuantityOf, resourcesOfVariants } from "./variant-resources"

/** How long a hold is kept alive past completion, so it cannot lapse before order.placed confirms it. */
export const CHECKOUT_HOLD_EXTENSION_MINUTES = 10

type CartLine = {
  id: string
  variant_id?: string | null
  quantity: number | string | { value?: string }
  metadata?: Record<string, unknown> | null
}

function refuse(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function quantityOf(line: CartLine): number {
  const raw = line.quantity as any
  return Number(typeof raw === "object" && raw !== null ? raw.value ?? raw : raw)
}

/**
 * Checks every booking line item of a cart (one whose metadata names holds:
 * `resource_hold_ids`, or `resource_hold_id`) before Medusa makes the order:
 * every hold exists, is ACTIVE and not past `expires_at`, is named by no other
 * line item; the line names every hold of its group; the holds are what the
 * line's variant books (q × units of each of its resources); and the line's
 * quantity is q × number of dates. Any failure stops completion
 * (Medusa answers 400 with this message) and no order is made.
 *
 * Then it pushes the holds' expiry a few minutes out, so that they cannot
 * lapse between completion and the order.placed confirmation, and answers
 * the expiry times it replaced: `restoreResourceBookingExpiry` puts them
 * back (the hook's compensation, when a later step of completion fails).
 */
export async function validateResourceBookings(
  cart: { id: string; completed_at?: unknown; items?: (CartLine | null)[] | null },
  service: ResourceBookingModuleService,
  query: { graph: (config: any) => Promise<{ data: any[] }> }
): Promise<{ id: string; previous_expires_at: Date }[]> {
  // A completed cart is being answered again with its order: nothing to check.
  if (cart.completed_at) return []
  const lineByHold = new Map<string, CartLine>()
  const holdsOfLine = new Map<CartLine, string[]>()
  for (const line of cart.items ?? []) {
    const ids = line ? bookingHoldIdsOf(line.metadata) : undefined
    if (!line || ids === undefined) continue
    if (!Array.isArray(ids)) refuse(`Line item ${line.id} names an invalid resource hold: ${JSON.stringify(ids.invalid)}`)
    for (const holdId of ids) {
      const other = lineByHold.get(holdId)
      if (other) refuse(`Resource hold ${holdId} is named by more than one line item (${other.id}, ${line.id})`)
      lineByHold.set(holdId, line)
    }
    holdsOfLine.set(line, ids)
  }
  if (!holdsOfLine.size) return []

  const holdIds = [...lineByHold.keys()]
  const groups = await service.listHoldGroups(holdIds)
  const holdById = new Map<string, ResourceHoldDTO>(groups.map((hold) => [hold.id, hold]))
  const variantIds = [...new Set([...holdsOfLine.keys()].map((line) => line.variant_id).filter((id): id is string => !!id))]
  const resourcesOf = await resourcesOfVariants(query, variantIds)

  const now = Date.now()
  for (const [line, ids] of holdsOfLine) {
    const holds: ResourceHoldDTO[] = []
    for (const holdId of ids) {
      const hold = holdById.get(holdId)
      if (!hold) refuse(`Resource hold ${holdId} of line item ${line.id} was not found`)
      if (hold.status !== "ACTIVE") refuse(`Resource hold ${holdId} of line item ${line.id} is ${hold.status}, not ACTIVE`)
      if (new Date(hold.expires_at).getTime() <= now) {
        refuse(`Resource hold ${holdId} of line item ${line.id} expired at ${new Date(hold.expires_at).toISOString()}`)
      }
      holds.push(hold)
    }
    const missing = groups.filter((hold) => hold.group_id === holds[0].group_id && !ids.includes(hold.id))
    if (missing.length) {
      refuse(`Line item ${line.id} does not name every hold of its booking (missing ${missing.map((hold) => hold.id).join(", ")})`)
    }
    const resources = (line.variant_id && resourcesOf.get(line.variant_id)) || []
    const quantity = bookingQuantityOf(holds, resources)
    if (quantity === null) {
      refuse(
        `Resource holds ${ids.join(", ")} of line item ${line.id} do not match what its variant books (${
          resources.map((r) => `${r.units} × ${r.resource_id}`).join(" + ") || "no resource"
        } per unit)`
      )
    }
    const keys = bookedKeyCount(holds[0])
    const expected = quantity * keys
    if (quantityOf(line) !== expected) {
      refuse(
        `Line item ${line.id} has quantity ${quantityOf(line)}, but resource hold ${ids.join(", ")} needs ${expected} (${quantity} × ${keys} ${holds[0].departures ? "departures" : "dates"})`
      )
    }
  }

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
