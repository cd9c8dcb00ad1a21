import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** An output item with the input item it came from, as every item our nodes emit carries. */
export const outputItem = (json: IDataObject, itemIndex: number, binary?: INodeExecutionData['binary']): INodeExecutionData => ({
	json,
	...(binary ? { binary } : {}),
	pairedItem: { item: itemIndex },
});
