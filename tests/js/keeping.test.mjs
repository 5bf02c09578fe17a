// node --test tests/js/: what the site keeps on this computer, as the reader decides
// (handbook/assets/browser/keeping.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { deletesAfterAWeek, forStorage, KEEP_IDS_KEY, keepsIds, keptReminder, setKeepIds }
  from "../../handbook/assets/browser/keeping.js";

class Memory {
  constructor() { this.items = new Map(); }
  getItem(k) { return this.items.has(k) ? this.items.get(k) : null; }
  setItem(k, v) { this.items.set(k, String(v)); }
  removeItem(k) { this.items.delete(k); }
}
const refusing = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("x"); }, removeItem() {} };

test("ID numbers are kept only when the reader ticked it, on this computer", () => {
  const storage = new Memory();
  assert.equal(keepsIds(storage), false);
  setKeepIds(storage, true);
  assert.equal(storage.getItem(KEEP_IDS_KEY), "1");
  assert.equal(keepsIds(storage), true);
  setKeepIds(storage, false);
  assert.equal(keepsIds(storage), false);
  assert.equal(storage.getItem(KEEP_IDS_KEY), null);
  assert.equal(keepsIds(refusing), false);
  setKeepIds(refusing, true);   // no storage: nothing kept, no error
});

test("a draft for storage leaves out the personal fields unless kept", () => {
  const values = { name: "张三", idcard: "11010519491231002X", "people.0.idcard": "110105194912310029", "people.0.name": "李四" };
  const personal = (key) => /(^|\.)idcard$/.test(key);
  assert.deepEqual(forStorage(values, personal, false), { name: "张三", "people.0.name": "李四" });
  assert.equal(forStorage(values, personal, true), values);
});

const SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const IPHONE_WECHAT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

test("Safari and every iPhone browser may delete a site's storage after a week; Chrome and Android do not", () => {
  assert.equal(deletesAfterAWeek(SAFARI), true);
  assert.equal(deletesAfterAWeek(IPHONE_WECHAT), true);
  assert.equal(deletesAfterAWeek(CHROME), false);
  assert.equal(deletesAfterAWeek(ANDROID), false);
});

test("a kept draft is a reminder after three days, and on Safari at once", () => {
  const now = new Date("2026-12-03T10:00:00Z");
  assert.equal(keptReminder("2026-12-02T10:00:00Z", now, CHROME), "");
  assert.match(keptReminder("2026-11-29T09:00:00Z", now, CHROME), /已在本机保存 4 天.*导出为文件/);
  assert.doesNotMatch(keptReminder("2026-11-29T09:00:00Z", now, CHROME), /7 天/);
  assert.match(keptReminder("2026-12-03T09:00:00Z", now, IPHONE_WECHAT), /7 天未访问本站/);
  assert.equal(keptReminder("not a date", now, CHROME), "");
});
