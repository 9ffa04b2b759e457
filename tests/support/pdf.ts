/**
 * The text of an uncompressed PDF written with a standard font (as appointment-service makes them):
 * each text-showing operator's hex strings, decoded as Windows-1252, one line per operator. Kerning
 * splits a line into several strings, so the text cannot be searched in the raw bytes.
 */
export function pdfText(pdf: Buffer): string {
  const decoder = new TextDecoder('windows-1252');
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, parts]) => [...parts!.matchAll(/<([0-9a-f]*)>/gi)].map(([, hex]) => decoder.decode(Buffer.from(hex!, 'hex'))).join(''))
    .join('\n');
}
