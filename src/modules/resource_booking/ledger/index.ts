/**
 * The ledger: the only code that locks resources or changes capacity, holds
 * and allocations. Its rules are in LOCKING.md beside this file.
 */
export * from "./archive-history"
export * from "./blackouts"
export * from "./booking-mode"
export * from "./cancel-allocation"
export * from "./confirm-hold"
export * from "./create-holds"
export * from "./delete-resource"
export * from "./expire-holds"
export * from "./extend-holds"
export * from "./hours"
export * from "./lapsed"
export * from "./lock"
export * from "./movements"
export * from "./offer-waitlist"
export * from "./release-holds"
export * from "./set-capacity"
export * from "./transaction"
