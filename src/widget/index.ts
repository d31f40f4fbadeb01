/**
 * Entry of the booking widget bundle: defines <resource-booking-widget> once
 * (a page may load the script twice) and exports the class for bundlers.
 */
import { ResourceBookingWidget } from "./element"

export const TAG_NAME = "resource-booking-widget"

if (typeof window !== "undefined" && typeof customElements !== "undefined" && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, ResourceBookingWidget)
}

export { ResourceBookingWidget }
export { StoreClient, WidgetError, describeFailure } from "./api"
export type { AvailabilityDate, BookingRules, ResourceHold, VariantAvailability } from "./api"
