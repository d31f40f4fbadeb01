import {
  Container,
  DataTable,
  DataTableFilteringState,
  DataTablePaginationState,
  Heading,
  useDataTable,
} from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { ErrorText } from "./common"

type Props<T> = {
  table: ReturnType<typeof useDataTable<T>>
  title: string
  /** Level of the heading: h1 on a page of its own, h2 for a section. */
  level?: "h1" | "h2"
  testId?: string
  /** Under the title (a description). */
  subtitle?: ReactNode
  /** Right of the title: buttons, the filter menu, inputs. */
  actions?: ReactNode
  /** Between the toolbar and the table (a form, a result). */
  children?: ReactNode
  error?: unknown
  /** Shown when there are no rows (and, unless `filteredEmpty`, when a filter leaves none). */
  empty: string
  filteredEmpty?: string
}

/**
 * One list section as Medusa's dashboard lays it out: a Container holding a
 * DataTable with its toolbar (title, actions, filter chips), the table with its
 * empty state, and the pagination when the table pages.
 */
export const TableSection = <T,>({ table, title, level = "h2", testId, subtitle, actions, children, error, empty, filteredEmpty }: Props<T>) => (
  <Container className="divide-y p-0" data-testid={testId}>
    <DataTable instance={table}>
      <DataTable.Toolbar className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Heading level={level}>{title}</Heading>
          {subtitle}
        </div>
        <div className="flex flex-wrap items-end gap-2">{actions}</div>
      </DataTable.Toolbar>
      {children}
      <ErrorText error={error} className="px-6 py-2" />
      <DataTable.Table emptyState={{ empty: { heading: empty }, filtered: { heading: filteredEmpty ?? empty } }} />
      {table.enablePagination && <DataTable.Pagination />}
    </DataTable>
  </Container>
)

/**
 * Paging and filter state of a server-paged DataTable: what `useDataTable`
 * takes, and the `limit`/`offset` (and filter values) the list route takes.
 */
export function useTableState<F extends Record<string, string>>(pageSize: number, initialFilters = {} as Partial<F>) {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize })
  const [filtering, setFiltering] = useState<DataTableFilteringState>(initialFilters)
  return {
    pagination: { state: pagination, onPaginationChange: setPagination },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    /** Filters as query parameters (unset ones left out). */
    filters: filtering as Partial<F>,
    paging: { limit: pagination.pageSize, offset: pagination.pageIndex * pagination.pageSize },
    /** Back to the first page (when an input outside the DataTable changes the query). */
    firstPage: () => setPagination((current) => ({ ...current, pageIndex: 0 })),
  }
}
