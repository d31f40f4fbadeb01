import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Badge,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  DataTablePaginationState,
  Heading,
  Input,
  Label,
  Select,
  Text,
  toast,
  usePrompt,
  useDataTable,
} from "@medusajs/ui"
import { FormEvent, useMemo, useState } from "react"
import { ResellerKey, useCreateResellerKey, useResellerKeys, useRevokeResellerKey, useSalesChannelChoices } from "./hooks"

const PAGE_SIZE = 20
const column = createDataTableColumnHelper<ResellerKey>()

const errorText = (error: unknown) => (error as any)?.message ?? (error ? String(error) : "")

/** Settings → Reseller keys: the OCTo API keys of resellers (docs/OCTO.md). */
const ResellerKeysPage = () => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const query = { limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE }
  const { data, isLoading, error } = useResellerKeys(query)
  const revoke = useRevokeResellerKey()
  const prompt = usePrompt()

  const columns = useMemo(
    () => [
      column.accessor("title", { header: "Title" }),
      column.accessor("redacted", { header: "Key", cell: ({ getValue }) => <code>{getValue()}</code> }),
      column.accessor("sales_channel", { header: "Sales channel", cell: ({ getValue }) => getValue()?.name ?? "—" }),
      column.accessor("created_at", { header: "Created", cell: ({ getValue }) => new Date(getValue()).toLocaleString() }),
      column.accessor("revoked_at", {
        header: "Status",
        cell: ({ getValue }) =>
          getValue() ? <Badge color="red">Revoked</Badge> : <Badge color="green">Active</Badge>,
      }),
      column.display({
        id: "actions",
        cell: ({ row }) =>
          row.original.revoked_at ? null : (
            <Button
              size="small"
              variant="danger"
              isLoading={revoke.isPending && revoke.variables === row.original.id}
              onClick={async () => {
                const ok = await prompt({
                  title: "Revoke this key?",
                  description: `${row.original.title}: the reseller's OCTo requests are refused from now on. Bookings already made stay.`,
                  confirmText: "Revoke",
                  cancelText: "Cancel",
                })
                if (!ok) return
                revoke.mutate(row.original.id, {
                  onSuccess: () => toast.success("Key revoked"),
                  onError: (e) => toast.error(errorText(e)),
                })
              }}
            >
              Revoke
            </Button>
          ),
      }),
    ],
    [revoke, prompt]
  )

  const table = useDataTable({
    data: data?.reseller_keys ?? [],
    columns,
    rowCount: data?.count ?? 0,
    getRowId: (row) => row.id,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <div className="flex flex-col gap-y-3">
      <CreateKey />
      <Container className="divide-y p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar>
            <div>
              <Heading level="h1">Reseller keys</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Resellers book through the OCTo API at /octo with Authorization: Bearer &lt;key&gt;.
              </Text>
            </div>
          </DataTable.Toolbar>
          {error && (
            <Text size="small" className="text-ui-fg-error px-6 py-2">
              {errorText(error)}
            </Text>
          )}
          <DataTable.Table emptyState={{ empty: { heading: "No reseller keys yet" } }} />
          <DataTable.Pagination />
        </DataTable>
      </Container>
    </div>
  )
}

/** The form that makes a key, and the key's secret, shown once. */
const CreateKey = () => {
  const [title, setTitle] = useState("")
  const [salesChannelId, setSalesChannelId] = useState("")
  const [secret, setSecret] = useState<string | null>(null)
  const channels = useSalesChannelChoices()
  const create = useCreateResellerKey()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { title: title.trim(), sales_channel_id: salesChannelId },
      {
        onSuccess: ({ reseller_key }) => {
          setSecret(reseller_key.token ?? null)
          setTitle("")
        },
      }
    )
  }

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <Heading level="h2">New reseller key</Heading>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="reseller-key-title">Title</Label>
          <Input id="reseller-key-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Reseller name" required />
        </div>
        <div className="flex min-w-[220px] flex-col gap-y-1">
          <Label htmlFor="reseller-key-channel">Sales channel</Label>
          <Select value={salesChannelId} onValueChange={setSalesChannelId}>
            <Select.Trigger id="reseller-key-channel">
              <Select.Value placeholder="Choose a sales channel" />
            </Select.Trigger>
            <Select.Content>
              {(channels.data?.sales_channels ?? []).map((channel: any) => (
                <Select.Item key={channel.id} value={channel.id}>
                  {channel.name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <Button type="submit" size="small" isLoading={create.isPending} disabled={!title.trim() || !salesChannelId}>
          Create key
        </Button>
      </form>
      {create.error && (
        <Text size="small" className="text-ui-fg-error">
          {errorText(create.error)}
        </Text>
      )}
      {secret && (
        <div className="bg-ui-bg-subtle flex flex-col gap-y-2 rounded-md p-3" data-testid="reseller-key-secret">
          <Text size="small" weight="plus">
            Copy this key now: it is shown only once and cannot be recovered.
          </Text>
          <code className="break-all">{secret}</code>
          <div className="flex gap-2">
            <Button
              size="small"
              variant="secondary"
              onClick={() => navigator.clipboard?.writeText(secret).then(() => toast.success("Copied"))}
            >
              Copy
            </Button>
            <Button size="small" variant="transparent" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Reseller keys" })

export default ResellerKeysPage
