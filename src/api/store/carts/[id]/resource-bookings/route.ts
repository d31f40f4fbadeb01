import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { addResourceBookingToCartWorkflow } from "../../../../../workflows/add-resource-booking-to-cart"
import { withConflictMessage } from "../../../../utils/http-errors"
import { idempotencyTokenOf } from "../../../resource-holds/route"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { storeChannelOf, storeClientKeysOf, storeHold } from "../../../utils/resources"
import { StoreCreateResourceBookingType } from "../../../validators"

/**
 * POST /store/carts/:id/resource-bookings: one hold per resource the variant
 * books (or a hold the storefront already has) and a line item for them,
 * together or not at all. Answers `{ cart, resource_holds }`, and
 * `resource_hold` when there is exactly one hold.
 */
export const POST = withConflictMessage(
  async (req: MedusaRequest<StoreCreateResourceBookingType>, res: MedusaResponse) => {
    const body = req.validatedBody
    const input = {
      cart_id: req.params.id,
      variant_id: body.variant_id,
      ...(body.resource_hold_id
        ? { resource_hold_id: body.resource_hold_id }
        : {
            dates: body.dates,
            departures: body.departures,
            appointment: body.appointment,
            channel: storeChannelOf(req),
            client_keys: storeClientKeysOf(req, resourceBookingService(req.scope).getOptions().trustedProxies, req.params.id),
            quantity: body.quantity,
            customer_email: body.customer_email,
            idempotency_token: idempotencyTokenOf(req, body.idempotency_token),
          }),
    }
    let result: { resource_holds: unknown[] }
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
    const holds = (result.resource_holds as any[]).map(storeHold)
    res.json({ cart, resource_holds: holds, ...(holds.length === 1 ? { resource_hold: holds[0] } : {}) })
  }
)
