import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoAuthOf } from "../../../lib/auth"
import { extend } from "../../../lib/booking-actions"
import { octoBooking } from "../../../lib/bookings"
import { octoRoute } from "../../../lib/errors"

/** POST /octo/bookings/:uuid/extend (see lib/booking-actions.ts). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const booking = await extend(req.scope, octoAuthOf(req), req.params.uuid, req.body)
  res.json((await octoBooking(req.scope, booking)) as Booking)
})
