import { Button, Container, Copy, Heading, Input, Label, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useResourceFeed, useRotateResourceFeed, useUpdateResourceFeed } from "../hooks/feed"
import { ErrorText } from "./common"

const FEED_SETTINGS = [
  { key: "include_customer", id: "feed-include-customer", label: "Show customer emails in the events" },
  { key: "include_holds", id: "feed-include-holds", label: "Show active holds as tentative events" },
] as const

/** One of the feed's settings: a switch with its label. */
const FeedToggle = ({
  id,
  label,
  checked,
  disabled,
  onChange,
}: {
  id: string
  label: string
  checked: boolean
  disabled: boolean
  onChange: (value: boolean) => void
}) => (
  <div className="flex items-center gap-x-2">
    <Switch id={id} checked={checked} disabled={disabled} onCheckedChange={onChange} />
    <Label htmlFor={id} size="small">
      {label}
    </Label>
  </div>
)

/**
 * The resource's calendar feed: a secret URL that Google Calendar, Apple
 * Calendar or Outlook subscribe to (no login), with a copy button, whether it
 * shows customer emails and active holds, and a rotate action that makes a
 * new URL (the old one answers 404 from then on).
 */
export const FeedSection = ({ resourceId }: { resourceId: string }) => {
  const prompt = usePrompt()
  const { data, isLoading, error } = useResourceFeed(resourceId)
  const update = useUpdateResourceFeed(resourceId)
  const rotate = useRotateResourceFeed(resourceId)
  const feed = data?.resource_feed ?? null

  const onRotate = async () => {
    if (feed) {
      const confirmed = await prompt({
        title: "Rotate the calendar feed URL?",
        description: "Calendars subscribed to the current URL stop updating; subscribe them to the new URL.",
        confirmText: "Rotate",
        cancelText: "Cancel",
      })
      if (!confirmed) return
    }
    rotate.mutate(undefined, {
      onSuccess: () => toast.success(feed ? "New feed URL made; the old one no longer works" : "Feed URL made"),
    })
  }

  const toggle = (key: "include_customer" | "include_holds", value: boolean) => update.mutate({ [key]: value })

  return (
    <Container className="divide-y p-0" data-testid="resource-feed-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Calendar feed</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Subscribe to this resource's bookings from Google Calendar, Apple Calendar or Outlook. Anyone with the URL can
            read it: share it like a password.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={onRotate} isLoading={rotate.isPending} data-testid="feed-rotate">
          {feed ? "Rotate URL" : "Create feed URL"}
        </Button>
      </div>
      <div className="flex flex-col gap-y-4 px-6 py-4">
        {isLoading && <Text size="small">Loading…</Text>}
        <ErrorText error={error ?? rotate.error ?? update.error} />
        {!isLoading && !feed && (
          <Text size="small" className="text-ui-fg-subtle">
            No feed yet.
          </Text>
        )}
        {feed && (
          <>
            <div className="flex items-center gap-x-2">
              <Input readOnly value={feed.url} aria-label="Calendar feed URL" data-testid="feed-url" className="flex-1" />
              <Copy content={feed.url} aria-label="Copy the feed URL" data-testid="feed-copy" />
            </div>
            {FEED_SETTINGS.map(({ key, id, label }) => (
              <FeedToggle
                key={key}
                id={id}
                label={label}
                checked={feed[key]}
                disabled={update.isPending}
                onChange={(value) => toggle(key, value)}
              />
            ))}
            <Text size="xsmall" className="text-ui-fg-muted">
              URL made {new Date(feed.rotated_at).toLocaleString()}
            </Text>
          </>
        )}
      </div>
    </Container>
  )
}
