import { Badge, Container, createDataTableColumnHelper, createDataTableFilterHelper, DataTable, DataTableFilter, DataTableFilteringState, DataTablePaginationState, Heading, Text, useDataTable } from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { ErrorText } from "./common"

type DataTableInstance<T> = ReturnType<typeof useDataTable<T>>
type DataTableOptions<T> = Parameters<typeof useDataTable<T>>[0]

type Props<T> = {
  table: DataTableInstance<T>
  title: string
  /** Level of the heading: h1 on a page of its own, h2 for a section. */
  level?: "h1" | "h2"
  testId?: string
  /** A line under the title. */
  subtitle?: string
  /** Right of the title, before the filter menu: buttons, inputs. */
  actions?: ReactNode
  /** Between the toolbar and the table (a form, a result). */
  children?: ReactNode
  error?: unknown
  /** A newer answer is on its way (the rows shown are the previous query's). */
  updating?: boolean
  /** Shown when there are no rows (and, unless `filteredEmpty`, when a filter leaves none). */
  empty: string
  filteredEmpty?: string
}

/**
 * One list as Medusa's dashboard lays it out: a Container holding a DataTable
 * with its toolbar (title, actions, filter menu and chips), the table with its
 * empty state, and the pagination when the table pages.
 */
export const TableSection = <T,>(props: Props<T>) => {
  const { table, level = "h2", empty } = props
  return (
    <Container className="divide-y p-0" data-testid={props.testId}>
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-wrap items-center justify-between gap-2">
          <div>
            <Heading level={level}>{props.title}</Heading>
            {props.subtitle && (
              <Text size="small" className="text-ui-fg-subtle">
                {props.subtitle}
              </Text>
            )}
          </div>
          <div className="flex flex-wrap items-end gap-2">
            {props.updating && (
              <Text size="small" className="text-ui-fg-muted">
                Updating…
              </Text>
            )}
            {props.actions}
            {table.enableFiltering && <DataTable.FilterMenu tooltip="Filter" />}
          </div>
        </DataTable.Toolbar>
        {props.children}
        <ErrorText error={props.error} className="px-6 py-2" />
        <DataTable.Table emptyState={{ empty: { heading: empty }, filtered: { heading: props.filteredEmpty ?? empty } }} />
        {table.enablePagination && <DataTable.Pagination />}
      </DataTable>
    </Container>
  )
}

/**
 * The state of a server-side DataTable: its page (`paging`: the route's
 * limit/offset) and its filters (`query`: the route's parameters, unset ones
 * left out). No `pageSize`: the list does not page.
 */
export function useTableState<F extends Record<string, string>>(
  options: { pageSize?: number; filters?: DataTableFilter[]; initial?: Partial<F> } = {}
) {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: options.pageSize ?? 0 })
  const [filtering, setFiltering] = useState<DataTableFilteringState>(options.initial ?? {})
  return {
    options: {
      ...(options.pageSize ? { pagination: { state: pagination, onPaginationChange: setPagination } } : {}),
      ...(options.filters ? { filters: options.filters, filtering: { state: filtering, onFilteringChange: setFiltering } } : {}),
    },
    query: filtering as Partial<F>,
    paging: options.pageSize ? { limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize } : {},
    /** Back to the first page (when an input outside the DataTable changes the query). */
    firstPage: () => setPagination((current) => ({ ...current, pageIndex: 0 })),
  }
}

/** `useDataTable` over one page of a list route (rows keyed by `id` unless `getRowId` says otherwise). */
export const useListTable = <T,>(
  state: ReturnType<typeof useTableState>,
  { data, ...options }: Omit<DataTableOptions<T>, "data"> & { data: T[] | undefined }
) =>
  useDataTable<T>({
    getRowId: (row) => (row as { id: string }).id,
    ...state.options,
    ...options,
    data: data ?? [],
  })

/** Options of a yes/no radio filter (the routes take "true" / "false"). */
export const yesNoOptions = (yes: string, no: string) => [
  { label: yes, value: "true" },
  { label: no, value: "false" },
]

type BadgeColor = "green" | "blue" | "grey" | "orange" | "purple" | "red"

/**
 * The colour of a status, one map for every list (holds, allocations,
 * waitlist entries): live green, done blue, waiting purple, lapsed orange,
 * ended (RELEASED, CANCELLED, LEFT, REMOVED) grey.
 */
const STATUS_COLORS: Record<string, BadgeColor> = {
  ACTIVE: "green",
  OFFERED: "green",
  CONFIRMED: "blue",
  FULFILLED: "blue",
  WAITING: "purple",
  EXPIRED: "orange",
  OFFER_EXPIRED: "orange",
}

/** A status cell as a coloured badge. */
export const StatusBadge = ({ status }: { status: string }) => (
  <Badge size="2xsmall" color={STATUS_COLORS[status] ?? "grey"}>
    {status}
  </Badge>
)

/** The options of a status filter menu. */
export const statusOptions = (statuses: readonly string[]) => statuses.map((status) => ({ label: status, value: status }))

/**
 * The column helper, the status filter menu and the status column (a badge)
 * of a list whose rows have a `status` (holds, waitlist entries).
 */
export function statusTable<T extends { status: string }>(statuses: readonly string[]) {
  const filter = createDataTableFilterHelper<T>()
  const column = createDataTableColumnHelper<T>()
  return {
    column,
    filters: [filter.accessor("status" as any, { type: "radio", label: "Status", options: statusOptions(statuses) })],
    statusColumn: () =>
      column.accessor("status" as any, {
        header: "Status",
        cell: ({ getValue }: { getValue: () => unknown }) => <StatusBadge status={String(getValue())} />,
      }),
  }
}
