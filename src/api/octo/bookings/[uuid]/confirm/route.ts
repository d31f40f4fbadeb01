import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoBooking } from "../../../../../lib/octo/booking"
import { confirmOctoBookingWorkflow } from "../../../../../workflows/octo/confirm-octo-booking"
import { octoAuthOf } from "../../../lib/auth"
import { octoRoute } from "../../../lib/errors"
import { bookingUuidParam, parseConfirmBody } from "../../../validators"

/**
 * POST /octo/bookings/:uuid/confirm: a Medusa order with the holds confirmed
 * into its allocations. Confirming a CONFIRMED booking again (or at the same
 * time, from any server process) answers it with its one order.
 */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const auth = octoAuthOf(req)
  const uuid = bookingUuidParam(req.params.uuid)
  const body = parseConfirmBody(req.body)
  const { result } = await confirmOctoBookingWorkflow(req.scope).run({
    input: { ...body, uuid, reseller_id: auth.reseller_id, reseller_key_id: auth.key_id, sales_channel_id: auth.sales_channel_id },
  })
  res.json((await octoBooking(req.scope, result, req.headers)) as Booking)
})
