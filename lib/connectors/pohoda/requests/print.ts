import { leaf, node } from '../xml';

export interface PrintPdfRequest {
	/** POHODA's print agenda, e.g. vydane_faktury for issued invoices */
	agenda: string;
	recordId: number;
	/** The print report (form) id as POHODA lists it */
	reportId: number;
	/** Where POHODA writes the PDF on its machine before returning it (removed afterwards) */
	fileName: string;
}

/** `prn:print` to PDF with the file returned Base64-encoded in the response (binaryData/responseXml). */
export function printPdfRequest(request: PrintPdfRequest): string {
	return node(
		'prn:print',
		[
			node('prn:record', node('ftr:filter', leaf('ftr:id', request.recordId)), { agenda: request.agenda }),
			node('prn:printerSettings', [
				node('prn:report', leaf('prn:id', request.reportId)),
				node('prn:pdf', [
					leaf('prn:fileName', request.fileName),
					node('prn:binaryData', [leaf('prn:responseXml', 'true'), leaf('prn:removeFile', 'true')]),
				]),
			]),
		],
		{ version: '1.0' },
	);
}
