import { ContainerRegistrationKeys, isDefined, MedusaError } from "@medusajs/framework/utils"
import { updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { bookingHoldIdsOf } from "../utils/booking-line-items"
import { resourcesOfVariants } from "../utils/variant-resources"
import { bookingRouteOf } from "../utils/validate-resource-bookings"

/**
 * Medusa's line item update (`POST /store/carts/:id/line-items/:line_id`): a
 * booking line's quantity is its holds' quantity × their dates, and its
 * metadata names its holds, so neither changes here (400 naming the way to
 * change a booking). Quantity 0 removes the line, which is allowed: the cart
 * refresh then releases its holds (release-removed-resource-bookings.ts).
 * Lines of variants linked to resources are treated as bookings even when
 * they name no hold (completion refuses them anyway).
 */
updateLineItemInCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  const update = (input.update ?? {}) as { quantity?: unknown; metadata?: unknown }
  const item = ((cart as any).items ?? []).find((line: any) => line?.id === input.item_id)
  if (!item) return
  const current = Number(item.quantity)
  const quantityChanges = isDefined(update.quantity) && Number(update.quantity) !== current
  if (quantityChanges && Number(update.quantity) === 0) return
  const metadataChanges = isDefined(update.metadata) && JSON.stringify(update.metadata) !== JSON.stringify(item.metadata ?? null)
  if (!quantityChanges && !metadataChanges) return
  const holds = bookingHoldIdsOf(item.metadata)
  if (holds === undefined) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    if (!item.variant_id || !(await resourcesOfVariants(query, [item.variant_id])).has(item.variant_id)) return
  }
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Line item ${item.id} is a booking${Array.isArray(holds) ? ` (resource hold ${holds.join(", ")})` : ""}: its ` +
      `${quantityChanges ? "quantity" : "metadata"} cannot be changed here. Remove it (DELETE /store/carts/${cart.id}/line-items/${item.id} ` +
      `releases its holds) and book again with ${bookingRouteOf(cart.id)}`
  )
})
