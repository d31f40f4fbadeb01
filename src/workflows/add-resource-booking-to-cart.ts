import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addToCartWorkflow, emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { holdCreatedData, ResourceBookingEvents } from "./events"
import { createResourceHoldStep } from "./steps/create-resource-hold"
import { prepareResourceBookingStep, ResourceBookingRequest } from "./steps/prepare-resource-booking"
import { prepareResourceBookingLineItemsStep } from "./steps/prepare-resource-booking-line-items"

export type AddResourceBookingToCartInput = ResourceBookingRequest

export const addResourceBookingToCartWorkflowId = "add-resource-booking-to-cart-workflow"

/**
 * Books a resource into a cart: a hold on the variant's resource plus a line
 * item that names it (`metadata: { resource_hold_id, resource_id, dates }`),
 * together or not at all: if adding the line item fails, the hold step's
 * compensation releases the hold.
 */
export const addResourceBookingToCartWorkflow = createWorkflow(
  addResourceBookingToCartWorkflowId,
  (input: AddResourceBookingToCartInput) => {
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "email", "completed_at", "items.id", "items.metadata"],
      filters: { id: input.cart_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-booking-cart-step" })

    const { data: variants } = useQueryGraphStep({
      entity: "product_variant",
      fields: ["id", "resource.id"],
      filters: { id: input.variant_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "get-booking-variant-step" })

    const holdInput = prepareResourceBookingStep(
      transform({ input, carts, variants }, ({ input, carts, variants }) => ({
        input,
        cart: carts[0] as any,
        variant: variants[0] as any,
      }))
    )

    const result = createResourceHoldStep(holdInput)

    when({ result }, ({ result }) => result.created).then(() => {
      emitEventStep({
        eventName: ResourceBookingEvents.HOLD_CREATED,
        data: transform({ result, input }, ({ result, input }) => holdCreatedData(result.hold, input.cart_id)),
      }).config({ name: "emit-booking-hold-created-step" })
    })

    const items = prepareResourceBookingLineItemsStep(
      transform({ result, input, carts }, ({ result, input, carts }) => ({
        hold: result.hold,
        created: result.created,
        variant_id: input.variant_id,
        cart_items: ((carts[0] as any)?.items ?? []).filter(Boolean),
      }))
    )

    when({ items }, ({ items }) => items.length > 0).then(() => {
      addToCartWorkflow.runAsStep({
        input: transform({ input, items }, ({ input, items }) => ({ cart_id: input.cart_id, items })) as any,
      })
    })

    return new WorkflowResponse(
      transform({ result }, ({ result }) => ({ resource_hold: result.hold, created: result.created }))
    )
  }
)

export default addResourceBookingToCartWorkflow
