import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProductVariant, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, createDataTableColumnHelper } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { ActiveBadge, BookingModeBadge } from "../components/common"
import { LinkSide, LinksSection } from "../components/links-section"
import { useTableState } from "../components/table-section"
import { useResourceSearch } from "../hooks/resources"
import { useLinkVariantResource, useUnlinkVariantResource, useVariantResources } from "../hooks/variants"
import { BOOKING_MODE_LABELS } from "../lib/format"
import type { Resource, VariantResource } from "../lib/types"

const column = createDataTableColumnHelper<VariantResource>()

/** The variant page's side of the link: the resources it books, found by name or description. */
const RESOURCES: LinkSide<VariantResource, Resource> = {
  noun: "resource",
  useCandidates: useResourceSearch,
  // A variant books resources of one mode: the mode shows before linking (another mode is refused with a 409).
  candidateLabel: (resource) => `${resource.name} (${resource.type}, ${BOOKING_MODE_LABELS[resource.booking_mode ?? "DAY"].toLowerCase()})`,
  columns: [
    column.accessor("name", {
      header: "Resource",
      cell: ({ row: { original: resource } }) => <Link to={`/resources/${resource.id}`}>{resource.name}</Link>,
    }),
    column.accessor("type", { header: "Type", cell: ({ getValue }) => <Badge size="2xsmall">{getValue()}</Badge> }),
    column.accessor("booking_mode", { header: "Booking", cell: ({ getValue }) => <BookingModeBadge mode={getValue()} /> }),
    column.accessor("is_active", { header: "Status", cell: ({ getValue }) => <ActiveBadge active={getValue()} /> }),
  ],
}

/** On a product variant's page: the resources a booking of it takes, with units; link, set units, unlink. */
const VariantResourcesWidget = ({ data: variant }: DetailWidgetProps<AdminProductVariant>) => {
  const state = useTableState()
  const list = useVariantResources(variant.id)
  const link = useLinkVariantResource(variant.id)
  const unlink = useUnlinkVariantResource(variant.id)
  return <LinksSection side={RESOURCES} state={state} list={list} link={link} unlink={unlink} />
}

export const config = defineWidgetConfig({
  zone: "product_variant.details.after",
})

export default VariantResourcesWidget
