import { clx } from "@medusajs/ui"
import type { CSSProperties } from "react"
import { Link } from "react-router-dom"
import { departureTimes, shopClock } from "../lib/format"
import type { TimelineBooking, TimelineUnit } from "../lib/types"

/**
 * Minutes from the date's local midnight of an instant the server sent (its
 * digits are the shop's wall clock), clamped to the date: a buffer reaching
 * into the day before starts at 0, one into the next day ends at 1440.
 */
function minuteOfDay(instant: string, date: string): number {
  const day = instant.slice(0, 10)
  if (day < date) return 0
  if (day > date) return 24 * 60
  const [hour, minute] = shopClock(instant).split(":").map(Number)
  return hour * 60 + minute
}

const minutesOf = (time: string) => {
  const [hour, minute] = time.split(":").map(Number)
  return hour * 60 + minute
}

/** "10:00–12:00, buffers 09:45–12:15" (the buffers only when there are some). */
function bookingTimes(booking: TimelineBooking): string {
  const range = departureTimes(booking)
  const hasBuffers = booking.window_starts_at !== booking.starts_at || booking.window_ends_at !== booking.ends_at
  return hasBuffers
    ? `${range}, with buffers ${departureTimes({ starts_at: booking.window_starts_at, ends_at: booking.window_ends_at })}`
    : range
}

/**
 * A day of an APPOINTMENT resource as one lane per unit: the working hours
 * shaded, each booking as a block over its range with its buffers hatched on
 * either side (the time no other booking of that unit may take). An
 * allocation's block links to its order in Medusa admin (`/app/orders/:id`);
 * an active hold (a checkout under way) shows its customer.
 */
export const AppointmentTimeline = ({
  date,
  hours,
  units,
}: {
  date: string
  hours: [string, string][]
  units: TimelineUnit[]
}) => {
  // The axis: whole hours around the working hours and every booking's window (08:00–18:00 on an empty closed day).
  const edges = [
    ...hours.flatMap(([start, end]) => [minutesOf(start), minutesOf(end)]),
    ...units.flatMap((u) => u.bookings.flatMap((b) => [minuteOfDay(b.window_starts_at, date), minuteOfDay(b.window_ends_at, date)])),
  ]
  const first = edges.length ? Math.floor(Math.min(...edges) / 60) * 60 : 8 * 60
  const last = edges.length ? Math.ceil(Math.max(...edges) / 60) * 60 : 18 * 60
  const span = Math.max(last - first, 60)
  const at = (minute: number) => `${((minute - first) / span) * 100}%`
  const width = (from: number, to: number) => `${(Math.max(to - from, 0) / span) * 100}%`
  const ticks = Array.from({ length: span / 60 + 1 }, (_, i) => first + i * 60)
  const hatched = {
    backgroundImage: "repeating-linear-gradient(45deg, transparent 0 4px, rgba(0,0,0,0.14) 4px 8px)",
  }

  return (
    <div className="flex flex-col gap-y-2" data-testid="appointment-timeline">
      <div className="grid grid-cols-[4rem_1fr] gap-x-2">
        <span />
        <div className="relative h-4" aria-hidden>
          {ticks.map((minute) => (
            <span
              key={minute}
              className="txt-compact-xsmall text-ui-fg-muted absolute -translate-x-1/2"
              style={{ left: at(minute) }}
            >
              {String(Math.floor(minute / 60) % 24).padStart(2, "0")}
            </span>
          ))}
        </div>
      </div>
      {units.map(({ unit, bookings }) => (
        <div key={unit} className="grid grid-cols-[4rem_1fr] items-center gap-x-2" data-testid="timeline-unit" data-unit={unit}>
          <span className="txt-compact-small-plus">Unit {unit}</span>
          <div
            className="bg-ui-bg-subtle border-ui-border-base relative h-12 overflow-hidden rounded-md border"
            role="list"
            aria-label={`Unit ${unit}: ${bookings.length} booking(s)`}
          >
            {hours.map(([start, end]) => (
              <div
                key={start}
                className="bg-ui-bg-base absolute inset-y-0"
                style={{ left: at(minutesOf(start)), width: width(minutesOf(start), minutesOf(end)) }}
                title={`Working hours ${start}–${end}`}
                aria-hidden
              />
            ))}
            {ticks.slice(1, -1).map((minute) => (
              <div key={minute} className="border-ui-border-base absolute inset-y-0 border-l border-dotted" style={{ left: at(minute) }} aria-hidden />
            ))}
            {bookings.map((booking) => (
              <TimelineBlock
                key={booking.allocation_id ?? booking.hold_id}
                booking={booking}
                date={date}
                at={at}
                width={width}
                hatched={hatched}
              />
            ))}
          </div>
        </div>
      ))}
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {[
          ["bg-ui-tag-blue-bg border-ui-tag-blue-border", "order (click to open)"],
          ["bg-ui-tag-orange-bg border-ui-tag-orange-border", "active hold"],
        ].map(([className, label]) => (
          <span key={label} className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
            <span className={clx("inline-block h-3 w-3 rounded-sm border", className)} /> {label}
          </span>
        ))}
        <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
          <span className="border-ui-border-strong inline-block h-3 w-3 rounded-sm border" style={hatched} /> buffer
        </span>
        <span className="txt-compact-xsmall text-ui-fg-subtle flex items-center gap-x-1">
          <span className="bg-ui-bg-base border-ui-border-base inline-block h-3 w-3 rounded-sm border" /> working hours
        </span>
      </div>
    </div>
  )
}

