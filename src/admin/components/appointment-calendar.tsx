import { Badge, Button, Container, Drawer, Heading, Text, clx, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { MAX_PAGE_SIZE } from "../../modules/resource_booking/constants"
import { addDays, weekdayOf } from "../../modules/resource_booking/utils/dates"
import { useBlackouts } from "../hooks/blackouts"
import { useManifest } from "../hooks/capacity"
import { useClearHours, useHours, useSetHours } from "../hooks/hours"
import { describeHours, hoursRanges, hoursRows } from "../lib/appointment"
import { WEEKDAY_LABELS } from "../lib/format"
import type { DayHours, ResourceBlackout, TimelineUnit } from "../lib/types"
import { AppointmentTimeline } from "./appointment-timeline"
import { CALENDAR_DAYS, CalendarLegend, CalendarWeekHeader } from "./capacity-calendar"
import { ErrorText } from "./common"
import { HoursRangesField } from "./hours-ranges"

/**
 * An APPOINTMENT resource's next 90 days: each day's working hours (its
 * weekday's, or an exception, marked), closed days and blackouts. A click (or
 * Enter) opens the day: its hours to change for that date only (other hours,
 * closed, or back to the weekday's) and its timeline per unit.
 */
export const AppointmentCalendar = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const [selected, setSelected] = useState<string | null>(null)
  const from = today
  const to = addDays(from, CALENDAR_DAYS - 1)
  const hours = useHours({ resource_id: resourceId, from, to })
  const blackouts = useBlackouts({ resource_id: resourceId, from, to, limit: MAX_PAGE_SIZE })
  const byDate = useMemo(() => new Map((hours.data?.hours ?? []).map((day) => [day.date, day])), [hours.data])
  const blackoutOf = (date: string) => blackouts.data?.resource_blackouts.find((b) => b.start_date <= date && date <= b.end_date)
  const days = useMemo(() => Array.from({ length: CALENDAR_DAYS }, (_, i) => addDays(from, i)), [from])

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="appointment-calendar">
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Heading level="h2">Working hours, next {CALENDAR_DAYS} days</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each day's hours in the shop's time zone. A click on a day sets other hours for that date, closes it or
            returns it to its weekday's hours, and shows its bookings per unit.
          </Text>
        </div>
        <CalendarLegend
          className="shrink-0"
          items={[
            ["bg-ui-tag-green-bg", "open"],
            ["bg-ui-tag-purple-bg", "exception"],
            ["bg-ui-bg-subtle", "closed"],
          ]}
        />
      </div>
      <ErrorText error={hours.error || blackouts.error} />
      {hours.isLoading && (
        <Text size="small" className="text-ui-fg-muted">
          Loading calendar…
        </Text>
      )}
      <div className="grid grid-cols-7 gap-1">
        <CalendarWeekHeader leading={weekdayOf(from)} />
        {days.map((date) => {
          const day = byDate.get(date)
          const blackout = blackoutOf(date)
          const open = !!day?.hours.length
          return (
            <button
              type="button"
              key={date}
              data-date={date}
              data-exception={day?.is_exception || undefined}
              title={`${date}: ${describeHours(day?.hours)}${day?.is_exception ? " (exception)" : ""}${blackout ? `, blackout${blackout.reason ? `: ${blackout.reason}` : ""}` : ""}`}
              onClick={() => setSelected(date)}
              className={clx(
                "flex min-h-16 flex-col items-start gap-y-0.5 rounded-md p-1 text-left transition-fg hover:opacity-80",
                "focus-visible:shadow-borders-focus outline-none",
                day?.is_exception
                  ? "bg-ui-tag-purple-bg text-ui-tag-purple-text"
                  : open
                    ? "bg-ui-tag-green-bg text-ui-tag-green-text"
                    : "bg-ui-bg-subtle text-ui-fg-muted",
                blackout && "border-ui-fg-base border-2 border-dashed"
              )}
            >
              <span className="txt-compact-xsmall-plus">{date.slice(5)}</span>
              {day ? (
                open ? (
                  day.hours.map(([start, end]) => (
                    <span key={start} className="txt-compact-xsmall" data-range={`${start}-${end}`}>
                      {start}–{end}
                    </span>
                  ))
                ) : (
                  <span className="txt-compact-xsmall">closed</span>
                )
              ) : (
                <span className="txt-compact-xsmall">–</span>
              )}
              {day?.is_exception && <span className="txt-compact-xsmall font-medium">Exception</span>}
              {blackout && <span className="txt-compact-xsmall font-medium">Blackout</span>}
            </button>
          )
        })}
      </div>
      <AppointmentDayDrawer
        resourceId={resourceId}
        date={selected}
        day={selected ? byDate.get(selected) : undefined}
        blackout={selected ? blackoutOf(selected) : undefined}
        onClose={() => setSelected(null)}
      />
    </Container>
  )
}

