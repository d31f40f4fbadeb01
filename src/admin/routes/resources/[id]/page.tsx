import { Button, Container, Text } from "@medusajs/ui"
import { Link, useParams } from "react-router-dom"
import { AppointmentCalendar } from "../../../components/appointment-calendar"
import { AllocationsSection } from "../../../components/allocations-section"
import { AuditSection } from "../../../components/audit-section"
import { BlackoutsSection } from "../../../components/blackouts-section"
import { CapacityCalendar } from "../../../components/capacity-calendar"
import { CapacityForm } from "../../../components/capacity-form"
import { ErrorText } from "../../../components/common"
import { FeedSection } from "../../../components/feed-section"
import { HoldsSection } from "../../../components/holds-section"
import { ResourceDetails } from "../../../components/resource-details"
import { VariantsSection } from "../../../components/variants-section"
import { WaitlistSection } from "../../../components/waitlist-section"
import { useServerToday } from "../../../hooks/capacity"
import { useResource } from "../../../hooks/resources"

/** One resource: details, calendar (days, departures, or working hours with a timeline per unit), capacity (or the departure schedule; none for appointments), blackouts, holds, waitlist, allocations, audit, variants, calendar feed. */
const ResourcePage = () => {
  const { id } = useParams() as { id: string }
  const { data, isLoading, error } = useResource(id)
  const today = useServerToday(id)

  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small">Loading…</Text>
      </Container>
    )
  }
  if (error || !data) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <ErrorText error={error} />
        <Button size="small" variant="secondary" asChild>
          <Link to="/resources">Back to resources</Link>
        </Button>
      </Container>
    )
  }
  return (
    <div className="flex flex-col gap-y-3">
      <ResourceDetails resource={data.resource} />
      {today ? (
        <>
          {data.resource.booking_mode === "APPOINTMENT" ? (
            // Its capacity is its units and working hours (the drawer): the calendar shows hours, exceptions and bookings per unit.
            <AppointmentCalendar resourceId={id} today={today} />
          ) : (
            <>
              <CapacityCalendar resourceId={id} today={today} bookingMode={data.resource.booking_mode} />
              {/* Keyed by mode: a resource whose mode changed gets the other form, fresh. */}
              <CapacityForm key={data.resource.booking_mode} resourceId={id} today={today} bookingMode={data.resource.booking_mode} />
            </>
          )}
          <BlackoutsSection resourceId={id} today={today} />
        </>
      ) : (
        <Container className="px-6 py-4">
          <Text size="small">Loading calendar…</Text>
        </Container>
      )}
      <HoldsSection resourceId={id} />
      <WaitlistSection resourceId={id} />
      <AllocationsSection resourceId={id} />
      <AuditSection resourceId={id} />
      <VariantsSection resourceId={id} />
      <FeedSection resourceId={id} />
    </div>
  )
}

export default ResourcePage
