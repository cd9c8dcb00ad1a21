/**
 * A faithful stand-in for the parts of n8n's execution context our nodes use, so node shells run in-process
 * over real HTTP. Requests go through the credential class's own `authenticate`, as n8n does it.
 * Parameters may be values or functions of the item index (n8n expressions evaluated per item).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type NodeExecutionHint,
} from 'n8n-workflow';
import { nodeHttpSend } from '../../lib/transport';
import { freshTestStore } from './state';

// Every test starts with an empty durable store, as a new n8n instance would.
beforeEach(() => {
	freshTestStore();
});

type ParamValue = unknown | ((itemIndex: number) => unknown);

export interface ContextOptions {
	parameters?: Record<string, ParamValue>;
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: Record<string, IDataObject>;
	continueOnFail?: boolean;
	mode?: 'manual' | 'trigger' | 'webhook' | 'internal';
	timezone?: string;
	nodeName?: string;
	/** Workflow id (the ledger's namespace in the store); 'test-workflow' by default */
	workflowId?: string;
	/** The nodes after this one, one after the other: a type (e.g. 'n8n-nodes-base.slack') or a named node; none by default */
	childNodes?: Array<string | { name: string; type: string }>;
}

const credentialTypes = new Map<string, ICredentialType>();
function credentialType(name: string): ICredentialType {
	if (credentialTypes.size === 0) {
		const dir = path.join(__dirname, '../../credentials');
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.credentials.ts'))) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(path.join(dir, file)) as Record<string, new () => ICredentialType>;
			for (const Type of Object.values(exported)) {
				const instance = new Type();
				credentialTypes.set(instance.name, instance);
			}
		}
	}
	const found = credentialTypes.get(name);
	if (!found) throw new Error(`unknown credential type ${name}`);
	return found;
}

function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) => String(credentials[name] ?? ''));
}

function resolveDeep(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, credentials)]));
	}
	return resolveCredentialExpression(value, credentials);
}

/** n8n's authenticate step: a credential's function, or its generic headers/qs/auth block. */
export async function authenticateRequest(
	type: string,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const auth = credentialType(type).authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') return auth(credentials, options);
	const props = resolveDeep(auth.properties, credentials) as IDataObject;
	return {
		...options,
		headers: { ...options.headers, ...(props.headers as IDataObject) },
		qs: { ...options.qs, ...(props.qs as IDataObject) },
		auth: (props.auth as IHttpRequestOptions['auth']) ?? options.auth,
	};
}

/** n8n's helpers.httpRequest semantics over node:http. */
export async function performHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(options.headers ?? {})) if (v !== undefined) headers[k] = String(v);
	if (options.auth) {
		headers.Authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
	}
	let body: string | Buffer | undefined;
	if (Buffer.isBuffer(options.body) || typeof options.body === 'string') body = options.body;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] ??= 'application/json';
	}
	const url = options.baseURL ? new URL(options.url, options.baseURL).toString() : options.url;
	const send = nodeHttpSend({ rejectUnauthorized: !options.skipSslCertificateValidation });
	const response = await send({
		method: (options.method ?? 'GET') as 'GET',
		url,
		qs: options.qs as Record<string, string>,
		headers,
		body,
		timeoutMs: options.timeout,
	});
	const ok = response.status < 400 || options.ignoreHttpStatusErrors;
	const parsed =
		options.encoding === 'arraybuffer'
			? response.body
			: (() => {
					const text = response.body.toString('utf8');
					try {
						return options.json === false && options.encoding === 'text' ? text : JSON.parse(text);
					} catch {
						return text;
					}
				})();
	if (!ok) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			httpCode: String(response.status),
			response: { status: response.status, data: parsed },
		});
	}
	if (options.returnFullResponse) {
		return { statusCode: response.status, headers: response.headers, body: parsed, statusMessage: '' };
	}
	return parsed;
}

function propertyDefault(properties: INodeProperties[], name: string): unknown {
	const [head, ...rest] = name.split('.');
	const found = properties.find((p) => p.name === head);
	if (!found) return undefined;
	if (rest.length === 0) return found.default;
	const child = (found.options as INodeProperties[] | undefined)?.find((o) => o.name === rest[0]);
	return child && 'default' in child ? child.default : undefined;
}

