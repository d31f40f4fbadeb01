export * from "./validate-resource-bookings"
export * from "./resource-name-conflict"
export * from "./resource-variant-links"
