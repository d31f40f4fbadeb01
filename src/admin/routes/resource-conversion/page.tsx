import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChartPie } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { ReactNode, useState } from "react"
import { Link } from "react-router-dom"
import { HOLD_CHANNELS } from "../../../modules/resource_booking/constants"
import { addDays } from "../../../modules/resource_booking/utils/dates"
import { DateField, ErrorText, Field, NativeSelect } from "../../components/common"
import { browserToday } from "../../hooks/capacity"
import { useConversion } from "../../hooks/conversion"
import { useResources } from "../../hooks/resources"
import type { ConversionReport, HoldChannel } from "../../lib/types"

type Figures = ConversionReport["totals"]

/** The outcomes of a hold, in the order the chart stacks them, with their colours. */
const OUTCOMES = [
  { key: "confirmed", label: "Confirmed (order)", fill: "var(--tag-green-icon, #10b981)" },
  { key: "active", label: "Still active", fill: "var(--tag-blue-icon, #3b82f6)" },
  { key: "released", label: "Released", fill: "var(--tag-neutral-icon, #a1a1aa)" },
  { key: "expired", label: "Expired", fill: "var(--tag-orange-icon, #f97316)" },
] as const

const CHANNEL_LABELS: Record<HoldChannel, string> = {
  storefront: "Storefront API",
  widget: "Widget",
  octo: "OCTo (resellers)",
  waitlist: "Waitlist offers",
  admin: "Admin",
}

