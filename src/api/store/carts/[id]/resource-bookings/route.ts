import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
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
    const { result } = await addResourceBookingToCartWorkflow(req.scope).run({
      input: {
        cart_id: req.params.id,
        variant_id: body.variant_id,
        dates: body.dates,
        quantity: body.quantity,
        customer_email: body.customer_email,
        idempotency_token: idempotencyTokenOf(req, body.idempotency_token),
      },
    })
    const cart = await refetchCart(req.params.id, req.scope, defaultStoreCartFields)
    res.json({ cart, resource_hold: result.resource_hold })
  }
)
