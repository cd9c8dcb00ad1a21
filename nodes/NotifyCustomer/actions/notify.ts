import { createHash } from 'node:crypto';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import type { DateTime } from 'luxon';
import type { LineDiff, Order } from '../../../lib/model';
import {
	checkAddress,
	checkAddressList,
	chooseLanguage,
	claimMail,
	composeMail,
	DECISION_EVENTS,
	faithfulOrder,
	INVOICE_EVENTS,
	isMailLanguage,
	isNotifyEvent,
	Mailer,
	mailAction,
	mailbox,
	MANAGER_EVENTS,
	type MailAction,
	NOTIFY_EVENTS,
	type MailLanguage,
	type Mailbox,
	type NotifyEvent,
	type OutgoingMail,
	type TemplateOverride,
	webLink,
} from '../../../lib/mail';
import { Ledger } from '../../../lib/ledger';
import { parseInstant, readBaseline } from '../../../lib/scope';
import { isDryRun, type DryLedger } from '../../shared/dry-run';
import { outputItem } from '../../shared/items';
import { itemParameter } from '../../shared/parameters';
import { openLedger } from '../../shared/ledger';
import { forEachLimited, oneAtATime } from './batch';
import { asNodeError, readSmtpAccount } from './smtp';

export type Audience = 'customer' | 'managers';

/** What `json.mail` says about an item. */
export interface MailOutcome extends IDataObject {
	status: 'sent' | 'skipped' | 'failed' | 'dry_run';
	event: string | null;
	reason?: string;
	messageId?: string;
	to?: string[];
	language?: string;
	testMode?: boolean;
	/** Set when the shop mails the customer about the same change itself */
	warning?: string;
}

const ORIGINAL_TO_HEADER = 'X-Order-Sync-Original-To';

interface OverrideRow {
	event?: string;
	language?: string;
	subject?: string;
	html?: string;
}

interface NotifyOptions {
	baselineDate?: string;
	baselineName?: string;
	disabledEvents?: string[];
	invoiceBinaryProperty?: string;
	maxConnections?: number;
	perSecond?: number;
	replyTo?: string;
	shopName?: string;
	whenShopMailsToo?: 'warn' | 'skip' | 'fail';
}

/** What Shop Order says the shop mails the customer itself for the change (`json.shopMail`). */
interface ShopMail {
	shop?: string;
	mail?: string;
	sends?: boolean;
	setting?: string;
}

/** The user's override for an event: one for the mail's language wins over one for any language. */
export function findOverride(rows: OverrideRow[], event: NotifyEvent, language: MailLanguage): TemplateOverride | undefined {
	const forEvent = rows.filter((row) => row.event === event);
	const row = forEvent.find((r) => r.language === language) ?? forEvent.find((r) => !r.language || r.language === 'any');
	return row ? { subject: row.subject, html: row.html } : undefined;
}

function readOrder(json: IDataObject): Order | undefined {
	const order = json.order as Order | undefined;
	return order && typeof order === 'object' && order.id !== undefined && order.system ? order : undefined;
}

