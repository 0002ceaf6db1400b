// Rà soát, kiện toàn: review cycles → one ward's cycle (step, assessments, proposal, documents,
// timeline) with the buttons the server offers in its "actions".
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, Form, field, formMessage, submitButton, sentence } from '../ui.js';
import { api, download, ApiError } from '../api.js';
import { ActionPanel, timeline, stepSummary, untilMoved } from './workflow.js';
import { ProposalEditor } from './proposal.js';

const enc = encodeURIComponent;
const RATINGS = [['good', 'Tốt'], ['fair', 'Khá'], ['average', 'Trung bình'], ['weak', 'Yếu']];
const RECOMMENDATIONS = [['keep', 'Giữ nguyên'], ['consolidate', 'Kiện toàn'], ['merge', 'Sáp nhập'], ['split', 'Chia tách'], ['dissolve', 'Giải thể']];
const CHANGE_NAMES = { establish: 'Thành lập tổ', consolidate: 'Kiện toàn tổ', merge: 'Sáp nhập tổ', split: 'Chia tách tổ', dissolve: 'Giải thể tổ' };
const label = (list, v) => list.find(([k]) => k === v)?.[1] ?? v;

export class CyclesPage {
  title = 'Rà soát, kiện toàn';
  constructor(params, app) { this.app = app; this.cycles = null; this.error = null; }

