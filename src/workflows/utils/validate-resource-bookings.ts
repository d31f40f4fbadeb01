import { MedusaError } from "@medusajs/framework/utils"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"

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
 * Checks every booking line item of a cart (one whose
 * `metadata.resource_hold_id` names a hold) before Medusa makes the order:
 * the hold exists, is ACTIVE and not past `expires_at`, is named by no other
 * line item, belongs to the resource the line's variant sells, and the line's
 * quantity is hold quantity × number of dates. Any failure stops completion
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
  const lines = (cart.items ?? []).filter(
    (item): item is CartLine => !!item && item.metadata?.resource_hold_id != null
  )
  if (!lines.length) return []

  const lineByHold = new Map<string, CartLine>()
  for (const line of lines) {
    const holdId = line.metadata!.resource_hold_id
    if (typeof holdId !== "string" || !holdId) {
      refuse(`Line item ${line.id} names an invalid resource hold: ${JSON.stringify(holdId)}`)
    }
    const other = lineByHold.get(holdId)
    if (other) {
      refuse(`Resource hold ${holdId} is named by more than one line item (${other.id}, ${line.id})`)
    }
    lineByHold.set(holdId, line)
  }

  const holdIds = [...lineByHold.keys()]
  const [holds] = await service.listHolds({ ids: holdIds }, { limit: 1000 })
  const holdById = new Map<string, ResourceHoldDTO>(holds.map((hold) => [hold.id, hold]))

  const variantIds = [...new Set(lines.map((line) => line.variant_id).filter((id): id is string => !!id))]
  const { data: variants } = variantIds.length
    ? await query.graph({ entity: "product_variant", fields: ["id", "resource.id"], filters: { id: variantIds } })
    : { data: [] }
  const resourceOfVariant = new Map<string, string | undefined>(
    variants.map((variant: any) => [variant.id, variant.resource?.id])
  )

  const now = Date.now()
  for (const [holdId, line] of lineByHold) {
    const hold = holdById.get(holdId)
    if (!hold) refuse(`Resource hold ${holdId} of line item ${line.id} was not found`)
    if (hold.status !== "ACTIVE") refuse(`Resource hold ${holdId} of line item ${line.id} is ${hold.status}, not ACTIVE`)
    if (new Date(hold.expires_at).getTime() <= now) {
      refuse(`Resource hold ${holdId} of line item ${line.id} expired at ${new Date(hold.expires_at).toISOString()}`)
    }
    const linkedResource = line.variant_id ? resourceOfVariant.get(line.variant_id) : undefined
    if (linkedResource !== hold.resource_id) {
      refuse(
        `Resource hold ${holdId} is for resource ${hold.resource_id}, but line item ${line.id} sells ${linkedResource ?? "no resource"}`
      )
    }
    const expected = hold.quantity * hold.dates.length
    if (quantityOf(line) !== expected) {
      refuse(
        `Line item ${line.id} has quantity ${quantityOf(line)}, but resource hold ${holdId} needs ${expected} (${hold.quantity} × ${hold.dates.length} dates)`
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