/** Sends the customer (or managers) mail of each item's event, once per (system, order, event) through the ledger. */
export async function notify(this: IExecuteFunctions, audience: Audience): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const options = this.getNodeParameter('options', 0, {}) as NotifyOptions;
	const account = await readSmtpAccount(this);
	const ledger = await openLedger(this);
	const zone = this.getTimezone();
	const baselines: DateTime[] = [];
	if (options.baselineDate) {
		const date = parseInstant(String(options.baselineDate), zone);
		if (!date) throw new NodeOperationError(node, `Baseline Date "${options.baselineDate}" is not a date`, { description: 'Pick a date in Options → Baseline Date, or remove it.' });
		baselines.push(date);
	}
	if (options.baselineName?.trim()) {
		const stored = await readBaseline(ledger, options.baselineName);
		const date = stored ? parseInstant(stored, zone) : undefined;
		if (date) baselines.push(date);
	}
	const maxConnections = Math.max(1, Math.min(20, Number(options.maxConnections) || 5));
	const mailer = new Mailer(account.settings, { maxConnections, perSecond: Number(options.perSecond) || 0 });
	const results: INodeExecutionData[] = [];
	// Claims are made one at a time: a check-then-set ledger backend must not see two items of a batch interleave.
	const claim = oneAtATime((system: string, orderId: string, action: MailAction) => claimMail(ledger, system, orderId, action));
	/** What the ledger would answer a claim, without claiming: for a dry run */
	const wouldClaim = async (system: string, orderId: string, { action, legacy }: MailAction): Promise<DryLedger> => {
		if ((await ledger.actionState(system, orderId, legacy)) === 'done') return 'already_done';
		const state = await ledger.actionState(system, orderId, action);
		return state === 'done' ? 'already_done' : state === 'claimed' ? 'in_progress' : 'would_do';
	};
	/** The mail each dry item would have sent */
	const previews: IDataObject[] = [];
	let stopped: Error | undefined;
	/** The event of each item once known, for its error item */
	const events: Array<string | null> = [];

	const sendItem = async (itemIndex: number): Promise<MailOutcome> => {
		const json = items[itemIndex].json;
		const order = readOrder(json);
		if (!order) {
			throw new NodeOperationError(node, `Item ${itemIndex} has no order in json.order`, {
				itemIndex,
				description: 'Feed the node items of the Order Sync nodes (or set json.order with at least system and id).',
			});
		}
		const orderLabel = `${order.system} ${order.number ?? order.id}`;
		let event: string | null = null;
		try {
			const chosen = itemParameter(this, audience === 'customer' ? 'event' : 'managerEvent', itemIndex) as string;
			if (chosen === 'fromItem') {
				const notifyField = (json.notify ?? {}) as { event?: unknown; enabled?: unknown };
				if (notifyField.enabled === false) return { status: 'skipped', event: (notifyField.event as string) ?? null, reason: 'notify_disabled' };
				if (!notifyField.event) return { status: 'skipped', event: null, reason: 'no_event' };
				event = String(notifyField.event);
			} else {
				event = chosen;
			}
			events[itemIndex] = event;
			if (!isNotifyEvent(event)) {
				throw new NodeOperationError(node, `Unknown event "${event}" (order ${orderLabel})`, {
					itemIndex,
					description: `Use one of: ${NOTIFY_EVENTS.join(', ')}.`,
				});
			}
			return await deliver(itemIndex, order, event, json);
		} catch (error) {
			throw asNodeError(node, error, { itemIndex, order: orderLabel, event: event ?? undefined });
		}
	};

	const deliver = async (itemIndex: number, order: Order, event: NotifyEvent, json: IDataObject): Promise<MailOutcome> => {
		if (audience === 'customer' && MANAGER_EVENTS.includes(event)) return { status: 'skipped', event, reason: 'manager_event' };
		if (!(itemParameter(this, 'notificationsEnabled', itemIndex, true) as boolean)) {
			return { status: 'skipped', event, reason: 'notifications_off' };
		}
		if ((options.disabledEvents ?? []).includes(event)) return { status: 'skipped', event, reason: 'event_disabled' };
		const createdAt = order.createdAt ?? (json.changedAt as string | undefined) ?? order.updatedAt;
		const created = createdAt ? parseInstant(createdAt, zone) : undefined;
		if (created && baselines.some((baseline) => created < baseline)) return { status: 'skipped', event, reason: 'before_baseline' };

		const shopMail = json.shopMail as ShopMail | undefined;
		let warning: string | undefined;
		if (audience === 'customer' && shopMail?.sends === true) {
			const told = `${shopMail.shop ?? 'The shop'} mails the customer of order ${order.number ?? order.id} itself ("${shopMail.mail ?? event}")`;
			const fix = `Turn it off in ${shopMail.setting ?? 'the shop\'s mail settings'}, so the customer hears of it once.`;
			const mode = options.whenShopMailsToo ?? 'warn';
			if (mode === 'skip') return { status: 'skipped', event, reason: 'shop_mails' };
			if (mode === 'fail') throw new NodeOperationError(node, told, { itemIndex, description: `${fix} Or set When the Shop Mails Too to Skip Our Mail.` });
			warning = `${told}: the customer gets two mails. ${fix}`;
			this.logger.warn(warning);
		}
		const faithful = namesFrom(this, itemIndex, order);
		const { recipients, language } = audienceOf(this, audience, itemIndex, faithfulOrder(order, faithful));
		const decisionUrl = audience === 'managers' ? decisionLinkOf(this, itemIndex, order, event) : undefined;
		const invoice = await invoiceAttachment(this, itemIndex, event, order, options.invoiceBinaryProperty || 'data');
		const overrides = (itemParameter(this, 'templateOverrides.override', itemIndex, []) as OverrideRow[]) ?? [];
		const composed = composeMail({
			event,
			order,
			language,
			shopName: options.shopName?.trim() || account.fromName,
			lineDiff: json.lineDiff as LineDiff | undefined,
			invoiceAttached: invoice !== undefined,
			override: findOverride(overrides, event, language),
			timeZone: zone,
			decisionUrl,
			faithful,
		});
		const testMode = itemParameter(this, 'testMode', itemIndex, false) as boolean;
		const realTo = recipients.map((r) => r.address);
		const mail: OutgoingMail = {
			from: account.from,
			to: recipients,
			replyTo: options.replyTo?.trim() ? mailbox(checkAddress(options.replyTo, 'Options → Reply To')) : undefined,
			...composed,
			headers: { 'X-Order-Sync-Order': `${order.system}/${order.id}`, 'X-Order-Sync-Event': event },
			attachments: invoice ? [invoice] : undefined,
		};
		if (testMode) {
			const tester = checkAddress(itemParameter(this, 'testRecipient', itemIndex, ''), 'Test Recipient');
			mail.to = [mailbox(tester)];
			mail.subject = `[TEST → ${realTo.join(', ')}] ${composed.subject}`;
			mail.headers = { ...mail.headers, [ORIGINAL_TO_HEADER]: realTo.join(', ') };
		}
		const claimed = mailAction(event, { audience, testMode, changedAt: json.changedAt, lineDiff: json.lineDiff as LineDiff | undefined, decisionUrl, recipients: realTo });
		const { action } = claimed;
		const outcome = { event, language, to: mail.to.map((r) => r.address), ...(testMode ? { testMode } : {}), ...(warning ? { warning } : {}) };
		if (isDryRun(this, itemIndex)) {
			const verdict = await wouldClaim(order.system, order.id, claimed);
			previews[itemIndex] = { mail: mailPreview(mail), ledger: verdict };
			return { status: 'dry_run', ...outcome, ...(verdict === 'would_do' ? {} : { reason: verdict }) };
		}
		const taken = await claim(order.system, order.id, claimed);
		if (taken) return { status: 'skipped', ...outcome, reason: taken };
		mail.messageId = ledgerMessageId(Ledger.actionKey(order.system, order.id, action), account.from.address);
		return sendClaimed(ledger, mailer, mail, { system: order.system, orderId: order.id, action }, outcome);
	};

	try {
		// Twice the pool: while a connection sends one mail, the next is rendered, claimed and queued in the pool.
		await forEachLimited(items.length, 2 * maxConnections, async (itemIndex) => {
			if (stopped) return;
			try {
				const mail = await sendItem(itemIndex);
				const dryRun = previews[itemIndex];
				results[itemIndex] = outputItem({ ...items[itemIndex].json, mail, ...(dryRun ? { dryRun } : {}) }, itemIndex);
			} catch (error) {
				if (!this.continueOnFail()) {
					stopped ??= error as Error;
					return;
				}
				const order = readOrder(items[itemIndex].json);
				const mail: MailOutcome = { status: 'failed', event: events[itemIndex] ?? null, reason: (error as Error).message };
				results[itemIndex] = outputItem({ error: (error as Error).message, mail, orderId: order?.id ?? null }, itemIndex);
			}
		});
	} finally {
		mailer.close();
	}
	if (stopped) throw stopped;
	return [results];
}

