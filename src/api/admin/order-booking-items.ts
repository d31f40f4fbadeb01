import { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { bookingHoldIdsOf } from "../../workflows/utils/booking-line-items"
import { resourcesOfVariants } from "../../workflows/utils/variant-resources"

/**
 * Orders the admin makes or edits (draft orders, order edits, claims and
 * exchanges) never take capacity: Medusa's workflows behind these routes
 * (createOrderWorkflow, addOrderLineItemsWorkflow, orderEditUpdateItemQuantityWorkflow)
 * offer no validation hook (only `setPricingContext`, which an app needs for
 * prices), so the plugin refuses, on Medusa's own admin routes, what would sell
 * a resource without a booking: 400 naming the variant and the booking route.
 *
 * - adding an item of a variant linked to resources (the booking is made in a
 *   cart, `POST /store/carts/:id/resource-bookings`, e.g. the storefront on
 *   the customer's behalf; its order then carries the allocation);
 * - changing the quantity of an order's booking item (its allocation would no
 *   longer match: cancel the allocation and book again instead).
 */

const refuse = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/** The items a request adds: `items[].variant_id`. */
async function refuseBookingVariants(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const items = (req.body as any)?.items
    const variantIds = Array.isArray(items)
      ? [...new Set(items.map((item: any) => item?.variant_id).filter((id: unknown): id is string => typeof id === "string" && !!id))]
      : []
    if (variantIds.length) {
      const linked = await resourcesOfVariants(req.scope.resolve(ContainerRegistrationKeys.QUERY), variantIds)
      const booked = variantIds.find((id) => linked.has(id))
      if (booked) {
        return next(
          refuse(
            `Variant ${booked} books resources: an admin-made order cannot take their capacity. Book it in a cart with ` +
              `POST /store/carts/:id/resource-bookings (dates and quantity), whose order carries the allocation`
          )
        )
      }
    }
    next()
  } catch (error) {
    next(error)
  }
}

/** A quantity change of an existing order item (`:item_id`). */
async function refuseBookingQuantityChange(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const itemId = req.params.item_id
    const [item] = await req.scope
      .resolve(Modules.ORDER)
      .listOrderLineItems({ id: itemId }, { select: ["id", "variant_id", "metadata"], take: 1 })
    if (item) {
      const holds = bookingHoldIdsOf(item.metadata as any)
      const linked =
        holds !== undefined ||
        (!!item.variant_id && (await resourcesOfVariants(req.scope.resolve(ContainerRegistrationKeys.QUERY), [item.variant_id])).has(item.variant_id))
      if (linked) {
        return next(
          refuse(
            `Order item ${item.id} is a booking: its quantity is what its allocations hold and cannot be changed in an edit. ` +
              `Cancel its allocations (POST /admin/resource-allocations/:id/cancel) and book again instead`
          )
        )
      }
    }
    next()
  } catch (error) {
    next(error)
  }
}

/** Medusa's admin routes that add order items, and those that change an existing item's quantity. */
const ADDS_ITEMS = [
  "/admin/draft-orders",
  "/admin/draft-orders/:id/edit/items",
  "/admin/order-edits/:id/items",
  "/admin/claims/:id/outbound/items",
  "/admin/exchanges/:id/outbound/items",
]
const CHANGES_ITEM_QUANTITY = ["/admin/draft-orders/:id/edit/items/item/:item_id", "/admin/order-edits/:id/items/item/:item_id"]

export const orderBookingItemRouteMiddlewares: MiddlewareRoute[] = [
  ...ADDS_ITEMS.map((matcher) => ({ matcher, methods: ["POST" as const], middlewares: [refuseBookingVariants] })),
  ...CHANGES_ITEM_QUANTITY.map((matcher) => ({ matcher, methods: ["POST" as const], middlewares: [refuseBookingQuantityChange] })),
]
