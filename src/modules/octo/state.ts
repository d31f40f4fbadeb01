/**
 * The OCTo booking's state machine: which action a booking's live state
 * allows (docs/OCTO.md, "Guarantees"). A mutation first claims the booking
 * row (service.claimBooking: a conditional UPDATE PostgreSQL decides), so
 * that of several calls on one booking at once, across any number of server
 * processes, one acts at a time and the others decide again on what it left.
 */

/** The statuses stored on the record. */
export const OCTO_BOOKING_STATUSES = ["ON_HOLD", "CONFIRMED", "CANCELLED", "EXPIRED"] as const
export type OctoBookingStatus = (typeof OCTO_BOOKING_STATUSES)[number]

/** The status OCTo is told (the stored one, or EXPIRED / CANCELLED as the holds and the order say). */
export type OctoLiveStatus = OctoBookingStatus

/**
 * - confirm: a Medusa order from the reservation;
 * - cancel: release the reservation, or cancel the order and its allocations;
 * - update: references, contact, notes (any open booking);
 * - rebook: change what a reservation books (product, option, date, units);
 * - extend: a reservation lives longer.
 */
export type OctoAction = "confirm" | "cancel" | "update" | "rebook" | "extend"

/** proceed: claim the booking and act; answer: nothing to do, answer the booking as it is; refuse: 400 with the message. */
export type OctoDecision = { kind: "proceed" } | { kind: "answer" } | { kind: "refuse"; message: string }

const proceed: OctoDecision = { kind: "proceed" }
const answer: OctoDecision = { kind: "answer" }
const refuse = (message: string): OctoDecision => ({ kind: "refuse", message })

export function decideOctoAction(action: OctoAction, status: OctoLiveStatus): OctoDecision {
  switch (action) {
    case "confirm":
      if (status === "ON_HOLD") return proceed
      // Confirming a CONFIRMED booking again answers it unchanged (no second order).
      if (status === "CONFIRMED") return answer
      return refuse(`The booking is ${status} and cannot be confirmed`)
    case "cancel":
      if (status === "ON_HOLD" || status === "CONFIRMED") return proceed
      // Cancelled already (here, or its order in Medusa admin): nothing more to give back.
      if (status === "CANCELLED") return answer
      return refuse("The reservation has expired")
    case "update":
      if (status === "ON_HOLD" || status === "CONFIRMED") return proceed
      return refuse(`The booking is ${status} and cannot change`)
    case "rebook":
      if (status === "ON_HOLD") return proceed
      if (status === "CONFIRMED") return refuse("A confirmed booking's product, option, date or units cannot change")
      return refuse(`The booking is ${status} and cannot change`)
    case "extend":
      if (status === "ON_HOLD") return proceed
      return refuse(`Only a reservation ON_HOLD can be extended; this one is ${status}`)
  }
}

/**
 * How long a call waits for another call's claim on the same booking to end
 * before it answers "try again", and after how long a claim counts as left
 * behind by a process that died (another call may then take it over).
 */
export const OCTO_CLAIM = {
  waitMs: 30_000,
  pollMs: 50,
  staleSeconds: 300,
}
