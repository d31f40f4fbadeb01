import { Button, Drawer, Input, Switch, Text, Textarea } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { BOOKING_MODES, BookingMode, RESOURCE_TYPES, ResourceType } from "../../modules/resource_booking/constants"
import { useSaveResource } from "../hooks/resources"
import { BOOKING_MODE_LABELS } from "../lib/format"
import type { Resource } from "../lib/types"
import { appointmentBody, appointmentErrorField, appointmentForm } from "../lib/appointment"
import { AppointmentFields } from "./appointment-fields"
import { BookingRulesFields, bookingRulesBody, bookingRulesForm } from "./booking-rules-fields"
import { ErrorText, Field, NativeSelect } from "./common"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Edit this resource; create a new one without it. */
  resource?: Resource
  onSaved?: (resource: Resource) => void
}

/**
 * Create or edit a resource (with its booking rules and, booked by
 * appointment, its working hours and settings) in a drawer; shows the
 * server's error message (under the field it names, for appointment settings).
 */
export const ResourceFormDrawer = ({ open, onOpenChange, resource, onSaved }: Props) => {
  const [type, setType] = useState<ResourceType>(resource?.type ?? "VEHICLE")
  const [bookingMode, setBookingMode] = useState<BookingMode>(resource?.booking_mode ?? "DAY")
  const [name, setName] = useState(resource?.name ?? "")
  const [description, setDescription] = useState(resource?.description ?? "")
  const [isActive, setIsActive] = useState(resource?.is_active ?? true)
  const [rules, setRules] = useState(bookingRulesForm(resource?.booking_rules))
  const [appointment, setAppointment] = useState(appointmentForm(resource?.appointment))
  const save = useSaveResource(resource?.id)

  useEffect(() => {
    if (!open) return
    setType(resource?.type ?? "VEHICLE")
    setBookingMode(resource?.booking_mode ?? "DAY")
    setName(resource?.name ?? "")
    setDescription(resource?.description ?? "")
    setIsActive(resource?.is_active ?? true)
    setRules(bookingRulesForm(resource?.booking_rules))
    setAppointment(appointmentForm(resource?.appointment))
    save.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, resource?.id])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const booking_rules = bookingRulesBody(rules)
    save.mutate(
      {
        type,
        // A change of mode is sent only when asked for (the server refuses it while bookings exist).
        ...(!resource || bookingMode !== resource.booking_mode ? { booking_mode: bookingMode } : {}),
        name,
        description: description || null,
        is_active: isActive,
        // null clears rules the resource has; no rules to set or clear, nothing sent.
        ...(booking_rules || resource?.booking_rules ? { booking_rules } : {}),
        // Appointment settings are sent whole, for a resource booked by appointment only.
        ...(bookingMode === "APPOINTMENT" ? { appointment: appointmentBody(appointment) } : {}),
      },
      {
        onSuccess: ({ resource: saved }) => {
          onOpenChange(false)
          onSaved?.(saved)
        },
      }
    )
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>{resource ? "Edit resource" : "Create resource"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <Field label="Type" htmlFor="resource-type">
              <NativeSelect
                id="resource-type"
                value={type}
                onChange={(value) => setType(value as ResourceType)}
                options={RESOURCE_TYPES}
              />
            </Field>
            <Field label="Booking mode" htmlFor="resource-booking-mode">
              <NativeSelect
                id="resource-booking-mode"
                value={bookingMode}
                onChange={(value) => setBookingMode(value as BookingMode)}
                options={BOOKING_MODES}
                labels={BOOKING_MODE_LABELS}
                aria-describedby="resource-booking-mode-hint"
              />
              <Text size="xsmall" className="text-ui-fg-muted" id="resource-booking-mode-hint">
                By the day: a booking takes whole dates. Departures: a booking takes seats on departures at set times
                (07:00, 16:30…), each with its own seats. Appointments: a booking takes a time range.
                {resource && " It cannot change while the resource has bookings from today on."}
              </Text>
            </Field>
            <Field label="Name" htmlFor="resource-name">
              <Input id="resource-name" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label="Description" htmlFor="resource-description">
              <Textarea
                id="resource-description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </Field>
            <div className="flex items-center gap-x-2">
              <Switch id="resource-active" checked={isActive} onCheckedChange={setIsActive} />
              <label htmlFor="resource-active" className="txt-compact-small">
                Active (bookable in the store)
              </label>
            </div>
            {bookingMode === "APPOINTMENT" && (
              <AppointmentFields value={appointment} onChange={setAppointment} error={save.error} />
            )}
            <BookingRulesFields value={rules} onChange={setRules} />
            {/* A message naming an appointment field shows under that field instead. */}
            {!(bookingMode === "APPOINTMENT" && appointmentErrorField(save.error)) && <ErrorText error={save.error} />}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button type="submit" isLoading={save.isPending}>
              {resource ? "Save" : "Create"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
