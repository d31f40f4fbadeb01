import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"
import { invalidBookingUuid } from "../../../lib/octo/errors"

export const findOctoReservationStepId = "find-octo-reservation-step"

/**
 * A reservation's uuid already used: by this reseller, the booking it made
 * (a retry answers it); by another reseller, INVALID_BOOKING_UUID. Null when
 * the uuid is new. Reads only.
 */
export const findOctoReservationStep = createStep(
  findOctoReservationStepId,
  async (input: { uuid: string; reseller_id: string }, { container }) => {
    const [existing] = await octoService(container).listOctoBookings({ uuid: input.uuid } as any, { take: 1 })
    if (existing && existing.reseller_id !== input.reseller_id) throw invalidBookingUuid(input.uuid)
    return new StepResponse((existing ?? null) as any)
  }
)
