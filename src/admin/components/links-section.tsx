import { Button, createDataTableColumnHelper, DataTableColumnDef, Input, Text } from "@medusajs/ui"
import { ReactNode, useEffect, useState } from "react"
import { optionalNumberField } from "../lib/format"
import { ErrorText, Field, RowButton } from "./common"
import { TableSection, useListTable, useTableState } from "./table-section"

/** A linked row: the other side's id and the units one booked unit of the variant takes of the resource. */
type Linked = { id: string; units: number }
type Candidate = { id: string }
type Noun = "variant" | "resource"

/** Each side's heading: what is listed, and what the units mean from there. */
const HEADINGS: Record<Noun, { title: string; subtitle: string }> = {
  variant: {
    title: "Product variants",
    subtitle:
      "A linked variant books this resource in the store: each booked unit takes its units here on every date. A variant may book several resources; several variants may share this one.",
  },
  resource: {
    title: "Booked resources",
    subtitle: "Booking this variant holds every resource below on every date, all or nothing: a quantity q takes q × units of each.",
  },
}

/**
 * One side of the resource ↔ variant link as its page shows it: a resource's
 * variants, or a variant's resources. Module-level (its hook and columns stay
 * the same object across renders).
 */
export type LinkSide<T extends Linked, C extends Candidate> = {
  noun: Noun
  /** The columns describing the other side; the units and the unlink button follow. */
  columns: DataTableColumnDef<T, any>[]
  /** Searches what can be linked; idle for an empty `q`. */
  useCandidates: (q: string) => { data?: C[]; isLoading: boolean; error: unknown }
  /** How a candidate reads in the search results. */
  candidateLabel: (candidate: C) => ReactNode
}

/** What the section needs of the link hooks (see hooks/variants.ts). */
type LinkList<T> = { data?: { rows: T[]; count: number }; isLoading: boolean; error: unknown }
type LinkMutation = {
  mutate: (input: { id: string; units?: number | string }) => void
  isPending: boolean
  variables?: { id: string }
  error: unknown
}
type UnlinkMutation = { mutate: (id: string) => void; isPending: boolean; variables?: string; error: unknown }

/**
 * The links of one side: the list (units, Unlink) and the picker that adds a
 * link with the units chosen, or sets the units of one that exists.
 */
export const LinksSection = <T extends Linked, C extends Candidate>({
  side,
  state,
  list,
  link,
  unlink,
}: {
  side: LinkSide<T, C>
  state: ReturnType<typeof useTableState>
  list: LinkList<T>
  link: LinkMutation
  unlink: UnlinkMutation
}) => {
  const column = createDataTableColumnHelper<T>()
  const columns = [
    ...side.columns,
    column.accessor((row) => row.units, { id: "units", header: "Units", size: 70 }),
    column.display({
      id: "unlink",
      size: 110,
      cell: ({ row: { original } }) => (
        <RowButton pending={unlink.isPending && unlink.variables === original.id} onClick={() => unlink.mutate(original.id)}>
          Unlink
        </RowButton>
      ),
    }),
  ]
  const rows = list.data?.rows
  const table = useListTable(state, { columns, data: rows, rowCount: list.data?.count, isLoading: list.isLoading })

  return (
    <TableSection
      table={table}
      {...HEADINGS[side.noun]}
      testId={`${side.noun}-links`}
      error={list.error || link.error || unlink.error}
      empty={`No linked ${side.noun}s`}
    >
      <LinkPicker
        side={side}
        linkedUnits={new Map(rows?.map((row) => [row.id, row.units]))}
        pendingId={link.isPending ? link.variables?.id : undefined}
        onLink={(id, units) => link.mutate({ id, units })}
      />
    </TableSection>
  )
}

/**
 * Search what to link (debounced), choose the units, and Link; a candidate
 * already linked offers "Set units" instead.
 */
const LinkPicker = <C extends Candidate>({
  side: { noun, useCandidates, candidateLabel },
  linkedUnits,
  onLink,
  pendingId,
}: {
  side: Pick<LinkSide<Linked, C>, "noun" | "useCandidates" | "candidateLabel">
  /** Units of the links that exist, by candidate id. */
  linkedUnits: Map<string, number>
  /** Link `id` with `units` (undefined: the default, 1), or set the units of its link. */
  onLink: (id: string, units: number | string | undefined) => void
  /** The candidate whose link is being saved (its button spins). */
  pendingId?: string
}) => {
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [units, setUnits] = useState("1")
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 300)
    return () => clearTimeout(timer)
  }, [search])
  const { data: candidates, isLoading, error } = useCandidates(q)
  const chosenUnits = optionalNumberField(units)

  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <div className="grid grid-cols-[1fr_8rem] items-end gap-3">
        <Field label={`Search ${noun}s to link`} htmlFor={`link-${noun}-search`}>
          <Input id={`link-${noun}-search`} size="small" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </Field>
        <Field label="Units" htmlFor={`link-${noun}-units`}>
          <Input
            id={`link-${noun}-units`}
            size="small"
            type="number"
            min={1}
            step={1}
            value={units}
            onChange={(e) => setUnits(e.target.value)}
          />
        </Field>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted">
        Units: what one booked unit of the variant takes of the resource on every date (a booking of quantity q takes q ×
        units).
      </Text>
      <ErrorText error={error} />
      {q && isLoading && <Text size="small">Searching…</Text>}
      {q && candidates && !candidates.length && (
        <Text size="small" className="text-ui-fg-muted">
          No {noun}s match
        </Text>
      )}
      {q &&
        candidates?.map((candidate) => {
          const linked = linkedUnits.get(candidate.id)
          return (
            <div key={candidate.id} className="flex items-center justify-between gap-x-2" data-candidate-id={candidate.id}>
              <Text size="small">
                {candidateLabel(candidate)}
                {linked !== undefined && <span className="text-ui-fg-muted"> · linked, {linked} unit(s)</span>}
              </Text>
              <Button
                size="small"
                variant="secondary"
                disabled={linked !== undefined && linked === chosenUnits}
                isLoading={pendingId === candidate.id}
                onClick={() => onLink(candidate.id, chosenUnits)}
              >
                {linked === undefined ? "Link" : "Set units"}
              </Button>
            </div>
          )
        })}
    </div>
  )
}
