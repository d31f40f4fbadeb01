import { Module } from "@medusajs/framework/utils"
import validateNotificationOptionsLoader from "./loaders/validate-options"
import ResourceBookingNotificationsService from "./service"

export const RESOURCE_BOOKING_NOTIFICATIONS_MODULE = "resource_booking_notifications"

export default Module(RESOURCE_BOOKING_NOTIFICATIONS_MODULE, {
  service: ResourceBookingNotificationsService,
  loaders: [validateNotificationOptionsLoader],
})

export * from "./types"
export * from "./options"
export { ResourceBookingNotificationsService }
