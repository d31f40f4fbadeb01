import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { AppointmentRequest, DepartureKey } from "../../modules/resource_booking/types"
import { resourcesOfVariant, VariantResource } from "../utils/variant-resources"

/**
 * What a storefront asks for when it books a variant into a cart: new holds
 * (`dates` or `departures`, `quantity`), or a hold it already has (`resource_hold_id`: taken
 * on a calendar page, or offered from the waitlist).
 */
export type ResourceBookingRequest = {
  cart_id: string
  variant_id: string
  dates?: string[]
  departures?: DepartureKey[]
  appointment?: AppointmentRequest
  quantity?: number
  /** Where the hold is made (storefront or widget). */
  channel?: "storefront" | "widget"
  /** What the hoarding limits count it by (its cart, its client address). */
  client_keys?: string[]
  customer_email?: string
  idempotency_token?: string
  resource_hold_id?: string
}

export type PreparedResourceBooking = ResourceBookingRequest & {
  customer_email?: string
  /** What one unit of the variant books. */
  resources: VariantResource[]
}

export type PrepareResourceBookingInput = {
  input: ResourceBookingRequest
  cart: { id: string; email?: string | null; completed_at?: Date | string | null }
}

export const prepareResourceBookingStepId = "prepare-resource-booking-step"

/**
 * Checks a cart booking before any capacity is taken: the cart is open, the
 * variant books at least one resource, and, for new holds, there is an email
 * (the body's, else the cart's). Answers the request with the variant's
 * resources and units.
 */
export const prepareResourceBookingStep = createStep(
  prepareResourceBookingStepId,
  async ({ input, cart }: PrepareResourceBookingInput, { container }) => {
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Cart ${cart.id} is already completed`)
    }
    const resources = await resourcesOfVariant(container.resolve(ContainerRegistrationKeys.QUERY), input.variant_id)
    const email = input.customer_email ?? cart.email ?? undefined
    if (!input.resource_hold_id && !email) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `customer_email is required: the request has none and cart ${cart.id} has no email`
      )
    }
    return new StepResponse<PreparedResourceBooking>({ ...input, customer_email: email, resources })
  }
)
