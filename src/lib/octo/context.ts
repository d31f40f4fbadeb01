import type { MedusaContainer } from "@medusajs/framework/types"
import { OCTO_MODULE } from "../../modules/octo"
import type OctoModuleService from "../../modules/octo/service"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"

/** The modules the OCTo mapping reads, from a request scope or a workflow's container. */
export function bookingService(scope: MedusaContainer): ResourceBookingModuleService {
  return scope.resolve(RESOURCE_BOOKING_MODULE)
}

export function octoService(scope: MedusaContainer): OctoModuleService {
  return scope.resolve(OCTO_MODULE)
}

/** The zone of the module's calendar dates (OCTo's `timeZone`). */
export function timezoneOf(scope: MedusaContainer): string {
  return bookingService(scope).getOptions().timezone
}