  async start() {
    try {
      const cycles = (await api('/api/restructure/cycles')).data;
      this.cycles = await Promise.all(cycles.map(async c => ({ ...c, wards: (await api(`/api/restructure/cycles/${enc(c.id)}/wards`)).data })));
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    const head = html`<h1 tabindex="-1">Rà soát, kiện toàn tổ</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.cycles) return html`${head}${loading()}`;
    if (this.cycles.length === 0) return html`${head}${empty('Chưa có đợt rà soát nào.')}`;
    return html`${head}${this.cycles.map(c => html`<section aria-label=${c.name}>
      <h2>${c.name}</h2>
      <p class="muted">Mở ngày ${fmtDate(c.openedAt)} · hạn đánh giá ${fmtDate(c.deadlines.assessmentDue)} · hạn tờ trình ${fmtDate(c.deadlines.proposalDue)}</p>
      ${c.wards.length === 0 ? empty('Chưa có phường nào trong đợt này.') : html`<div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Phường</th><th scope="col">Bước</th><th scope="col">Hạn</th></tr></thead>
        <tbody>${c.wards.map(w => html`<tr>
          <th scope="row"><a href="/ra-soat/${enc(c.id)}/${enc(w.wardId)}">${this.app.wardName(w.wardId) || w.wardId}</a></th>
          <td data-label="Bước">${sentence(w.stepName)}</td><td data-label="Hạn">${w.dueAt ? fmtDateTime(w.dueAt) : '—'}</td></tr>`)}</tbody></table></div>`}
    </section>`)}`;
  }
}

export class WardCyclePage {
  constructor(params, app) {
    this.app = app; this.cycleId = params.cycleId; this.wardId = params.wardId; this.view = null; this.error = null;
    this.actions = new ActionPanel(() => this.moved());
    this.groups = null; this.assessing = null; this.submitting = new Form(); this.draft = null; this.uploading = new Form();
  }
  get url() { return `/api/restructure/cycles/${enc(this.cycleId)}/wards/${enc(this.wardId)}`; }
  get title() { return this.view ? `${this.view.cycleName} – Phường ${this.app.wardName(this.wardId)}` : 'Rà soát, kiện toàn'; }
  can(kind) { return this.view?.actions?.some(a => a.kind === kind); }

  async moved() {
    this.view = await untilMoved(async () => (await api(this.url)).data, this.view);
    await this.start();
  }

  async start() {
    try {
      this.view = (await api(this.url)).data; this.error = null;
      if ((this.can('assess') || this.can('save-proposal')) && !this.groups)
        this.groups = (await api(`/api/wards/${enc(this.wardId)}/groups?status=active&pageSize=200`)).data.items;
      if (this.can('save-proposal') && !this.editor)
        this.editor = new ProposalEditor(this.url, this.view.draft, this.groups, this.view.actions, async submitted => {
          if (submitted) { this.editor = null; await this.moved(); } else { this.view = (await api(this.url)).data; refresh(); }
        });
      if (!this.can('save-proposal')) this.editor = null;
      document.title = `${this.title} – Tổ NDTQ`;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  assess(group) {
    const old = this.view.assessments.find(a => a.groupId === group.id);
    this.assessing = new Form({ rating: old?.rating ?? 'good', recommendation: old?.recommendation ?? 'keep', strengths: old?.strengths ?? '', shortcomings: old?.shortcomings ?? '' });
    this.assessing.group = group;
    refresh();
  }

  async saveAssessment(e) {
    e.preventDefault();
    const f = this.assessing; const v = f.values;
    const r = await f.submit(requestId => api(`${this.url}/assessments/${enc(f.group.id)}`, { method: 'PUT', requestId,
      body: { rating: v.rating, recommendation: v.recommendation, strengths: v.strengths.trim() || null, shortcomings: v.shortcomings.trim() || null } }));
    if (r) { this.assessing = null; await this.start(); }
  }

  async post(form, path, options = {}) {
    const r = await form.submit(requestId => api(`${this.url}/${path}`, { method: 'POST', requestId, ...options }));
    if (r) { form.done = 'Đã gửi.'; await this.start(); }
  }

  render() {
    const head = html`<p class="crumbs"><a href="/ra-soat">Rà soát, kiện toàn</a></p>`;
    if (this.error) return html`${head}<h1 tabindex="-1">Rà soát, kiện toàn</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${head}<h1 tabindex="-1">Rà soát, kiện toàn</h1>${loading()}`;
    const v = this.view;
    return html`${head}
      <h1 tabindex="-1">${v.cycleName}<span class="sub">Phường ${this.app.wardName(this.wardId)}</span></h1>
      ${stepSummary(v)}
      ${v.outcome ? html`<p class="alert ${v.outcome.result === 'approved' ? 'ok' : 'warn'}"><strong>${v.outcome.resultName}.</strong>
        ${v.outcome.decisionNumber ? `Quyết định ${v.outcome.decisionNumber} ngày ${fmtDate(v.outcome.decisionDate)}. ` : ''}${v.outcome.reason ?? ''}
        ${v.outcome.changesApplied ? ` Đã áp dụng ${v.outcome.changesApplied} thay đổi vào sổ.` : ''}</p>` : nothing}
      ${this.actions.render(v.actions)}
      ${v.step === 'assessment' ? html`${this.assessmentSection(v)}${this.proposalSection(v)}`
        : html`${this.proposalSection(v)}<details class="later"><summary>Đánh giá các tổ (${v.assessments.length} tổ đã đánh giá)</summary>${this.assessmentSection(v)}</details>`}
      <section aria-labelledby="tl-h"><h2 id="tl-h">Quá trình xử lý</h2>${timeline(v.timeline)}</section>`;
  }

  assessmentSection(v) {
    const f = this.assessing;
    return html`<section aria-labelledby="as-h">
      <h2 id="as-h">Đánh giá các tổ</h2>
      ${v.groupsNotAssessed.length ? html`<p class="note">Chưa đánh giá ${v.groupsNotAssessed.length} tổ: ${v.groupsNotAssessed.slice(0, 12).join(', ')}${v.groupsNotAssessed.length > 12 ? '…' : ''}</p>` : nothing}
      ${this.can('assess') && this.groups ? html`<div class="filter">
          <label for="assess-group">Đánh giá tổ</label>
          <select id="assess-group" @change=${e => { const g = this.groups.find(x => x.id === e.target.value); if (g) this.assess(g); }}>
            <option value="">(chọn tổ)</option>${this.groups.map(g => html`<option value=${g.id}>${g.name}</option>`)}</select></div>` : nothing}
      ${f ? html`<form class="editor" @submit=${e => this.saveAssessment(e)} novalidate>
        <h3>Đánh giá ${f.group.name}</h3>
        ${formMessage(f, ['rating', 'recommendation', 'strengths', 'shortcomings'])}
        <div class="grid">
          ${field(f, 'rating', 'Xếp loại', { type: 'select', options: RATINGS })}
          ${field(f, 'recommendation', 'Đề xuất', { type: 'select', options: RECOMMENDATIONS })}
          ${field(f, 'strengths', 'Ưu điểm', { type: 'textarea', wide: true })}
          ${field(f, 'shortcomings', 'Hạn chế', { type: 'textarea', wide: true })}
        </div>
        <div class="actions">${submitButton(f, 'Lưu đánh giá')}<button type="button" @click=${() => { this.assessing = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      ${v.assessments.length === 0 ? empty('Chưa có tổ nào được đánh giá.') : html`<div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Tổ</th><th scope="col">Xếp loại</th><th scope="col">Đề xuất</th><th scope="col">Người đánh giá</th></tr></thead>
        <tbody>${v.assessments.map(a => html`<tr><th scope="row">${a.groupName}</th><td data-label="Xếp loại">${label(RATINGS, a.rating)}</td>
          <td data-label="Đề xuất">${label(RECOMMENDATIONS, a.recommendation)}</td><td data-label="Người đánh giá">${a.assessedBy} · ${fmtDate(a.assessedAt)}</td></tr>`)}</tbody></table></div>`}
      ${this.can('submit-assessments') ? html`<div class="toolbar">
        <button type="button" class="primary" ?disabled=${this.submitting.busy} @click=${() => this.post(this.submitting, 'assessments/submit')}>
          ${this.view.actions.find(a => a.kind === 'submit-assessments').name}</button></div>${formMessage(this.submitting)}` : nothing}
    </section>`;
  }

  proposalSection(v) {
    const proposal = v.draft ?? v.versions?.[v.versions.length - 1];
    const editor = this.editor;
    if (!proposal && !editor) return nothing;
    return html`<section aria-labelledby="pr-h">
      <h2 id="pr-h">Tờ trình${v.versions?.length ? ` (đã gửi ${v.versions.length} lần)` : ''}</h2>
      ${editor ? editor.render() : html`<p><strong>${proposal.title}</strong></p>${proposal.summary ? html`<p class="body">${proposal.summary}</p>` : nothing}`}
      ${!editor && proposal?.changes?.length ? html`<h3>Các thay đổi đề nghị</h3><ol>${proposal.changes.map(c => html`<li>${CHANGE_NAMES[c.change.type] ?? c.change.type}${c.change.name ? `: ${c.change.name}` : ''}${c.reason ? ` — ${c.reason}` : ''}</li>`)}</ol>` : nothing}
      ${proposal?.documents?.length ? html`<h3>Văn bản kèm theo</h3><ul>${proposal.documents.map(d => html`<li>
        <button type="button" class="link" @click=${() => download(`${this.url}/documents?blob=${enc(d.blobName)}`, d.name)}>${d.name}</button></li>`)}</ul>` : nothing}
      ${this.can('upload-document') ? html`<div class="file-pick">
        <input id="doc-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png"
          @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.post(this.uploading, 'proposal/documents', { file }); }}>
        <label for="doc-file" class="button">${this.view.actions.find(a => a.kind === 'upload-document').name}…</label></div>${formMessage(this.uploading)}` : nothing}
    </section>`;
  }
}