/** What a dry run shows of a mail: everything the customer would see, attachments by name and size. */
function mailPreview(mail: OutgoingMail): IDataObject {
	return {
		from: mail.from.address,
		to: mail.to.map((r) => r.address),
		...(mail.replyTo ? { replyTo: mail.replyTo.address } : {}),
		subject: mail.subject,
		html: mail.html,
		text: mail.text,
		attachments: (mail.attachments ?? []).map((a) => ({ name: a.filename, size: a.content.length })),
	};
}

/** The Names From Order option: an order object (or its JSON); anything else stops the item, naming the option. */
function namesFrom(context: IExecuteFunctions, itemIndex: number, order: Order): Partial<Order> | undefined {
	let value = itemParameter(context, 'options.namesFrom', itemIndex, '') as unknown;
	if (value === '' || value === null || value === undefined) return undefined;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			value = undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(context.getNode(), `Names From Order of order ${order.number ?? order.id} is not an order`, {
			itemIndex,
			description: "Give the shop's order object, e.g. {{ $('Shop Trigger').item.json.order }}, or clear the option.",
		});
	}
	return value as Partial<Order>;
}

function audienceOf(context: IExecuteFunctions, audience: Audience, itemIndex: number, order: Order) {
	if (audience === 'managers') {
		const list = checkAddressList(itemParameter(context, 'managerEmails', itemIndex), 'Manager Emails');
		const language = itemParameter(context, 'managerLanguage', itemIndex, 'en') as string;
		return { recipients: list.map((address) => mailbox(address)), language: isMailLanguage(language) ? language : 'en' };
	}
	const given = String(itemParameter(context, 'recipient', itemIndex, '') ?? '').trim();
	const address = given
		? checkAddress(given, 'Recipient Email')
		: checkAddress(order.customer?.email ?? order.billingAddress?.email ?? '', `the customer's e-mail of order ${order.number ?? order.id} (order.customer.email)`);
	const fallback = itemParameter(context, 'fallbackLanguage', itemIndex, 'en') as string;
	const { language } = chooseLanguage(order, isMailLanguage(fallback) ? fallback : 'en');
	const recipients: Mailbox[] = [mailbox(address, order.customer?.name ?? order.billingAddress?.name)];
	return { recipients, language };
}

