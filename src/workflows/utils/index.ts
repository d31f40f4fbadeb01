export * from "./validate-resource-bookings"
export * from "./resource-variant-links"
export * from "./emit-events"
export * from "./variant-resources"
