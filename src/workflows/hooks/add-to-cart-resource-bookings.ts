import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { addToCartWorkflow } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import { bookingHoldIdsOf } from "../utils/booking-line-items"
import { checkResourceBookingLines } from "../utils/validate-resource-bookings"

/**
 * Medusa's add-to-cart (`POST /store/carts/:id/line-items`, and the cart
 * booking route, which adds its line through the same workflow): an item of a
 * variant linked to resources is a booking or nothing. It must name holds that
 * the booking route made or claimed for this cart and that fit the variant
 * and the quantity (`checkResourceBookingLines`); otherwise the workflow stops
 * before any line is made and Medusa answers 400 naming the booking route.
 */
addToCartWorkflow.hooks.validate(async ({ input, cart }, { container }) => {
  const items = (input.items ?? []) as any[]
  if (!items.length) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  // The cart's own booking lines, when an item names holds: a hold is on one line only.
  let cartLines: any[] = []
  if (items.some((item) => bookingHoldIdsOf(item?.metadata) !== undefined)) {
    const { data } = await query.graph({ entity: "cart", fields: ["items.id", "items.metadata"], filters: { id: cart.id } })
    cartLines = ((data[0] as any)?.items ?? []).filter(Boolean)
  }
  await checkResourceBookingLines(
    { cart_id: cart.id, lines: items, other_lines: cartLines, require_claim: true },
    container.resolve(RESOURCE_BOOKING_MODULE),
    query
  )
})
