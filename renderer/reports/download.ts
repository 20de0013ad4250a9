import type { ExportFile } from '../../core/exports/export-types';

/** Decodes an export's base64 payload into a Blob of its MIME type. */
export function exportBlob(file: ExportFile): Blob {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.mimeType });
}

/** Hands a file to the browser's download through a temporary object URL and a temporary `<a download>`. */
export function downloadExport(file: ExportFile): void {
  const url = URL.createObjectURL(exportBlob(file));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
