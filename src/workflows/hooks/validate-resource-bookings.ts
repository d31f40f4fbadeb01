import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { checkBookingLinePrices } from "../utils/booking-prices"
import { restoreResourceBookingExpiry, validateResourceBookings } from "../utils/validate-resource-bookings"

/**
 * Cart completion checks the cart's booking line items (and extends their
 * holds) before Medusa makes the order; if a later step of the completion
 * fails, the compensation puts the holds' expiry back. Before that, every
 * booking line's price is computed again (`checkBookingLinePrices`). The checks are
 * `validateResourceBookings` in workflows/utils.
 */
completeCartWorkflow.hooks.validate(
  async ({ cart }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await checkBookingLinePrices(container, cart as any, (holdIds) => service.listHoldGroups(holdIds))
    const extended = await validateResourceBookings(cart as any, service, container.resolve("query"))
    return new StepResponse(undefined, extended)
  },
  async (extended, { container }) => {
    await restoreResourceBookingExpiry(extended, container.resolve(RESOURCE_BOOKING_MODULE))
  }
)
