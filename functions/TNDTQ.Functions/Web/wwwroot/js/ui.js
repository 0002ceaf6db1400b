// Small shared pieces of the pages: formatting in Vietnamese, fields with their errors, forms that
// never post twice, loading / empty / error states, paging.
import { html, nothing } from '/lib/lit-html/lit-html.js';
import { api, ApiError, newRequestId } from './api.js';
import { guard, forget } from './unsaved.js';

export { html, nothing };

/** @type {() => void} */
let refresher = () => {};
/** @param {() => void} fn draws the whole screen (app.js). */
export function setRefresh(fn) { refresher = fn; }
/** Draws the screen again from its state. */
export function refresh() { refresher(); }

// ---- the approving unit's words (/api/me "words": "Công an quận", "Toàn quận"; level-free until sign-in) ----------------
/** @type {import('../../types/api').UnitWords} */
let words = { approvingUnit: null, approvesItself: false, police: 'Công an', leader: 'Lãnh đạo UBND', total: 'Tổng cộng', roles: [] };
/** @param {import('../../types/api').UnitWords} w the signed-in person's (app.js). */
export function setWords(w) { words = w; }
/** The words a page writes about the approving level, from the units' data. */
export const unitWords = () => words;
/** A role as the signed-in person reads it ("Công an quận"); display only. @param {string} role */
export const roleName = role => words.roles.find(r => r.role === role)?.name ?? role;
/** Every role's code, in the server's order. */
export const roleCodes = () => words.roles.map(r => r.role);

// ---- dates and numbers (Vietnam time, dd/MM/yyyy) ---------------------------------------------

