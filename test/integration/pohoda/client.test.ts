import { startPohodaSimulator, type PohodaSimulator } from '../../simulators/pohoda';
import { HttpError, VendorError } from '../../../lib/transport';
import type { Order } from '../../../lib/model';
import { describeWith } from '../../helpers/requires';
import { pohodaSchemasMissing, validateDataPack, validateDataPacks } from '../../helpers/xsd';
import { connectorFor, credentialsFor } from './support';

const shopOrder = (id: string, name = 'Jana Dvořáková & <spol.>'): Order => ({
	system: 'woocommerce',
	id,
	number: `#${id}`,
	externalIds: { woocommerce: id },
	status: { code: 'processing' },
	customer: { email: 'jana@example.sk', name },
	billingAddress: { name, street: 'Hlavná 5', city: 'Košice', postcode: '040 01', country: 'SK' },
	lines: [
		{ name: 'Káva zrnková 1 kg', sku: 'KAVA-1', quantity: 2, unitPrice: 19.9, taxRate: 20 },
		{ name: 'Šálka', sku: 'SALKA', quantity: 1, unitPrice: 7.5, taxRate: 20 },
	],
	createdAt: '2026-11-21T09:00:00Z',
});

let sim: PohodaSimulator;
beforeAll(async () => {
	sim = await startPohodaSimulator();
});
afterAll(() => sim.close());

