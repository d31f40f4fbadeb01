import { Badge, Text, usePrompt } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useHoldGroup, useReleaseHold } from "../hooks/holds"
import { useResource } from "../hooks/resources"
import type { ResourceHold } from "../lib/types"
import { RowButton } from "./common"

const GROUP_COLORS = ["blue", "purple", "orange", "green", "red"] as const

/** The same colour for a group wherever its holds are listed (each resource's page). */
function groupColor(groupId: string) {
  let hash = 0
  for (const char of groupId) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return GROUP_COLORS[Math.abs(hash) % GROUP_COLORS.length]
}

/** The end of a group id, enough to tell groups apart on screen (the full id is its title). */
export const shortId = (id: string) => `…${id.slice(-6)}`

const ResourceName = ({ id }: { id: string }) => {
  const { data } = useResource(id)
  return <Link to={`/resources/${id}`}>{data?.resource.name ?? id}</Link>
}

/**
 * A hold's group: its short id, coloured per group, and for a booking that
 * takes several resources, "group of N" and the other resources it holds.
 */
export const HoldGroupCell = ({ hold }: { hold: ResourceHold }) => {
  const { data: group } = useHoldGroup(hold)
  const others = (group ?? []).filter((other) => other.id !== hold.id)
  return (
    <div className="flex flex-col gap-y-1" data-group-id={hold.group_id}>
      <div className="flex items-center gap-x-1">
        <Badge size="2xsmall" color={groupColor(hold.group_id)} title={hold.group_id} className="font-mono">
          {shortId(hold.group_id)}
        </Badge>
        {others.length > 0 && (
          <Badge size="2xsmall" color={groupColor(hold.group_id)}>
            group of {others.length + 1}
          </Badge>
        )}
      </div>
      {others.length > 0 && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          with{" "}
          {others.map((other, i) => (
            <span key={other.id}>
              {i > 0 && ", "}
              <ResourceName id={other.resource_id} />
            </span>
          ))}
        </Text>
      )}
    </div>
  )
}

/** Release, asking first when the hold is one of a group (releasing one releases them all). */
export const ReleaseHoldButton = ({ hold, release }: { hold: ResourceHold; release: ReturnType<typeof useReleaseHold> }) => {
  const prompt = usePrompt()
  const { data: group } = useHoldGroup(hold)
  const size = group?.length ?? 1
  const onRelease = async () => {
    const confirmed =
      size < 2 ||
      (await prompt({
        title: `Release the group of ${size}?`,
        description: `This hold was taken with ${size - 1} other(s) for one booking; releasing it releases the whole group and gives back the capacity of every resource.`,
        confirmText: "Release group",
        cancelText: "Keep",
      }))
    if (confirmed) release.mutate(hold.id)
  }
  return (
    <RowButton pending={release.isPending && release.variables === hold.id} onClick={onRelease}>
      {size < 2 ? "Release" : "Release group"}
    </RowButton>
  )
}
