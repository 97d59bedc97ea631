// CSV that opens in a spreadsheet as it is: UTF-8 with a byte order mark (so Excel reads ä, ö and å),
// CRLF line ends and RFC 4180 quoting. A comma separates fields, or a semicolon for Excel in Finnish and
// Swedish, which takes the comma for the decimal sign. Dates are given as ISO dates (YYYY-MM-DD).
export type CsvSeparator = ',' | ';';
export type CsvValue = string | number | null;

const BOM = '\uFEFF';

/**
 * A field as written: quoted (its quotes doubled) when it holds the separator, a quote or a line break.
 * A text a spreadsheet would take for a formula (=, +, -, @ first) gets an apostrophe before it, so a
 * name typed on a device never runs as a formula on the coordinator's computer (OWASP's CSV injection).
 */
function field(value: CsvValue, separator: CsvSeparator): string {
  const raw = value === null ? '' : String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${raw}` : raw;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header and rows as CSV text, every record (the last too) ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], { separator }: { separator: CsvSeparator }): string {
  const line = (values: readonly CsvValue[]) => values.map((v) => field(v, separator)).join(separator) + '\r\n';
  return BOM + line(header) + rows.map(line).join('');
}
