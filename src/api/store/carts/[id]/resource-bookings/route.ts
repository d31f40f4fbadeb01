import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { addResourceBookingToCartWorkflow } from "../../../../../workflows/add-resource-booking-to-cart"
import { withConflictMessage } from "../../../../utils/http-errors"
import { idempotencyTokenOf } from "../../../resource-holds/route"
import { StoreCreateResourceBookingType } from "../../../validators"

/**
 * POST /store/carts/:id/resource-bookings: a hold on the variant's resource
 * and a line item for it, together or not at all. Answers `{ cart, resource_hold }`.
 */
export const POST = withConflictMessage(
  async (req: MedusaRequest<StoreCreateResourceBookingType>, res: MedusaResponse) => {
    const body = req.validatedBody
    const input = {
      cart_id: req.params.id,
      variant_id: body.variant_id,
      dates: body.dates,
      quantity: body.quantity,
      customer_email: body.customer_email,
      idempotency_token: idempotencyTokenOf(req, body.idempotency_token),
    }
    let result: { resource_hold: unknown }
    try {
      ;({ result } = await addResourceBookingToCartWorkflow(req.scope).run({ input }))
    } catch (error: any) {
      // addToCartWorkflow locks the cart for 2 s; a booking that waits longer
      // on another change of the same cart fails with a plain Error (a 500).
      // The hold step has been compensated by then: tell the client to retry.
      if (typeof error?.message === "string" && /acquiring lock/i.test(error.message)) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Cart ${req.params.id} is being changed by another request; nothing was booked, retry`
        )
      }
      throw error
    }
    const cart = await refetchCart(req.params.id, req.scope, defaultStoreCartFields)
    res.json({ cart, resource_hold: result.resource_hold })
  }
)
