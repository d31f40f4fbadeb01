import { randomBytes } from "crypto"
import { Context } from "@medusajs/framework/types"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { ID_PREFIXES } from "../resource_booking/constants"
import { ResourceFeed, ResourceNotification, ResourceReminder } from "./models"
import { resolveNotificationOptions, ResourceBookingNotificationsOptions } from "./options"
import {
  ReminderClaimDTO,
  ResourceBookingNotificationInput,
  ResourceBookingNotificationRow,
  ResourceFeedDTO,
} from "./types"

/** A claim on a notification or a reminder that was never finished (a crash) may be taken over after this. */
export const CLAIM_MINUTES = 10

const NOTIFICATION_COLUMNS = `id, template_key, template, channel, "to", idempotency_key, data, attachments, resource_id,
  resource_type, status, attempts, last_error, claimed_until, sent_at, notification_id, created_at`
const FEED_COLUMNS = `id, resource_id, token, include_customer, include_holds, rotated_at`

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`
}

/** A feed token: 192 random bits, URL-safe. */
export function newFeedToken(): string {
  return randomBytes(24).toString("base64url")
}

/**
 * resource_booking_notifications: the notification outbox, the reminder
 * claims and the calendar feed tokens. Every exactly-once decision is one SQL
 * statement against a unique index (INSERT … ON CONFLICT DO NOTHING) or a
 * conditional UPDATE, so several workers and restarts never send twice.
 */
export default class ResourceBookingNotificationsService extends MedusaService({
  ResourceFeed,
  ResourceReminder,
  ResourceNotification,
}) {
  protected readonly notificationOptions_: ResourceBookingNotificationsOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.notificationOptions_ = resolveNotificationOptions(options)
  }

  getNotificationOptions(): ResourceBookingNotificationsOptions {
    return JSON.parse(JSON.stringify(this.notificationOptions_))
  }

  private sql<T = any>(context: Context, text: string, params: unknown[] = []): Promise<T[]> {
    const manager = (context.transactionManager ?? context.manager) as SqlEntityManager
    return manager.execute(text, params as any[]) as Promise<T[]>
  }

  // ------------------------------------------------------------ outbox

  /**
   * Records notifications to send. A key already recorded is left as it is
   * (ON CONFLICT DO NOTHING): answers only the rows this call inserted.
   */
  @InjectManager()
  async enqueueNotifications(
    entries: ResourceBookingNotificationInput[],
    @MedusaContext() context: Context = {}
  ): Promise<ResourceBookingNotificationRow[]> {
    const inserted: ResourceBookingNotificationRow[] = []
    for (const entry of entries) {
      const template = this.notificationOptions_.notifications.templates[entry.template_key] ?? entry.template_key
      const rows = await this.sql<ResourceBookingNotificationRow>(
        context,
        `INSERT INTO resource_booking_notification
           (id, template_key, template, channel, "to", idempotency_key, data, attachments, resource_id, resource_type, status)
         VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'PENDING')
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING ${NOTIFICATION_COLUMNS}`,
        [
          generateEntityId(undefined, ID_PREFIXES.notification),
          entry.template_key,
          template,
          entry.channel ?? "email",
          entry.to,
          entry.idempotency_key,
          JSON.stringify(entry.data ?? {}),
          entry.attachments?.length ? JSON.stringify(entry.attachments) : null,
          entry.resource_id ?? null,
          entry.resource_type ?? null,
        ]
      )
      inserted.push(...rows)
    }
    return inserted
  }

  /**
   * Claims the given notifications for sending: only those PENDING or FAILED
   * (or SENDING under a claim that lapsed) move to SENDING, in one
   * conditional UPDATE, so two callers never both get one.
   */
  @InjectManager()
  async claimNotifications(ids: string[], @MedusaContext() context: Context = {}): Promise<ResourceBookingNotificationRow[]> {
    if (!ids.length) return []
    return await this.sql(
      context,
      `UPDATE resource_booking_notification
          SET status = 'SENDING', attempts = attempts + 1, claimed_until = now() + interval '${CLAIM_MINUTES} minutes', updated_at = now()
        WHERE id = ANY(?::text[]) AND deleted_at IS NULL
          AND (status IN ('PENDING', 'FAILED') OR (status = 'SENDING' AND claimed_until < now()))
        RETURNING ${NOTIFICATION_COLUMNS}`,
      [pgArray(ids)]
    )
  }

  /**
   * Claims up to `limit` notifications that need another try: FAILED ones
   * under `maxAttempts`, SENDING ones whose claim lapsed (a worker died),
   * PENDING ones older than a minute (enqueued, never claimed).
   * FOR UPDATE SKIP LOCKED: concurrent retry runs split the rows.
   */
  @InjectTransactionManager()
  async claimNotificationRetries(limit = 100, @MedusaContext() context: Context = {}): Promise<ResourceBookingNotificationRow[]> {
    return await this.sql(
      context,
      `UPDATE resource_booking_notification n
          SET status = 'SENDING', attempts = n.attempts + 1, claimed_until = now() + interval '${CLAIM_MINUTES} minutes', updated_at = now()
        WHERE n.id IN (
          SELECT id FROM resource_booking_notification
           WHERE deleted_at IS NULL AND status <> 'SENT'
             AND ((status = 'FAILED' AND attempts < ?)
               OR (status = 'SENDING' AND claimed_until < now())
               OR (status = 'PENDING' AND created_at < now() - interval '1 minute'))
           ORDER BY created_at
           LIMIT ?
           FOR UPDATE SKIP LOCKED)
        RETURNING ${NOTIFICATION_COLUMNS.split(",").map((c) => `n.${c.trim()}`).join(", ")}`,
      [this.notificationOptions_.notifications.maxAttempts, limit]
    )
  }

  /** The notification went out (`notificationId`: the Notification Module's record); a reminder's claim is marked sent too. */
  @InjectManager()
  async markNotificationSent(id: string, notificationId: string | null, @MedusaContext() context: Context = {}): Promise<void> {
    const [row] = await this.sql<{ template_key: string; resource_id: string | null }>(
      context,
      `UPDATE resource_booking_notification
          SET status = 'SENT', sent_at = now(), notification_id = ?, last_error = NULL, claimed_until = NULL, updated_at = now()
        WHERE id = ? RETURNING template_key, resource_id`,
      [notificationId, id]
    )
    if (row?.template_key === "resource-booking.reminder" && row.resource_id) {
      await this.sql(
        context,
        `UPDATE resource_booking_reminder SET sent_at = coalesce(sent_at, now()), last_error = NULL, updated_at = now() WHERE allocation_id = ?`,
        [row.resource_id]
      )
    }
  }

  @InjectManager()
  async markNotificationFailed(id: string, error: string, @MedusaContext() context: Context = {}): Promise<void> {
    const [row] = await this.sql<{ template_key: string; resource_id: string | null }>(
      context,
      `UPDATE resource_booking_notification
          SET status = 'FAILED', last_error = ?, claimed_until = NULL, updated_at = now()
        WHERE id = ? RETURNING template_key, resource_id`,
      [error.slice(0, 2000), id]
    )
    if (row?.template_key === "resource-booking.reminder" && row.resource_id) {
      await this.sql(
        context,
        `UPDATE resource_booking_reminder SET attempts = attempts + 1, last_error = ?, updated_at = now() WHERE allocation_id = ?`,
        [error.slice(0, 2000), row.resource_id]
      )
    }
  }

  @InjectManager()
  async listOutbox(
    filters: { idempotency_keys?: string[]; template_key?: string; status?: string } = {},
    @MedusaContext() context: Context = {}
  ): Promise<ResourceBookingNotificationRow[]> {
    const where: string[] = ["deleted_at IS NULL"]
    const params: unknown[] = []
    if (filters.idempotency_keys) {
      where.push("idempotency_key = ANY(?::text[])")
      params.push(pgArray(filters.idempotency_keys))
    }
    if (filters.template_key) {
      where.push("template_key = ?")
      params.push(filters.template_key)
    }
    if (filters.status) {
      where.push("status = ?")
      params.push(filters.status)
    }
    return await this.sql(
      context,
      `SELECT ${NOTIFICATION_COLUMNS} FROM resource_booking_notification WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
      params
    )
  }

  // ------------------------------------------------------------ reminders

  /**
   * Claims the reminders of the given allocations: one row per allocation
   * (unique allocation_id), INSERT … ON CONFLICT DO NOTHING; answers the
   * allocation ids this call claimed. A claim never followed by a recorded
   * notification (the worker died in between) is taken over after
   * CLAIM_MINUTES by a conditional UPDATE.
   */
  @InjectManager()
  async claimReminders(allocationIds: string[], @MedusaContext() context: Context = {}): Promise<string[]> {
    if (!allocationIds.length) return []
    const ids = [...new Set(allocationIds)]
    const inserted = await this.sql<{ allocation_id: string }>(
      context,
      `INSERT INTO resource_booking_reminder (id, allocation_id, claimed_at, attempts)
       SELECT 'rbrem_' || md5(random()::text || clock_timestamp()::text || a), a, now(), 0 FROM unnest(?::text[]) AS a
       ON CONFLICT (allocation_id) DO NOTHING
       RETURNING allocation_id`,
      [pgArray(ids)]
    )
    const takenOver = await this.sql<{ allocation_id: string }>(
      context,
      `UPDATE resource_booking_reminder r
          SET claimed_at = now(), updated_at = now()
        WHERE r.allocation_id = ANY(?::text[]) AND r.sent_at IS NULL
          AND r.claimed_at < now() - interval '${CLAIM_MINUTES} minutes'
          AND NOT EXISTS (SELECT 1 FROM resource_booking_notification n
                           WHERE n.idempotency_key = 'resource-booking.reminder:' || r.allocation_id)
        RETURNING r.allocation_id`,
      [pgArray(ids)]
    )
    return [...inserted, ...takenOver].map((row) => row.allocation_id)
  }

  /** Gives claims back (the allocation turned out not to need a reminder now), so a later run can take them. */
  @InjectManager()
  async releaseReminderClaims(allocationIds: string[], @MedusaContext() context: Context = {}): Promise<void> {
    if (!allocationIds.length) return
    await this.sql(
      context,
      `DELETE FROM resource_booking_reminder r WHERE r.allocation_id = ANY(?::text[]) AND r.sent_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM resource_booking_notification n
                          WHERE n.idempotency_key = 'resource-booking.reminder:' || r.allocation_id)`,
      [pgArray(allocationIds)]
    )
  }

  @InjectManager()
  async listReminderClaims(allocationIds: string[], @MedusaContext() context: Context = {}): Promise<ReminderClaimDTO[]> {
    if (!allocationIds.length) return []
    return await this.sql(
      context,
      `SELECT allocation_id, claimed_at, sent_at, attempts, last_error FROM resource_booking_reminder WHERE allocation_id = ANY(?::text[])`,
      [pgArray(allocationIds)]
    )
  }

  // ------------------------------------------------------------ feeds

  @InjectManager()
  async retrieveFeedOfResource(resourceId: string, @MedusaContext() context: Context = {}): Promise<ResourceFeedDTO | null> {
    const [feed] = await this.sql<ResourceFeedDTO>(
      context,
      `SELECT ${FEED_COLUMNS} FROM resource_booking_feed WHERE resource_id = ? AND deleted_at IS NULL`,
      [resourceId]
    )
    return feed ?? null
  }

  /** The feed a token opens, or null (an unknown or rotated token). */
  @InjectManager()
  async retrieveFeedByToken(token: string, @MedusaContext() context: Context = {}): Promise<ResourceFeedDTO | null> {
    if (typeof token !== "string" || token.length < 22 || token.length > 200) return null
    const [feed] = await this.sql<ResourceFeedDTO>(
      context,
      `SELECT ${FEED_COLUMNS} FROM resource_booking_feed WHERE token = ? AND deleted_at IS NULL`,
      [token]
    )
    return feed ?? null
  }

  /**
   * Creates the resource's feed if it has none, and sets the given flags.
   * Answers the feed and what it was before (null: it did not exist).
   */
  @InjectManager()
  async upsertFeed(
    resourceId: string,
    settings: { include_customer?: boolean; include_holds?: boolean },
    @MedusaContext() context: Context = {}
  ): Promise<{ feed: ResourceFeedDTO; previous: ResourceFeedDTO | null }> {
    const previous = await this.retrieveFeedOfResource(resourceId, context)
    const [feed] = await this.sql<ResourceFeedDTO>(
      context,
      `INSERT INTO resource_booking_feed (id, resource_id, token, include_customer, include_holds, rotated_at)
       VALUES (?, ?, ?, coalesce(?::boolean, false), coalesce(?::boolean, false), now())
       ON CONFLICT (resource_id) DO UPDATE SET
         include_customer = coalesce(?::boolean, resource_booking_feed.include_customer),
         include_holds = coalesce(?::boolean, resource_booking_feed.include_holds),
         updated_at = now()
       RETURNING ${FEED_COLUMNS}`,
      [
        generateEntityId(undefined, ID_PREFIXES.feed),
        resourceId,
        newFeedToken(),
        settings.include_customer ?? null,
        settings.include_holds ?? null,
        settings.include_customer ?? null,
        settings.include_holds ?? null,
      ]
    )
    return { feed, previous }
  }

  /** A new token for the resource's feed (created if missing): the old URL stops working at once. */
  @InjectManager()
  async rotateFeed(
    resourceId: string,
    @MedusaContext() context: Context = {}
  ): Promise<{ feed: ResourceFeedDTO; previous: ResourceFeedDTO | null }> {
    const previous = await this.retrieveFeedOfResource(resourceId, context)
    const [feed] = await this.sql<ResourceFeedDTO>(
      context,
      `INSERT INTO resource_booking_feed (id, resource_id, token, rotated_at)
       VALUES (?, ?, ?, now())
       ON CONFLICT (resource_id) DO UPDATE SET token = EXCLUDED.token, rotated_at = now(), updated_at = now()
       RETURNING ${FEED_COLUMNS}`,
      [generateEntityId(undefined, ID_PREFIXES.feed), resourceId, newFeedToken()]
    )
    return { feed, previous }
  }

  /** Puts a feed back as it was (compensation): deletes it when it did not exist. */
  @InjectManager()
  async restoreFeed(resourceId: string, previous: ResourceFeedDTO | null, @MedusaContext() context: Context = {}): Promise<void> {
    if (!previous) {
      await this.sql(context, `DELETE FROM resource_booking_feed WHERE resource_id = ?`, [resourceId])
      return
    }
    await this.sql(
      context,
      `UPDATE resource_booking_feed SET token = ?, include_customer = ?, include_holds = ?, rotated_at = ?, updated_at = now()
        WHERE resource_id = ?`,
      [previous.token, previous.include_customer, previous.include_holds, previous.rotated_at, resourceId]
    )
  }

  assertFeedToken(token: string): void {
    if (!/^[A-Za-z0-9_-]{22,200}$/.test(token)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "Calendar feed not found")
    }
  }
}
