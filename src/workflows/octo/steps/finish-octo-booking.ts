import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"

export const finishOctoBookingStepId = "finish-octo-booking-step"

/**
 * Writes what a claimed call did on the booking (status, order, hold group,
 * references…) and ends its claim (service.finishBookingClaim: refused if the
 * claim is no longer this call's, or the booking already has another order).
 * Compensation writes back the fields it changed, as the claim found them.
 */
export const finishOctoBookingStep = createStep(
  finishOctoBookingStepId,
  async (input: { booking: any; token: string; changes: Record<string, unknown> }, { container }) => {
    const booking = await octoService(container).finishBookingClaim({ id: input.booking.id, token: input.token, changes: input.changes })
    const previous: Record<string, unknown> = { id: input.booking.id }
    for (const key of Object.keys(input.changes)) previous[key] = input.booking[key] ?? null
    return new StepResponse(booking, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await octoService(container).updateOctoBookings(previous as any)
  }
)
