/** Emitted when a notification could not be sent (it is retried by the retry job). */
export const RESOURCE_BOOKING_NOTIFICATION_FAILED = "resource_booking.notification.failed"
