// What the browsers this site runs in have and TypeScript's DOM types do not name yet, for
// `tsc --noEmit -p tsconfig.json` (make lint) over the browser modules' JSDoc types.

interface Document {
  /** Chrome's prerendering (speculation rules): true until the page is shown */
  readonly prerendering?: boolean;
}

interface Window {
  /** the worker python/early.js started from the page's head, taken over by calculator/page.js */
  __handbookWorker?: any;
}

/** A worker's global scope: python/worker.js runs in one, or in a page (python/in-page.js). */
declare var WorkerGlobalScope: { prototype: object; new (): object } | undefined;

interface FileSystemSyncAccessHandle {
  read(buffer: ArrayBufferView, options?: { at?: number }): number;
  write(buffer: ArrayBufferView, options?: { at?: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

interface FileSystemFileHandle {
  /** in a dedicated worker only */
  createSyncAccessHandle(): Promise<FileSystemSyncAccessHandle>;
}
