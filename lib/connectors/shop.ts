import type { CanonicalStatus, LineDiff, Order, Tracking } from '../model';
import type { BudgetFactory, HttpSend } from '../transport';
import type { SystemDefinition, SystemStatus } from './registry';

/** A status the shop knows, custom ones included. */
export type ShopStatus = SystemStatus;

export interface OrderQuery {
	statuses?: string[];
	/** ISO date-time, UTC */
	modifiedAfter?: string;
	createdAfter?: string;
	/** Stop after this many orders; all when absent */
	limit?: number;
	/** Oldest modification first (change feeds), newest modification first (test events), newest created first (default) */
	order?: 'oldestModifiedFirst' | 'newestModifiedFirst' | 'newestFirst';
}

export interface StatusUpdate {
	orderId: string;
	status: string;
}

/** The outcome of one order in a bulk call: the updated order, or why this one failed. */
export type OrderResult = { orderId: string; ok: true; order: Order } | { orderId: string; ok: false; error: Error };

/** Names a product either by SKU or by the shop's product id. */
export type ProductRef = { sku: string } | { productId: string };

/** A unit price to set on a line, as an ERP gives it. */
export interface LinePrice {
	unitPrice: number;
	/** Whether the price includes tax; a shop that keeps prices before tax takes the tax out at the line's rate */
	includesTax: boolean;
	/** ISO 4217 code of the price, when known; a shop refuses a price in another currency than the order's */
	currency?: string;
}

/** A line to add, a quantity to set or a line to remove; `price` replaces the line's unit price (else the shop's stays). */
export type LineEdit =
	/** `name` and `taxRate` as the ERP has them, for a shop that adds a line without its catalogue (BaseLinker) */
	| ({ action: 'add'; quantity: number; price?: LinePrice; name?: string; taxRate?: number } & ProductRef)
	| ({ action: 'setQuantity'; quantity: number; price?: LinePrice } & ProductRef)
	| ({ action: 'setPrice'; price: LinePrice } & ProductRef)
	| ({ action: 'remove' } & ProductRef);

export interface SplitOptions {
	/** Let the shop mail the customer and the admin about the split-off order as about a new one (default: no mail) */
	shopMails?: boolean;
}

export interface LineMove {
	/** The line to move, by SKU or the shop's line id */
	sku?: string;
	lineId?: string;
	/** How many to move; the whole line when absent */
	quantity?: number;
}

export interface FulfilmentLine {
	sku?: string;
	productId?: string;
	name: string;
	quantity: number;
	inStock: boolean;
	stockQuantity?: number;
	stockStatus?: string;
}

export interface Fulfilment {
	status: Extract<CanonicalStatus, 'ready' | 'backordered'>;
	lines: FulfilmentLine[];
}

/** What a verified webhook delivery means: an order to look at, something to ignore, or a body that is not readable. */
export type WebhookDelivery =
	| { kind: 'ignored'; reason: string }
	| { kind: 'malformed'; reason: string }
	| { kind: 'order'; topic: string; deliveryId?: string; order: Order };

/** What a delivery's headers claim about it, for logs; unverified. */
export interface DeliveryLabel {
	topic?: string;
	deliveryId?: string;
	webhookId?: string;
}

export interface WebhookRegistration {
	id: string;
	topic: string;
	deliveryUrl: string;
	active: boolean;
}

