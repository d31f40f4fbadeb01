import { Module } from "@medusajs/framework/utils"
import ResourceBookingModuleService from "./service"
import validateOptionsLoader from "./loaders/validate-options"

export const RESOURCE_BOOKING_MODULE = "resource_booking"

export default Module(RESOURCE_BOOKING_MODULE, {
  service: ResourceBookingModuleService,
  loaders: [validateOptionsLoader],
})

export * from "./types"
