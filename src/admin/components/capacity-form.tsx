import { Button, Checkbox, Container, Heading, Input, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useRef, useState } from "react"
import { addDays } from "../../modules/resource_booking/utils/dates"
import { useCapacity, useSetCapacity } from "../hooks/capacity"
import { numberField, START_TIME_STEP_MINUTES, WEEKDAY_LABELS } from "../lib/format"
import type { BookingMode, SetCapacityResult } from "../lib/types"
import { CALENDAR_DAYS } from "./capacity-calendar"
import { DateField, Field, SubmitRow } from "./common"

/** A start time field: its own id (the row's React key, so focus survives a removal) and the time as typed. */
type StartTime = { id: number; time: string }
let nextStartTimeId = 0
const startTimeRows = (times: string[]): StartTime[] => times.map((time) => ({ id: nextStartTimeId++, time }))

type Props = { resourceId: string; today: string; bookingMode: BookingMode }

/**
 * Sets capacity over a range, optionally on some weekdays only: max_capacity
 * per date, or for a DEPARTURE resource the departure schedule (start times,
 * duration and seats of each departure), which starts as the schedule the
 * calendar shows (its start times, the first one's duration and seats).
 * Shows the server's 400/409 under the form and, after a schedule is set,
 * the start times the spring gap skipped.
 */
export const CapacityForm = ({ resourceId, today, bookingMode }: Props) => {
  const departures = bookingMode === "DEPARTURE"
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(addDays(today, 29))
  const [maxCapacity, setMaxCapacity] = useState("1")
  const [weekdays, setWeekdays] = useState<number[]>([])
  const [startTimes, setStartTimes] = useState<StartTime[]>(() => startTimeRows(["09:00"]))
  const [duration, setDuration] = useState("60")
  const [result, setResult] = useState<SetCapacityResult | null>(null)
  const set = useSetCapacity(resourceId)

  // The departures already set (the calendar's query, so no second request) fill the form once.
  const schedule = useCapacity({ resource_id: resourceId, from: today, to: addDays(today, CALENDAR_DAYS - 1) })
  const prefilled = useRef(false)
  useEffect(() => {
    if (!departures || prefilled.current || !schedule.data) return
    prefilled.current = true
    const rows = schedule.data.capacity.filter((row) => row.start_time)
    if (!rows.length) return
    setStartTimes(startTimeRows([...new Set(rows.map((row) => row.start_time!))].sort()))
    setDuration(String(rows[0].duration_minutes ?? 60))
    setMaxCapacity(String(rows[0].max_capacity))
  }, [departures, schedule.data])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setResult(null)
    set.mutate(
      {
        from,
        to,
        max_capacity: numberField(maxCapacity),
        ...(weekdays.length ? { weekdays } : {}),
        // As typed: the server names a bad one (start_times[1] must be a time HH:MM on a 5-minute grid).
        ...(departures ? { start_times: startTimes.map((row) => row.time), duration_minutes: numberField(duration) } : {}),
      },
      {
        onSuccess: (answer) => {
          setResult(answer)
          toast.success(
            departures ? `${answer.capacity.length} departure(s) set` : `Capacity set on ${answer.capacity.length} date(s)`
          )
        },
      }
    )
  }

  const toggleWeekday = (day: number, on: boolean) =>
    setWeekdays((current) => (on ? [...current, day].sort() : current.filter((d) => d !== day)))

  return (
    <Container className="px-6 py-4">
      {/* noValidate: the server, not the browser, says what is wrong (its message names the field). */}
      <form onSubmit={submit} noValidate className="flex flex-col gap-y-3" data-testid="capacity-form">
        <Heading level="h2">{departures ? "Departure schedule" : "Set capacity"}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {departures
            ? "Sets a departure at each start time on each date of the range, each with its own seats. New departures start with every seat free; existing ones keep what is taken. If any departure would fall below what is taken, nothing changes."
            : "New dates start fully available; existing dates keep what is already taken. If any date would fall below what is taken, nothing changes."}
        </Text>
        <div className={departures ? "grid grid-cols-4 gap-3" : "grid grid-cols-3 gap-3"}>
          <DateField id="capacity-from" label="From" value={from} onChange={setFrom} />
          <DateField id="capacity-to" label="To" value={to} onChange={setTo} />
          <Field label={departures ? "Seats per departure" : "Max capacity"} htmlFor="capacity-max">
            <Input id="capacity-max" type="number" min={0} value={maxCapacity} onChange={(e) => setMaxCapacity(e.target.value)} />
          </Field>
          {departures && (
            <Field label="Duration (minutes)" htmlFor="capacity-duration">
              <Input
                id="capacity-duration"
                type="number"
                min={1}
                value={duration}
                onChange={(e) => setDuration(e.target.value)}
              />
            </Field>
          )}
        </div>
        {departures && <StartTimesField value={startTimes} onChange={setStartTimes} />}
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Text size="small" className="text-ui-fg-subtle">
            Only on (none = every day):
          </Text>
          {WEEKDAY_LABELS.map((label, day) => (
            <label key={label} className="txt-compact-small flex items-center gap-x-1">
              <Checkbox checked={weekdays.includes(day)} onCheckedChange={(v) => toggleWeekday(day, v === true)} />
              {label}
            </label>
          ))}
        </div>
        <SubmitRow error={set.error} pending={set.isPending}>
          {departures ? "Set departures" : "Set capacity"}
        </SubmitRow>
        {departures && result && <ScheduleResult result={result} />}
      </form>
    </Container>
  )
}

