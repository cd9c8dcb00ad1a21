/**
 * Poll, hook (webhook registration) and webhook contexts for trigger nodes, built on createContext, and a webhook
 * host that serves a node's webhook() over real HTTP the way n8n does: the raw body kept on the request, the
 * node's own response when it sends one, 200 otherwise, and the started executions and the node's log lines recorded.
 */
import type * as http from 'node:http';
import type { INodeExecutionData, INodeType, IWebhookResponseData } from 'n8n-workflow';
import { listen, readBody } from './http-server';
import { createContext, type ContextOptions } from './n8n-context';

export type TriggerOptions = ContextOptions & { webhookUrl?: string };

function withWebhookUrl(nodeType: INodeType, options: TriggerOptions) {
	const context = createContext(nodeType, options);
	return Object.assign(context, {
		getNodeWebhookUrl: () => options.webhookUrl,
		getWebhookName: () => 'default',
		getActivationMode: () => 'activate',
	});
}

/** Runs poll() as n8n's poller does ('trigger') or as "Fetch Test Event" does ('manual'). */
export async function poll(nodeType: INodeType, options: TriggerOptions & { mode?: 'trigger' | 'manual' } = {}) {
	if (!nodeType.poll) throw new Error(`${nodeType.description.name} has no poll()`);
	const context = createContext(nodeType, { ...options, mode: options.mode ?? 'trigger' });
	return (await nodeType.poll.call(context as never)) as INodeExecutionData[][] | null;
}

/** Calls one of the node's webhook lifecycle methods (checkExists, create, delete). */
export async function runHook(nodeType: INodeType, method: 'checkExists' | 'create' | 'delete', options: TriggerOptions) {
	const hooks = nodeType.webhookMethods?.default;
	if (!hooks?.[method]) throw new Error(`${nodeType.description.name} has no webhookMethods.default.${method}`);
	return hooks[method].call(withWebhookUrl(nodeType, options) as never);
}

interface FakeResponse {
	statusCode: number;
	body?: unknown;
	sent: boolean;
}

function responseObject(state: FakeResponse) {
	const res = {
		status(code: number) {
			state.statusCode = code;
			return res;
		},
		json(body: unknown) {
			state.body = body;
			state.sent = true;
			return res;
		},
		send(body: unknown) {
			state.body = body;
			state.sent = true;
			return res;
		},
		end() {
			state.sent = true;
			return res;
		},
	};
	return res;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	const text = raw.toString('utf8');
	if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
	try {
		return text ? JSON.parse(text) : {};
	} catch {
		return text;
	}
}

/** Serves the node's webhook() on `${url}/webhook`; every started execution's items land in `executions`, log lines in `logs`. */
export async function startWebhookHost(nodeType: INodeType, options: TriggerOptions) {
	if (!nodeType.webhook) throw new Error(`${nodeType.description.name} has no webhook()`);
	const executions: INodeExecutionData[][][] = [];
	const answers: Array<{ status: number; body: unknown }> = [];
	const logs: Array<{ level: string; message: string; meta?: unknown }> = [];
	const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
		const rawBody = await readBody(req);
		const request = {
			method: req.method,
			headers: req.headers,
			query: {},
			body: parseBody(rawBody, req.headers['content-type']),
			rawBody,
		};
		const state: FakeResponse = { statusCode: 200, sent: false };
		const context = Object.assign(withWebhookUrl(nodeType, { ...options, webhookUrl: host.url }), {
			getRequestObject: () => request,
			getResponseObject: () => responseObject(state),
			getHeaderData: () => req.headers,
			getBodyData: () => request.body,
			getQueryData: () => ({}),
		});
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context as never);
		} catch (error) {
			answers.push({ status: 500, body: (error as Error).message });
			res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: (error as Error).message }));
			return;
		} finally {
			logs.push(...context.logs);
		}
		if (result.workflowData) executions.push(result.workflowData);
		const status = result.noWebhookResponse ? state.statusCode : 200;
		const body = result.noWebhookResponse ? state.body : (result.webhookResponse ?? { message: 'Workflow was started' });
		answers.push({ status, body });
		res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? ''));
	};
	const server = await listen((req, res) => void handler(req, res));
	const host = { url: `${server.url}/webhook`, close: server.close, executions, answers, logs };
	return host;
}
