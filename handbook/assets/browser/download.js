// A file handed to the reader as a download: bytes, text or a Blob (a ZIP of Blob parts stays one
// Blob, never copied into one array). A thin wrapper over the browser's object URLs, used by the
// calculator, form, roster and totals pages alike.

/**
 * @param {string} name   the file's name as the reader will see it
 * @param {Blob | string | ArrayBuffer | ArrayBufferView} data
 * @param {string} [type]  its MIME type (a Blob keeps its own)
 */
export function download(name, data, type = "application/octet-stream") {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([/** @type {BlobPart} */ (data)], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