/**
 * The start times of a schedule: one time input each (5-minute steps), an
 * Add button that focuses the new one and a Remove button per time (at least
 * one stays).
 */
const StartTimesField = ({ value, onChange }: { value: StartTime[]; onChange: (rows: StartTime[]) => void }) => {
  const [added, setAdded] = useState<number | null>(null)
  const add = () => {
    const [row] = startTimeRows([""])
    setAdded(row.id)
    onChange([...value, row])
  }
  const remove = (id: number) => onChange(value.filter((row) => row.id !== id))
  const change = (id: number, time: string) => onChange(value.map((row) => (row.id === id ? { ...row, time } : row)))

  return (
    <fieldset className="flex flex-col gap-y-2" data-testid="start-times" aria-describedby="start-times-hint">
      <legend className="txt-compact-small-plus text-ui-fg-subtle">Start times</legend>
      <div className="flex flex-wrap items-center gap-2">
        {value.map(({ id, time }, index) => (
          <div key={id} className="flex items-center gap-x-1">
            <Input
              id={`capacity-start-${index}`}
              aria-label={`Start time ${index + 1}`}
              type="time"
              size="small"
              step={START_TIME_STEP_MINUTES * 60}
              value={time}
              autoFocus={id === added}
              onChange={(e) => change(id, e.target.value)}
              className="w-28"
            />
            <Button
              type="button"
              size="small"
              variant="transparent"
              disabled={value.length < 2}
              aria-label={`Remove start time ${time || index + 1}`}
              onClick={() => remove(id)}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button type="button" size="small" variant="secondary" onClick={add}>
          Add start time
        </Button>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted" id="start-times-hint">
        HH:MM on a {START_TIME_STEP_MINUTES}-minute grid, in the shop's time zone. A time that does not exist on a date
        (the clocks go forward that night) is skipped on that date and listed after saving.
      </Text>
    </fieldset>
  )
}

/** What a schedule set: how many departures, and each start time skipped on a date (spring gap). */
const ScheduleResult = ({ result }: { result: SetCapacityResult }) => {
  const skipped = result.skipped ?? []
  const dates = new Set(result.capacity.map((row) => row.date))
  return (
    <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-md p-3" data-testid="capacity-result" role="status">
      <Text size="small" weight="plus">
        {result.capacity.length} departure(s) set on {dates.size} date(s).
      </Text>
      {skipped.length ? (
        <>
          <Text size="small">
            Skipped ({skipped.length}): these times do not exist on these dates (the clocks go forward), so no departure
            was made:
          </Text>
          <ul className="txt-compact-small list-disc pl-5" data-testid="capacity-skipped">
            {skipped.map(({ date, start_time }) => (
              <li key={`${date} ${start_time}`} data-skipped={`${date} ${start_time}`}>
                {date} {start_time}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Text size="small" className="text-ui-fg-muted">
          No start time was skipped.
        </Text>
      )}
    </div>
  )
}
