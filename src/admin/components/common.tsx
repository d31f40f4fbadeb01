import { Table, Text } from "@medusajs/ui"
import { ReactNode } from "react"
import { errorMessage } from "../lib/api"

/** The server's error message, under a form or a list. */
export const ErrorText = ({ error }: { error: unknown }) =>
  error ? (
    <Text size="small" className="text-ui-fg-error" role="alert" data-testid="error-message">
      {errorMessage(error)}
    </Text>
  ) : null

export const Field = ({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <label htmlFor={htmlFor} className="txt-compact-small-plus text-ui-fg-subtle">
      {label}
    </label>
    {children}
  </div>
)

/** A native select styled like @medusajs/ui inputs (fast, keyboard-friendly). */
export const NativeSelect = ({
  value,
  onChange,
  options,
  id,
  ariaLabel,
}: {
  value: string
  onChange: (value: string) => void
  options: { value: string; label: string }[]
  id?: string
  ariaLabel?: string
}) => (
  <select
    id={id}
    aria-label={ariaLabel}
    value={value}
    onChange={(event) => onChange(event.target.value)}
    className="bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base h-8 rounded-md px-2 outline-none"
  >
    {options.map((option) => (
      <option key={option.value} value={option.value}>
        {option.label}
      </option>
    ))}
  </select>
)

/** Prev/next paging under a list (limit/offset, as the API pages). */
export const Pager = ({
  count,
  limit,
  offset,
  onOffset,
}: {
  count: number
  limit: number
  offset: number
  onOffset: (offset: number) => void
}) => {
  const pageCount = Math.max(1, Math.ceil(count / limit))
  const pageIndex = Math.floor(offset / limit)
  return (
    <Table.Pagination
      count={count}
      pageSize={limit}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={offset > 0}
      canNextPage={offset + limit < count}
      previousPage={() => onOffset(Math.max(0, offset - limit))}
      nextPage={() => onOffset(offset + limit)}
    />
  )
}

export const EmptyRow = ({ colSpan, children }: { colSpan: number; children: ReactNode }) => (
  <Table.Row>
    <td colSpan={colSpan} className="txt-compact-small text-ui-fg-muted h-10 text-center">
      {children}
    </td>
  </Table.Row>
)
