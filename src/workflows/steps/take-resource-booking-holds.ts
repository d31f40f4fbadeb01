import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ResourceHoldDTO } from "../../modules/resource_booking/types"
import { bookingQuantityOf } from "../utils/variant-resources"
import { PreparedResourceBooking } from "./prepare-resource-booking"

export const takeResourceBookingHoldsStepId = "take-resource-booking-holds-step"

export type TakenResourceBookingHolds = {
  holds: ResourceHoldDTO[]
  /** This run made the holds (new holds) or put them on the cart (an existing hold). */
  created: boolean
  /** The booking quantity the holds stand for. */
  quantity: number
}

type Undo = { release?: string; unclaim?: { hold_id: string; cart_id: string } }

/**
 * The holds of a cart booking: one per resource the variant books
 * (quantity × units each), all or nothing, through the ledger; or, for a hold
 * the storefront already has, its group put on this cart (refused when it is
 * not ACTIVE, has lapsed, does not match the variant, or is on another cart).
 * Compensation: holds this run made are released; a group it put on the cart
 * leaves it.
 */
export const takeResourceBookingHoldsStep = createStep(
  takeResourceBookingHoldsStepId,
  async (input: PreparedResourceBooking, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    if (input.resource_hold_id) {
      const { holds, claimed } = await service.claimHoldGroupForCart({ hold_id: input.resource_hold_id, cart_id: input.cart_id })
      const undo: Undo = claimed ? { unclaim: { hold_id: input.resource_hold_id, cart_id: input.cart_id } } : {}
      const refuse = async (type: string, message: string): Promise<never> => {
        if (undo.unclaim) await service.unclaimHoldGroup(undo.unclaim)
        throw new MedusaError(type, message)
      }
      const id = input.resource_hold_id
      if (!holds.length) await refuse(MedusaError.Types.NOT_FOUND, `Resource hold with id: ${id} was not found`)
      const notLive = holds.find((hold) => hold.status !== "ACTIVE")
      if (notLive) await refuse(MedusaError.Types.CONFLICT, `Resource hold ${notLive.id} is ${notLive.status} and cannot be added to a cart`)
      const elsewhere = holds.find((hold) => hold.metadata?.cart_id && hold.metadata.cart_id !== input.cart_id)
      if (elsewhere) await refuse(MedusaError.Types.CONFLICT, `Resource hold ${id} is already on a line item of another cart`)
      const quantity = bookingQuantityOf(holds, input.resources)
      if (quantity === null) {
        await refuse(
          MedusaError.Types.INVALID_DATA,
          `Resource hold ${id} does not match variant ${input.variant_id} (it books ${input.resources
            .map((r) => `${r.units} × ${r.resource_id}`)
            .join(" + ")} per unit)`
        )
      }
      return new StepResponse<TakenResourceBookingHolds, Undo>({ holds, created: claimed, quantity: quantity! }, undo)
    }
    const quantity = input.quantity!
    const result = await service.createHoldGroup({
      items: input.resources.map((resource) => ({ resource_id: resource.resource_id, quantity: quantity * resource.units })),
      dates: input.dates,
      departures: input.departures,
      appointment: input.appointment,
      channel: input.channel,
      client_keys: input.client_keys,
      customer_email: input.customer_email!,
      idempotency_token: input.idempotency_token,
      metadata: { cart_id: input.cart_id, variant_id: input.variant_id },
    })
    // Only holds made by this run are undone by it; replayed ones belong to the run that made them.
    return new StepResponse<TakenResourceBookingHolds, Undo>(
      { holds: result.holds, created: result.created, quantity },
      result.created ? { release: result.holds[0].id } : {}
    )
  },
  async (undo, { container }) => {
    if (!undo) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    if (undo.release) await service.releaseHold(undo.release)
    if (undo.unclaim) await service.unclaimHoldGroup(undo.unclaim)
  }
)
