import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoBooking } from "../../../../../lib/octo/booking"
import { extendOctoBookingWorkflow } from "../../../../../workflows/octo/extend-octo-booking"
import { octoAuthOf } from "../../../lib/auth"
import { octoRoute } from "../../../lib/errors"
import { bookingUuidParam, parseExtendBody } from "../../../validators"

/** POST /octo/bookings/:uuid/extend: expirationMinutes (default holdTtlMinutes). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const uuid = bookingUuidParam(req.params.uuid)
  const body = parseExtendBody(req.scope, req.body)
  const { result } = await extendOctoBookingWorkflow(req.scope).run({
    input: { ...body, uuid, reseller_id: octoAuthOf(req).reseller_id },
  })
  res.json((await octoBooking(req.scope, result, req.headers)) as Booking)
})