/**
 * One date of an APPOINTMENT resource: its hours (set other hours for this
 * date, close it, or return it to its weekday's) and the day's timeline per
 * unit with bookings, buffers and links to their orders.
 */
const AppointmentDayDrawer = ({
  resourceId,
  date,
  day,
  blackout,
  onClose,
}: {
  resourceId: string
  date: string | null
  day: DayHours | undefined
  blackout: ResourceBlackout | undefined
  onClose: () => void
}) => {
  const manifest = useManifest(resourceId, date)
  const setHours = useSetHours(resourceId)
  const clearHours = useClearHours(resourceId)
  const [rows, setRows] = useState(() => hoursRows(day?.hours))

  // The editor starts as the date's hours each time a date opens or its hours change.
  const shown = day ? `${day.date} ${JSON.stringify(day.hours)}` : ""
  useEffect(() => {
    setRows(hoursRows(day?.hours))
    setHours.reset()
    clearHours.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown])

  const saveHours = (hours: [string, string][], done: string) =>
    date && setHours.mutate({ date, hours }, { onSuccess: () => toast.success(done) })

  const data = manifest.data?.manifest
  return (
    <Drawer open={!!date} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content className="sm:max-w-[880px]">
        <Drawer.Header>
          <Drawer.Title>
            {date} ({date ? WEEKDAY_LABELS[weekdayOf(date)] : ""})
          </Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-5 overflow-y-auto" data-testid="appointment-day">
          <section className="flex flex-col gap-y-2" data-testid="day-hours" aria-label="Hours on this date">
            <div className="flex flex-wrap items-center gap-2">
              <Heading level="h3">Hours on this date</Heading>
              {day && (
                <Badge size="2xsmall" color={day.is_exception ? "purple" : "grey"} data-testid="day-hours-kind">
                  {day.is_exception ? "Exception" : "Weekday's hours"}
                </Badge>
              )}
              {blackout && (
                <Badge size="2xsmall" color="red">
                  Blackout{blackout.reason ? `: ${blackout.reason}` : ""}
                </Badge>
              )}
            </div>
            <Text size="small" className="text-ui-fg-subtle" data-testid="day-hours-now">
              {day ? `Now: ${describeHours(day.hours)}.` : "Loading…"} Other hours here apply to this date only; bookings
              already made stay.
            </Text>
            <HoursRangesField idPrefix="day-hours" label={date ?? "this date"} value={rows} onChange={setRows} />
            <div className="flex flex-wrap gap-2">
              <Button
                size="small"
                isLoading={setHours.isPending && setHours.variables?.hours.length !== 0}
                onClick={() => saveHours(hoursRanges(rows), `Hours set for ${date}`)}
                disabled={!rows.length}
              >
                Set hours for this date
              </Button>
              <Button
                size="small"
                variant="secondary"
                isLoading={setHours.isPending && setHours.variables?.hours.length === 0}
                onClick={() => saveHours([], `${date} closed`)}
              >
                Close this date
              </Button>
              {day?.is_exception && (
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={clearHours.isPending}
                  onClick={() => date && clearHours.mutate(date, { onSuccess: () => toast.success(`${date} has its weekday's hours again`) })}
                >
                  Back to the weekday's hours
                </Button>
              )}
            </div>
            <ErrorText error={setHours.error || clearHours.error} />
          </section>
          <section className="flex flex-col gap-y-2" aria-label="Bookings per unit">
            <Heading level="h3">Bookings per unit</Heading>
            <ErrorText error={manifest.error} />
            {manifest.isLoading && <Text size="small">Loading…</Text>}
            {data?.units && (
              <>
                <Text size="small" className="text-ui-fg-subtle">
                  {countBookings(data.units)} booking(s); times in the shop's time zone. Hatched: the buffers, which no
                  other booking of that unit may overlap. A click on an order opens it.
                </Text>
                <AppointmentTimeline date={data.date} hours={data.hours ?? []} units={data.units} />
              </>
            )}
          </section>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}

/** Bookings on the day (one taking several units counts once). */
const countBookings = (units: TimelineUnit[]) =>
  new Set(units.flatMap((u) => u.bookings.map((b) => b.allocation_id ?? b.hold_id))).size
