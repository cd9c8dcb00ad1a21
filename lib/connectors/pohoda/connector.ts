import type { Order } from '../../model';
import { VendorError } from '../../transport';
import type { ErpConnector, ErpOrderPage, ErpOrderReference } from '../erp';
import { PohodaClient, type PohodaClientOptions } from './client';
import { VENDOR } from './decode';
import { SYSTEM } from './mapping';
import type { ImportOrderOptions } from './requests/order';

export interface PohodaConnectorOptions extends PohodaClientOptions {
	import?: Partial<ImportOrderOptions>;
	/** POHODA print report (form) id used for invoice PDFs */
	invoiceReportId?: number;
}

/** The ERP connector interface over POHODA mServer. */
export class PohodaConnector implements ErpConnector {
	readonly system = SYSTEM;
	readonly client: PohodaClient;

	constructor(private readonly options: PohodaConnectorOptions) {
		this.client = new PohodaClient({ ...options, externalSystem: this.importOptions.externalSystem });
	}

	private get importOptions(): ImportOrderOptions {
		const externalSystem = this.options.import?.externalSystem?.trim() || this.options.externalSystem?.trim() || 'eshop';
		return { pricesIncludeVat: true, linkStockItems: false, ...this.options.import, externalSystem };
	}

	async *changedOrders(since: string, options: { pageSize?: number; includeRaw?: boolean } = {}): AsyncIterable<ErpOrderPage> {
		for await (const page of this.client.listOrders({ lastChanges: since }, options.pageSize, options.includeRaw ?? false)) {
			yield { orders: page.orders, failures: page.failures, serverTime: page.dateTimeStamp };
		}
	}

	getOrder(ref: ErpOrderReference): Promise<Order | undefined> {
		return this.client.getOrder({ ...ref, externalSystem: ref.externalSystem ?? this.importOptions.externalSystem });
	}

	importOrder(order: Order, shopOrderId: string) {
		return this.client.importOrder(order, shopOrderId, this.importOptions);
	}

	createInvoiceFromOrder(orderId: string) {
		return this.client.createInvoiceFromOrder(orderId);
	}

	/** The PDF of the order's issued invoice (printed by POHODA with the configured report). */
	async documentPdf(orderId: string, invoiceId?: string): Promise<{ data: Buffer; fileName: string; invoiceId: string; order?: Order }> {
		let id = invoiceId;
		let number: string | undefined;
		let order: Order | undefined;
		if (!id) {
			order = await this.getOrder({ by: 'id', value: orderId });
			if (!order) throw new VendorError(VENDOR, `POHODA has no received order with id ${orderId}.`);
			id = order.documents?.invoiceId;
			number = order.documents?.invoiceNumber;
			if (!id) {
				throw new VendorError(
					VENDOR,
					`POHODA order ${orderId} has no issued invoice yet. Create it first (operation Create Invoice From Order) or give the invoice id.`,
				);
			}
		}
		const reportId = this.options.invoiceReportId;
		if (!reportId) throw new VendorError(VENDOR, 'Set the POHODA print report id for invoices (Report ID) to print a PDF.');
		const fileName = `faktura-${(number ?? id).replace(/[^\w.-]+/g, '_')}.pdf`;
		const data = await this.client.printPdf('vydane_faktury', id, reportId, fileName);
		return { data, fileName, invoiceId: id, order };
	}
}
