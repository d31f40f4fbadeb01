import { Badge, createDataTableColumnHelper } from "@medusajs/ui"
import { useState } from "react"
import { useCapacityAudit } from "../hooks/audit"
import { formatDateTime } from "../lib/format"
import type { CapacityAudit } from "../lib/types"
import { DateField } from "./common"
import { TableSection, useListTable, useTableState } from "./table-section"

const show = (value: number | null) => (value === null ? "–" : String(value))

const column = createDataTableColumnHelper<CapacityAudit>()

const columns = [
  column.accessor("changed_at", { header: "When", cell: ({ getValue }) => formatDateTime(getValue()) }),
  column.accessor("date", { header: "Date" }),
  column.accessor("change_reason", { header: "Reason", cell: ({ getValue }) => <Badge size="2xsmall">{getValue()}</Badge> }),
  column.display({ id: "available", header: "Available", cell: ({ row: { original: r } }) => `${show(r.old_available)} → ${show(r.new_available)}` }),
  column.display({ id: "max", header: "Max", cell: ({ row: { original: r } }) => `${show(r.old_max)} → ${show(r.new_max)}` }),
  column.display({ id: "by", header: "By", cell: ({ row: { original: r } }) => r.hold_id ?? r.allocation_id ?? r.actor_id ?? "-" }),
]

/** The capacity audit trail: every change of available/max capacity and why, newest first. */
export const AuditSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState({ pageSize: 15 })
  const [range, setRange] = useState({ from: "", to: "" })
  const { data, isLoading, error } = useCapacityAudit({
    resource_id: resourceId,
    from: range.from || undefined,
    to: range.to || undefined,
    ...state.paging,
  })
  const table = useListTable(state, { columns, data: data?.capacity_audit, rowCount: data?.count, isLoading })
  const dateField = (key: "from" | "to", label: string) => (
    <DateField
      id={`audit-${key}`}
      label={label}
      size="small"
      value={range[key]}
      onChange={(value) => {
        setRange((current) => ({ ...current, [key]: value }))
        state.firstPage()
      }}
    />
  )

  return (
    <TableSection
      table={table}
      title="Audit trail"
      testId="audit-section"
      actions={
        <>
          {dateField("from", "Capacity date from")}
          {dateField("to", "to")}
        </>
      }
      error={error}
      empty={range.from || range.to ? "No changes in this range" : "No changes"}
    />
  )
}
