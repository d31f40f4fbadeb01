/** Direct reads of the plugin's tables, for checking invariants after HTTP traffic. */
export { sql, assertLedgerInvariants } from "../../../src/modules/resource_booking/__tests__/helpers"