/** The item's Decision Link as an http(s) URL; anything else is refused, and a decision event needs one. */
function decisionLinkOf(context: IExecuteFunctions, itemIndex: number, order: Order, event: NotifyEvent): string | undefined {
	const given = String(itemParameter(context, 'decisionLink', itemIndex, '') ?? '').trim();
	const label = `order ${order.number ?? order.id}`;
	if (!given) {
		if (!DECISION_EVENTS.includes(event)) return undefined;
		throw new NodeOperationError(context.getNode(), `Decision Link is empty for the "${event}" mail of ${label}`, {
			itemIndex,
			description: 'Set Decision Link to where the managers decide, e.g. {{ $execution.resumeFormUrl }} for a Wait node (Resume: On Form Submitted) after this node.',
		});
	}
	const url = webLink(given);
	if (!url) {
		// Without its query: a form link's signature must not reach the error (logs, execution data).
		const shown = given.replace(/[?#].*$/s, '?…').slice(0, 80);
		throw new NodeOperationError(context.getNode(), `Decision Link of ${label} is not an http(s) address: "${shown}"`, {
			itemIndex,
			description: 'Only http:// and https:// links go into mails. Use e.g. {{ $execution.resumeFormUrl }} or your form\'s full web address.',
		});
	}
	return url;
}

/** The invoice PDF of the item, for the events that carry one; "invoiced" without it is an error. */
async function invoiceAttachment(context: IExecuteFunctions, itemIndex: number, event: NotifyEvent, order: Order, property: string) {
	if (!INVOICE_EVENTS.includes(event)) return undefined;
	const binary = context.getInputData()[itemIndex].binary?.[property];
	if (!binary) {
		if (event !== 'invoiced') return undefined;
		throw new NodeOperationError(context.getNode(), `No invoice PDF in binary property "${property}" for order ${order.number ?? order.id}`, {
			itemIndex,
			description: 'Download the invoice before this node (e.g. the ERP node’s invoice PDF), or set Options → Invoice Binary Property to where it is.',
		});
	}
	const content = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const number = order.documents?.invoiceNumber ?? order.number ?? order.id;
	return { filename: binary.fileName || `invoice-${number}.pdf`, content, contentType: binary.mimeType || 'application/pdf' };
}

/**
 * The Message-ID of a mail, derived from its ledger key: a mail sent again after a crash in the middle of the SMTP
 * transaction (its claim taken over) is the same message to the mailbox, which shows it once.
 */
export function ledgerMessageId(ledgerKey: string, fromAddress: string): string {
	const domain = /@([A-Za-z0-9.-]+)$/.exec(fromAddress)?.[1] ?? 'order-sync.invalid';
	return `<${createHash('sha256').update(ledgerKey).digest('hex').slice(0, 32)}.order-sync@${domain}>`;
}

/** Sends a claimed mail; completes the claim when the server accepted it, releases it otherwise so a later run retries. */
async function sendClaimed(
	ledger: Ledger,
	mailer: Mailer,
	mail: OutgoingMail,
	key: { system: string; orderId: string; action: string },
	outcome: Omit<MailOutcome, 'status'> & { event: string },
): Promise<MailOutcome> {
	let sent: Awaited<ReturnType<Mailer['send']>> | undefined;
	try {
		sent = await mailer.send(mail);
	} finally {
		if (!sent) await ledger.release(key.system, key.orderId, key.action);
	}
	await ledger.complete(key.system, key.orderId, key.action, { messageId: sent.messageId, to: outcome.to });
	return { status: 'sent', ...outcome, messageId: sent.messageId };
}
