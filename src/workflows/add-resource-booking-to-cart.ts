import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { holdCreatedData, ResourceBookingEvents } from "./events"
import { prepareResourceBookingStep, ResourceBookingRequest } from "./steps/prepare-resource-booking"
import { prepareResourceBookingLineItemsStep } from "./steps/prepare-resource-booking-line-items"
import { priceResourceBookingLineItemsStep } from "./steps/price-resource-booking-line-items"
import { takeResourceBookingHoldsStep } from "./steps/take-resource-booking-holds"

export type AddResourceBookingToCartInput = ResourceBookingRequest

export const addResourceBookingToCartWorkflowId = "add-resource-booking-to-cart-workflow"

/**
 * Books a variant into a cart: one hold per resource the variant books (a
 * group, all or nothing), or a hold group the storefront already has, plus a
 * line item that names them (`metadata: { resource_hold_ids, resource_ids,
 * dates }`, and `resource_hold_id` when there is one hold), together or not
 * at all, priced by the server (`priceResourceBookingLineItemsStep`: the sum
 * of its dates' prices, docs/PRICING.md): if adding the line item fails, the holds step's compensation
 * releases the holds it made or takes the group off the cart again.
 */
export const addResourceBookingToCartWorkflow = createWorkflow(
  addResourceBookingToCartWorkflowId,
  (input: AddResourceBookingToCartInput) => {
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "email", "completed_at", "currency_code", "region_id", "items.id", "items.metadata"],
      filters: { id: input.cart_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-booking-cart-step" })

    const { data: variants } = useQueryGraphStep({
      entity: "product_variant",
      fields: ["id"],
      filters: { id: input.variant_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-booking-variant-step" })

    const request = prepareResourceBookingStep(
      transform({ input, carts, variants }, ({ input, carts }) => ({ input, cart: carts[0] as any }))
    )

    const taken = takeResourceBookingHoldsStep(request)

    when({ taken, input }, ({ taken, input }) => taken.created && !input.resource_hold_id).then(() => {
      emitEventStep({
        eventName: ResourceBookingEvents.HOLD_CREATED,
        data: transform({ taken, input }, ({ taken, input }) => taken.holds.map((hold) => holdCreatedData(hold, input.cart_id))),
      }).config({ name: "emit-booking-hold-created-step" })
    })

    const items = prepareResourceBookingLineItemsStep(
      transform({ taken, input, carts }, ({ taken, input, carts }) => ({
        holds: taken.holds,
        created: taken.created,
        quantity: taken.quantity,
        variant_id: input.variant_id,
        cart_items: ((carts[0] as any)?.items ?? []).filter(Boolean),
      }))
    )

    const pricedItems = priceResourceBookingLineItemsStep(
      transform({ items, taken, carts }, ({ items, taken, carts }) => ({ items, holds: taken.holds, cart: carts[0] as any }))
    )

    when({ pricedItems }, ({ pricedItems }) => pricedItems.length > 0).then(() => {
      addToCartWorkflow.runAsStep({
        input: transform({ input, pricedItems }, ({ input, pricedItems }) => ({ cart_id: input.cart_id, items: pricedItems })) as any,
      })
    })

    return new WorkflowResponse(
      transform({ taken }, ({ taken }) => ({ resource_holds: taken.holds, created: taken.created }))
    )
  }
)

export default addResourceBookingToCartWorkflow
