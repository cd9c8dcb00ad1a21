import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { OrderSyncPohodaApi } from '../../../credentials/OrderSyncPohodaApi.credentials';
import { PohodaConnector, type PohodaConnectorOptions } from '../../../lib/connectors/pohoda';
import { nodeHttpSend, type HttpSend } from '../../../lib/transport';
import type { PohodaSimulator } from '../../simulators/pohoda';

export function credentialsFor(sim: PohodaSimulator, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { url: sim.url, username: 'admin', password: 'heslo', ico: sim.ico, application: 'jest', checkDuplicity: true, ...overrides };
}

/** node:http authenticated by the credential type's own `authenticate`, as n8n would do it. */
export function authenticatedSend(credentials: ICredentialDataDecryptedObject): HttpSend {
	const send = nodeHttpSend();
	const type = new OrderSyncPohodaApi();
	return async (request) => {
		const options = await type.authenticate(credentials, { url: request.url, headers: request.headers });
		return send({ ...request, headers: options.headers as Record<string, string> });
	};
}

export function connectorFor(sim: PohodaSimulator, overrides: Partial<PohodaConnectorOptions> = {}, credentials = credentialsFor(sim)) {
	return new PohodaConnector({
		url: sim.url,
		ico: String(credentials.ico),
		application: 'jest',
		send: authenticatedSend(credentials),
		retry: { baseDelayMs: 1, maxDelayMs: 5 },
		...overrides,
	});
}
