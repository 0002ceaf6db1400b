// Vận hành (administrators): the workflows that need someone — waiting on a failing step, failed, stuck past their
// deadline, or ended — filtered and paged by the server, each with why it stopped, its timeline and the actions
// the server says apply (retry, skip the failed step with a reason, end with a reason).
//
// The page is a list of sections; OPERATIONS_SECTIONS is that list. Another part of the operations area (backups and
// restores, the figure checks) adds itself with addOperationsSection({ id, title, render(page), start?(page) }):
// its section appears under the workflows, in the order added, and its start() runs when the page opens.
import { html, nothing, refresh, loading, empty, failed, Form, field, formMessage, submitButton, fmtDateTime, Pager } from '../ui.js';
import { api, ApiError } from '../api.js';
import { BackupsSection } from './backups.js';

const enc = encodeURIComponent;
const STATES = [['needs-attention', 'Gặp lỗi, chờ xử lý'], ['stuck', 'Quá hạn lâu'], ['failed', 'Dừng do lỗi'], ['terminated', 'Đã bị kết thúc']];
const WORKFLOWS = [['', 'Mọi quy trình'], ['sign-off', 'Tờ trình ký duyệt'], ['restructure', 'Rà soát, kiện toàn tổ'], ['commendation', 'Đề nghị khen thưởng'],
  ['support', 'Đợt hỗ trợ, thăm hỏi'], ['training', 'Giấy mời tập huấn']];
const AGES = [['', 'Mọi thời gian'], ['1', 'Quá 1 ngày'], ['7', 'Quá 7 ngày'], ['30', 'Quá 30 ngày']];

/** The sections of the operations page, in order. */
export const OPERATIONS_SECTIONS = [];

/** Adds a section to the operations page: { id, title?, render(page) → template, start?(page) → Promise } (no title: the section brings its own headings). */
export function addOperationsSection(section) { OPERATIONS_SECTIONS.push(section); }

export class OperationsPage {
  title = 'Vận hành';
  constructor(params, app) {
    this.app = app; this.wards = null; this.error = null;
    this.filter = new Form({ state: 'needs-attention', workflow: '', wardId: '', olderThanDays: '' });
    this.pager = new Pager((token, size) => this.load(token, size), 25);
    this.open = null; this.detail = null; this.action = null; this.actionForm = null; this.notice = null;
  }

  async start() {
    try { this.wards = (await api('/api/wards')).data; } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    await Promise.all([this.pager.reset(), ...OPERATIONS_SECTIONS.map(s => s.start?.(this))]);
  }

  async load(token, size) {
    const v = this.filter.values;
    const q = new URLSearchParams({ state: v.state, pageSize: String(size) });
    if (v.workflow) q.set('workflow', v.workflow);
    if (v.wardId) q.set('wardId', v.wardId);
    if (v.olderThanDays) q.set('olderThanDays', v.olderThanDays);
    if (token) q.set('continuationToken', token);
    return (await api(`/api/admin/workflows?${q}`)).data;
  }

  applyFilter(e) { e.preventDefault(); this.open = null; this.detail = null; this.pager.reset(); }

  async show(w) {
    if (this.open === w.instanceId) { this.open = null; this.detail = null; refresh(); return; }
    this.open = w.instanceId; this.detail = null; this.action = null; this.notice = null; refresh();
    try { this.detail = (await api(`/api/admin/workflows/${enc(w.instanceId)}`)).data; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.detail = { error: e }; }
    refresh();
  }

  choose(kind) { this.action = kind; this.actionForm = new Form({ reason: '' }); refresh(); }

  async act(e, w) {
    e?.preventDefault();
    const kind = this.action; const f = this.actionForm;
    if (kind !== 'retry' && !f.check({ reason: f.values.reason.trim() ? null : 'Vui lòng nhập lý do.' })) return;
    const body = kind === 'retry' ? undefined : { reason: f.values.reason.trim() };
    const r = await f.submit(requestId => api(`/api/admin/workflows/${enc(w.instanceId)}/${kind}`, { method: 'POST', body, requestId }));
    if (!r) return;
    this.notice = { retry: 'Đã yêu cầu chạy lại bước lỗi.', skip: 'Đã bỏ qua bước lỗi; quy trình đi tiếp.', end: 'Đã kết thúc quy trình.' }[kind];
    this.action = null;
    try { this.detail = (await api(`/api/admin/workflows/${enc(w.instanceId)}`)).data; } catch (err) { if (!(err instanceof ApiError)) throw err; }
    refresh();
  }

  wardName(id) { return this.wards?.find(x => x.id === id)?.name ?? id ?? '—'; }

