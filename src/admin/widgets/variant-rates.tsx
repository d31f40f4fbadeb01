import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProductVariant, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, createDataTableColumnHelper, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { RowButton } from "../components/common"
import { RateFormDrawer } from "../components/rate-form-drawer"
import { TableSection, useListTable, useTableState } from "../components/table-section"
import { useDeleteRate, useVariantRates } from "../hooks/rates"
import { describePrices, describeRate } from "../lib/rates"
import type { Rate } from "../lib/types"

const column = createDataTableColumnHelper<Rate>()

/**
 * On a product variant's page: its booking rates (prices by season, weekday,
 * start time, duration; docs/PRICING.md), listed with their conditions and
 * prices; add, edit, delete. The variant's own price (Medusa's product
 * editor) stays the base price.
 */
const VariantRatesWidget = ({ data: variant }: DetailWidgetProps<AdminProductVariant>) => {
  const prompt = usePrompt()
  const state = useTableState()
  const { data, isLoading, error } = useVariantRates(variant.id)
  const remove = useDeleteRate(variant.id)
  const [editing, setEditing] = useState<Rate | "new" | null>(null)
  const currencies = [...new Set((data?.base_prices ?? []).map((p) => p.currency_code))]

  const onDelete = async (rate: Rate) => {
    const confirmed = await prompt({
      title: `Delete the rate ${rate.title}?`,
      description: "Bookings made already keep their price; new ones pay the other rates or the variant's price.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (confirmed) remove.mutate(rate.id)
  }

  const columns = [
    column.accessor("title", { header: "Rate" }),
    column.display({ id: "when", header: "Applies to bookings", cell: ({ row: { original } }) => describeRate(original) }),
    column.accessor("prices", { header: "Price", cell: ({ getValue }) => describePrices(getValue()) }),
    column.display({
      id: "actions",
      size: 180,
      cell: ({ row: { original: rate } }) => (
        <div className="flex gap-x-2">
          <RowButton onClick={() => setEditing(rate)}>Edit</RowButton>
          <RowButton pending={remove.isPending && remove.variables === rate.id} onClick={() => onDelete(rate)}>
            Delete
          </RowButton>
        </div>
      ),
    }),
  ]
  const table = useListTable(state, { columns, data: data?.rates, rowCount: data?.rates.length, isLoading })

  return (
    <>
      <TableSection
        table={table}
        title="Rates"
        subtitle={`Prices by season, weekday, start time or duration. Otherwise: ${data?.base_prices.length ? describePrices(data.base_prices) : "the variant's price"}.`}
        testId="variant-rates"
        error={error || remove.error}
        empty="No rates: every booking pays the variant's price"
        actions={
          <Button size="small" variant="secondary" onClick={() => setEditing("new")}>
            Add rate
          </Button>
        }
      />
      <RateFormDrawer
        open={!!editing}
        onOpenChange={(open) => !open && setEditing(null)}
        variantId={variant.id}
        rate={editing && editing !== "new" ? editing : undefined}
        currencies={currencies}
      />
    </>
  )
}

export const config = defineWidgetConfig({
  zone: "product_variant.details.after",
})

export default VariantRatesWidget
