// Saves text as a file through the browser's download, which works offline and needs no permission.
export function downloadText(filename: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns; revoke only later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
