// Rà soát, kiện toàn: review cycles → one ward's cycle (step, assessments, proposal, documents,
// timeline) with the buttons the server offers in its "actions".
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtDue, Form, field, formMessage, submitButton, sentence, isoFromVn, todayVn, DATE_INVALID, vnDeadline, allPages, unitWords } from '../ui.js';
import { api, download, ApiError } from '../api.js';
import { ActionPanel, timeline, stepSummary, untilMoved, Follower, PASSING, latestReturn, returnBanner } from './workflow.js';
import { ProposalEditor } from './proposal.js';

const enc = encodeURIComponent;
const RATINGS = [['good', 'Tốt'], ['fair', 'Khá'], ['average', 'Trung bình'], ['weak', 'Yếu']];
const RECOMMENDATIONS = [['keep', 'Giữ nguyên'], ['consolidate', 'Kiện toàn'], ['merge', 'Sáp nhập'], ['split', 'Chia tách'], ['dissolve', 'Giải thể']];
const CHANGE_NAMES = { establish: 'Thành lập tổ', consolidate: 'Kiện toàn tổ', merge: 'Sáp nhập tổ', split: 'Chia tách tổ', dissolve: 'Giải thể tổ' };
const label = (list, v) => list.find(([k]) => k === v)?.[1] ?? v;

/** The steps in their order, for the counts of the district overview. */
const STEP_ORDER = ['starting', 'assessment', 'proposal', 'chairman-sign-off', 'police-review', 'leader-decision', 'applying', 'closed'];

