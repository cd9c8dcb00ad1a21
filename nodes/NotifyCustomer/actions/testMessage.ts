import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import {
	checkAddress,
	composeMail,
	isMailLanguage,
	Mailer,
	mailbox,
	NOTIFY_EVENTS,
	SAMPLE_DECISION_URL,
	sampleOrder,
	type NotifyEvent,
} from '../../../lib/mail';
import { outputItem } from '../../shared/items';
import { asNodeError, readSmtpAccount } from './smtp';
import { findOverride, type MailOutcome } from './notify';

/** Mails the chosen event's template (or every event's), filled with a sample order, to the address given. */
export async function sendTestMessage(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const account = await readSmtpAccount(this);
	const mailer = new Mailer(account.settings, { maxConnections: 2 });
	const shopNameOption = (this.getNodeParameter('options.shopName', 0, '') as string).trim();
	const results: INodeExecutionData[] = [];
	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const to = checkAddress(this.getNodeParameter('testTo', itemIndex), 'Send To');
				const chosenLanguage = this.getNodeParameter('testLanguage', itemIndex, 'en') as string;
				const language = isMailLanguage(chosenLanguage) ? chosenLanguage : 'en';
				const chosenEvent = this.getNodeParameter('testEvent', itemIndex) as string;
				const events = chosenEvent === 'all' ? [...NOTIFY_EVENTS] : [chosenEvent as NotifyEvent];
				const overrides = this.getNodeParameter('templateOverrides.override', itemIndex, []) as Array<Record<string, string>>;
				const { order, lineDiff } = sampleOrder(language);
				for (const event of events) {
					const composed = composeMail({
						event,
						order,
						language,
						shopName: shopNameOption || account.fromName || 'Shop',
						lineDiff,
						override: findOverride(overrides, event, language),
						decisionUrl: SAMPLE_DECISION_URL,
					});
					const sent = await mailer.send({ from: account.from, to: [mailbox(to)], ...composed, headers: { 'X-Order-Sync-Event': event } });
					const mail: MailOutcome = { status: 'sent', event, language, to: [to], messageId: sent.messageId };
					results.push(outputItem({ mail }, itemIndex));
				}
			} catch (error) {
				const nodeError = asNodeError(this.getNode(), error, { itemIndex });
				if (!this.continueOnFail()) throw nodeError;
				results.push(outputItem({ error: nodeError.message }, itemIndex));
			}
		}
	} finally {
		mailer.close();
	}
	return [results];
}