/** Webhook support of a shop: registration and reading a delivery. Signature checks stay in lib/webhooks. */
export interface ShopWebhooks {
	/** The topics to register for order events */
	readonly topics: string[];
	list(): Promise<WebhookRegistration[]>;
	register(topic: string, deliveryUrl: string, secret: string): Promise<WebhookRegistration>;
	remove(id: string): Promise<void>;
	/** Turns a registration the shop disabled back on */
	reactivate(id: string): Promise<void>;
	/** True for the unsigned ping a shop sends when a webhook is created; it starts nothing */
	isPing(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
	/** True when the raw body is authentic for this secret */
	verify(rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>, secret: string): boolean;
	/** Reads a delivery whose signature was verified */
	parse(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): WebhookDelivery;
	/** The delivery's topic and ids as its headers claim them, for logs */
	describe(headers: Record<string, string | string[] | undefined>): DeliveryLabel;
}

export interface StatusUpdateOptions {
	/**
	 * Whether the shop mails the customer about the change itself. Default false: Notify Customer mails and the
	 * shop must not, where it can be told so per request (`ShopMails.switches` includes 'updateStatus').
	 */
	shopMails?: boolean;
}

/**
 * Everything the Shop Trigger and Shop Order nodes need from a shop. One implementation per vendor in
 * lib/connectors/<vendor>/; optional members are capabilities a shop may lack (its definition's `capabilities`
 * says which it has, and the node names the missing one).
 */
export interface ShopConnector {
	/** The system name in orders and the ledger, e.g. "woocommerce" */
	readonly system: string;
	readonly displayName: string;
	getOrder(orderId: string): Promise<Order>;
	listOrders(query: OrderQuery): Promise<Order[]>;
	listStatuses(): Promise<ShopStatus[]>;
	/** The shop's name for a status code, when known without a request */
	statusLabel(code: string): string | undefined;
	/**
	 * The order's move into its current status, from the shop's own history: the status it left (none for its first)
	 * and when (ISO, UTC). For an order the trigger has not seen. Absent when the shop keeps no history.
	 */
	lastStatusChange?(order: Order): Promise<{ from?: string; at?: string }>;
	/** Per-order results in input order; one failed order does not fail the others. */
	updateStatuses(updates: StatusUpdate[], options?: StatusUpdateOptions): Promise<OrderResult[]>;
	addNote(orderId: string, note: string, forCustomer: boolean): Promise<{ noteId: string }>;
	setTracking(orderId: string, tracking: Tracking, notifyCustomer: boolean): Promise<{ method: string; order: Order }>;
	updateLines?(orderId: string, edits: LineEdit[]): Promise<Order>;
	/** Turns an `edited` event's line diff into line edits, prices included, and applies them */
	applyLineDiff?(orderId: string, diff: LineDiff): Promise<Order>;
	splitOrder?(orderId: string, moves: LineMove[], options?: SplitOptions): Promise<{ original: Order; created: Order }>;
	resendConfirmation?(orderId: string): Promise<{ message: string }>;
	/** Absent when the shop has no way to attach a document */
	uploadInvoice?(orderId: string, pdf: Buffer, fileName: string): Promise<{ reference: string }>;
	deriveFulfilment?(orderId: string): Promise<Fulfilment>;
	/** Absent when the shop cannot push events */
	readonly webhooks?: ShopWebhooks;
	/**
	 * The mail the shop itself sends the customer when an order moves into `toStatus` (from `fromStatus` when known),
	 * with whether the merchant left it on; undefined when it sends none. Absent when the shop's mails cannot be read.
	 */
	ownMail?(toStatus: string, fromStatus?: string): Promise<ShopOwnMail | undefined>;
	/** What the last calls had to tell the merchant (a fallback taken, a text cut), once each; the nodes log it */
	drainNotices?(): string[];
	/**
	 * The credential test: proves the credential reads what the nodes need (throws naming what is missing
	 * otherwise) and names the customer mails the shop sends on its own.
	 */
	checkConnection?(): Promise<ConnectionCheck>;
}

/** What a shop's credential test found. */
export interface ConnectionCheck {
	/** What was reached, e.g. "Connected to Shop X; the key reads orders and 14 order states" */
	reached: string;
	/** Customer mails the shop sends itself, each saying where it is turned off or which switch governs it */
	ownMails: string[];
}

/** A customer mail the shop sends on its own, and where the merchant turns it off. */
export interface ShopOwnMail {
	/** The shop's name of the mail, e.g. "Completed order" */
	mail: string;
	enabled: boolean;
	/** Where to turn it off, e.g. "WooCommerce → Settings → Emails → Completed order" */
	setting: string;
}

/** How a node builds a connector: the credential's base URL, n8n's authenticated sender and shared rate budgets. */
export interface ShopConnectorOptions {
	url: string;
	send: HttpSend;
	/** Rate budgets shared by every execution through the state store; without it, by this process only */
	budget?: BudgetFactory;
	/** A non-secret stable key for the account (shared rate budgets), e.g. the shop URL */
	accountKey?: string;
	/** The credential's non-secret fields (an API version, a language) */
	settings?: Record<string, unknown>;
}

/** The optional operations of ShopConnector, by the name of their member. */
export type ShopCapability = 'webhooks' | 'updateLines' | 'splitOrder' | 'resendConfirmation' | 'uploadInvoice' | 'deriveFulfilment';

/** Operations where a shop can be told per request whether it mails the customer itself. */
export type ShopMailSwitch = 'updateStatus' | 'setTracking' | 'splitOrder';

/** Who mails the customer: what the shop sends by itself, and where it can be told not to. */
export interface ShopMails {
	/** Events the shop mails the customer about by itself, in words (e.g. "order completed") */
	sends: string[];
	/** Operations that take the node's "shop mails" switch (default off: Notify Customer mails, the shop does not) */
	switches: ShopMailSwitch[];
	/** For mails no request can suppress: where the merchant turns them off in the shop */
	turnOff?: string;
}

export interface ShopCapabilities {
	/** Which optional operations the connector has; false ones are absent from it */
	operations: Record<ShopCapability, boolean>;
	mails: ShopMails;
}

export interface ShopDefinition extends SystemDefinition<ShopConnector, ShopConnectorOptions> {
	kind: 'shop';
	/** The credential field that tells accounts apart when the URL does not (a token); the node keys budgets by its hash */
	accountKeyField?: string;
	capabilities: ShopCapabilities;
}

/** Words for a capability in "<Shop> has no <capability>". */
export const CAPABILITY_NAMES: Record<ShopCapability, string> = {
	webhooks: 'webhooks',
	updateLines: 'way to change order lines',
	splitOrder: 'way to split an order',
	resendConfirmation: 'way to resend the order confirmation',
	uploadInvoice: 'way to attach a file to an order',
	deriveFulfilment: 'stock data to derive fulfilment from',
};

/** Thrown when an operation needs a capability the shop lacks. */
export class MissingCapabilityError extends Error {
	constructor(
		readonly shop: string,
		readonly capability: ShopCapability,
	) {
		super(`${shop} has no ${CAPABILITY_NAMES[capability]}`);
		this.name = 'MissingCapabilityError';
	}

	/** What the merchant can do instead */
	get fix(): string {
		return `Choose another operation, do this in ${this.shop}'s admin, or use another node for it.`;
	}
}

/** The optional members of ShopConnector, each with the capability it belongs to. */
const MEMBER_CAPABILITY = {
	webhooks: 'webhooks',
	updateLines: 'updateLines',
	applyLineDiff: 'updateLines',
	splitOrder: 'splitOrder',
	resendConfirmation: 'resendConfirmation',
	uploadInvoice: 'uploadInvoice',
	deriveFulfilment: 'deriveFulfilment',
} as const satisfies Record<string, ShopCapability>;

/** The shop's optional member (bound), or a MissingCapabilityError naming the shop and what it lacks. */
export function capabilityOf<K extends keyof typeof MEMBER_CAPABILITY>(shop: ShopConnector, member: K): NonNullable<ShopConnector[K]> {
	const value = shop[member];
	if (!value) throw new MissingCapabilityError(shop.displayName, MEMBER_CAPABILITY[member]);
	return (typeof value === 'function' ? value.bind(shop) : value) as NonNullable<ShopConnector[K]>;
}
