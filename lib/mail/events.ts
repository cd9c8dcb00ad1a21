/** The mail events the Notify Customer node knows; the Order Status Mapper names them in `notify.event`. */
export const NOTIFY_EVENTS = [
	'order_confirmation',
	'order_confirmation_resend',
	'order_imported',
	'ready',
	'backordered',
	'shipped',
	'completed',
	'invoiced',
	'cancelled',
	'order_edited',
	'new_external_order',
	'decision_needed',
] as const;

export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** Events written for the merchant's staff rather than the customer. */
export const MANAGER_EVENTS: readonly NotifyEvent[] = ['new_external_order', 'decision_needed'];

/** Events whose mail carries a link where a manager decides (e.g. an n8n Wait form); they cannot go without one. */
export const DECISION_EVENTS: readonly NotifyEvent[] = ['decision_needed'];

/** Events whose mail carries the invoice PDF when the item has one. */
export const INVOICE_EVENTS: readonly NotifyEvent[] = ['completed', 'invoiced'];

export const EVENT_LABELS: Record<NotifyEvent, string> = {
	order_confirmation: 'Order Confirmation',
	order_confirmation_resend: 'Order Confirmation (Resend)',
	order_imported: 'Order Imported',
	ready: 'Ready',
	backordered: 'Backordered',
	shipped: 'Shipped (Tracking)',
	completed: 'Completed',
	invoiced: 'Invoiced (PDF Attached)',
	cancelled: 'Cancelled',
	order_edited: 'Order Edited (Changed Lines)',
	new_external_order: 'New External Order (Managers)',
	decision_needed: 'Decision Needed (Managers, With Decision Link)',
};

export function isNotifyEvent(value: unknown): value is NotifyEvent {
	return typeof value === 'string' && (NOTIFY_EVENTS as readonly string[]).includes(value);
}