describe('POHODA client against the mServer simulator', () => {
	it('reads /status with the company, IČO and year', async () => {
		const status = await connectorFor(sim).client.status();
		expect(status).toMatchObject({ status: 'idle', company: sim.company, ico: sim.ico, year: sim.year });
		expect(sim.requests.at(-1)?.headers['stw-authorization']).toMatch(/^Basic /);
	});

	it('imports an order once: the second import finds it by extId and adds nothing', async () => {
		const connector = connectorFor(sim);
		const first = await connector.importOrder(shopOrder('5001'), '5001');
		expect(first.created).toBe(true);
		const stored = sim.orders.get(Number(first.id));
		expect(stored).toMatchObject({ extId: { ids: '5001', exSystemName: 'eshop' }, partner: { name: 'Jana Dvořáková & <spol.>', email: 'jana@example.sk', country: 'SK' } });
		expect(stored?.lines.map((l) => [l.code, l.quantity])).toEqual([['KAVA-1', 2], ['SALKA', 1]]);
		const second = await connector.importOrder(shopOrder('5001'), '5001');
		expect(second).toMatchObject({ id: first.id, number: first.number, created: false });
		expect([...sim.orders.values()].filter((o) => o.extId?.ids === '5001')).toHaveLength(1);
		const order = await connector.getOrder({ by: 'extId', value: '5001' });
		expect(order).toMatchObject({ id: first.id, externalIds: { shop: '5001' }, customer: { email: 'jana@example.sk' } });
	});

	it('a repeated import dataPack is refused by duplicity checking, and the order is still found', async () => {
		const connector = connectorFor(sim);
		const first = await connector.importOrder(shopOrder('5002'), '5002');
		// Another process lost the answer and sends the very same dataPack again without looking first.
		const sent = sim.requests.filter((r) => r.body?.includes('<ord:order ')).at(-1)!.body!;
		const packId = /<dat:dataPack [^>]*\bid="([^"]+)"/.exec(sent)![1];
		const orderXml = /<ord:order [\s\S]*<\/ord:order>/.exec(sent)![0];
		const replay = await connector.client.post([{ id: '1', body: orderXml }], packId);
		expect(replay.body.toString('latin1')).toMatch(/state="error"/);
		expect([...sim.orders.values()].filter((o) => o.extId?.ids === '5002')).toHaveLength(1);
		expect((await connector.getOrder({ by: 'extId', value: '5002' }))?.id).toBe(first.id);
	});

	it('finds orders by id and by number, and says nothing for an unknown one', async () => {
		const connector = connectorFor(sim);
		const [seeded] = sim.seed([{ partner: { name: 'Łukasz Żółw', email: 'l@example.pl' }, lines: [{ text: 'Herbata', quantity: 1, unitPrice: 10 }] }]);
		expect((await connector.getOrder({ by: 'id', value: String(seeded.id) }))?.customer.name).toBe('Łukasz Żółw');
		expect((await connector.getOrder({ by: 'number', value: seeded.number }))?.id).toBe(String(seeded.id));
		expect(await connector.getOrder({ by: 'id', value: '99999' })).toBeUndefined();
		await expect(connector.getOrder({ by: 'id', value: 'OP001' })).rejects.toThrow(/not a POHODA record id/);
	});

	it('passes on POHODA\'s warnings about an import', async () => {
		const result = await connectorFor(sim).importOrder({ ...shopOrder('5004'), createdAt: undefined }, '5004');
		expect(result.created).toBe(true);
		expect(result.warnings).toEqual([expect.objectContaining({ state: 'warning', note: expect.stringMatching(/Datum dokladu/), xpath: expect.stringMatching(/ord:date$/) })]);
	});

	it('letters outside Windows-1250 come back as "?" (POHODA stores Windows-1250)', async () => {
		const connector = connectorFor(sim);
		const imported = await connector.importOrder(shopOrder('5003', 'Щука Ltd'), '5003');
		expect((await connector.getOrder({ by: 'id', value: imported.id }))?.customer.name).toBe('???? Ltd');
	});

	it('pages through a long list by idFrom/count', async () => {
		const local = await startPohodaSimulator();
		try {
			local.seed(Array.from({ length: 25 }, (_, i) => ({ partner: { name: `Zákazník ${i}` }, lines: [{ text: 'x', quantity: 1 }] })));
			const pages = [];
			for await (const page of connectorFor(local).client.listOrders({}, 10)) pages.push(page.orders.map((o) => Number(o.id)));
			expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
			expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
			const limits = local.requests.map((r) => /<ftr:idFrom>(\d+)<\/ftr:idFrom>/.exec(r.body ?? '')?.[1]);
			expect(limits).toEqual([undefined, '11', '21']);
		} finally {
			await local.close();
		}
	});

	it('invoices an order once, marks it executed, and prints the invoice as a PDF', async () => {
		const connector = connectorFor(sim, { invoiceReportId: 114 });
		const [seeded] = sim.seed([{ partner: { name: 'Eva' }, lines: [{ text: 'Med', quantity: 3, unitPrice: 120 }] }]);
		const invoice = await connector.createInvoiceFromOrder(String(seeded.id));
		expect(invoice.created).toBe(true);
		const again = await connector.createInvoiceFromOrder(String(seeded.id));
		expect(again).toMatchObject({ invoiceId: invoice.invoiceId, created: false });
		expect([...sim.invoices.values()].filter((i) => i.orderId === seeded.id)).toHaveLength(1);
		const order = await connector.getOrder({ by: 'id', value: String(seeded.id) });
		expect(order).toMatchObject({ canonicalStatus: 'completed', documents: { invoiceId: invoice.invoiceId } });
		const pdf = await connector.documentPdf(String(seeded.id));
		expect(pdf.data.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
		expect(pdf.data.toString('latin1')).toContain(`Faktura ${invoice.invoiceNumber}`);
		expect(pdf.data.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
	});

	it('refuses to print an order without invoice, naming the fix', async () => {
		const [seeded] = sim.seed([{ partner: {}, lines: [] }]);
		await expect(connectorFor(sim, { invoiceReportId: 1 }).documentPdf(String(seeded.id))).rejects.toThrow(/no issued invoice yet.*Create Invoice From Order/);
	});

	describeWith('POHODA schemas and xmllint', pohodaSchemasMissing(), () => {
		it('every dataPack the connector sent is valid against data.xsd (the simulator checked each one)', async () => {
			const sent = sim.requests.filter((r) => r.body).map((r) => r.body!);
			expect(sent.length).toBeGreaterThan(8);
			const results = await validateDataPacks(sent);
			expect(results.flat()).toEqual([]);
		});

		it('answers an invalid dataPack with state="error", as POHODA does', async () => {
			const response = await connectorFor(sim).client.post([{ id: '1', body: '<lst:listOrderRequest version="2.0" orderType="wrong" orderVersion="2.0"><lst:requestOrder/></lst:listOrderRequest>' }]);
			expect(response.body.toString('latin1')).toMatch(/state="error"[^>]*note="Chyba XML/);
			expect(await validateDataPack(sim.requests.at(-1)!.body!)).not.toEqual([]);
		});

		it('answers are Windows-1250 and valid against response.xsd', async () => {
			await connectorFor(sim).client.listPage({});
			const response = await connectorFor(sim).client.post([
				{ id: '1', body: '<lst:listOrderRequest version="2.0" orderType="receivedOrder" orderVersion="2.0" extSystem="eshop"><lst:requestOrder/></lst:listOrderRequest>' },
			]);
			expect(response.body.toString('latin1')).toContain('<typ:exSystemName>eshop</typ:exSystemName>');
			expect(response.body.subarray(0, 60).toString('latin1')).toContain('encoding="Windows-1250"');
			expect(response.body.includes(Buffer.from('Dvořáková', 'utf8'))).toBe(false);
			expect(response.body.includes(Buffer.from([0x44, 0x76, 0x6f, 0xf8, 0xe1, 0x6b, 0x6f, 0x76, 0xe1]))).toBe(true); // "Dvořáková" in cp1250
			expect(await validateDataPack(response.body, 'response.xsd')).toEqual([]);
		});
	});
});

describe('mServer failures', () => {
	it('retries 408 and 503, then succeeds', async () => {
		sim.failNext('408');
		sim.failNext('503');
		const before = sim.requests.length;
		const status = await connectorFor(sim).client.status();
		expect(status.ico).toBe(sim.ico);
		expect(sim.requests.length - before).toBe(3);
	});

	it('does not retry 401 and names the credential fields', async () => {
		const connector = connectorFor(sim, {}, credentialsFor(sim, { password: 'wrong' }));
		const error = await connector.client.listPage({}).catch((e) => e);
		expect(error).toBeInstanceOf(HttpError);
		expect(error.status).toBe(401);
		expect(error.attempts).toBe(1);
		expect(error.message).toMatch(/User Name and Password/);
	});

	it('names the fix for 403 and 404', async () => {
		const { listen } = await import('../../helpers/http-server');
		const server = await listen((req, res) => {
			res.writeHead(req.url?.startsWith('/forbidden') ? 403 : 404).end('no');
		});
		try {
			const forbidden = await connectorFor(sim, { url: `${server.url}/forbidden` }).client.listPage({}).catch((e) => e);
			expect(forbidden.message).toMatch(/403.*no rights to this accounting unit.*IČO/);
			const missing = await connectorFor(sim, { url: `${server.url}/other` }).client.listPage({}).catch((e) => e);
			expect(missing.message).toMatch(/404.*without \/xml/);
		} finally {
			await server.close();
		}
	});

	it('an HTML login page instead of XML', async () => {
		sim.failNext('html');
		const error = await connectorFor(sim).client.listPage({}).catch((e) => e);
		expect(error).toBeInstanceOf(VendorError);
		expect(error.message).toMatch(/HTML page instead of XML/);
	});

	it('the wrong IČO is refused by POHODA and reported', async () => {
		const error = await connectorFor(sim, { ico: '87654321' }).client.listPage({}).catch((e) => e);
		expect(error.message).toMatch(/refused the request: IČO 87654321/);
	});

	it('never sends two requests at once to one mServer', async () => {
		const local = await startPohodaSimulator({ latencyMs: 30 });
		try {
			local.seed([{ partner: {}, lines: [] }]);
			const connector = connectorFor(local);
			await Promise.all([
				connector.client.status(),
				connector.client.listPage({}),
				connector.getOrder({ by: 'id', value: '1' }),
				connectorFor(local).client.listPage({}),
			]);
			expect(local.requests).toHaveLength(4);
			expect(local.maxInFlight).toBe(1);
		} finally {
			await local.close();
		}
	});
});
