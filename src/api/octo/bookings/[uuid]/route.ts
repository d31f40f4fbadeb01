import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoAuthOf } from "../../lib/auth"
import { update } from "../../lib/booking-actions"
import { findBooking, octoBooking } from "../../lib/bookings"
import { octoRoute } from "../../lib/errors"

/** GET /octo/bookings/:uuid. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const booking = await findBooking(req.scope, octoAuthOf(req).sales_channel_id, req.params.uuid)
  res.json((await octoBooking(req.scope, booking)) as Booking)
})

/** PATCH /octo/bookings/:uuid: resellerReference, contact, notes; product, option, date, units while ON_HOLD. */
export const PATCH = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const booking = await update(req.scope, octoAuthOf(req), req.params.uuid, req.body)
  res.json((await octoBooking(req.scope, booking)) as Booking)
})
