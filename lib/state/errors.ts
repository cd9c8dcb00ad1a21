/** The state store cannot be reached or used: the message names where it is, never a password. */
export class StateStoreError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StateStoreError';
	}
}