  render() {
    const head = html`<h1 tabindex="-1">Vận hành</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    return html`${head}${this.workflowsSection()}
      ${OPERATIONS_SECTIONS.map(s => s.title
        ? html`<section aria-labelledby="ops-${s.id}-h" class="ops-section"><h2 id="ops-${s.id}-h">${s.title}</h2>${s.render(this)}</section>`
        : s.render(this))}`;
  }

  workflowsSection() {
    const f = this.filter; const p = this.pager;
    return html`<section aria-labelledby="ops-wf-h">
      <h2 id="ops-wf-h">Quy trình cần xử lý</h2>
      <form class="editor filters" @submit=${e => this.applyFilter(e)} novalidate aria-label="Lọc quy trình">
        <div class="grid">
          ${field(f, 'state', 'Tình trạng', { type: 'select', options: STATES })}
          ${field(f, 'workflow', 'Quy trình', { type: 'select', options: WORKFLOWS })}
          ${field(f, 'wardId', 'Phường', { type: 'select', options: [['', 'Mọi phường'], ...(this.wards ?? []).map(x => [x.id, x.name])] })}
          ${field(f, 'olderThanDays', 'Thời gian', { type: 'select', options: AGES })}
        </div>
        <div class="actions"><button type="submit" class="primary">Xem</button></div>
      </form>
      ${p.error ? failed(p.error, () => p.go(p.index)) : !p.items ? loading() : p.items.length === 0 ? empty('Không có quy trình nào ở tình trạng này.') : html`
        <ul class="ops-list">${p.items.map(w => html`<li class="card">
          <div class="section-head"><h3>${w.workflowName} · ${this.wardName(w.wardId)}</h3>
            <button type="button" aria-expanded=${this.open === w.instanceId ? 'true' : 'false'} @click=${() => this.show(w)}
              aria-label="${this.open === w.instanceId ? 'Ẩn' : 'Xem'} chi tiết ${w.workflowName} ${w.instanceId}">${this.open === w.instanceId ? 'Ẩn chi tiết' : 'Xem chi tiết'}</button></div>
          <p><strong>${w.stateName}</strong>${w.stepName ? html` — bước: ${w.stepName}` : nothing} · từ ${fmtDateTime(w.since)}</p>
          ${w.activity ? html`<p>Bước gặp lỗi: <code>${w.activity}</code></p>` : nothing}
          ${w.error ? html`<p>Lỗi: ${w.error}</p>` : nothing}
          <p class="sub"><code>${w.instanceId}</code></p>
          ${this.open === w.instanceId ? this.detailView(w) : nothing}
        </li>`)}</ul>${p.controls()}`}
    </section>`;
  }

  detailView(listed) {
    const d = this.detail;
    if (!d) return loading();
    if (d.error) return failed(d.error);
    const w = d.workflow;
    const buttons = [w.canRetry ? ['retry', 'Thử lại bước lỗi'] : null, w.canSkip ? ['skip', 'Bỏ qua bước lỗi'] : null, w.canEnd ? ['end', 'Kết thúc quy trình'] : null].filter(Boolean);
    const f = this.actionForm;
    return html`<div class="ops-detail">
      ${this.notice ? html`<p class="alert ok" role="status">${this.notice}</p>` : nothing}
      <p>Trạng thái: ${d.runtimeState}${w.state === 'needs-attention' && !w.canSkip ? html` · <span class="muted">Bước lỗi này không bỏ qua được: nó ghi kết quả mà quy trình cần để đi tiếp.</span>` : nothing}</p>
      <h4>Diễn biến</h4>
      <ol class="timeline">${d.timeline.map(t => html`<li><time datetime=${t.at}>${fmtDateTime(t.at)}</time> — ${t.text}${t.actor ? html` (${t.actor})` : nothing}
        ${t.reason ? html`<br><span class="sub">${t.kind === 'paused' || t.kind === 'failed' ? 'Lỗi' : 'Lý do'}: ${t.reason}</span>` : nothing}</li>`)}</ol>
      ${buttons.length ? html`<div class="actions">${buttons.map(([k, l]) => html`<button type="button" class=${k === 'end' ? 'danger' : k === 'retry' ? 'primary' : ''}
          aria-pressed=${this.action === k ? 'true' : 'false'} @click=${() => this.choose(k)}>${l}</button>`)}</div>` : nothing}
      ${this.action ? html`<form class="editor" @submit=${e => this.act(e, listed)} novalidate aria-label=${buttons.find(b => b[0] === this.action)?.[1] ?? ''}>
        ${formMessage(f, ['reason'])}
        ${this.action === 'retry' ? html`<p>Chạy lại bước "${w.activity}" với cùng dữ liệu, từ chỗ quy trình dừng.</p>`
          : field(f, 'reason', this.action === 'skip' ? 'Lý do bỏ qua bước lỗi' : 'Lý do kết thúc quy trình', { type: 'textarea', required: true, maxlength: 2000,
              hint: 'Lý do được ghi vào diễn biến của quy trình.' })}
        <div class="actions">${submitButton(f, { retry: 'Xác nhận thử lại', skip: 'Xác nhận bỏ qua', end: 'Xác nhận kết thúc' }[this.action])}
          <button type="button" @click=${() => { this.action = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
    </div>`;
  }
}

// Backups, restores and the figure checks: their own module (js/views/backups.js), which brings its own headings.
addOperationsSection({
  id: 'backups',
  start: page => (page.backups = new BackupsSection(page.app, page, page.wards)).start(),
  render: page => page.backups?.render() ?? loading(),
});
