import { Badge, createDataTableColumnHelper, Input, useDataTable } from "@medusajs/ui"
import { useState } from "react"
import { useCapacityAudit } from "../hooks/audit"
import { formatDateTime } from "../lib/format"
import type { CapacityAudit } from "../lib/types"
import { Field } from "./common"
import { TableSection, useTableState } from "./table-section"

const PAGE_SIZE = 15

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

/** The capacity audit trail: every change of available/max capacity and why. */
export const AuditSection = ({ resourceId }: { resourceId: string }) => {
  const state = useTableState(PAGE_SIZE)
  const [range, setRange] = useState({ from: "", to: "" })
  const { data, isLoading, error } = useCapacityAudit({
    resource_id: resourceId,
    from: range.from || undefined,
    to: range.to || undefined,
    ...state.paging,
  })
  const table = useDataTable({
    columns,
    data: data?.capacity_audit ?? [],
    rowCount: data?.count ?? 0,
    getRowId: (row) => row.id,
    isLoading,
    pagination: state.pagination,
  })
  const setDate = (key: "from" | "to", value: string) => {
    setRange((current) => ({ ...current, [key]: value }))
    state.firstPage()
  }

  return (
    <TableSection
      table={table}
      title="Audit trail"
      testId="audit-section"
      actions={
        <>
          <Field label="Capacity date from" htmlFor="audit-from">
            <Input id="audit-from" size="small" type="date" value={range.from} onChange={(e) => setDate("from", e.target.value)} />
          </Field>
          <Field label="to" htmlFor="audit-to">
            <Input id="audit-to" size="small" type="date" value={range.to} onChange={(e) => setDate("to", e.target.value)} />
          </Field>
        </>
      }
      error={error}
      empty={range.from || range.to ? "No changes in this range" : "No changes"}
    />
  )
}
