import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Booking } from "@octocloud/types"
import { octoBooking } from "../../../../lib/octo/booking"
import { octoService } from "../../../../lib/octo/context"
import { invalidBookingUuid } from "../../../../lib/octo/errors"
import { updateOctoBookingWorkflow } from "../../../../workflows/octo/update-octo-booking"
import { octoAuthOf } from "../../lib/auth"
import { octoRoute } from "../../lib/errors"
import { bookingUuidParam, parseUpdateBody } from "../../validators"

/** GET /octo/bookings/:uuid: one of the reseller's bookings. */
export const GET = octoRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const uuid = bookingUuidParam(req.params.uuid)
  const booking = await octoService(req.scope).findResellerBooking(uuid, octoAuthOf(req).reseller_id)
  if (!booking) throw invalidBookingUuid(uuid)
  res.json((await octoBooking(req.scope, booking, req.headers)) as Booking)
})

/** PATCH /octo/bookings/:uuid: resellerReference, contact, notes; product, option, date, units while ON_HOLD. */
export const PATCH = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const auth = octoAuthOf(req)
  const uuid = bookingUuidParam(req.params.uuid)
  const body = parseUpdateBody(req.scope, req.body)
  const { result } = await updateOctoBookingWorkflow(req.scope).run({
    input: { ...body, uuid, reseller_id: auth.reseller_id, reseller_key_id: auth.key_id, sales_channel_id: auth.sales_channel_id },
  })
  res.json((await octoBooking(req.scope, result, req.headers)) as Booking)
})
