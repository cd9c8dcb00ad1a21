import { NodeOperationError, type INodeProperties } from 'n8n-workflow';
import { capabilityOf } from '../../../../lib/connectors/shop';
import { claimMail, mailAction } from '../../../../lib/mail';
import type { LineDiff } from '../../../../lib/model';
import { asJson, currentOrder, type ItemContext, type Json } from '../types';

export const option = {
	name: 'Resend Confirmation',
	value: 'resendConfirmation',
	action: 'Resend the order confirmation',
	description: 'Mail the order details to the customer again',
};
export const takesOrderId = true;
export const writes = true;
export const description: INodeProperties[] = [];

/**
 * Has the shop mail the order details. After an applied ERP edit this is that edit's mail to the customer: claimed in
 * the instance-wide mail ledger under the same action as Notify Customer's "order edited" mail, so a customer told of
 * the edit by another workflow is not mailed again.
 */
export async function execute(ctx: ItemContext): Promise<Json[]> {
	const { shop, ledger, orderId } = ctx;
	const resend = capabilityOf(shop, 'resendConfirmation');
	const edit = ctx.fn.getInputData()[ctx.index]?.json?.appliedEdit as { from?: { system?: string; orderId?: string }; lineDiff?: LineDiff } | undefined;
	if (!edit?.from?.system || !edit.from.orderId || !edit.lineDiff) {
		const { message } = await resend(orderId);
		return [{ order: asJson(await currentOrder(ctx)), confirmation: { sent: true, message } }];
	}
	const order = await currentOrder(ctx);
	const email = order.customer?.email ?? order.billingAddress?.email;
	if (!email) {
		throw new NodeOperationError(ctx.fn.getNode(), `Order ${orderId} has no customer e-mail to send the updated order to`, {
			itemIndex: ctx.index,
			description: 'Fill in the billing e-mail of the order in the shop, then run again.',
		});
	}
	const { system, orderId: editedId } = edit.from as { system: string; orderId: string };
	const claimed = mailAction('order_edited', { lineDiff: edit.lineDiff, recipients: [email] });
	const taken = await claimMail(ledger, system, editedId, claimed);
	if (taken) return [{ order: asJson(order), confirmation: { sent: false, reason: taken } }];
	const { value, error } = await resend(orderId).then(
		(result) => ({ value: result, error: undefined }),
		(failure: unknown) => ({ value: undefined, error: failure }),
	);
	if (!value) {
		await ledger.release(system, editedId, claimed.action);
		throw error;
	}
	await ledger.complete(system, editedId, claimed.action, { via: `${shop.system} order details`, to: [email] });
	return [{ order: asJson(order), confirmation: { sent: true, message: value.message } }];
}