function readPath(source: Record<string, unknown>, name: string): unknown {
	if (name in source) return source[name];
	return name.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], source);
}

export function createContext(nodeType: INodeType, options: ContextOptions = {}) {
	const description = nodeType.description;
	const node: INode = {
		id: 'test-node',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: `n8n-nodes-order-sync.${description.name}`,
		typeVersion: Array.isArray(description.version) ? description.version[0] : description.version,
		position: [0, 0],
		parameters: {},
	};
	const staticData = options.staticData ?? {};
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const params = options.parameters ?? {};
	// As n8n holds them: a parameter given per item stands for an expression reading the item.
	node.parameters = JSON.parse(JSON.stringify(params, (_key, value: unknown) => (typeof value === 'function' ? '={{ $json }}' : value)));
	const getParameter = (name: string, itemIndex: number, fallback?: unknown) => {
		const value = readPath(params, name);
		if (value !== undefined) return typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value;
		const byDefault = propertyDefault(description.properties, name);
		if (byDefault !== undefined) return byDefault;
		if (fallback !== undefined) return fallback;
		throw new NodeOperationError(node, `Could not get parameter "${name}"`);
	};
	const getCredentials = async (type: string) => {
		const data = options.credentials?.[type];
		if (!data) throw new NodeOperationError(node, `Node does not have credentials of type "${type}"`);
		return data;
	};
	const binaryBuffers = new Map<string, Buffer>();
	const logs: Array<{ level: string; message: string; meta?: unknown }> = [];
	const log = (level: string) => (message: string, meta?: unknown) => logs.push({ level, message, meta });

	const hints: NodeExecutionHint[] = [];
	const context = {
		logs,
		hints,
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		staticData,
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getTimezone: () => options.timezone ?? 'Europe/Bratislava',
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials,
		getWorkflowStaticData: (type: string) => {
			const slot = type === 'global' ? 'global' : `node:${node.name}`;
			staticData[slot] ??= {};
			return staticData[slot];
		},
		getNodeParameter: (name: string, itemIndexOrFallback?: unknown, fallback?: unknown) =>
			typeof itemIndexOrFallback === 'number'
				? getParameter(name, itemIndexOrFallback, fallback)
				: getParameter(name, 0, itemIndexOrFallback),
		getWorkflow: () => ({ id: options.workflowId ?? 'test-workflow', name: 'Test workflow', active: true }),
		getExecutionId: () => 'test-execution',
		// A chain: this node, then Child 0, Child 1, …
		getChildNodes: (name: string) => {
			const chain = (options.childNodes ?? []).map((child, i) => ({
				...(typeof child === 'string' ? { name: `Child ${i}`, type: child } : child),
				typeVersion: 1,
				disabled: false,
			}));
			return chain.slice(chain.findIndex((child) => child.name === name) + 1);
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequest: (opts: IHttpRequestOptions) => performHttpRequest(opts),
			async httpRequestWithAuthentication(type: string, opts: IHttpRequestOptions) {
				try {
					return await performHttpRequest(await authenticateRequest(type, await getCredentials(type), opts));
				} catch (error) {
					throw new NodeApiError(node, error as never);
				}
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			async prepareBinaryData(buffer: Buffer, fileName?: string, mimeType?: string) {
				const id = `bin-${binaryBuffers.size}`;
				binaryBuffers.set(id, buffer);
				return { id, data: buffer.toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream', fileSize: String(buffer.length) };
			},
			assertBinaryData(itemIndex: number, property: string) {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new NodeOperationError(node, `No binary data property "${property}" on item ${itemIndex}`);
				return binary;
			},
			async getBinaryDataBuffer(itemIndex: number, property: string) {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new NodeOperationError(node, `No binary data property "${property}" on item ${itemIndex}`);
				return Buffer.from(binary.data, 'base64');
			},
		},
	};
	return context;
}

export type TestContext = ReturnType<typeof createContext>;

/** Runs a node's execute() in the stand-in context. */
export async function execute(nodeType: INodeType, options: ContextOptions = {}) {
	const context = createContext(nodeType, options);
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const output = (await nodeType.execute.call(context as never)) as INodeExecutionData[][];
	return { output, context };
}
