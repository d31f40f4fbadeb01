import { randomUUID } from "crypto"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { liveState, LiveState } from "../../../lib/octo/booking"
import { octoService } from "../../../lib/octo/context"
import { invalidBookingUuid, unprocessable } from "../../../lib/octo/errors"
import { decideOctoAction, OCTO_CLAIM, OctoAction } from "../../../modules/octo/state"

export const claimOctoBookingStepId = "claim-octo-booking-step"

export type ClaimOctoBookingInput = { uuid: string; reseller_id: string; action: OctoAction }

export type ClaimedOctoBooking = {
  /** The booking as this call found (and, if `proceed`, claimed) it. */
  booking: any
  live: LiveState
  /** True when this call holds the claim and must act; false when the booking is answered as it is. */
  proceed: boolean
  token: string | null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The first step of every change of an OCTo booking: finds the reseller's
 * booking (INVALID_BOOKING_UUID if it has none with that uuid), decides
 * from its live state what the action may do (state.ts) and, when it must
 * act, claims the booking (service.claimBooking: PostgreSQL decides which
 * call wins). While another call holds the claim, this one waits (polling,
 * up to OCTO_CLAIM.waitMs) and then decides again on what that call left:
 * of 24 confirmations at once, one makes the order and the others answer
 * the booking it confirmed. Compensation ends the claim, changing nothing else.
 */
export const claimOctoBookingStep = createStep(
  claimOctoBookingStepId,
  async (input: ClaimOctoBookingInput, { container }) => {
    const service = octoService(container)
    const token = randomUUID()
    const deadline = Date.now() + OCTO_CLAIM.waitMs
    for (;;) {
      const booking = await service.findResellerBooking(input.uuid, input.reseller_id)
      if (!booking) throw invalidBookingUuid(input.uuid)
      const claimedAt = booking.claimed_at ? new Date(booking.claimed_at).getTime() : 0
      const busy = !!booking.claim_token && Date.now() - claimedAt < OCTO_CLAIM.staleSeconds * 1000
      if (!busy) {
        const live = await liveState(container, booking)
        const decision = decideOctoAction(input.action, live.status)
        if (decision.kind === "refuse") throw unprocessable(decision.message)
        if (decision.kind === "answer") {
          return new StepResponse<ClaimedOctoBooking, { id: string; token: string } | null>({ booking, live, proceed: false, token: null }, null)
        }
        const claimed = await service.claimBooking({
          id: booking.id,
          token,
          action: input.action,
          status: booking.status,
          hold_revision: booking.hold_revision ?? 0,
        })
        if (claimed) {
          return new StepResponse<ClaimedOctoBooking, { id: string; token: string } | null>(
            { booking: claimed, live, proceed: true, token },
            { id: claimed.id, token }
          )
        }
      }
      if (Date.now() > deadline) throw unprocessable("Another request is changing this booking right now; try again")
      await sleep(OCTO_CLAIM.pollMs + Math.floor(Math.random() * OCTO_CLAIM.pollMs))
    }
  },
  async (claim, { container }) => {
    if (!claim) return
    await octoService(container).releaseBookingClaim(claim)
  }
)
