export * from "./validate-resource-bookings"
export * from "./resource-name-conflict"
export * from "./resource-variant-links"
export * from "./emit-events"