const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 1000) / 10}%`)
const minutes = (value: number | null) => (value === null ? "–" : `${value} min`)

/**
 * Holds per channel as horizontal stacked bars (confirmed, active, released,
 * expired) with the conversion rate at the end: an SVG with a title and a
 * description for screen readers, each segment titled with its figure; the
 * table under it carries the same numbers.
 */
const ConversionChart = ({ rows }: { rows: (Figures & { channel: HoldChannel })[] }) => {
  const max = Math.max(1, ...rows.map((row) => row.holds_made))
  const barHeight = 22
  const gap = 10
  const labelWidth = 130
  const barWidth = 460
  const height = rows.length * (barHeight + gap) + 4
  const description = rows
    .map((row) => `${CHANNEL_LABELS[row.channel]}: ${row.holds_made} holds, ${row.confirmed} confirmed (${percent(row.conversion_rate)})`)
    .join("; ")
  return (
    <figure className="flex flex-col gap-y-2">
      <svg
        role="img"
        aria-labelledby="conversion-chart-title conversion-chart-desc"
        viewBox={`0 0 ${labelWidth + barWidth + 70} ${height}`}
        className="w-full max-w-[720px]"
        data-testid="conversion-chart"
      >
        <title id="conversion-chart-title">Holds per channel by outcome</title>
        <desc id="conversion-chart-desc">{description || "No holds"}</desc>
        {rows.map((row, index) => {
          const y = index * (barHeight + gap)
          let x = labelWidth
          return (
            <g key={row.channel} data-channel={row.channel}>
              <text x={labelWidth - 8} y={y + barHeight / 2} dominantBaseline="middle" textAnchor="end" className="fill-ui-fg-base text-[12px]">
                {CHANNEL_LABELS[row.channel]}
              </text>
              {OUTCOMES.map((outcome) => {
                const value = row[outcome.key]
                const width = (value / max) * barWidth
                const rect = (
                  <rect key={outcome.key} x={x} y={y} width={width} height={barHeight} fill={outcome.fill} data-outcome={outcome.key}>
                    <title>{`${CHANNEL_LABELS[row.channel]}: ${value} ${outcome.label.toLowerCase()}`}</title>
                  </rect>
                )
                x += width
                return value > 0 ? rect : null
              })}
              <text x={x + 6} y={y + barHeight / 2} dominantBaseline="middle" className="fill-ui-fg-subtle text-[12px]">
                {row.holds_made} · {percent(row.conversion_rate)}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4" aria-label="Legend">
          {OUTCOMES.map((outcome) => (
            <li key={outcome.key} className="txt-compact-xsmall flex items-center gap-x-1">
              <svg width="12" height="12" aria-hidden>
                <rect width="12" height="12" rx="2" fill={outcome.fill} />
              </svg>
              {outcome.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}

const FIGURE_COLUMNS = ["holds_made", "confirmed", "released", "expired", "active", "conversion_rate", "median_minutes_to_order"] as const

/** The report as CSV: one line for the totals, one per channel, one per resource. */
function conversionCsv(report: ConversionReport): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value)
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const line = (scope: string, key: string, name: string | null, figures: Figures) =>
    [scope, key, name, ...FIGURE_COLUMNS.map((column) => figures[column])].map(cell).join(",")
  return [
    ["scope", "key", "name", ...FIGURE_COLUMNS].join(","),
    line("total", "", `${report.from}..${report.to}`, report.totals),
    ...report.per_channel.map((row) => line("channel", row.channel, CHANNEL_LABELS[row.channel], row)),
    ...report.per_resource.map((row) => line("resource", row.resource_id, row.name, row)),
  ].join("\r\n") + "\r\n"
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }))
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

const FiguresTable = ({ head, rows }: { head: string; rows: { key: string; label: ReactNode; figures: Figures }[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>{head}</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Holds</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Confirmed</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Released</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Expired</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Active</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Conversion</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Median to order</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {rows.map(({ key, label, figures }) => (
        <Table.Row key={key} data-key={key}>
          <Table.Cell>{label}</Table.Cell>
          <Table.Cell className="text-right">{figures.holds_made}</Table.Cell>
          <Table.Cell className="text-right">{figures.confirmed}</Table.Cell>
          <Table.Cell className="text-right">{figures.released}</Table.Cell>
          <Table.Cell className="text-right">{figures.expired}</Table.Cell>
          <Table.Cell className="text-right">{figures.active}</Table.Cell>
          <Table.Cell className="text-right">{percent(figures.conversion_rate)}</Table.Cell>
          <Table.Cell className="text-right">{minutes(figures.median_minutes_to_order)}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)

/**
 * How many holds turn into orders, where the rest go, and how long it takes:
 * holds made on the dates chosen (the shop's zone), per channel (chart and
 * table) and per resource; CSV export of the same figures.
 */
const ConversionPage = () => {
  const [from, setFrom] = useState(() => addDays(browserToday(), -29))
  const [to, setTo] = useState(browserToday)
  const [channel, setChannel] = useState<HoldChannel | "">("")
  const [resourceId, setResourceId] = useState("")
  const resources = useResources({ limit: 100, offset: 0 })
  const { data, isLoading, isFetching, error } = useConversion({
    from,
    to,
    channel: channel || undefined,
    resource_id: resourceId || undefined,
  })
  const report = data?.conversion
  const resourceOptions = resources.data?.resources ?? []
  return (
    <div className="flex flex-col gap-y-3" data-testid="conversion">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <Heading level="h1">Hold conversion</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Holds made on these dates (the shop's time zone): how many became orders, were released, expired or are still
              active; the median time from hold to order.
            </Text>
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <DateField id="conversion-from" label="From" size="small" value={from} onChange={setFrom} />
            <DateField id="conversion-to" label="To" size="small" value={to} onChange={setTo} />
            <Field label="Channel" htmlFor="conversion-channel">
              <NativeSelect
                id="conversion-channel"
                value={channel}
                onChange={(value) => setChannel(value as HoldChannel | "")}
                options={["", ...HOLD_CHANNELS]}
                labels={{ "": "All channels", ...CHANNEL_LABELS }}
              />
            </Field>
            <Field label="Resource" htmlFor="conversion-resource">
              <NativeSelect
                id="conversion-resource"
                value={resourceId}
                onChange={setResourceId}
                options={["", ...resourceOptions.map((r) => r.id)]}
                labels={{ "": "All resources", ...Object.fromEntries(resourceOptions.map((r) => [r.id, r.name])) }}
              />
            </Field>
            <Button
              size="small"
              variant="secondary"
              disabled={!report}
              onClick={() => report && download(`hold-conversion-${report.from}-${report.to}.csv`, conversionCsv(report))}
            >
              Export CSV
            </Button>
          </div>
        </div>
        <ErrorText error={error} />
        {from > to && <Text size="small" className="text-ui-fg-error">From must not be after To</Text>}
        {isLoading && <Text size="small">Loading…</Text>}
        {report && (
          <div className={isFetching ? "opacity-70" : undefined}>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="conversion-totals">
              {[
                ["Holds made", String(report.totals.holds_made)],
                ["Confirmed", String(report.totals.confirmed)],
                ["Conversion", percent(report.totals.conversion_rate)],
                ["Median to order", minutes(report.totals.median_minutes_to_order)],
              ].map(([label, value]) => (
                <div key={label} className="bg-ui-bg-subtle rounded-md px-3 py-2">
                  <dt className="txt-compact-xsmall text-ui-fg-subtle">{label}</dt>
                  <dd className="txt-compact-large-plus" data-figure={label}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </Container>
      {report && (
        <>
          <Container className="flex flex-col gap-y-3 px-6 py-4">
            <Heading level="h2">By channel</Heading>
            {report.per_channel.length ? <ConversionChart rows={report.per_channel} /> : <Text size="small">No holds</Text>}
            <FiguresTable
              head="Channel"
              rows={report.per_channel.map((row) => ({ key: row.channel, label: CHANNEL_LABELS[row.channel], figures: row }))}
            />
          </Container>
          <Container className="flex flex-col gap-y-3 px-6 py-4" data-testid="conversion-per-resource">
            <Heading level="h2">By resource</Heading>
            <FiguresTable
              head="Resource"
              rows={report.per_resource.map((row) => ({
                key: row.resource_id,
                label: <Link to={`/resources/${row.resource_id}`}>{row.name ?? row.resource_id}</Link>,
                figures: row,
              }))}
            />
          </Container>
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Conversion",
  icon: ChartPie,
})

export default ConversionPage
