/** A small column formatter for people: headers, columns padded to their widest cell, two spaces apart. */
export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => headers.map((_, i) => (r[i] === undefined ? "" : String(r[i]))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd())
    .join("\n") + "\n";
}
