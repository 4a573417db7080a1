/** Where a delivery stands; FAILED means its attempts are spent (or its endpoint went away). */
export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
