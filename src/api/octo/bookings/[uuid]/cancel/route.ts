import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoBooking } from "../../../../../lib/octo/booking"
import { cancelOctoBookingWorkflow } from "../../../../../workflows/octo/cancel-octo-booking"
import { octoAuthOf } from "../../../lib/auth"
import { octoRoute } from "../../../lib/errors"
import { bookingUuidParam, parseCancelBody } from "../../../validators"

/** POST /octo/bookings/:uuid/cancel. Cancelling a CANCELLED booking again answers it unchanged. */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const uuid = bookingUuidParam(req.params.uuid)
  const body = parseCancelBody(req.body)
  const { result } = await cancelOctoBookingWorkflow(req.scope).run({
    input: { ...body, uuid, reseller_id: octoAuthOf(req).reseller_id },
  })
  res.json((await octoBooking(req.scope, result, req.headers)) as Booking)
})