/** One booking on a lane: its window (buffers hatched) and its range; an order's is a link to the order. */
const TimelineBlock = ({
  booking,
  date,
  at,
  width,
  hatched,
}: {
  booking: TimelineBooking
  date: string
  at: (minute: number) => string
  width: (from: number, to: number) => string
  hatched: CSSProperties
}) => {
  const windowStart = minuteOfDay(booking.window_starts_at, date)
  const windowEnd = minuteOfDay(booking.window_ends_at, date)
  const start = minuteOfDay(booking.starts_at, date)
  const end = minuteOfDay(booking.ends_at, date)
  const allocated = booking.status === "ALLOCATED"
  const who = allocated ? `Order ${booking.order_id ?? "?"}` : `Hold of ${booking.customer_email ?? "a customer"}`
  const label = `${who}: ${bookingTimes(booking)}${booking.quantity > 1 ? `, ${booking.quantity} units` : ""}`
  const colors = allocated
    ? "bg-ui-tag-blue-bg text-ui-tag-blue-text border-ui-tag-blue-border hover:bg-ui-tag-blue-bg-hover"
    : "bg-ui-tag-orange-bg text-ui-tag-orange-text border-ui-tag-orange-border"
  const body = (
    <>
      <span className="txt-compact-xsmall-plus block truncate">{departureTimes(booking)}</span>
      <span className="txt-compact-xsmall block truncate">{allocated ? booking.customer_email ?? booking.order_id : booking.customer_email ?? "hold"}</span>
    </>
  )
  return (
    <div role="listitem" data-testid="timeline-booking" data-status={booking.status} data-order-id={booking.order_id ?? undefined}>
      {/* The window, buffers included: what no other booking of this unit may overlap. */}
      <div
        className="border-ui-border-strong absolute inset-y-1 rounded-sm border border-dashed"
        style={{ left: at(windowStart), width: width(windowStart, windowEnd), ...hatched }}
        data-testid="timeline-buffer"
        title={`Buffers: ${departureTimes({ starts_at: booking.window_starts_at, ends_at: booking.window_ends_at })}`}
        aria-hidden
      />
      {allocated && booking.order_id ? (
        <Link
          to={`/orders/${booking.order_id}`}
          className={clx("focus-visible:shadow-borders-focus absolute inset-y-1 overflow-hidden rounded-sm border px-1 outline-none", colors)}
          style={{ left: at(start), width: width(start, end) }}
          title={label}
          aria-label={label}
        >
          {body}
        </Link>
      ) : (
        <div
          className={clx("absolute inset-y-1 overflow-hidden rounded-sm border px-1", colors)}
          style={{ left: at(start), width: width(start, end) }}
          title={label}
          aria-label={label}
        >
          {body}
        </div>
      )}
    </div>
  )
}
