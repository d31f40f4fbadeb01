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
import {
  ResellerKey,
  useCreateResellerKey,
  useResellerKeys,
  useResellers,
  useRevokeResellerKey,
  useRotateResellerKey,
  useSalesChannelChoices,
} from "./hooks"

const PAGE_SIZE = 20
const NEW_RESELLER = "new"
const column = createDataTableColumnHelper<ResellerKey>()

const errorText = (error: unknown) => (error as any)?.message ?? (error ? String(error) : "")
const when = (value: string | null) => (value ? new Date(value).toLocaleString() : "never")

/** A key just made (by "Create key" or "Rotate"), with its secret; for a rotation, the key it replaces. */
type Issued = { key: ResellerKey; replaces?: ResellerKey }

/**
 * Settings → Reseller keys: the OCTo API keys of resellers (docs/OCTO.md).
 * A reseller owns its keys and its bookings; a sales channel has any number
 * of keys. Rotating is two steps: "Rotate" makes a new key for the same
 * reseller (the old one keeps working); once the reseller has switched,
 * "Revoke old key" ends the old one.
 */
const ResellerKeysPage = () => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [issued, setIssued] = useState<Issued | null>(null)
  const query = { limit: PAGE_SIZE, offset: pagination.pageIndex * PAGE_SIZE }
  const { data, isLoading, error } = useResellerKeys(query)
  const revoke = useRevokeResellerKey()
  const rotate = useRotateResellerKey()
  const prompt = usePrompt()

  const revokeKey = async (key: ResellerKey, rotation: boolean) => {
    const ok = await prompt({
      title: rotation ? "Has the reseller switched to the new key?" : "Revoke this key?",
      description: rotation
        ? `${key.reseller?.name ?? key.title} must be calling with the new key now: ${key.redacted} is refused from now on. Their bookings stay theirs.`
        : `${key.title} (${key.reseller?.name ?? "reseller"}): its OCTo requests are refused from now on. Bookings already made stay, with their orders.`,
      confirmText: rotation ? "Revoke old key" : "Revoke",
      cancelText: "Cancel",
    })
    if (!ok) return false
    try {
      await revoke.mutateAsync(key.id)
      toast.success(rotation ? "Old key revoked: the rotation is done" : "Key revoked")
      return true
    } catch (e) {
      toast.error(errorText(e))
      return false
    }
  }

  const rotateKey = async (key: ResellerKey) => {
    const ok = await prompt({
      title: "Rotate this key?",
      description: `A new key for ${key.reseller?.name ?? key.title} on ${key.sales_channel?.name ?? "the same sales channel"}. ${key.redacted} keeps working until you revoke it, once the reseller has switched.`,
      confirmText: "Rotate",
      cancelText: "Cancel",
    })
    if (!ok) return
    rotate.mutate(key.id, {
      onSuccess: ({ reseller_key, replaced_key }) => setIssued({ key: reseller_key, replaces: replaced_key }),
      onError: (e) => toast.error(errorText(e)),
    })
  }

  const columns = useMemo(
    () => [
      column.accessor("title", { header: "Title" }),
      column.accessor("reseller", { header: "Reseller", cell: ({ getValue }) => getValue()?.name ?? "—" }),
      column.accessor("redacted", { header: "Key", cell: ({ getValue }) => <code>{getValue()}</code> }),
      column.accessor("sales_channel", { header: "Sales channel", cell: ({ getValue }) => getValue()?.name ?? "—" }),
      column.accessor("last_used_at", { header: "Last used", cell: ({ getValue }) => when(getValue()) }),
      column.accessor("revoked_at", {
        header: "Status",
        cell: ({ getValue, row }) =>
          getValue() ? (
            <Badge color="red">Revoked</Badge>
          ) : row.original.replaced_by_id ? (
            <Badge color="orange">Rotating: revoke once switched</Badge>
          ) : (
            <Badge color="green">Active</Badge>
          ),
      }),
      column.display({
        id: "actions",
        cell: ({ row }) => {
          const key = row.original
          if (key.revoked_at) return null
          const busy = (mutation: { isPending: boolean; variables?: string }) => mutation.isPending && mutation.variables === key.id
          return (
            <div className="flex gap-2" data-key-id={key.id}>
              {key.replaced_by_id ? (
                <Button size="small" variant="danger" isLoading={busy(revoke)} onClick={() => revokeKey(key, true)}>
                  Revoke old key
                </Button>
              ) : (
                <>
                  <Button size="small" variant="secondary" isLoading={busy(rotate)} onClick={() => rotateKey(key)}>
                    Rotate
                  </Button>
                  <Button size="small" variant="danger" isLoading={busy(revoke)} onClick={() => revokeKey(key, false)}>
                    Revoke
                  </Button>
                </>
              )}
            </div>
          )
        },
      }),
    ],
    [revoke, rotate, prompt]
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
      <CreateKey onIssued={setIssued} />
      {issued && (
        <IssuedKey
          issued={issued}
          revoking={revoke.isPending}
          onRevokeOld={async () => {
            if (issued.replaces && (await revokeKey(issued.replaces, true))) setIssued({ key: issued.key })
          }}
          onDone={() => setIssued(null)}
        />
      )}
      <Container className="divide-y p-0">
        <DataTable instance={table}>
          <DataTable.Toolbar>
            <div>
              <Heading level="h1">Reseller keys</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                Resellers book through the OCTo API at /octo with Authorization: Bearer &lt;key&gt;. Each reseller sees only its own
                bookings, with any of its keys.
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

/** The form that makes a key, for a new reseller or an existing one. */
const CreateKey = ({ onIssued }: { onIssued: (issued: Issued) => void }) => {
  const [title, setTitle] = useState("")
  const [salesChannelId, setSalesChannelId] = useState("")
  const [resellerId, setResellerId] = useState(NEW_RESELLER)
  const [resellerName, setResellerName] = useState("")
  const channels = useSalesChannelChoices()
  const resellers = useResellers()
  const create = useCreateResellerKey()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const reseller =
      resellerId === NEW_RESELLER ? (resellerName.trim() ? { reseller_name: resellerName.trim() } : {}) : { reseller_id: resellerId }
    create.mutate(
      { title: title.trim(), sales_channel_id: salesChannelId, ...reseller },
      {
        onSuccess: ({ reseller_key }) => {
          onIssued({ key: reseller_key })
          setTitle("")
          setResellerName("")
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
          <Input id="reseller-key-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Production key" required />
        </div>
        <div className="flex min-w-[200px] flex-col gap-y-1">
          <Label htmlFor="reseller-key-reseller">Reseller</Label>
          <Select value={resellerId} onValueChange={setResellerId}>
            <Select.Trigger id="reseller-key-reseller">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={NEW_RESELLER}>New reseller</Select.Item>
              {(resellers.data?.resellers ?? []).map((reseller) => (
                <Select.Item key={reseller.id} value={reseller.id}>
                  {reseller.name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        {resellerId === NEW_RESELLER && (
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="reseller-key-reseller-name">Reseller name</Label>
            <Input
              id="reseller-key-reseller-name"
              value={resellerName}
              onChange={(e) => setResellerName(e.target.value)}
              placeholder={title.trim() || "Same as the title"}
            />
          </div>
        )}
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
        <Text size="small" className="text-ui-fg-error" role="alert">
          {errorText(create.error)}
        </Text>
      )}
    </Container>
  )
}

/** A new key's secret, shown once; after a rotation, the second step: revoke the old key once the reseller has switched. */
const IssuedKey = ({
  issued,
  revoking,
  onRevokeOld,
  onDone,
}: {
  issued: Issued
  revoking: boolean
  onRevokeOld: () => void
  onDone: () => void
}) => {
  const secret = issued.key.token ?? ""
  const reseller = issued.key.reseller?.name ?? issued.key.title
  return (
    <Container className="bg-ui-bg-subtle flex flex-col gap-y-2 px-6 py-4" data-testid="reseller-key-secret">
      <Heading level="h2">{issued.replaces ? `New key for ${reseller}` : `Key created for ${reseller}`}</Heading>
      <Text size="small" weight="plus">
        Copy this key now: it is shown only once and cannot be recovered.
      </Text>
      <code className="break-all" data-testid="reseller-key-token">
        {secret}
      </code>
      {issued.replaces && (
        <Text size="small" data-testid="reseller-key-rotation">
          Step 2 of the rotation: give this key to {reseller}. Their old key {issued.replaces.redacted} keeps working until you revoke it;
          revoke it once they call with the new one (see "Last used").
        </Text>
      )}
      <div className="flex gap-2">
        <Button size="small" variant="secondary" onClick={() => navigator.clipboard?.writeText(secret).then(() => toast.success("Copied"))}>
          Copy
        </Button>
        {issued.replaces && (
          <Button size="small" variant="danger" isLoading={revoking} onClick={onRevokeOld}>
            {reseller} has switched: revoke the old key
          </Button>
        )}
        <Button size="small" variant="transparent" onClick={onDone}>
          Done
        </Button>
      </div>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Reseller keys" })

export default ResellerKeysPage
