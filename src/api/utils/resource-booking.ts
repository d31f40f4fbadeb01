import { MedusaContainer } from "@medusajs/framework/types"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

/** The resource_booking module service, for the routes' reads. */
export function resourceBookingService(scope: MedusaContainer): ResourceBookingModuleService {
  return scope.resolve(RESOURCE_BOOKING_MODULE)
}
