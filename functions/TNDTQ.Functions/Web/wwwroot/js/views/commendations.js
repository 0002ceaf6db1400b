// Khen thưởng: nominations (the caller's scope) and a new nomination → one nomination with its
// evidence, timeline, documents and the buttons the server offers in its "actions".
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, Form, field, formMessage, submitButton, sentence } from '../ui.js';
import { api, download, ApiError } from '../api.js';
import { ActionPanel, timeline, stepSummary, untilMoved } from './workflow.js';

const enc = encodeURIComponent;
const DOC_NAMES = { decision: 'Quyết định khen thưởng', certificate: 'Giấy khen' };

export class NominationsPage {
  title = 'Khen thưởng';
  constructor(params, app) { this.app = app; this.items = null; this.error = null; this.form = null; this.shown = 25; }

  /** Who nominates is the README's rule (ward officer of the ward, district police); the API refuses anyone else. */
  get mayNominate() { return this.app.has('ward-officer') || this.app.has('district-police'); }

  async start() {
    try { this.items = (await api('/api/commendations/nominations')).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async openForm() {
    const wardId = this.app.me.wardId ?? this.app.wards[0]?.id ?? '';
    this.form = new Form({ wardId, groupId: '', memberId: '', awardFormId: '', period: String(new Date().getFullYear()), achievements: '' });
    this.catalogue = (await api('/api/commendations/catalogue')).data;
    this.form.values.awardFormId = this.catalogue[0]?.id ?? '';
    await this.loadGroups();
  }

  async loadGroups() {
    const f = this.form;
    this.groups = f.values.wardId ? (await api(`/api/wards/${enc(f.values.wardId)}/groups?status=active&pageSize=200`)).data.items : [];
    f.values.groupId = this.groups[0]?.id ?? ''; await this.loadMembers();
  }

  async loadMembers() {
    const f = this.form;
    this.members = f.values.groupId ? (await api(`/api/wards/${enc(f.values.wardId)}/groups/${enc(f.values.groupId)}/members?status=active&pageSize=200`)).data.items : [];
    f.values.memberId = ''; refresh();
  }

  async nominate(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    if (!f.check({ achievements: v.achievements.trim() ? null : 'Vui lòng ghi thành tích.' })) return;
    const body = { wardId: v.wardId, groupId: v.groupId, memberId: v.memberId || null, awardFormId: v.awardFormId, period: v.period.trim(), achievements: v.achievements.trim() };
    const r = await f.submit(requestId => api('/api/commendations/nominations', { method: 'POST', body, requestId }));
    if (r) this.app.navigate(`/khen-thuong/${enc(r.data.id)}`);
  }

  render() {
    const head = html`<h1 tabindex="-1">Khen thưởng</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.items) return html`${head}${loading()}`;
    const f = this.form;
    return html`${head}
      ${this.mayNominate && !f ? html`<div class="toolbar"><button type="button" class="primary" @click=${() => this.openForm()}>Đề nghị khen thưởng</button></div>` : nothing}
      ${f && this.groups ? html`<form class="editor" @submit=${e => this.nominate(e)} novalidate aria-labelledby="nom-h">
        <h2 id="nom-h">Đề nghị khen thưởng</h2>
        ${formMessage(f, ['wardId', 'groupId', 'memberId', 'awardFormId', 'period', 'achievements'])}
        <div class="grid">
          ${this.app.me.wardId ? nothing : html`<div @change=${() => this.loadGroups()}>${field(f, 'wardId', 'Phường', { type: 'select', options: this.app.wards.map(w => [w.id, w.name]) })}</div>`}
          <div @change=${() => this.loadMembers()}>${field(f, 'groupId', 'Tổ', { type: 'select', options: this.groups.map(g => [g.id, g.name]) })}</div>
          ${field(f, 'memberId', 'Cá nhân', { type: 'select', options: [['', '(cả tổ — tập thể)'], ...this.members.map(m => [m.id, `${m.fullName} (${m.roleName})`])] })}
          ${field(f, 'awardFormId', 'Hình thức khen thưởng', { type: 'select', options: this.catalogue.map(a => [a.id, a.name]) })}
          ${field(f, 'period', 'Năm, đợt', { required: true })}
          ${field(f, 'achievements', 'Thành tích', { type: 'textarea', wide: true, required: true, rows: 5 })}
        </div>
        <div class="actions">${submitButton(f, 'Gửi đề nghị')}<button type="button" @click=${() => { this.form = null; refresh(); }}>Hủy</button></div>
      </form>` : f ? loading() : nothing}
      ${this.items.length === 0 ? empty('Chưa có đề nghị khen thưởng nào.') : html`<div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Đối tượng</th><th scope="col">Hình thức</th><th scope="col">Bước</th><th scope="col">Hạn</th></tr></thead>
        <tbody>${this.items.slice(0, this.shown).map(n => html`<tr>
          <th scope="row"><a href="/khen-thuong/${enc(n.id)}">${n.nomineeName}</a><span class="sub">${n.groupName}${this.app.isDistrict ? ` · Phường ${this.app.wardName(n.wardId)}` : ''}</span></th>
          <td data-label="Hình thức">${n.awardName} (${n.period})</td><td data-label="Bước">${sentence(n.stepName)}</td><td data-label="Hạn">${n.dueAt ? fmtDate(n.dueAt) : '—'}</td></tr>`)}</tbody></table></div>
        ${this.items.length > this.shown ? html`<button type="button" @click=${() => { this.shown += 25; refresh(); }}>Xem thêm</button>` : nothing}`}`;
  }
}

export class NominationPage {
  constructor(params, app) {
    this.app = app; this.id = params.id; this.view = null; this.error = null;
    this.actions = new ActionPanel(() => this.moved()); this.uploading = new Form(); this.downloading = new Form();
  }
  get url() { return `/api/commendations/nominations/${enc(this.id)}`; }
  get title() { return this.view ? `${this.view.awardName} – ${this.view.nomineeName}` : 'Đề nghị khen thưởng'; }
  action(kind) { return this.view?.actions?.find(a => a.kind === kind); }

  async moved() {
    this.view = await untilMoved(async () => (await api(this.url)).data, this.view);
    await this.start();
  }

  async start() {
    try { this.view = (await api(this.url)).data; this.error = null; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async upload(file) {
    const r = await this.uploading.submit(requestId => api(`${this.url}/evidence?fileName=${enc(file.name)}`, { method: 'POST', file, requestId }));
    if (r) { this.uploading.done = `Đã đính kèm ${file.name}.`; await this.start(); }
  }

  render() {
    const head = html`<p class="crumbs"><a href="/khen-thuong">Khen thưởng</a></p>`;
    if (this.error) return html`${head}<h1 tabindex="-1">Đề nghị khen thưởng</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${head}<h1 tabindex="-1">Đề nghị khen thưởng</h1>${loading()}`;
    const v = this.view; const evidence = this.action('add-evidence');
    return html`${head}
      <h1 tabindex="-1">${v.nomineeName}<span class="sub">${v.awardName} · ${v.period}</span></h1>
      <dl class="facts">
        <div><dt>Tổ</dt><dd>${v.groupName}</dd></div>
        <div><dt>Người đề nghị</dt><dd>${v.nominatedByName} · ${fmtDate(v.createdAt)}</dd></div>
        <div><dt>Thành tích</dt><dd class="body">${v.achievements}</dd></div>
      </dl>
      ${stepSummary(v)}
      ${v.eligibilityProblems?.length ? html`<div class="alert warn"><p><strong>Chưa đủ điều kiện:</strong></p><ul>${v.eligibilityProblems.map(p => html`<li>${p}</li>`)}</ul></div>` : nothing}
      ${v.outcome ? html`<p class="alert ${v.outcome.result === 'approved' ? 'ok' : 'warn'}"><strong>${v.outcome.resultName}.</strong>
        ${v.outcome.decisionNumber ? `Quyết định ${v.outcome.decisionNumber} ngày ${fmtDate(v.outcome.decisionDate)}. ` : ''}${v.outcome.reason ?? ''}</p>` : nothing}
      ${v.outcome?.documents?.length ? html`<section aria-labelledby="docs-h"><h2 id="docs-h">Văn bản</h2><ul>${v.outcome.documents.map(d => html`<li>
        <button type="button" class="link" ?disabled=${this.downloading.busy}
          @click=${() => this.downloading.submit(() => download(`${this.url}/documents/${d.kind}/${d.format}`, `${d.kind}.${d.format}`))}>${DOC_NAMES[d.kind] ?? d.kind} (${d.format.toUpperCase()})</button></li>`)}</ul>
        ${formMessage(this.downloading)}</section>` : nothing}
      ${this.actions.render(v.actions)}
      <section aria-labelledby="ev-h"><h2 id="ev-h">Minh chứng</h2>
        ${v.evidence.length === 0 ? empty('Chưa có minh chứng nào.') : html`<ul>${v.evidence.map(d => html`<li>
          <button type="button" class="link" @click=${() => this.downloading.submit(() => download(`${this.url}/evidence?blob=${enc(d.blobName)}`, d.name))}>${d.name}</button>
          <span class="muted">· ${d.uploadedBy} · ${fmtDateTime(d.uploadedAt)}</span></li>`)}</ul>`}
        ${evidence ? html`<div class="file-pick">
          <input id="ev-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png"
            @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.upload(file); }}>
          <label for="ev-file" class="button">${evidence.name}…</label></div>${formMessage(this.uploading)}` : nothing}
      </section>
      <section aria-labelledby="tl-h"><h2 id="tl-h">Quá trình xử lý</h2>${timeline(v.timeline)}</section>`;
  }
}
