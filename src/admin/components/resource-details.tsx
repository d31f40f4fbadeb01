import { Badge, Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { useDeleteResource, useSaveResource } from "../hooks/resources"
import { describeHours, WEEK } from "../lib/appointment"
import { describeBookingRules } from "../lib/format"
import type { Resource } from "../lib/types"
import { ActiveBadge, BookingModeBadge, ErrorText } from "./common"
import { ResourceFormDrawer } from "./resource-form-drawer"

/** Name, type, description, booking rules; edit, activate/deactivate, delete. */
export const ResourceDetails = ({ resource }: { resource: Resource }) => {
  const navigate = useNavigate()
  const prompt = usePrompt()
  const [editing, setEditing] = useState(false)
  const toggle = useSaveResource(resource.id)
  const remove = useDeleteResource(resource.id)
  const rules = describeBookingRules(resource.booking_rules)

  const onDelete = async () => {
    const confirmed = await prompt({
      title: `Delete ${resource.name}?`,
      description: "A resource with active holds or allocations from today on cannot be deleted.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.success(`${resource.name} deleted`)
        navigate("/resources")
      },
    })
  }

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Heading level="h1">{resource.name}</Heading>
            <Badge size="2xsmall">{resource.type}</Badge>
            <BookingModeBadge mode={resource.booking_mode} />
            <ActiveBadge active={resource.is_active} />
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {resource.description || "No description"}
          </Text>
          <Text size="xsmall" className="text-ui-fg-muted">
            {resource.id}
          </Text>
          <div className="mt-1 flex flex-wrap items-center gap-1" data-testid="booking-rules">
            <Text size="small" weight="plus" className="mr-1">
              Booking rules:
            </Text>
            {rules.length ? (
              rules.map((rule) => (
                <Badge key={rule} size="2xsmall" color="blue">
                  {rule}
                </Badge>
              ))
            ) : (
              <Text size="small" className="text-ui-fg-muted">
                none (any date with capacity, until it ends)
              </Text>
            )}
          </div>
          {resource.booking_mode === "APPOINTMENT" && resource.appointment && (
            <AppointmentSummary settings={resource.appointment} />
          )}
        </div>
        <div className="flex shrink-0 gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            size="small"
            variant="secondary"
            isLoading={toggle.isPending}
            onClick={() => toggle.mutate({ is_active: !resource.is_active })}
          >
            {resource.is_active ? "Deactivate" : "Activate"}
          </Button>
          <Button size="small" variant="danger" isLoading={remove.isPending} onClick={onDelete}>
            Delete
          </Button>
        </div>
      </div>
      <ErrorText error={toggle.error || remove.error} />
      <ResourceFormDrawer open={editing} onOpenChange={setEditing} resource={resource} />
    </Container>
  )
}

/** An APPOINTMENT resource's settings in words: grid, durations, buffers, units, and the week's hours. */
const AppointmentSummary = ({ settings }: { settings: NonNullable<Resource["appointment"]> }) => (
  <div className="mt-1 flex flex-col gap-y-1" data-testid="appointment-settings">
    <div className="flex flex-wrap items-center gap-1">
      <Text size="small" weight="plus" className="mr-1">
        Appointments:
      </Text>
      {[
        `${settings.slot_minutes}-minute grid`,
        `${settings.min_duration_minutes}–${settings.max_duration_minutes} minutes`,
        `Buffers ${settings.buffer_before_minutes} before, ${settings.buffer_after_minutes} after`,
        `${settings.units} unit(s)`,
      ].map((text) => (
        <Badge key={text} size="2xsmall" color="blue">
          {text}
        </Badge>
      ))}
    </div>
    <Text size="small" className="text-ui-fg-subtle">
      {WEEK.map(([day, label]) => `${label.slice(0, 3)} ${describeHours(settings.working_hours[day as "0"])}`).join(" · ")}
    </Text>
  </div>
)
