import { createHash } from 'node:crypto';
import type { Ledger } from '../ledger';
import type { LineDiff } from '../model';
import { DECISION_EVENTS, type NotifyEvent } from './events';

/** A customer mail's ledger action, and the name versions before recipients were part of it recorded it under. */
export interface MailAction {
	action: string;
	legacy: string;
}

export interface MailActionInput {
	audience?: 'customer' | 'managers';
	testMode?: boolean;
	/** When a resend was requested (a resend is keyed by it) */
	changedAt?: unknown;
	/** What an edit changed (an edit is keyed by it) */
	lineDiff?: LineDiff;
	decisionUrl?: string;
	recipients: string[];
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * The ledger action of a mail, once per instance, whoever sends it (our mail, or a shop asked to mail the customer). A
 * resend is keyed by the time of its request, an edit by what it changed (each edit is news; the same edit seen by two
 * workflows or workers is one mail), and a decision request by its link (hashed: a form link is a credential), so each
 * request mails once, and a new form for the same order (a rerun) is mailed too; test-mode mails are kept apart so
 * going live still mails the real customer. The recipients are part of it: two ERP companies (or a reset test system)
 * may number different customers' orders alike.
 */
export function mailAction(event: NotifyEvent, input: MailActionInput): MailAction {
	let legacy = `mail:${event}`;
	if (event === 'order_confirmation_resend' && typeof input.changedAt === 'string') legacy += `@${input.changedAt}`;
	if (event === 'order_edited' && input.lineDiff) legacy += `@${shortHash(JSON.stringify(input.lineDiff))}`;
	if (DECISION_EVENTS.includes(event) && input.decisionUrl) legacy += `@${shortHash(input.decisionUrl)}`;
	if (input.audience === 'managers') legacy += ':managers';
	if (input.testMode) legacy += ':test';
	const to = input.recipients.map((address) => address.toLowerCase()).sort().join(',');
	return { action: `${legacy}>${shortHash(to)}`, legacy };
}

/** Claims a mail before it is sent: undefined when this caller sends it, else why not. */
export async function claimMail(ledger: Ledger, system: string, orderId: string, { action, legacy }: MailAction): Promise<'already_sent' | 'in_progress' | undefined> {
	// A mail recorded before actions named their recipients counts as sent.
	if ((await ledger.actionState(system, orderId, legacy)) === 'done') return 'already_sent';
	if (await ledger.claim(system, orderId, action)) return undefined;
	return (await ledger.actionState(system, orderId, action)) === 'done' ? 'already_sent' : 'in_progress';
}
