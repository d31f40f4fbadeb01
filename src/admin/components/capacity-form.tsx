import { Checkbox, Container, Heading, Input, Text, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { addDays } from "../../modules/resource_booking/utils/dates"
import { useSetCapacity } from "../hooks/capacity"
import { numberField, WEEKDAY_LABELS } from "../lib/format"
import { DateField, Field, SubmitRow } from "./common"

/** Sets max_capacity over a range, optionally on some weekdays only. */
export const CapacityForm = ({ resourceId, today }: { resourceId: string; today: string }) => {
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(addDays(today, 29))
  const [maxCapacity, setMaxCapacity] = useState("1")
  const [weekdays, setWeekdays] = useState<number[]>([])
  const set = useSetCapacity(resourceId)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    set.mutate(
      {
        from,
        to,
        max_capacity: numberField(maxCapacity),
        ...(weekdays.length ? { weekdays } : {}),
      },
      { onSuccess: ({ capacity }) => toast.success(`Capacity set on ${capacity.length} date(s)`) }
    )
  }

  const toggleWeekday = (day: number, on: boolean) =>
    setWeekdays((current) => (on ? [...current, day].sort() : current.filter((d) => d !== day)))

  return (
    <Container className="px-6 py-4">
      <form onSubmit={submit} className="flex flex-col gap-y-3" data-testid="capacity-form">
        <Heading level="h2">Set capacity</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          New dates start fully available; existing dates keep what is already taken. If any date would fall below
          what is taken, nothing changes.
        </Text>
        <div className="grid grid-cols-3 gap-3">
          <DateField id="capacity-from" label="From" value={from} onChange={setFrom} />
          <DateField id="capacity-to" label="To" value={to} onChange={setTo} />
          <Field label="Max capacity" htmlFor="capacity-max">
            <Input
              id="capacity-max"
              type="number"
              min={0}
              value={maxCapacity}
              onChange={(e) => setMaxCapacity(e.target.value)}
            />
          </Field>
        </div>
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
          Set capacity
        </SubmitRow>
      </form>
    </Container>
  )
}
