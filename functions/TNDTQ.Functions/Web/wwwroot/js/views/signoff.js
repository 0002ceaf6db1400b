// Tờ trình: a ward's sign-off requests (a paged list, and a new one sent to the chairman when the server offers
// it: the list's "create"), one sign-off request, and the chairman's decision when the server offers it.
import { html, nothing, refresh, loading, empty, failed, fmtDateTime, fmtDue, sentence, Form, field, formMessage, submitButton, Pager,
  isoFromVn, vnDeadline, todayVn, DATE_INVALID } from '../ui.js';
import { api, ApiError } from '../api.js';
import { ActionPanel, untilMoved, Follower } from './workflow.js';

const enc = encodeURIComponent;
const PAGE_SIZE = 20;
const stateTag = v => html`<span class="tag ${v.state === 'approved' ? 'ok' : v.state === 'waiting-for-chairman' || v.state === 'starting' ? 'muted' : 'bad'}">${sentence(v.stateName)}</span>`;

/** The ward's sign-offs, newest first, page by page; the form that sends a new one when the list offers "create". */
export class SignOffsPage {
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.create = null; this.form = null; this.error = null;
    this.list = new Pager((token, size) => {
      const q = new URLSearchParams({ pageSize: String(size) });
      if (token) q.set('continuationToken', token);
      return api(`/api/wards/${enc(this.wardId)}/sign-offs?${q}`).then(r => { this.create = r.data.create ?? null; return r.data; });
    }, PAGE_SIZE);
  }
  get title() { return `Tờ trình ký duyệt – Phường ${this.app.wardName(this.wardId) || this.wardId}`; }

  start() { return this.list.reset(); }

  openForm() {
    this.form = new Form({ title: '', dueDate: '' }, { guard: true });
    refresh();
    requestAnimationFrame(() => document.getElementById(`${this.form.id}-title`)?.focus());
  }

  closeForm() { this.form?.discard(); this.form = null; refresh(); }

  async send(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    const due = isoFromVn(v.dueDate);
    if (!f.check({ title: v.title.trim() ? null : 'Vui lòng nhập tiêu đề tờ trình.', dueDate: due === undefined ? DATE_INVALID : null })) return;
    const body = { title: v.title.trim(), dueAt: due ? vnDeadline(due) : null };
    const r = await f.submit(requestId => api(this.create.href, { method: 'POST', body, requestId }));
    if (!r) {
      // The deadline is sent as dueAt: its error belongs beside the date the person typed.
      const msgs = f.errors.dueAt ?? f.errors.dueInMinutes;
      if (msgs) { f.errors.dueDate = msgs; delete f.errors.dueAt; delete f.errors.dueInMinutes; refresh(); }
      return;
    }
    f.discard(); this.form = null;
    this.app.navigate(`/to-trinh/${enc(this.wardId)}/${enc(r.data.id)}`);
  }

  formView() {
    const f = this.form;
    return html`<form class="editor" @submit=${e => this.send(e)} novalidate aria-labelledby="signoff-form-h">
      <h2 id="signoff-form-h">${this.create.name}</h2>
      ${formMessage(f, ['title', 'dueDate'])}
      <div class="grid">
        ${field(f, 'title', 'Tiêu đề tờ trình', { required: true, wide: true, maxlength: 200 })}
        ${field(f, 'dueDate', 'Hạn ký duyệt', { type: 'date', hint: `Hết ngày đã chọn (giờ Việt Nam); để trống: 7 ngày kể từ hôm nay (${todayVn()}).` })}
      </div>
      <div class="actions">${submitButton(f, 'Gửi Chủ tịch ký duyệt')}<button type="button" @click=${() => this.closeForm()}>Hủy</button></div>
    </form>`;
  }

  table() {
    const l = this.list;
    if (l.error) return failed(l.error, () => l.go(l.index));
    if (!l.items) return loading();
    if (l.items.length === 0 && l.index === 0) return empty('Phường chưa có tờ trình nào.');
    return html`<div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các tờ trình của phường</caption>
        <thead><tr><th scope="col">Tờ trình</th><th scope="col">Người gửi</th><th scope="col">Hạn</th><th scope="col">Tình trạng</th></tr></thead>
        <tbody>${l.items.map(v => html`<tr>
          <th scope="row"><a href="/to-trinh/${enc(this.wardId)}/${enc(v.id)}">${v.title}</a></th>
          <td data-label="Người gửi">${v.requestedByName}<span class="sub">${fmtDateTime(v.requestedAt)}</span></td>
          <td data-label="Hạn">${fmtDue(v.dueAt)}</td>
          <td data-label="Tình trạng">${stateTag(v)}${v.decidedByName ? html`<span class="sub">${v.decidedByName}</span>` : nothing}</td></tr>`)}</tbody>
      </table></div>${l.controls()}`;
  }

  render() {
    const head = html`<p class="crumbs"><a href="/">Việc của tôi</a></p>
      <h1 tabindex="-1">Tờ trình ký duyệt<span class="sub">Phường ${this.app.wardName(this.wardId) || this.wardId}</span></h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    return html`${head}
      ${this.create && !this.form ? html`<div class="toolbar"><button type="button" class="primary" @click=${() => this.openForm()}>${this.create.name}</button></div>` : nothing}
      ${this.create && this.form ? this.formView() : nothing}
      <section aria-labelledby="signoffs-h"><h2 id="signoffs-h">Các tờ trình</h2>${this.table()}</section>`;
  }
}

export class SignOffPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.id = params.id; this.view = null; this.error = null;
    this.actions = new ActionPanel(() => this.moved());
    this.follower = new Follower(() => this.app.page === this);
  }
  get title() { return this.view?.title ?? 'Tờ trình'; }

  async moved() {
    this.view = await untilMoved(async () => (await api(`/api/wards/${enc(this.wardId)}/sign-offs/${enc(this.id)}`)).data, this.view);
    await this.start();
  }

  async start() {
    try { this.view = (await api(`/api/wards/${enc(this.wardId)}/sign-offs/${enc(this.id)}`)).data; this.error = null; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
    // Just sent: the workflow opens the chairman's step a moment later, and the page follows it by itself.
    this.follower.follow(() => !this.error && this.view?.state === 'starting', () => this.start());
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Tờ trình</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`<h1 tabindex="-1">Tờ trình</h1>${loading()}`;
    const v = this.view;
    return html`<p class="crumbs"><a href="/to-trinh/${enc(this.wardId)}">Tờ trình ký duyệt</a></p>
      <div class="title-row"><h1 tabindex="-1">${v.title}</h1>${stateTag(v)}</div>
      <dl class="facts">
        <div><dt>Người gửi</dt><dd>${v.requestedByName}</dd></div>
        <div><dt>Gửi lúc</dt><dd>${fmtDateTime(v.requestedAt)}</dd></div>
        <div><dt>Hạn</dt><dd>${fmtDue(v.dueAt)}</dd></div>
        ${v.decidedByName ? html`<div><dt>Người quyết định</dt><dd>${v.decidedByName} · ${fmtDateTime(v.decidedAt)}</dd></div>` : nothing}
        ${v.comment ? html`<div><dt>Ý kiến</dt><dd>${v.comment}</dd></div>` : nothing}
      </dl>
      ${this.actions.render(v.actions)}`;
  }
}