const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** "2026-11-20" (a date) or a moment → "20/11/2026" in Vietnam time. */
export function fmtDate(value) {
  if (!value) return '';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const parts = Object.fromEntries(dateFormat.formatToParts(d).map(p => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year}`;
}
/** A moment → "20/11/2026 14:05" in Vietnam time. */
export function fmtDateTime(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${fmtDate(value)} ${timeFormat.format(d)}`;
}
/**
 * A deadline: "hết ngày 20/11/2026" when it is the end of a day in Vietnam (23:59), else "20/11/2026 14:05" (Vietnam time).
 */
export function fmtDue(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const time = timeFormat.format(d);
  return time === '23:59' ? `hết ngày ${fmtDate(value)}` : `${fmtDate(value)} ${time}`;
}
/**
 * What a deadline picker sends: the end of the chosen day in Vietnam ("2026-11-20" → "2026-11-20T23:59:59+07:00"),
 * or the time chosen on it ("14:30" → "2026-11-20T14:30:00+07:00").
 */
export const vnDeadline = (isoDate, time = null) => `${isoDate}T${time ? `${time}:00` : '23:59:59'}+07:00`;
/** "14:30" or "9:05" → "14:30" / "09:05"; "" → null; anything else → undefined (not a time). */
export function timeFromText(text) {
  const t = (text ?? '').trim();
  if (!t) return null;
  const m = /^(\d{1,2})[:h.](\d{2})$/.exec(t);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}
export const TIME_INVALID = 'Giờ chưa đúng: ghi theo giờ:phút, ví dụ 14:30 (để trống: hết ngày).';
export const fmtNumber = n => (n ?? 0).toLocaleString('vi-VN');

/** "20/11/2026" → "2026-11-20"; "" → null; anything else → undefined (not a date). */
export function isoFromVn(text) {
  const t = (text ?? '').trim();
  if (!t) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
export const DATE_HINT = 'Ngày/tháng/năm, ví dụ 20/11/2026.';
export const DATE_INVALID = 'Ngày chưa đúng: ghi theo ngày/tháng/năm, ví dụ 20/11/2026.';

/** Today's date in Vietnam as dd/MM/yyyy. */
export const todayVn = () => fmtDate(new Date().toISOString());

// ---- forms ------------------------------------------------------------------------------------

/**
 * A form's values, its errors (keyed by the API's JSON field path) and its one request id.
 * submit() ignores a second click while the first is on its way, reuses the request id when the
 * answer was "no connection" or "try again", and never clears what the person typed on failure.
 * An edit form is made with { guard: true }: leaving the screen while it is changed asks first
 * (unsaved.js) until a successful submit() or discard(). "Changed" is what the person typed (set()
 * with a value other than the field had before they first touched it, so values a page fills in by
 * itself do not count) or what a page's own controls report with markChanged().
 */
let formSeq = 0;
const same = (a, b) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '');
export class Form {
  /**
   * @param {Record<string, any>} [values] what the fields start with.
   * @param {{ guard?: boolean }} [options]
   */
  constructor(values = {}, { guard: guarded = false } = {}) {
    this.id = `form${++formSeq}`;
    /** @type {Record<string, any>} */
    this.values = { ...values };
    /** @type {Record<string, any>} */
    this.before = {}; // each field the person touched since the last save: its value before that
    this.dirty = false;
    if (guarded) guard(this);
    /** @type {Record<string, string | string[]>} */
    this.errors = {};
    /** @type {{ status?: number, title: string, detail: string, errors?: Record<string, string[]>, body?: any, retryable: boolean } | null} an ApiError, or the page's own message */
    this.error = null;
    this.busy = false;
    /** @type {string | null} */
    this.requestId = null;
    /** @type {any} what a page shows after success (a sentence, or its own value) */
    this.done = null;
    /** @type {Record<string, string> | undefined} the labels field() drew, by lower-case name */
    this.labels = undefined;
    // An edit form's own state, kept on it by the page: the record edited, the ETag it sends in
    // If-Match, and the newer version a 412 brought back.
    /** @type {any} */
    this.existing = undefined;
    /** @type {string | null | undefined} */
    this.etag = undefined;
    /** @type {any} */
    this.conflict = undefined;
  }
  /** @param {string} name @param {any} value */
  set(name, value) {
    if (!(name in this.before)) this.before[name] = this.values[name];
    this.values[name] = value;
    if (this.errorFor(name)) {
      delete this.errors[this.keyOf(name)];
      // The last marked field corrected: the general "not valid" message goes with it.
      if (Object.keys(this.errors).length === 0 && this.error?.status === 400) this.error = null;
      refresh();
    }
  }
  /** Something the person typed or chose differs from what the form had (started with, or last saved). */
  get changed() { return this.dirty || Object.keys(this.before).some(k => !same(this.values[k], this.before[k])); }
  /** A page's own control (a row added, a box ticked outside field()) changed what the form will send. */
  markChanged() { this.dirty = true; }
  /** The form is closed without saving: leaving the screen no longer asks about it. */
  discard() { forget(this); }
  /** @param {string} name */
  keyOf(name) { return Object.keys(this.errors).find(k => k.toLowerCase() === name.toLowerCase()) ?? name; }
  /** @param {string} name */
  errorFor(name) { const e = this.errors[this.keyOf(name)]; return Array.isArray(e) ? e.join(' ') : e; }
  /**
   * Errors of fields this form does not show beside a field, for the general message: named by the
   * field's label when the form knows it, never by the API's (English) field path.
   */
  /** @param {string[]} shown */
  otherErrors(shown) {
    const known = new Set(shown.map(s => s.toLowerCase()));
    const labels = this.labels ?? {};
    return Object.entries(this.errors).filter(([k]) => !known.has(k.toLowerCase()))
      .map(([k, v]) => (labels[k.toLowerCase()] ? `${labels[k.toLowerCase()]}: ` : '') + [v].flat().join(' '));
  }
  /** Sets local (client-side) errors; true when there are none. */
  /** @param {Record<string, any>} errors the message of each field, or a falsy value where it is right. */
  check(errors) {
    this.errors = /** @type {Record<string, string | string[]>} */ (Object.fromEntries(Object.entries(errors).filter(([, v]) => v)));
    this.error = Object.keys(this.errors).length ? new ApiError(400, { title: 'Dữ liệu chưa hợp lệ.', detail: 'Vui lòng sửa các ô được đánh dấu.' }) : null;
    refresh();
    return !this.error;
  }
  /**
   * @template T
   * @param {(requestId: string) => Promise<T>} send
   * @returns {Promise<any>} what send gave (true for nothing), undefined when it failed (or was already on its way).
   */
  async submit(send) {
    if (this.busy) return undefined;
    this.busy = true; this.error = null; this.done = null;
    this.requestId ??= newRequestId();
    refresh();
    try {
      const result = await send(this.requestId);
      this.requestId = null; this.errors = {};
      this.before = {}; this.dirty = false; // what was sent is saved: nothing left to lose
      return result ?? true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.error = e;
      this.errors = { ...e.errors };
      if (!e.retryable) this.requestId = null; // the server answered: a corrected form is a new request
      return undefined;
    } finally {
      this.busy = false;
      refresh();
    }
  }
}

/**
 * @typedef {object} FieldOptions
 * @property {string} [id]
 * @property {string} [type] text (unless said), number, select, textarea, date.
 * @property {(string | number)[][]} [options] [value, label] pairs.
 * @property {string} [hint]
 * @property {any} [note]
 * @property {boolean} [required]
 * @property {boolean} [disabled]
 * @property {boolean} [wide]
 * @property {string} [autocomplete]
 * @property {string} [inputmode]
 * @property {string} [placeholder]
 * @property {number} [maxlength]
 * @property {number} [rows]
 * @property {number | string} [min]
 * @property {number | string} [max]
 */
/**
 * A labelled field bound to form.values[name], with its error beside it.
 * opts: type (text, number, select, textarea, date), options [[value, label]], hint, required, autocomplete, inputmode, placeholder, maxlength, note.
 * @typedef {{ id: string, values: Record<string, any>, set(name: string, value: any): void, errorFor(name: string): string | undefined }} FieldHost
 *   a Form, or a page's own object that binds a part of one (proposal.js).
 * @param {FieldHost} form
 * @param {string} name
 * @param {string} label
 * @param {FieldOptions} [opts]
 */
export function field(form, name, label, opts = {}) {
  if (form instanceof Form) (form.labels ??= {})[name.toLowerCase()] = label;
  const id = opts.id ?? `${form.id}-${name.replace(/[^a-z0-9]/gi, '-')}`;
  const error = form.errorFor(name);
  const value = form.values[name] ?? '';
  const describedBy = [opts.hint || opts.type === 'date' ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const onInput = (/** @type {Event} */ e) => form.set(name, /** @type {HTMLInputElement} */ (e.target).value);
  let control;
  if (opts.type === 'select') {
    control = html`<select id=${id} name=${name} @change=${onInput} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy} ?required=${opts.required} ?disabled=${opts.disabled}>
      ${(opts.options ?? []).map(([v, l]) => html`<option value=${v} ?selected=${String(v) === String(value)}>${l}</option>`)}
    </select>`;
  } else if (opts.type === 'textarea') {
    control = html`<textarea id=${id} name=${name} rows=${opts.rows ?? 3} .value=${value} @input=${onInput} aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy} ?required=${opts.required} maxlength=${opts.maxlength ?? nothing}></textarea>`;
  } else {
    const date = opts.type === 'date';
    control = html`<input id=${id} name=${name} type=${date ? 'text' : (opts.type ?? 'text')} .value=${String(value)} @input=${onInput}
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy} ?required=${opts.required} ?disabled=${opts.disabled}
      inputmode=${date ? 'numeric' : (opts.inputmode ?? nothing)} placeholder=${date ? 'nn/tt/nnnn' : (opts.placeholder ?? nothing)}
      autocomplete=${opts.autocomplete ?? 'off'} maxlength=${opts.maxlength ?? nothing} min=${opts.min ?? nothing} max=${opts.max ?? nothing}>`;
  }
  return html`<div class="field ${error ? 'has-error' : ''} ${opts.wide ? 'wide' : ''}">
    <label for=${id}>${label}${opts.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
    ${control}
    ${opts.hint || opts.type === 'date' ? html`<p class="hint" id="${id}-hint">${opts.hint ?? DATE_HINT}</p>` : nothing}
    ${opts.note ? html`<p class="note">${opts.note}</p>` : nothing}
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
  </div>`;
}

/** The form's general message: the API's sentence, and errors of fields not on the form. @param {Form} form @param {string[]} [shownFields] */
export function formMessage(form, shownFields = []) {
  if (form.done) return html`<p class="alert ok" role="status">${form.done}</p>`;
  if (!form.error) return nothing;
  const others = form.otherErrors(shownFields);
  const { title, detail, errors } = form.error;
  // The API's sentence for one bad field names it by its JSON path ("Trường \"fullName\" …"): the page
  // says it beside the field, or by its label in the list, never by that name.
  // A sentence that only repeats every field's error is said once, by the fields or the list.
  const namesPath = Object.keys(errors ?? {}).some(k => detail?.includes(`"${k}"`));
  const repeats = detail && detail === Object.values(errors ?? {}).flat().join(' ');
  const sentence = !detail || detail === title || repeats ? '' : namesPath ? (others.length ? '' : 'Vui lòng sửa các ô được đánh dấu.') : detail;
  return html`<div class="alert error" role="alert">
    <p><strong>${title}</strong> ${sentence}</p>
    ${others.length ? html`<ul>${others.map(o => html`<li>${o}</li>`)}</ul>` : nothing}
  </div>`;
}

/** A submit button that says it is working and cannot be pressed twice. @param {Form} form @param {string} label @param {string} [busyLabel] @param {string} [cls] */
export function submitButton(form, label, busyLabel = 'Đang gửi…', cls = 'primary') {
  return html`<button type="submit" class=${cls} ?disabled=${form.busy} aria-busy=${form.busy ? 'true' : 'false'}>${form.busy ? busyLabel : label}</button>`;
}

// ---- states -----------------------------------------------------------------------------------

export const loading = (text = 'Đang tải…') => html`<p class="state" role="status"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
export const empty = text => html`<p class="state empty">${text}</p>`;
/** @param {{ status?: number, title?: string, detail?: string } | null | undefined} error @param {(() => void) | null} [retry] */
export function failed(error, retry) {
  // Trying again cannot help when the answer is "not allowed" or "not found": the way out is home.
  const final = error?.status === 403 || error?.status === 404;
  return html`<div class="alert error" role="alert"><p><strong>${error?.title ?? 'Đã có lỗi xảy ra.'}</strong> ${error?.detail ?? ''}</p>
    ${final ? html`<p><a href="/">Về trang Việc của tôi</a></p>` : retry ? html`<button type="button" @click=${retry}>Thử lại</button>` : nothing}</div>`;
}

/**
 * A list read page by page with continuation tokens: next page, previous page (the tokens seen so far are kept).
 */
export class Pager {
  /**
   * @param {(token: string | null, pageSize: number) => Promise<{ items: any[], continuationToken?: string | null }>} load
   * @param {number} [pageSize]
   */
  constructor(load, pageSize = 25) {
    this.load = load; this.pageSize = pageSize;
    /** @type {(string | null)[]} */
    this.tokens = [null];
    this.index = 0;
    /** @type {any[] | null} */
    this.items = null;
    /** @type {string | null} */
    this.next = null;
    /** @type {ApiError | null} */
    this.error = null;
    this.busy = false;
  }
  async go(index = 0) {
    this.busy = true; this.error = null; refresh();
    try {
      const page = await this.load(this.tokens[index], this.pageSize);
      this.items = page.items; this.next = page.continuationToken ?? null; this.index = index;
      this.tokens[index + 1] = this.next;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    finally { this.busy = false; refresh(); }
  }
  reset() { this.tokens = [null]; return this.go(0); }
  controls(label = 'Trang') {
    if (this.index === 0 && !this.next) return nothing;
    return html`<nav class="pager" aria-label="Phân trang">
      <button type="button" ?disabled=${this.busy || this.index === 0} @click=${() => this.go(this.index - 1)}>‹ Trang trước</button>
      <span>${label} ${this.index + 1}</span>
      <button type="button" ?disabled=${this.busy || !this.next} @click=${() => this.go(this.index + 1)}>Trang sau ›</button>
    </nav>`;
  }
}

/**
 * Every page of a paged list, read one after another (a list the page needs whole, e.g. every group to assess): never a
 * silent cap at one page's size. url: the list's address with its filters, without pageSize or continuationToken.
 */
export async function allPages(url, pageSize = 200) {
  const items = [];
  let token = null;
  do {
    const page = (await api(`${url}${url.includes('?') ? '&' : '?'}pageSize=${pageSize}${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`)).data;
    items.push(...page.items);
    token = page.continuationToken ?? null;
  } while (token);
  return items;
}

/**
 * A picker over a list too long to load once (a ward's groups, a group's members): a search box whose words the server
 * matches (diacritics ignored; the list's "q"), and the matches as a select, a page at a time with "Trang sau". The chosen
 * item stays chosen (and listed) while the person searches or pages for another. load(q, token, pageSize) → a page
 * ({items, continuationToken}); option(item) → [value, label].
 */
export class SearchPicker {
  constructor(load, option, pageSize = 50) {
    this.option = option; this.query = ''; this.chosen = new Map(); this.typing = null;
    this.pager = new Pager((token, size) => load(this.query.trim(), token, size), pageSize);
  }
  start() { return this.pager.reset(); }
  /** Remembers the label of an item chosen (or saved before), so it stays listed. */
  remember(item) { const [v, l] = this.option(item); this.chosen.set(String(v), l); }
  typed(value) {
    this.query = value;
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.pager.reset(), 300);
  }
  /** The search box, the select (a field() of form.values[name], its error beside it) and the paging buttons. */
  render(form, name, label, opts = {}) {
    const id = `${form.id}-${name.replace(/[^a-z0-9]/gi, '-')}-search`;
    const items = this.pager.items ?? [];
    for (const it of items) this.remember(it);
    const value = String(form.values[name] ?? '');
    const options = items.map(this.option).map(([v, l]) => [String(v), l]);
    if (value && !options.some(([v]) => v === value) && this.chosen.has(value)) options.unshift([value, this.chosen.get(value)]);
    const none = this.pager.items && items.length === 0 ? (this.query.trim() ? `(không tìm thấy “${this.query.trim()}”)` : '(không có)') : '(chọn)';
    // One page holds the whole list: a select is enough. A longer list (or a search under way) gets the search box.
    const searchable = this.query || this.pager.next || this.pager.index > 0;
    return html`<div class="picker ${opts.wide ? 'wide' : ''}">
      ${searchable ? html`<div class="field"><label for=${id}>Tìm ${label.toLowerCase()}</label>
        <input id=${id} type="search" .value=${this.query} @input=${e => this.typed(e.target.value)} autocomplete="off"
          placeholder=${opts.placeholder ?? 'gõ tên, có dấu hoặc không dấu'}></div>` : nothing}
      ${field(form, name, label, { ...opts, type: 'select', options: [['', none], ...options] })}
      ${this.pager.busy ? html`<p class="hint" role="status">Đang tìm…</p>` : nothing}
      ${this.pager.error ? html`<p class="error">${this.pager.error.detail || this.pager.error.title}</p>` : nothing}
      ${this.pager.controls('Kết quả, trang')}
    </div>`;
  }
}

/**
 * The picker of a ward's active groups (wardUrl: /api/wards/{wardId}): searched on the server by name or area and paged, 200 a
 * page, so most wards see every group in the list at once and a ward of thousands types a name. One for every form that
 * picks a group.
 */
export function groupPicker(wardUrl, pageSize = 200) {
  return new SearchPicker((q, token, size) => {
    const query = new URLSearchParams({ status: 'active', pageSize: String(size) });
    if (q) query.set('q', q);
    if (token) query.set('continuationToken', token);
    return api(`${wardUrl}/groups?${query}`).then(r => r.data);
  }, g => [g.id, g.name], pageSize);
}

/** A link inside the app (the router takes it without reloading the page). */
export const link = (href, text, cls = '') => html`<a href=${href} class=${cls}>${text}</a>`;

/** Letters without diacritics, lower case: for matching what a person types. */
export const fold = s => (s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

/** A label that starts a line starts with a capital letter ("chờ Chủ tịch…" → "Chờ Chủ tịch…"). */
export const sentence = s => (s ? s.charAt(0).toUpperCase() + s.slice(1) : '');