export class CyclesPage {
  title = 'Rà soát, kiện toàn';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.cycles = null; this.error = null; this.actions = []; this.opening = null; this.opened = null; this.filters = {};
    this.follower = new Follower(() => this.app.page === this);
  }

  async start() {
    try {
      const [cycles, actions] = await Promise.all([api('/api/restructure/cycles'), api('/api/restructure/actions')]);
      this.actions = actions.data;
      this.cycles = await Promise.all(cycles.data.map(async c => ({ ...c, wards: (await api(`/api/restructure/cycles/${enc(c.id)}/wards`)).data })));
      this.cycles.sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)));
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
    // A cycle just opened starts its wards' workflows a moment later: read again until none is passing a step by itself.
    this.follower.follow(() => !this.error && this.cycles?.some(c => c.wards.some(w => PASSING.includes(w.step))), () => this.start());
  }

  /** The action the server offers for opening a cycle (absent: the caller may not). */
  get openAction() { return this.actions.find(a => a.kind === 'open-cycle'); }

  openForm() {
    this.opened = null;
    this.opening?.discard();
    this.opening = new Form({ name: `Rà soát năm ${new Date().getFullYear()}`, 'deadlines.assessmentDue': '', 'deadlines.proposalDue': '', wardIds: this.app.wards.map(w => w.id) }, { guard: true });
    refresh();
    requestAnimationFrame(() => document.getElementById(`${this.opening.id}-name`)?.focus());
  }

  async open(e) {
    e.preventDefault();
    const f = this.opening; const v = f.values; const action = this.openAction;
    const assessment = isoFromVn(v['deadlines.assessmentDue']); const proposal = isoFromVn(v['deadlines.proposalDue']);
    const today = isoFromVn(todayVn());
    const errors = {
      name: v.name.trim() ? null : 'Vui lòng nhập tên kỳ rà soát (ví dụ: Rà soát năm 2026).',
      'deadlines.assessmentDue': !assessment ? DATE_INVALID : assessment < today ? 'Hạn đánh giá không được trước hôm nay.' : null,
      'deadlines.proposalDue': !proposal ? DATE_INVALID : proposal < today ? 'Hạn lập tờ trình không được trước hôm nay.'
        : assessment && proposal <= assessment ? 'Hạn lập tờ trình phải sau hạn đánh giá.' : null,
      // An empty list would open the cycle for every ward: the page asks for at least one instead.
      wardIds: v.wardIds.length ? null : 'Chọn ít nhất một phường.',
    };
    if (!f.check(errors)) return;
    const body = { name: v.name.trim(), wardIds: v.wardIds,
      deadlines: { assessmentDue: vnDeadline(assessment), proposalDue: vnDeadline(proposal) } };
    const r = await f.submit(requestId => api(action.href, { method: action.method, body, requestId }));
    if (!r) {
      // The cycle's code is made from its name: an error of the code belongs beside the name.
      if (f.errors.id) { f.errors.name = f.errors.id; delete f.errors.id; refresh(); }
      return;
    }
    const { cycle, started, alreadyOpen } = r.data;
    // Opening a cycle again (the same name) adds only the wards it did not have: say so rather than "0 wards".
    this.opened = started.length
      ? `Đã mở “${cycle.name}” cho ${started.length} phường.${alreadyOpen.length ? ` ${alreadyOpen.length} phường đã có kỳ này từ trước.` : ''}`
      : `Kỳ “${cycle.name}” đã có từ trước cho ${alreadyOpen.length} phường đã chọn; không mở thêm phường nào.`;
    this.opening = null;
    await this.start();
  }

  render() {
    const head = html`<h1 tabindex="-1">Rà soát, kiện toàn tổ</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.cycles) return html`${head}${loading()}`;
    return html`${head}
      ${this.opened ? html`<p class="alert ok" role="status">${this.opened}</p>` : nothing}
      ${this.openAction && !this.opening ? html`<div class="toolbar"><button type="button" class="primary" @click=${() => this.openForm()}>${this.openAction.name}</button></div>` : nothing}
      ${this.opening ? this.openingForm() : nothing}
      ${this.cycles.length === 0 ? empty('Chưa có kỳ rà soát nào.') : this.cycles.map(c => this.cycle(c))}`;
  }

  openingForm() {
    const f = this.opening; const v = f.values;
    const wardsError = f.errorFor('wardIds'); const deadlinesError = f.errorFor('deadlines');
    const toggle = (id, on) => { f.set('wardIds', on ? [...new Set([...v.wardIds, id])] : v.wardIds.filter(x => x !== id)); refresh(); };
    return html`<form class="editor" @submit=${e => this.open(e)} novalidate aria-labelledby="open-h">
      <h2 id="open-h">${this.openAction.name}</h2>
      ${formMessage(f, ['name', 'id', 'deadlines', 'deadlines.assessmentDue', 'deadlines.proposalDue', 'wardIds', 'remindDaysBefore'])}
      <div class="grid">
        ${field(f, 'name', 'Tên kỳ rà soát', { required: true, wide: true, maxlength: 200 })}
        ${field(f, 'deadlines.assessmentDue', 'Hạn đánh giá các tổ', { type: 'date', required: true, hint: 'Ngày/tháng/năm, ví dụ 20/11/2026; hạn là hết ngày đó (giờ Việt Nam).' })}
        ${field(f, 'deadlines.proposalDue', 'Hạn lập tờ trình', { type: 'date', required: true, hint: 'Ngày/tháng/năm; hết ngày đó, sau hạn đánh giá.' })}
      </div>
      ${deadlinesError ? html`<p class="error" role="alert">${deadlinesError}</p>` : nothing}
      <p class="hint">Sau khi phường gửi tờ trình: Chủ tịch UBND phường có 5 ngày, ${unitWords().police} 10 ngày, ${unitWords().leader} 10 ngày; nhắc việc 7 ngày và 1 ngày trước hạn.</p>
      <fieldset class=${wardsError ? 'has-error' : ''} aria-describedby=${wardsError ? `${f.id}-wards-error` : nothing}>
        <legend>Phường tham gia (${v.wardIds.length}/${this.app.wards.length})</legend>
        <div class="toolbar">
          <button type="button" @click=${() => { f.set('wardIds', this.app.wards.map(w => w.id)); refresh(); }}>Chọn tất cả</button>
          <button type="button" @click=${() => { f.set('wardIds', []); refresh(); }}>Bỏ chọn tất cả</button>
        </div>
        <ul class="checklist columns-3">${this.app.wards.map(w => html`<li class="filter check">
          <input type="checkbox" id="${f.id}-w-${w.id}" .checked=${v.wardIds.includes(w.id)} @change=${e => toggle(w.id, e.target.checked)}>
          <label for="${f.id}-w-${w.id}">Phường ${w.name}</label></li>`)}</ul>
        ${wardsError ? html`<p class="error" id="${f.id}-wards-error">${wardsError}</p>` : nothing}
      </fieldset>
      <div class="actions">${submitButton(f, this.openAction.name, 'Đang mở…')}<button type="button" @click=${() => { this.opening.discard(); this.opening = null; refresh(); }}>Hủy</button></div>
    </form>`;
  }

  /** One cycle: the counts per step (each a filter), then every ward with its step, who must act, by when, overdue said in words. */
  cycle(c) {
    const wards = [...c.wards].sort((a, b) => (this.app.wardName(a.wardId) || a.wardId).localeCompare(this.app.wardName(b.wardId) || b.wardId, 'vi'));
    const counts = STEP_ORDER.map(step => [step, wards.filter(w => w.step === step)]).filter(([, list]) => list.length);
    const overdue = wards.filter(w => w.overdue).length;
    const filter = this.filters[c.id] ?? '';
    const shown = wards.filter(w => !filter || (filter === 'overdue' ? w.overdue : w.step === filter));
    const pick = value => { this.filters[c.id] = filter === value ? '' : value; refresh(); };
    const many = wards.length > 1;
    return html`<section aria-label=${c.name}>
      <h2>${c.name}</h2>
      <p class="muted">Mở ngày ${fmtDate(c.openedAt)} · hạn đánh giá ${fmtDate(c.deadlines.assessmentDue)} · hạn tờ trình ${fmtDate(c.deadlines.proposalDue)} · ${wards.length} phường</p>
      ${many ? html`<ul class="tiles step-counts" aria-label="Số phường theo bước">
        ${counts.map(([step, list]) => html`<li><button type="button" class="tile" aria-pressed=${filter === step ? 'true' : 'false'} @click=${() => pick(step)}>
          <span class="num">${list.length}</span>${sentence(list[0].stepName)}</button></li>`)}
        <li class=${overdue ? 'bad' : 'good'}><button type="button" class="tile" aria-pressed=${filter === 'overdue' ? 'true' : 'false'} @click=${() => pick('overdue')}>
          <span class="num">${overdue}</span>Quá hạn</button></li>
      </ul>` : nothing}
      ${filter ? html`<p class="muted" role="status">Đang lọc: ${filter === 'overdue' ? 'quá hạn' : sentence(counts.find(([s]) => s === filter)?.[1][0].stepName ?? filter)} (${shown.length} phường).
        <button type="button" class="link" @click=${() => pick(filter)}>Xem tất cả</button></p>` : nothing}
      ${wards.length === 0 ? empty('Chưa có phường nào trong kỳ này.') : html`<div class="table-wrap stack"><table class="overview">
        <thead><tr><th scope="col">Phường</th><th scope="col">Bước</th><th scope="col">Chờ</th><th scope="col">Hạn</th><th scope="col">Tình trạng</th></tr></thead>
        <tbody>${shown.map(w => html`<tr class=${w.overdue ? 'overdue' : ''}>
          <th scope="row"><a href="/ra-soat/${enc(c.id)}/${enc(w.wardId)}">${this.app.wardName(w.wardId) || w.wardId}</a></th>
          <td data-label="Bước">${sentence(w.stepName)}</td>
          <td data-label="Chờ">${w.waitingForName ?? '—'}</td>
          <td data-label="Hạn">${w.dueAt ? fmtDue(w.dueAt) : '—'}</td>
          <td data-label="Tình trạng">${w.overdue ? html`<span class="tag bad">Quá hạn</span>` : w.step === 'closed' ? html`<span class="tag muted">Đã kết thúc</span>`
            : w.dueAt ? html`<span class="tag ok">Trong hạn</span>` : '—'}</td></tr>`)}</tbody></table></div>`}
    </section>`;
  }
}

export class WardCyclePage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.cycleId = params.cycleId; this.wardId = params.wardId; this.view = null; this.error = null;
    this.actions = new ActionPanel(() => this.moved());
    this.follower = new Follower(() => this.app.page === this);
    this.selected = new Set(); this.bulk = new Form({ rating: '', recommendation: '' }); this.bulkDone = null;
    this.groups = null; this.rows = null; this.savingAll = false; this.onlyOpen = false; this.submitting = new Form(); this.draft = null; this.uploading = new Form();
  }
  get url() { return `/api/restructure/cycles/${enc(this.cycleId)}/wards/${enc(this.wardId)}`; }
  get title() { return this.view ? `${this.view.cycleName} – Phường ${this.app.wardName(this.wardId)}` : 'Rà soát, kiện toàn'; }
  can(kind) { return this.view?.actions?.some(a => a.kind === kind); }

  async moved() {
    this.view = await untilMoved(async () => (await api(this.url)).data, this.view, () => this.app.page === this);
    if (this.app.page === this) await this.start();
  }

  async start() {
    try {
      this.view = (await api(this.url)).data; this.error = null;
      if ((this.can('assess') || this.can('save-proposal')) && !this.groups)
        this.groups = await allPages(`/api/wards/${enc(this.wardId)}/groups?status=active`); // every group is assessed: all pages, never the first 200
      if (this.can('assess') && this.groups && !this.rows) this.rows = this.groups.map(group => ({ group, form: this.assessmentForm(group) }));
      if (!this.can('assess')) this.rows = null;
      if (this.can('save-proposal') && !this.editor)
        this.editor = new ProposalEditor(this.url, this.view.draft, this.groups, this.view.actions, async submitted => {
          if (submitted) { this.editor = null; await this.moved(); } else { this.view = (await api(this.url)).data; refresh(); }
        });
      if (!this.can('save-proposal')) this.editor = null;
      document.title = `${this.title} – Tổ NDTQ`;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
    // A cycle just opened (starting) or a decision being applied: the page follows the workflow by itself.
    this.follower.follow(() => !this.error && PASSING.includes(this.view?.step), () => this.start());
  }

  /** The latest return while the ward revises its proposal: who, when, why (the timeline's newest "return"). */
  latestReturn(v) {
    if (v.step !== 'proposal') return null;
    return latestReturn(v.timeline);
  }

  /** The step's own main action, for the top of the page: it goes to the section where it is done. */
  mainAction(v) {
    const go = (id, label) => ({ label, run: () => { const h = document.getElementById(id); h?.scrollIntoView({ block: 'start' }); h?.focus(); } });
    if (this.can('submit-assessments')) return go('as-h', 'Đánh giá các tổ');
    if (this.can('submit-proposal')) return go('pr-h', this.latestReturn(v) ? 'Sửa và gửi lại tờ trình' : 'Soạn tờ trình');
    return null;
  }

  saved(groupId) { return this.view.assessments.find(a => a.groupId === groupId); }

  assessmentForm(group) {
    const old = this.saved(group.id);
    // Guarded: a rating or a note typed and not saved holds the person back from leaving the page by mistake.
    return new Form({ rating: old?.rating ?? '', recommendation: old?.recommendation ?? '', strengths: old?.strengths ?? '', shortcomings: old?.shortcomings ?? '' }, { guard: true });
  }

  /** A row differs from what is saved (or has something typed while nothing is saved yet). */
  dirty(row) {
    const v = row.form.values; const old = this.saved(row.group.id);
    if (!old) return !!(v.rating || v.recommendation || v.strengths.trim() || v.shortcomings.trim());
    return v.rating !== old.rating || v.recommendation !== old.recommendation || v.strengths.trim() !== (old.strengths ?? '') || v.shortcomings.trim() !== (old.shortcomings ?? '');
  }

  async saveRow(row, reload = true) {
    const f = row.form; const v = f.values;
    const errors = { rating: v.rating ? null : 'Vui lòng chọn xếp loại.', recommendation: v.recommendation ? null : 'Vui lòng chọn kiến nghị.' };
    if (!f.check(errors)) return false;
    const r = await f.submit(requestId => api(`${this.url}/assessments/${enc(row.group.id)}`, { method: 'PUT', requestId,
      body: { rating: v.rating, recommendation: v.recommendation, strengths: v.strengths.trim() || null, shortcomings: v.shortcomings.trim() || null } }));
    if (!r) return false;
    this.selected.delete(row.group.id);
    // The answer is the saved assessment: the row counts as done at once, without reading the whole view again.
    this.view.assessments = [...this.view.assessments.filter(a => a.groupId !== row.group.id), r.data];
    this.view.groupsNotAssessed = this.view.groupsNotAssessed.filter(n => n !== row.group.name);
    f.done = null;
    if (reload) refresh();
    return true;
  }

  /** Saves rows a few at a time (one PUT per group): twenty groups are saved in a moment, without a burst of requests. */
  async saveRows(rows) {
    this.savingAll = true; this.savedAll = null; refresh();
    let ok = 0;
    const queue = [...rows];
    const worker = async () => { for (let row = queue.shift(); row; row = queue.shift()) if (await this.saveRow(row, false)) ok++; };
    try { await Promise.all([worker(), worker(), worker(), worker()]); }
    finally { this.savingAll = false; }
    this.savedAll = ok === rows.length ? `Đã lưu đánh giá ${ok} tổ.` : `Đã lưu ${ok} tổ; ${rows.length - ok} tổ chưa lưu được, xem lỗi ghi tại tổ đó.`;
    refresh();
    return ok;
  }

  async saveAll() {
    if (this.savingAll) return;
    await this.saveRows(this.rows.filter(r => this.dirty(r)));
  }

  /** One rating and recommendation for every selected group (each group's strengths and shortcomings stay as they are). */
  async saveSelected(e) {
    e.preventDefault();
    if (this.savingAll) return;
    const f = this.bulk; const v = f.values;
    const rows = this.rows.filter(r => this.selected.has(r.group.id));
    if (!f.check({ rating: v.rating ? null : 'Vui lòng chọn xếp loại.', recommendation: v.recommendation ? null : 'Vui lòng chọn kiến nghị.',
      selected: rows.length ? null : 'Chọn ít nhất một tổ.' })) return;
    for (const r of rows) { r.form.set('rating', v.rating); r.form.set('recommendation', v.recommendation); }
    await this.saveRows(rows);
  }

  /** Selects every group not yet assessed (and not chosen already). */
  selectOpen() {
    for (const r of this.rows) if (!this.saved(r.group.id)) this.selected.add(r.group.id);
    this.bulk.errors = {}; this.bulk.error = null;
    refresh();
  }

  /** Goes to a group's row (from the list of groups not yet assessed). */
  goToRow(groupId) {
    this.onlyOpen = false; refresh();
    requestAnimationFrame(() => { const el = document.getElementById(`assess-${groupId}`); el?.scrollIntoView({ block: 'center' }); el?.focus(); });
  }

  /** Posts to the ward's cycle; moves: the post moves the workflow on (wait for it before showing the next step's buttons). */
  async post(form, path, options = {}, moves = false, done = 'Đã gửi.') {
    const r = await form.submit(requestId => api(`${this.url}/${path}`, { method: 'POST', requestId, ...options }));
    if (r) { form.done = done; if (moves) await this.moved(); else await this.start(); }
  }

  render() {
    const head = html`<p class="crumbs"><a href="/ra-soat">Rà soát, kiện toàn</a></p>`;
    if (this.error) return html`${head}<h1 tabindex="-1">Rà soát, kiện toàn</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${head}<h1 tabindex="-1">Rà soát, kiện toàn</h1>${loading()}`;
    const v = this.view;
    const back = this.latestReturn(v);
    return html`${head}
      <h1 tabindex="-1">${v.cycleName}<span class="sub">Phường ${this.app.wardName(this.wardId)}</span></h1>
      ${returnBanner(back, 'Tờ trình', 'Sửa tờ trình theo ý kiến trên rồi gửi lại.')}
      ${PASSING.includes(v.step) ? html`<p class="state" role="status"><span class="spinner" aria-hidden="true"></span>${sentence(v.stepName)}… Trang tự cập nhật.</p>` : nothing}
      ${stepSummary(v)}
      ${v.outcome ? html`<p class="alert ${v.outcome.result === 'approved' ? 'ok' : 'warn'}"><strong>${v.outcome.resultName}.</strong>
        ${v.outcome.decisionNumber ? `Quyết định ${v.outcome.decisionNumber} ngày ${fmtDate(v.outcome.decisionDate)}. ` : ''}${v.outcome.reason ?? ''}
        ${v.outcome.changesApplied ? ` Đã áp dụng ${v.outcome.changesApplied} thay đổi vào sổ.` : ''}</p>` : nothing}
      ${generatedDocuments(v.decisionDocument, `Quyết định ${v.decisionDocument?.number ?? ''}`, 'quyet-dinh-kien-toan')}
      ${this.actions.render(v.actions, this.mainAction(v))}
      ${v.step === 'assessment' ? html`${this.assessmentSection(v)}${this.proposalSection(v)}`
        : html`${this.proposalSection(v)}<details class="later"><summary>Đánh giá các tổ (${v.assessments.length} tổ đã đánh giá)</summary>${this.assessmentSection(v)}</details>`}
      <section aria-labelledby="tl-h"><h2 id="tl-h">Quá trình xử lý</h2>${timeline(v.timeline)}</section>`;
  }

  assessmentSection(v) {
    const total = this.rows?.length ?? v.assessments.length + v.groupsNotAssessed.length;
    const done = v.assessments.length;
    const open = v.groupsNotAssessed.map(n => this.rows?.find(r => r.group.name === n)).filter(Boolean);
    return html`<section aria-labelledby="as-h">
      <h2 id="as-h" tabindex="-1">Đánh giá các tổ</h2>
      <p class=${v.groupsNotAssessed.length ? 'note' : 'muted'} role="status">Đã đánh giá ${done}/${total} tổ${v.groupsNotAssessed.length && !this.rows
        ? html`; chưa đánh giá: ${v.groupsNotAssessed.slice(0, 12).join(', ')}${v.groupsNotAssessed.length > 12 ? '…' : ''}` : '.'}</p>
      ${this.rows ? this.assessmentList() : v.assessments.length === 0 ? empty('Chưa có tổ nào được đánh giá.') : html`<div class="table-wrap stack"><table>
        <thead><tr><th scope="col">Tổ</th><th scope="col">Xếp loại</th><th scope="col">Đề xuất</th><th scope="col">Người đánh giá</th></tr></thead>
        <tbody>${v.assessments.map(a => html`<tr><th scope="row">${a.groupName}</th><td data-label="Xếp loại">${label(RATINGS, a.rating)}</td>
          <td data-label="Đề xuất">${label(RECOMMENDATIONS, a.recommendation)}</td><td data-label="Người đánh giá">${a.assessedBy} · ${fmtDate(a.assessedAt)}</td></tr>`)}</tbody></table></div>`}
      ${this.can('submit-assessments') ? html`<div class="toolbar finish">
        <button type="button" class="primary" ?disabled=${this.submitting.busy || this.savingAll} @click=${() => this.post(this.submitting, 'assessments/submit', {}, true)}>
          ${this.view.actions.find(a => a.kind === 'submit-assessments').name}${v.groupsNotAssessed.length ? ` (còn ${v.groupsNotAssessed.length} tổ chưa đánh giá)` : ''}</button></div>
        ${open.length ? html`<p class="note remaining">Còn ${open.length} tổ chưa đánh giá: ${open.map((r, i) => html`${i ? ', ' : ''}<a href="#assess-${r.group.id}"
          @click=${e => { e.preventDefault(); this.goToRow(r.group.id); }}>${r.group.name}</a>`)}.</p>` : nothing}
        ${formMessage(this.submitting, ['assessments'])}
        ${this.submitting.errorFor('assessments') ? html`<p class="error">${this.submitting.errorFor('assessments')}</p>` : nothing}` : nothing}
    </section>`;
  }

  /** Every group of the ward, each with its rating and recommendation to choose and save, done or not at a glance. */
  assessmentList() {
    const dirty = this.rows.filter(r => this.dirty(r)).length;
    const rows = this.onlyOpen ? this.rows.filter(r => !this.saved(r.group.id) || this.dirty(r)) : this.rows;
    const notYet = this.rows.filter(r => !this.saved(r.group.id)).length;
    const chosen = this.rows.filter(r => this.selected.has(r.group.id)).length;
    const b = this.bulk;
    return html`<div class="toolbar assess-tools">
        <button type="button" ?disabled=${notYet === 0} @click=${() => this.selectOpen()}>Chọn tất cả chưa đánh giá (${notYet})</button>
        ${chosen ? html`<button type="button" @click=${() => { this.selected.clear(); refresh(); }}>Bỏ chọn</button>` : nothing}
        <div class="filter check"><input type="checkbox" id="assess-open" .checked=${this.onlyOpen} @change=${e => { this.onlyOpen = e.target.checked; refresh(); }}>
          <label for="assess-open">Chỉ hiện tổ chưa đánh giá hoặc chưa lưu</label></div>
        <button type="button" ?disabled=${this.savingAll || dirty === 0} aria-busy=${this.savingAll ? 'true' : 'false'} @click=${() => this.saveAll()}>
          ${this.savingAll ? 'Đang lưu…' : `Lưu tất cả tổ đã sửa (${dirty})`}</button>
      </div>
      ${this.savedAll ? html`<p class="alert ok" role="status">${this.savedAll}</p>` : nothing}
      <ul class="assess-list">${rows.map(row => this.assessmentRow(row))}</ul>
      ${chosen ? html`<form class="bulk" @submit=${e => this.saveSelected(e)} novalidate aria-labelledby="bulk-h">
        <h3 id="bulk-h">Đánh giá chung cho ${chosen} tổ đã chọn</h3>
        ${formMessage(b, ['rating', 'recommendation'])}
        <div class="assess-fields">
          ${field(b, 'rating', 'Xếp loại', { type: 'select', options: [['', '(chọn)'], ...RATINGS] })}
          ${field(b, 'recommendation', 'Đề xuất', { type: 'select', options: [['', '(chọn)'], ...RECOMMENDATIONS] })}
          <button type="submit" class="primary" ?disabled=${this.savingAll} aria-busy=${this.savingAll ? 'true' : 'false'}>${this.savingAll ? 'Đang lưu…' : `Lưu cho ${chosen} tổ`}</button>
        </div>
        <p class="hint">Ưu điểm, hạn chế của từng tổ ghi riêng ở tổ đó (không bắt buộc).</p>
      </form>` : nothing}`;
  }

  assessmentRow(row) {
    const f = row.form; const old = this.saved(row.group.id); const dirty = this.dirty(row);
    const state = dirty ? html`<span class="tag bad">Chưa lưu</span>` : old ? html`<span class="tag ok">Đã đánh giá</span>` : html`<span class="tag muted">Chưa đánh giá</span>`;
    const id = row.group.id;
    const toggle = on => { if (on) this.selected.add(id); else this.selected.delete(id); refresh(); };
    return html`<li class="assess-row ${old && !dirty ? 'done' : ''} ${this.selected.has(id) ? 'chosen' : ''}">
      <form @submit=${e => { e.preventDefault(); this.saveRow(row); }} @change=${() => refresh()} novalidate aria-label="Đánh giá ${row.group.name}">
        <div class="assess-head"><input type="checkbox" id="assess-${id}" class="pick" .checked=${this.selected.has(id)} @change=${e => { e.stopPropagation(); toggle(e.target.checked); }}>
          <label for="assess-${id}"><strong>${row.group.name}</strong><span class="visually-hidden"> (chọn để đánh giá chung)</span></label>${state}</div>
        ${formMessage(f, ['rating', 'recommendation', 'strengths', 'shortcomings'])}
        <div class="assess-fields">
          ${field(f, 'rating', 'Xếp loại', { type: 'select', options: [['', '(chọn)'], ...RATINGS] })}
          ${field(f, 'recommendation', 'Đề xuất', { type: 'select', options: [['', '(chọn)'], ...RECOMMENDATIONS] })}
          ${submitButton(f, 'Lưu', 'Đang lưu…', '')}
        </div>
        <details ?open=${!!(f.values.strengths || f.values.shortcomings || f.errorFor('strengths') || f.errorFor('shortcomings'))}>
          <summary>Ưu điểm, hạn chế${old?.strengths || old?.shortcomings ? ' (đã ghi)' : ''}</summary>
          <div class="grid">${field(f, 'strengths', 'Ưu điểm', { type: 'textarea', wide: true, rows: 2 })}${field(f, 'shortcomings', 'Hạn chế', { type: 'textarea', wide: true, rows: 2 })}</div>
        </details>
      </form></li>`;
  }

  /** Whether a leadership candidate was trained by the district police (read once per proposal shown; a new person has no record yet). */
  trainingOf(candidate) {
    if (!candidate.memberId) return html`<span class="tag bad">Cần tập huấn</span> (người mới, chưa có trong sổ)`;
    const ids = [...new Set((this.shownProposal()?.changes ?? []).flatMap(c => c.candidates ?? []).map(k => k.memberId).filter(Boolean))].sort().join(',');
    if (this.training?.ids !== ids) {
      this.training = { ids, people: null };
      api(`/api/wards/${enc(this.wardId)}/training/people?ids=${enc(ids)}`)
        .then(r => { if (this.training?.ids === ids) { this.training.people = r.data; refresh(); } })
        .catch(e => { if (!(e instanceof ApiError)) throw e; if (this.training?.ids === ids) { this.training.people = []; refresh(); } });
    }
    const status = this.training.people?.find(p => p.memberId === candidate.memberId);
    if (!this.training.people) return html`<span class="meta">đang xem tập huấn…</span>`;
    return status ? html`<span class=${`tag ${status.trainedWithinPeriod ? 'ok' : 'bad'}`}>${status.statusName}</span>` : nothing;
  }

  shownProposal() { return this.view?.draft ?? this.view?.versions?.[this.view.versions.length - 1]; }

  proposalSection(v) {
    const proposal = v.draft ?? v.versions?.[v.versions.length - 1];
    const editor = this.editor;
    if (!proposal && !editor) return nothing;
    return html`<section aria-labelledby="pr-h">
      <h2 id="pr-h" tabindex="-1">Tờ trình${this.latestReturn(v) ? ` (bị trả lại; sửa và gửi lại lần ${v.versions.length + 1})` : v.versions?.length ? ` (đã gửi ${v.versions.length} lần)` : ''}</h2>
      ${editor ? editor.render() : html`<p><strong>${proposal.title}</strong></p>${proposal.summary ? html`<p class="body">${proposal.summary}</p>` : nothing}`}
      ${!editor && proposal?.changes?.length ? html`<h3>Các thay đổi đề nghị</h3><ol>${proposal.changes.map((c, i) => html`<li>${changeInWords(proposal.changeDescriptions?.[i])
        ?? html`${CHANGE_NAMES[c.change.type] ?? c.change.type}${c.change.name ? `: ${c.change.name}` : ''}${c.reason ? ` — ${c.reason}` : ''}`}
        ${c.candidates?.length ? html`<ul class="candidates">${c.candidates.map(k => html`<li>Ứng viên: <strong>${k.fullName}</strong>${k.birthYear ? `, sinh năm ${k.birthYear}` : ''}
          — ${this.trainingOf(k)}</li>`)}</ul>` : nothing}</li>`)}</ol>` : nothing}
      ${generatedDocuments(proposal?.document, proposal === v.draft ? `Dự thảo tờ trình (lần ${proposal?.version})` : `Tờ trình lần ${proposal?.version}`, `to-trinh-v${proposal?.version}`)}
      ${proposal?.documents?.length ? html`<h3>Văn bản kèm theo</h3><ul>${proposal.documents.map(d => html`<li>
        <button type="button" class="link" @click=${() => download(`${this.url}/documents?blob=${enc(d.blobName)}`, d.name)}>${d.name}</button></li>`)}</ul>` : nothing}
      ${this.can('upload-document') ? html`<div class="file-pick">
        <input id="doc-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png"
          @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.post(this.uploading, 'proposal/documents', { file }, false, `Đã đính kèm ${file.name}.`); }}>
        <label for="doc-file" class="button">${this.view.actions.find(a => a.kind === 'upload-document').name}…</label></div>${formMessage(this.uploading)}` : nothing}
    </section>`;
  }
}

// ---- generated documents (tờ trình of each version, quyết định): the server's words and links, shown as they come ----

/** A change as the server says it (summary, then the people and the reason); null when the server sent none. */
function changeInWords(d) {
  if (!d?.lines?.length) return null;
  return html`${d.lines[0]}${d.lines.length > 1 ? html`<ul class="change-lines">${d.lines.slice(1).map(l => html`<li>${l}</li>`)}</ul>` : nothing}`;
}

/** Download buttons for a generated document (PDF, DOCX) and what was wrong with an edited template. */
function generatedDocuments(doc, title, stem) {
  if (!doc?.pdf) return nothing;
  return html`<p class="generated">${title}:
    <button type="button" class="link" @click=${() => download(doc.pdf, `${stem}.pdf`)}>PDF</button>
    <button type="button" class="link" @click=${() => download(doc.docx, `${stem}.docx`)}>DOCX</button></p>
    ${doc.problems?.length ? html`<p class="alert warn">${doc.problems.join(' ')}</p>` : nothing}`;
}
