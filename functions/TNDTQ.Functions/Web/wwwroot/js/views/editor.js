// Editing a record the API versions with an ETag: only the changed fields are sent, with If-Match.
// When someone else changed the record meanwhile (412), the person reloads the newest version and
// keeps everything they typed; the fields the other person changed are pointed out.
import { html, nothing, refresh, Form, field, formMessage, submitButton, fmtDate, isoFromVn, DATE_INVALID } from '../ui.js';
import { api, versioned } from '../api.js';

/**
 * fields: [{ name, label, type?, options?, required?, wide? }]; type 'date' (dd/MM/yyyy in the form, ISO in the API),
 * 'number' (an integer), 'select'. url: the record's address. onSaved(view) after a save.
 */
export class Editor {
  constructor({ fields, url, onSaved, what }) {
    this.fields = fields; this.url = url; this.onSaved = onSaved; this.what = what;
    this.open = false; this.conflict = false; this.changedByOthers = {};
  }

  begin(view) {
    this.original = view; this.etag = view.etag;
    this.form = new Form(this.toForm(view), { guard: true });
    this.conflict = false; this.changedByOthers = {}; this.open = true;
    refresh();
  }

  toForm(view) {
    return Object.fromEntries(this.fields.map(f => [f.name, f.type === 'date' ? fmtDate(view[f.name]) : view[f.name] == null ? '' : String(view[f.name])]));
  }

  /** The fields whose typed value differs from the version being edited, in the API's shape; or null with errors set. */
  changes() {
    const before = this.toForm(this.original);
    const body = {}; const errors = {};
    for (const f of this.fields) {
      const typed = (this.form.values[f.name] ?? '').trim();
      if (f.required && typed === '') { errors[f.name] = `Vui lòng nhập ${f.label.toLowerCase()}.`; continue; }
      if (typed === before[f.name]) continue;
      if (f.type === 'date') {
        const iso = isoFromVn(typed);
        if (iso === undefined) errors[f.name] = DATE_INVALID; else if (iso) body[f.name] = iso;
      } else if (f.type === 'number') {
        if (typed === '') continue;
        if (!/^\d+$/.test(typed)) errors[f.name] = 'Phải là một số nguyên không âm.';
        else if (f.max != null && Number(typed) > f.max) errors[f.name] = `Tối đa ${f.max.toLocaleString('vi-VN')}.`;
        else body[f.name] = Number(typed);
      } else if (f.type === 'select') {
        if (typed) body[f.name] = typed;
      } else body[f.name] = typed;
    }
    return this.form.check(errors) ? body : null;
  }

  async save() {
    const body = this.changes();
    if (!body) return;
    if (Object.keys(body).length === 0) { this.form.done = 'Không có gì thay đổi để lưu.'; refresh(); return; }
    const result = await this.form.submit(requestId => api(this.url, { method: 'PATCH', body, etag: this.etag, requestId }));
    if (result) {
      this.open = false; this.conflict = false;
      this.onSaved(versioned(result));
    } else if (this.form.error?.status === 412) {
      this.conflict = true; refresh();
    }
  }

  /** Reads the newest version; what the person typed stays in the form. */
  async reload() {
    const form = this.form;
    const typed = Object.keys(form.before);
    const latest = await form.submit(() => api(this.url));
    if (!latest) return;
    const fresh = versioned(latest);
    const before = this.toForm(this.original); const now = this.toForm(fresh);
    this.changedByOthers = Object.fromEntries(this.fields.filter(f => before[f.name] !== now[f.name]).map(f => [f.name, now[f.name]]));
    // A field the person left as it was takes the newest value (so saving never undoes the other change);
    // a field the person typed in keeps what they typed.
    for (const f of this.fields) if ((form.values[f.name] ?? '').trim() === before[f.name]) form.values[f.name] = now[f.name];
    form.before = Object.fromEntries(typed.map(k => [k, now[k]])); // what was typed is still not saved
    this.original = fresh; this.etag = fresh.etag; this.conflict = false;
    form.done = 'Đã tải bản mới nhất. Nội dung bạn nhập vẫn giữ nguyên: kiểm tra lại rồi bấm Lưu.';
    this.onSaved(fresh, { keepEditing: true });
    refresh();
  }

  cancel() { this.open = false; this.form.discard(); refresh(); }

  render() {
    if (!this.open) return nothing;
    const form = this.form;
    const display = (f, v) => f.type === 'select' ? (f.options.find(([k]) => k === v)?.[1] ?? v) : v;
    return html`<form class="editor" @submit=${e => { e.preventDefault(); this.save(); }} novalidate>
      ${this.conflict ? html`<div class="alert warn" role="alert">
          <p><strong>Người khác vừa thay đổi ${this.what} sau khi bạn mở.</strong> Nội dung bạn đã nhập vẫn còn nguyên trong các ô dưới đây.
          Hãy tải bản mới nhất, xem lại rồi lưu.</p>
          <button type="button" class="primary" @click=${() => this.reload()} ?disabled=${form.busy}>Tải bản mới nhất, giữ nội dung đã nhập</button>
        </div>` : formMessage(form, this.fields.map(f => f.name))}
      <div class="grid">
        ${this.fields.map(f => field(form, f.name, f.label, {
          ...f,
          note: f.name in this.changedByOthers ? `Người khác đã đổi thành: ${display(f, this.changedByOthers[f.name]) || '(để trống)'}` : undefined,
        }))}
      </div>
      <div class="actions">
        ${submitButton(form, 'Lưu', 'Đang lưu…')}
        <button type="button" @click=${() => this.cancel()}>Đóng</button>
      </div>
    </form>`;
  }
}
