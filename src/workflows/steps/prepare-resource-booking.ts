import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { CreateHoldInput } from "../../modules/resource_booking/types"

/** What a storefront asks for when it books a resource into a cart. */
export type ResourceBookingRequest = {
  cart_id: string
  variant_id: string
  dates: string[]
  quantity: number
  customer_email?: string
  idempotency_token?: string
}

export type PrepareResourceBookingInput = {
  input: ResourceBookingRequest
  cart: { id: string; email?: string | null; completed_at?: Date | string | null }
  variant: { id: string; resource?: { id: string } | null }
}

export const prepareResourceBookingStepId = "prepare-resource-booking-step"

/**
 * Checks a cart booking before any capacity is taken: the cart is open, the
 * variant sells a resource, and there is an email (the body's, else the
 * cart's). Answers the hold to make.
 */
export const prepareResourceBookingStep = createStep(
  prepareResourceBookingStepId,
  async ({ input, cart, variant }: PrepareResourceBookingInput) => {
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Cart ${cart.id} is already completed`)
    }
    const resourceId = variant.resource?.id
    if (!resourceId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `variant_id ${variant.id} is not linked to a resource`
      )
    }
    const email = input.customer_email ?? cart.email ?? undefined
    if (!email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `customer_email is required: the request has none and cart ${cart.id} has no email`
      )
    }
    const hold: CreateHoldInput = {
      resource_id: resourceId,
      dates: input.dates,
      quantity: input.quantity,
      customer_email: email,
      idempotency_token: input.idempotency_token,
      metadata: { cart_id: cart.id, variant_id: variant.id },
    }
    return new StepResponse(hold)
  }
)
