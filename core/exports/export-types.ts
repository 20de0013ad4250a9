/** A finished export, carried over the contract as base64 so both transports can hand it to a save dialog or a download. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  /** Rows written (contacts for raw exports, table rows otherwise). */
  rows: number;
}
