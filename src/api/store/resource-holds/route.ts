import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createResourceHoldWorkflow } from "../../../workflows/create-resource-hold"
import { withConflictMessage } from "../../utils/http-errors"
import { resourceBookingService } from "../../utils/resource-booking"
import { storeChannelOf, storeClientKeysOf, storeHold } from "../utils/resources"
import { StoreCreateResourceHoldType } from "../validators"

/** The token of a request: the body's `idempotency_token` or the `Idempotency-Key` header. */
export function idempotencyTokenOf(req: MedusaRequest, bodyToken: string | undefined): string | undefined {
  const header = req.headers["idempotency-key"]
  const headerToken = Array.isArray(header) ? header[0] : header
  if (headerToken !== undefined && (headerToken.length < 1 || headerToken.length > 255)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "The Idempotency-Key header must be 1 to 255 characters"
    )
  }
  if (bodyToken !== undefined && headerToken !== undefined && bodyToken !== headerToken) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "idempotency_token and the Idempotency-Key header must not differ"
    )
  }
  return bodyToken ?? headerToken
}

/**
 * POST /store/resource-holds: 201 with the new hold; 200 with the same hold
 * when its token comes again with the same request; 409 when the token came
 * with another request, or capacity is short (the message names the dates).
 */
export const POST = withConflictMessage(async (req: MedusaRequest<StoreCreateResourceHoldType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const { result } = await createResourceHoldWorkflow(req.scope).run({
    input: {
      resource_id: body.resource_id,
      dates: body.dates,
      departures: body.departures,
      appointment: body.appointment,
      channel: storeChannelOf(req),
      client_keys: storeClientKeysOf(req, resourceBookingService(req.scope).getOptions().trustedProxies),
      quantity: body.quantity,
      customer_email: body.customer_email,
      idempotency_token: idempotencyTokenOf(req, body.idempotency_token),
      metadata: body.metadata ?? null,
    },
  })
  res.status(result.created ? 201 : 200).json({ resource_hold: storeHold(result.hold) })
})
