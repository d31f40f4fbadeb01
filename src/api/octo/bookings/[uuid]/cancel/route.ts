import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoAuthOf } from "../../../lib/auth"
import { cancel } from "../../../lib/booking-actions"
import { octoBooking } from "../../../lib/bookings"
import { octoRoute } from "../../../lib/errors"

/** POST /octo/bookings/:uuid/cancel (see lib/booking-actions.ts). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const booking = await cancel(req.scope, octoAuthOf(req), req.params.uuid, req.body)
  res.json((await octoBooking(req.scope, booking)) as Booking)
})
