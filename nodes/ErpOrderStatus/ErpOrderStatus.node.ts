import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { ERPS } from '../../lib/connectors/erps';
import { trackChanges } from '../shared/changes';
import { toNodeError } from '../shared/errors';
import { detectChanges } from './actions/generic';
import { createInvoice, getChanges, getDocumentPdf, getOrder, importOrder } from './actions/pohoda';
import { outputItem } from '../shared/items';
import { erpProperties } from './description';
import { pohodaConnectionTest } from './methods/credentialTest';

type PerItem = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const PER_ITEM: Record<string, PerItem> = { getOrder, importOrder, createInvoice, getDocumentPdf };

/** The order an item's error names: the POHODA order acted on where the operation takes one, else the incoming order. */
function orderNamed(context: IExecuteFunctions, operation: string, itemIndex: number): string | undefined {
	const incoming = (context.getInputData()[itemIndex]?.json.order as { id?: string } | undefined)?.id;
	if (operation !== 'createInvoice' && operation !== 'getDocumentPdf') return incoming;
	try {
		const id = String(context.getNodeParameter('orderId', itemIndex, '') ?? '').trim();
		return id ? `POHODA ${id}` : incoming;
	} catch {
		return incoming;
	}
}

export class ErpOrderStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ERP Order Status',
		name: 'erpOrderStatus',
		icon: { light: 'file:erpOrderStatus.svg', dark: 'file:erpOrderStatus.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["erp"] === "generic" ? "Generic: detect changes" : "POHODA: " + $parameter["operation"] }}',
		description:
			'Order status in an ERP: POHODA received orders (changes, import, invoice, PDF; POHODA XML cannot update an order), or any ERP from input items',
		defaults: { name: 'ERP Order Status' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: ERPS.map((erp) => ({
			name: erp.credentialType,
			required: true,
			...(erp.credentialTest ? { testedBy: erp.credentialTest } : {}),
			displayOptions: { show: { erp: [erp.value] } },
		})),
		properties: erpProperties,
	};

	methods = { credentialTest: { pohodaConnectionTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const erp = this.getNodeParameter('erp', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		if (erp === 'generic') return [await detectChanges.call(this)];
		if (operation === 'getChanges') {
			try {
				return [await getChanges.call(this)];
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, { itemIndex: 0 });
				if (this.continueOnFail()) return [[outputItem({ error: nodeError.message }, 0)]];
				throw nodeError;
			}
		}
		const run = PER_ITEM[operation];
		return trackChanges(this, async () => {
			const output: INodeExecutionData[] = [];
			const items = this.getInputData();
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				try {
					output.push(...(await run.call(this, itemIndex)));
				} catch (error) {
					const nodeError = toNodeError(this.getNode(), error, { itemIndex, order: orderNamed(this, operation, itemIndex) });
					if (this.continueOnFail()) {
						output.push(outputItem({ error: nodeError.message }, itemIndex));
						continue;
					}
					throw nodeError;
				}
			}
			return [output];
		});
	}
}
