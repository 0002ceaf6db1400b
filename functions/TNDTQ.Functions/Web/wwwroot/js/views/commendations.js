// Khen thưởng: nominations (the caller's scope, filtered and paged by the API) and a new nomination; a campaign
// nominating many from the register at once → one nomination with its eligibility, evidence, timeline,
// documents (download, PDF preview) and the buttons the server offers in its "actions"; a member's or
// group's commendation history (shown on the register's pages).
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, Form, field, formMessage, submitButton, sentence, fold, Pager, allPages, groupPicker, unitWords } from '../ui.js';

/** A deployment starts with no award forms: who adds them, said where a form would be chosen. */
const noForms = html`<p class="alert warn" role="alert">Chưa có hình thức khen thưởng nào để chọn. Quản trị viên thêm các hình thức
  (giấy khen, bằng khen của từng cơ quan) ở trang <a href="/quan-tri">Quản trị</a> → Danh mục khen thưởng.</p>`;
import { api, download, ApiError } from '../api.js';
import { ActionPanel, timeline, stepSummary, untilMoved, latestReturn, returnBanner } from './workflow.js';

const enc = encodeURIComponent;
const DOC_NAMES = { decision: 'Quyết định khen thưởng', certificate: 'Giấy khen' };
/** Steps the server works through on its own (no one is asked to act). */
const WORKING = ['starting', 'generating'];

/** The list's filters as they read in the address (so a filtered list can be reloaded, shared and gone back to), and their API names. */
const FILTERS = [['wardId', 'phuong'], ['campaign', 'dot'], ['status', 'trang-thai'], ['awardFormId', 'hinh-thuc'], ['period', 'nam'], ['q', 'tim']];
const PAGE_SIZE = 20;
/** A nomination's status (the API's "status"), as the list's filter names it. */
const STATUSES = [['nominated', 'Mới đề nghị'], ['eligible', 'Đủ điều kiện, đang xét'], ['ineligible', 'Chưa đủ điều kiện'],
  ['approved', 'Được khen thưởng'], ['rejected', 'Không được khen thưởng'], ['withdrawn', 'Đã rút đề nghị']];

export class NominationsPage {
  title = 'Khen thưởng';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.error = null; this.form = null;
    const query = new URLSearchParams(location.search);
    this.filter = Object.fromEntries(FILTERS.map(([k, q]) => [k, query.get(q) ?? '']));
    if (!app.isDistrict) this.filter.wardId = '';
    // Filtered and paged by the API: each page is read as it is asked for.
    this.list = new Pager((token, size) => {
      const q = new URLSearchParams({ pageSize: String(size) });
      for (const [k] of FILTERS) if (this.filter[k].trim()) q.set(k, this.filter[k].trim());
      if (token) q.set('continuationToken', token);
      return api(`/api/commendations/nominations?${q}`).then(r => { this.actions = r.data.actions ?? []; return r.data; });
    }, PAGE_SIZE);
    this.actions = [];
  }

  /** What the caller may start, as the API's list says (its "actions"): the page copies no rule of who nominates. */
  action(kind) { return this.actions.find(a => a.kind === kind); }

  async start() {
    if (!this.catalogue) {
      try { this.catalogue = (await api('/api/commendations/catalogue')).data; this.error = null; }
      catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; refresh(); return; }
    }
    await this.list.reset();
  }

  /** Changes one filter: kept in the address, and the list read again from its first page. */
  setFilter(name, value) {
    clearTimeout(this.typing);
    if (this.filter[name] === value && name !== 'q') return;
    this.filter[name] = value;
    const query = new URLSearchParams();
    for (const [k, q] of FILTERS) if (this.filter[k]) query.set(q, this.filter[k]);
    history.replaceState(null, '', `/khen-thuong${query.toString() ? `?${query}` : ''}`);
    this.list.reset();
  }

  /** Typing a name reads the list again once the typing pauses. */
  typed(name, value) {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.setFilter(name, value), 400);
  }

  get filtered() { return FILTERS.some(([k]) => k !== 'wardId' && this.filter[k].trim()); }

  async openForm() {
    const wardId = this.app.me.wardId ?? this.app.wards[0]?.id ?? '';
    this.form = new Form({ wardId, groupId: '', memberId: '', awardFormId: '', period: String(new Date().getFullYear()), achievements: '' }, { guard: true });
    this.catalogue = (await api('/api/commendations/catalogue')).data;
    this.form.values.awardFormId = this.catalogue[0]?.id ?? '';
    await this.loadGroups();
  }

  /** The chosen ward's groups: a picker searched on the server (a ward of thousands of groups too); its first group chosen. */
  async loadGroups() {
    const f = this.form;
    this.members = []; f.values.groupId = '';
    const picker = this.groups = groupPicker(`/api/wards/${enc(f.values.wardId)}`);
    if (f.values.wardId) await picker.start();
    if (picker !== this.groups) return; // another ward was chosen meanwhile
    if (picker.pager.error) { f.error = picker.pager.error; refresh(); return; }
    f.values.groupId = picker.pager.items?.[0]?.id ?? ''; await this.loadMembers();
  }

  async loadMembers() {
    const f = this.form;
    this.members = f.values.groupId ? await allPages(`/api/wards/${enc(f.values.wardId)}/groups/${enc(f.values.groupId)}/members?status=active`) : [];
    f.values.memberId = ''; refresh();
  }

  async nominate(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    if (!f.check({ period: v.period.trim() ? null : 'Vui lòng nhập năm hoặc đợt khen thưởng, ví dụ 2026.',
                   achievements: v.achievements.trim() ? null : 'Vui lòng ghi thành tích.' })) return;
    const body = { wardId: v.wardId, groupId: v.groupId, memberId: v.memberId || null, awardFormId: v.awardFormId, period: v.period.trim(), achievements: v.achievements.trim() };
    const r = await f.submit(requestId => api('/api/commendations/nominations', { method: 'POST', body, requestId }));
    if (r) this.app.navigate(`/khen-thuong/${enc(r.data.id)}`);
  }

  filters() {
    const select = (name, label, options) => html`<div class="field"><label for="f-${name}">${label}</label>
      <select id="f-${name}" @change=${e => this.setFilter(name, e.target.value)}>
        ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === this.filter[name]}>${l}</option>`)}</select></div>`;
    const text = (name, label, placeholder) => html`<div class="field"><label for="f-${name}">${label}</label>
      <input id="f-${name}" type="search" .value=${this.filter[name]} autocomplete="off" placeholder=${placeholder}
        @input=${e => this.typed(name, e.target.value)} @change=${e => this.setFilter(name, e.target.value)}></div>`;
    return html`<form class="filters" role="search" aria-label="Lọc đề nghị" @submit=${e => e.preventDefault()}>
      ${this.app.isDistrict ? select('wardId', 'Phường', [['', 'Tất cả các phường'], ...this.app.wards.map(w => [w.id, w.name])]) : nothing}
      ${select('status', 'Tình trạng', [['', 'Tất cả'], ...STATUSES])}
      ${select('awardFormId', 'Hình thức', [['', 'Tất cả các hình thức'], ...(this.catalogue ?? []).map(a => [a.id, a.name])])}
      ${text('period', 'Năm, đợt', 'ví dụ: 2026')}
      ${text('q', 'Tên người, tổ được đề nghị', 'ví dụ: nguyen van an')}
    </form>`;
  }

  table() {
    const list = this.list.items;
    return html`<div class="table-wrap stack"><table>
      <caption class="visually-hidden">Đề nghị khen thưởng</caption>
      <thead><tr><th scope="col">Đối tượng</th><th scope="col">Hình thức</th><th scope="col">Bước</th><th scope="col">Hạn</th></tr></thead>
      <tbody>${list.map(n => html`<tr>
        <th scope="row"><a href="/khen-thuong/${enc(n.id)}">${n.nomineeName}</a><span class="sub">${n.nomineeType === 'collective' ? 'Tập thể' : n.groupName}${this.app.isDistrict ? ` · Phường ${this.app.wardName(n.wardId)}` : ''}</span></th>
        <td data-label="Hình thức">${n.awardName} (${n.period})</td><td data-label="Bước">${sentence(n.stepName)}</td><td data-label="Hạn">${n.dueAt ? fmtDate(n.dueAt) : '—'}</td></tr>`)}</tbody></table></div>
      ${this.list.controls()}`;
  }

  listed() {
    const l = this.list;
    if (l.error) return failed(l.error, () => l.go(l.index));
    if (!l.items) return loading();
    if (l.items.length === 0 && l.index === 0 && !l.next) return empty(this.filtered ? 'Không có đề nghị nào khớp với bộ lọc.' : 'Chưa có đề nghị khen thưởng nào.');
    if (l.items.length === 0) return html`<p class="muted" role="status">Trang này chưa có đề nghị nào khớp; xem trang sau.</p>${l.controls()}`;
    return this.table();
  }

  render() {
    const head = html`<h1 tabindex="-1">Khen thưởng</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    const f = this.form;
    return html`${head}
      ${(this.action('nominate') || this.action('campaign')) && !f ? html`<div class="toolbar">
        ${this.action('nominate') ? html`<button type="button" class="primary" @click=${() => this.openForm()}>${this.action('nominate').name}</button>` : nothing}
        ${this.action('campaign') ? html`<a class="button" href="/khen-thuong/dot/moi">${this.action('campaign').name}</a>` : nothing}</div>` : nothing}
      ${f && this.groups ? html`<form class="editor" @submit=${e => this.nominate(e)} novalidate aria-labelledby="nom-h">
        <h2 id="nom-h">Đề nghị khen thưởng</h2>
        ${this.catalogue.length === 0 ? noForms : nothing}
        ${formMessage(f, ['wardId', 'groupId', 'memberId', 'awardFormId', 'period', 'achievements'])}
        <div class="grid">
          ${this.app.me.wardId ? nothing : html`<div @change=${() => this.loadGroups()}>${field(f, 'wardId', 'Phường', { type: 'select', options: this.app.wards.map(w => [w.id, w.name]) })}</div>`}
          <div @change=${e => { if (e.target.tagName === 'SELECT') this.loadMembers(); }}>${this.groups.render(f, 'groupId', 'Tổ')}</div>
          ${field(f, 'memberId', 'Cá nhân', { type: 'select', options: [['', '(cả tổ — tập thể)'], ...this.members.map(m => [m.id, `${m.fullName} (${m.roleName})`])] })}
          ${field(f, 'awardFormId', 'Hình thức khen thưởng', { type: 'select', options: this.catalogue.map(a => [a.id, a.name]) })}
          ${field(f, 'period', 'Năm, đợt', { required: true })}
          ${field(f, 'achievements', 'Thành tích', { type: 'textarea', wide: true, required: true, rows: 5 })}
        </div>
        <div class="actions">${submitButton(f, 'Gửi đề nghị')}<button type="button" @click=${() => { this.form.discard(); this.form = null; refresh(); }}>Hủy</button></div>
      </form>` : f ? loading() : nothing}
      ${f ? nothing : html`
        ${this.filter.campaign ? html`<p class="alert ok">Các đề nghị của một đợt. <button type="button" class="link" @click=${() => this.setFilter('campaign', '')}>Xem mọi đề nghị</button></p>` : nothing}
        ${this.filters()}
        ${this.listed()}`}`;
  }
}

// ---- a campaign: many nominations from the register at once --------------------------------------

/** The part of the address a campaign is known by: lower-case letters, digits and '-' (what the API takes as an id). */
const slug = s => fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);

export class CampaignPage {
  title = 'Đề nghị khen thưởng theo đợt';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.error = null; this.catalogue = null;
    this.form = new Form({ awardFormId: '', period: String(new Date().getFullYear()), achievements: '', wardId: app.me.wardId ?? app.wards[0]?.id ?? '' }, { guard: true });
    this.members = {}; this.open = {}; this.query = ''; this.hits = null; this.searching = new Form(); this.typing = null;
    this.picked = []; this.result = null; this.campaign = null;
    // The ward's groups, searched on the server by the words typed (diacritics ignored) and paged: a ward of thousands of groups too.
    this.groups = new Pager((token, size) => {
      const query = new URLSearchParams({ status: 'active', pageSize: String(size) });
      if (this.query.trim()) query.set('q', this.query.trim());
      if (token) query.set('continuationToken', token);
      return api(`/api/wards/${enc(this.wardId)}/groups?${query}`).then(r => r.data);
    }, 50);
  }

  async start() {
    try {
      // Who may start a campaign is the server's answer (the nominations list's "actions"), not a rule copied here.
      const [catalogue, list] = await Promise.all([api('/api/commendations/catalogue'), api('/api/commendations/nominations?pageSize=1')]);
      this.catalogue = catalogue.data; this.error = null;
      this.mayNominate = (list.data.actions ?? []).some(a => a.kind === 'campaign');
      if (!this.mayNominate) { refresh(); return; }
      this.form.values.awardFormId ||= this.catalogue[0]?.id ?? '';
      await this.loadGroups();
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  get wardId() { return this.form.values.wardId; }

  async loadGroups() {
    this.open = {}; this.hits = null;
    await this.groups.reset();
  }

  /** The groups are looked up again once the typing pauses. */
  typed(value) {
    this.query = value; refresh();
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.groups.reset(), 300);
  }

  async toggleGroup(g) {
    this.open[g.id] = !this.open[g.id]; refresh();
    if (this.open[g.id] && !this.members[`${this.wardId}|${g.id}`]) {
      try { this.members[`${this.wardId}|${g.id}`] = await allPages(`/api/wards/${enc(this.wardId)}/groups/${enc(g.id)}/members?status=active`); }
      catch (e) { if (!(e instanceof ApiError)) throw e; this.members[`${this.wardId}|${g.id}`] = e; }
      refresh();
    }
  }

  async search(e) {
    e.preventDefault();
    const q = this.query.trim();
    if (q.length < 2) { this.searching.error = new ApiError(400, { title: 'Nhập ít nhất 2 chữ cái để tìm thành viên.' }); this.hits = null; refresh(); return; }
    const r = await this.searching.submit(() => api(`/api/members/search?q=${enc(q)}&wardId=${enc(this.wardId)}&status=active&pageSize=50`));
    this.hits = r ? r.data.items : null; refresh();
  }

  // The picked nominees, in the order they are sent (errors come back as nominations[i].…).
  keyOf(wardId, groupId, memberId) { return `${wardId}|${groupId}|${memberId ?? ''}`; }
  isPicked(key) { return this.picked.some(p => p.key === key); }
  toggle(nominee) {
    const key = this.keyOf(nominee.wardId, nominee.groupId, nominee.memberId);
    this.picked = this.isPicked(key) ? this.picked.filter(p => p.key !== key) : [...this.picked, { ...nominee, key, achievements: '' }];
    this.form.markChanged(); this.clearRowErrors(); refresh();
  }
  /** Rows move when one is added or removed: the server's row errors no longer point at the right row. */
  clearRowErrors() {
    const f = this.form;
    for (const k of Object.keys(f.errors)) if (k.startsWith('nominations')) delete f.errors[k];
  }
  rowErrors(i) {
    return Object.entries(this.form.errors).filter(([k]) => k === `nominations[${i}]` || k.startsWith(`nominations[${i}].`)).flatMap(([, v]) => [].concat(v));
  }

  async send(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    if (!f.check({ period: v.period.trim() ? null : 'Vui lòng nhập năm hoặc đợt khen thưởng, ví dụ 2026.',
                   nominations: this.picked.length ? null : 'Chọn ít nhất một thành viên hoặc một tổ từ Sổ theo dõi.' })) return;
    this.campaign ??= `${slug(v.period) || 'dot'}-${Date.now().toString(36)}`;
    const shared = v.achievements.trim();
    const body = { awardFormId: v.awardFormId, period: v.period.trim(),
      nominations: this.picked.map(p => ({ wardId: p.wardId, groupId: p.groupId, memberId: p.memberId, achievements: p.achievements.trim() || shared || null })) };
    const r = await f.submit(requestId => api(`/api/commendations/campaigns/${enc(this.campaign)}/nominations`, { method: 'POST', body, requestId }));
    if (r) { this.result = { campaign: this.campaign, items: r.data }; this.picked = []; this.campaign = null; refresh(); return; }
    // The award form and the period are the campaign's, not a row's: their problems show at their fields once.
    for (const [k, msgs] of Object.entries(f.errors)) {
      const m = /^nominations\[\d+\]\.(awardFormId|period)$/i.exec(k);
      if (m) { f.errors[m[1]] = msgs; delete f.errors[k]; }
    }
    refresh();
  }

  restart() {
    this.result = null; this.form = new Form({ ...this.form.values, achievements: '' }, { guard: true }); refresh();
  }

  render() {
    const head = html`<p class="crumbs"><a href="/khen-thuong">Khen thưởng</a></p><h1 tabindex="-1">Đề nghị khen thưởng theo đợt</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    // Typed into the address by someone who does not nominate (the server's answer): say so before they pick and type for nothing.
    if (this.mayNominate === false) return html`${head}
      <p class="alert warn" role="alert">Đề nghị khen thưởng do cán bộ UBND phường hoặc ${unitWords().police} lập. Bạn có thể xem các đề nghị ở trang <a href="/khen-thuong">Khen thưởng</a>.</p>`;
    if (!this.catalogue) return html`${head}${loading()}`;
    if (this.result) return html`${head}${this.summary()}`;
    const f = this.form;
    const rowKeys = Object.keys(f.errors).filter(k => k.startsWith('nominations'));
    return html`${head}
      <p>Chọn nhiều thành viên và tổ từ Sổ theo dõi, ghi thành tích của từng người (hoặc một đoạn chung), rồi gửi một lần: mỗi người, mỗi tổ thành một đề nghị riêng và đi qua các bước xét duyệt như đề nghị lẻ.</p>
      <section class="editor campaign" aria-labelledby="c-h">
        <h2 id="c-h">Thông tin đợt</h2>
        ${this.catalogue.length === 0 ? noForms : nothing}
        <div class="grid">
          ${field(f, 'awardFormId', 'Hình thức khen thưởng', { type: 'select', options: this.catalogue.map(a => [a.id, a.name]) })}
          ${field(f, 'period', 'Năm, đợt', { required: true, hint: 'Ví dụ: 2026, hoặc 6 tháng đầu năm 2026.' })}
          ${this.app.me.wardId ? nothing : html`<div @change=${() => this.loadGroups()}>${field(f, 'wardId', 'Chọn từ phường', { type: 'select', options: this.app.wards.map(w => [w.id, w.name]) })}</div>`}
          ${field(f, 'achievements', 'Thành tích chung', { type: 'textarea', wide: true, rows: 3, hint: 'Dùng cho những người, tổ không ghi thành tích riêng ở danh sách bên dưới.' })}
        </div>
      </section>
      ${this.picker()}
      <form class="editor campaign" @submit=${e => this.send(e)} novalidate aria-labelledby="picked-h">
        <h2 id="picked-h">Danh sách đề nghị (${this.picked.length})</h2>
        ${formMessage(f, ['awardFormId', 'period', 'wardId', 'achievements', ...rowKeys])}
        ${f.errorFor('nominations') && !rowKeys.some(k => k !== 'nominations') ? html`<p class="error" id="picked-error">${f.errorFor('nominations')}</p>` : nothing}
        ${this.picked.length === 0 ? empty('Chưa chọn ai. Đánh dấu người hoặc tổ ở phần “Chọn từ Sổ theo dõi”.') : html`<ol class="picked">${this.picked.map((p, i) => {
          const errors = this.rowErrors(i); const id = `row-${i}`;
          return html`<li class=${errors.length ? 'has-error' : ''}>
            <div class="picked-head"><strong>${p.name}</strong><span class="sub">${p.memberId ? p.groupName : 'Tập thể'}${this.app.me.wardId ? '' : ` · Phường ${this.app.wardName(p.wardId)}`}</span>
              <button type="button" @click=${() => this.toggle(p)} aria-label="Bỏ ${p.name} khỏi danh sách">Bỏ</button></div>
            <div class="field ${errors.length ? 'has-error' : ''}">
              <label for=${id}>Thành tích riêng của ${p.name}</label>
              <textarea id=${id} rows="2" .value=${p.achievements} aria-invalid=${errors.length ? 'true' : 'false'} aria-describedby=${errors.length ? `${id}-error` : nothing}
                @input=${e => { p.achievements = e.target.value; f.markChanged(); if (errors.length) { for (const k of Object.keys(f.errors)) if (k.startsWith(`nominations[${i}]`)) delete f.errors[k]; refresh(); } }}
                placeholder=${f.values.achievements.trim() ? 'Để trống: dùng thành tích chung' : ''}></textarea>
              ${errors.length ? html`<p class="error" id="${id}-error">${errors.join(' ')}</p>` : nothing}
            </div></li>`;
        })}</ol>`}
        <div class="actions">${submitButton(f, this.picked.length ? `Gửi ${this.picked.length} đề nghị` : 'Gửi đề nghị')}</div>
      </form>`;
  }

  nomineeBox(nominee, label, sub) {
    const key = this.keyOf(nominee.wardId, nominee.groupId, nominee.memberId);
    const id = `pick-${key.replace(/[^a-z0-9]/gi, '-')}`;
    return html`<input type="checkbox" id=${id} .checked=${this.isPicked(key)} @change=${() => this.toggle(nominee)}>
      <label for=${id}>${label}${sub ? html` <span class="muted">${sub}</span>` : nothing}</label>`;
  }

  picker() {
    const list = this.groups; const groups = list.items ?? [];
    return html`<section aria-labelledby="pick-h">
      <h2 id="pick-h">Chọn từ Sổ theo dõi${this.app.me.wardId ? '' : ` – phường ${this.app.wardName(this.wardId)}`}</h2>
      <form class="search" role="search" @submit=${e => this.search(e)}>
        <label for="pick-q">Tìm tổ hoặc thành viên (gõ có dấu hay không dấu đều được)</label>
        <div class="inline">
          <input id="pick-q" type="search" .value=${this.query} autocomplete="off" placeholder="ví dụ: nguyen van an"
            @input=${e => this.typed(e.target.value)}>
          ${submitButton(this.searching, 'Tìm thành viên', 'Đang tìm…', '')}
        </div>
      </form>
      ${formMessage(this.searching)}
      ${this.picked.length ? html`<p class="picked-count" role="status">Đã chọn ${this.picked.length} · <a href="#picked-h">Đến danh sách đề nghị</a></p>` : nothing}
      ${this.hits ? (this.hits.length === 0 ? empty('Không tìm thấy thành viên nào.') : html`<ul class="hits checks" aria-label="Thành viên tìm được">${this.hits.map(h => html`<li>
        ${this.nomineeBox({ wardId: h.wardId, groupId: h.groupId, memberId: h.memberId, name: h.fullName, groupName: h.groupName }, h.fullName, `${h.roleName} · ${h.groupName}`)}</li>`)}</ul>`) : nothing}
      ${list.error ? failed(list.error, () => this.loadGroups()) : !list.items ? loading() : groups.length === 0 ? empty(this.query.trim() ? 'Không có tổ nào khớp.' : 'Phường chưa có tổ nào đang hoạt động.') : html`<ul class="hits checks groups ${list.busy ? 'busy' : ''}" aria-label="Các tổ">${groups.map(g => {
        const members = this.members[`${this.wardId}|${g.id}`];
        return html`<li>
          <div class="group-row">
            <span>${this.nomineeBox({ wardId: this.wardId, groupId: g.id, memberId: null, name: g.name, groupName: g.name }, g.name, '(cả tổ – tập thể)')}</span>
            <button type="button" class="link" aria-expanded=${this.open[g.id] ? 'true' : 'false'} @click=${() => this.toggleGroup(g)}>
              ${this.open[g.id] ? 'Ẩn thành viên' : `Thành viên${g.activeMembers != null ? ` (${g.activeMembers})` : ''}`}<span class="visually-hidden"> của ${g.name}</span></button>
          </div>
          ${this.open[g.id] ? (!members ? loading() : members instanceof ApiError ? failed(members) : html`<ul class="members" aria-label="Thành viên của ${g.name}">${members.map(m => html`<li>
            ${this.nomineeBox({ wardId: this.wardId, groupId: g.id, memberId: m.id, name: m.fullName, groupName: g.name }, m.fullName, m.roleName)}</li>`)}</ul>`) : nothing}
        </li>`;
      })}</ul>`}
      ${list.controls('Các tổ, trang')}
    </section>`;
  }

  summary() {
    const { campaign, items } = this.result;
    return html`<div class="alert ok" role="status"><p><strong>Đã gửi ${items.length} đề nghị khen thưởng.</strong>
      Mỗi đề nghị đang được kiểm tra điều kiện rồi chuyển sang bước tiếp theo.</p></div>
      <section aria-labelledby="sent-h"><h2 id="sent-h">Các đề nghị vừa gửi</h2>
        <ul class="hits">${items.map(n => html`<li><a href="/khen-thuong/${enc(n.id)}">${n.nomineeName}</a>
          <span class="meta">${n.nomineeType === 'collective' ? 'Tập thể' : n.groupName} · ${n.awardName} (${n.period})</span></li>`)}</ul>
        <div class="toolbar"><a class="button" href="/khen-thuong?dot=${enc(campaign)}">Xem các đề nghị của đợt này</a>
          <button type="button" @click=${() => this.restart()}>Lập đợt khác</button></div>
      </section>`;
  }
}

export class NominationPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
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
    // Checking eligibility and making the documents take the server a moment: read again until it is done (about a minute at most).
    if (WORKING.includes(this.view?.step) && this.app.page === this && (this.polls = (this.polls ?? 0) + 1) <= 60) setTimeout(() => { if (this.app.page === this) this.start(); }, 1000);
    else this.polls = 0;
  }

  async upload(file) {
    const r = await this.uploading.submit(requestId => api(`${this.url}/evidence?fileName=${enc(file.name)}`, { method: 'POST', file, requestId }));
    if (r) { this.uploading.done = `Đã đính kèm ${file.name}.`; await this.start(); }
  }

  /** The PDF read with the sign-in header, shown in the page from a local copy (blob:), which can also open in a new tab. */
  async preview(doc) {
    if (this.shown?.kind === doc.kind) { this.closePreview(); return; }
    const r = await this.downloading.submit(() => api(`${this.url}/documents/${doc.kind}/pdf`, { blob: true }));
    if (!r) return;
    this.closePreview();
    this.shown = { kind: doc.kind, url: URL.createObjectURL(r.data) };
    refresh();
  }
  closePreview() { if (this.shown) URL.revokeObjectURL(this.shown.url); this.shown = null; refresh(); }

  /** The decision and the certificate: preview the PDF, download it or the Word file. */
  documents(v) {
    const docs = v.outcome?.documents ?? [];
    if (docs.length === 0) return v.step === 'generating' ? html`<p class="state" role="status">Đang lập quyết định và giấy khen…</p>` : nothing;
    const kinds = [...new Set(docs.map(d => d.kind))];
    const get = (kind, format) => () => this.downloading.submit(() => download(`${this.url}/documents/${kind}/${format}`, `${kind}.${format}`));
    return html`<section aria-labelledby="docs-h"><h2 id="docs-h">Quyết định và giấy khen</h2>
      <ul class="docs">${kinds.map(kind => {
        const name = DOC_NAMES[kind] ?? kind; const has = f => docs.some(d => d.kind === kind && d.format === f);
        return html`<li><span class="doc-name">${name}</span><span class="doc-actions">
          ${has('pdf') ? html`<button type="button" aria-expanded=${this.shown?.kind === kind ? 'true' : 'false'} ?disabled=${this.downloading.busy}
            @click=${() => this.preview({ kind })}>${this.shown?.kind === kind ? 'Đóng bản xem' : 'Xem trước'}<span class="visually-hidden"> ${name}</span></button>
            <button type="button" ?disabled=${this.downloading.busy} @click=${get(kind, 'pdf')}>Tải PDF<span class="visually-hidden"> ${name}</span></button>` : nothing}
          ${has('docx') ? html`<button type="button" ?disabled=${this.downloading.busy} @click=${get(kind, 'docx')}>Tải bản Word<span class="visually-hidden"> ${name}</span></button>` : nothing}
        </span></li>`;
      })}</ul>
      ${formMessage(this.downloading)}
      ${this.shown ? html`<div class="pdf-preview">
        <p><a class="button" href=${this.shown.url} target="_blank" rel="noopener">Mở ${DOC_NAMES[this.shown.kind] ?? ''} trong thẻ mới</a>
          <span class="muted">để in, phóng to hoặc xem trên điện thoại</span></p>
        <iframe src=${this.shown.url} title="Bản xem trước: ${DOC_NAMES[this.shown.kind] ?? ''}"></iframe></div>` : nothing}
    </section>`;
  }

  /** What was checked against the register, in plain words, and what happens when a rule is not met. */
  eligibility(v) {
    const checks = html`<details class="checks-done"><summary>Những điều đã được đối chiếu với Sổ theo dõi</summary><ul>
      <li>Tổ đang hoạt động.</li>
      ${v.nomineeType === 'individual' ? html`<li>Người được đề nghị đang sinh hoạt tại tổ và đã tham gia tổ đủ thời gian quy định.</li>` : nothing}
      <li>Tổ đã được đánh giá trong lần rà soát gần nhất và đạt mức xếp loại quy định trở lên.</li>
      <li>Chưa được tặng cùng hình thức khen thưởng này trong cùng năm, đợt.</li></ul></details>`;
    const override = v.timeline?.find(t => t.step === 'eligibility-override');
    let body;
    if (v.eligibilityProblems?.length) {
      body = html`<div class="alert warn"><p><strong>Theo Sổ theo dõi, đề nghị này chưa đủ điều kiện vì:</strong></p>
        <ul>${v.eligibilityProblems.map(p => html`<li>${p}</li>`)}</ul>
        ${override ? html`<p>${override.actorName} đã quyết định: <strong>${override.outcomeName}</strong>${override.comment ? html`, với ý kiến: “${override.comment}”` : '.'}</p>`
          : v.step === 'eligibility-override' ? html`<p>Đề nghị chưa bị từ chối. ${unitWords().police} xem xét từng trường hợp: có thể cho xét ngoại lệ (ghi rõ lý do) để đề nghị đi tiếp,
            hoặc không chấp nhận thì đề nghị kết thúc. Đơn vị đề nghị có thể đính kèm thêm minh chứng để ${unitWords().police} có căn cứ.</p>` : nothing}</div>`;
    } else if (v.status === 'nominated' && !v.outcome) {
      body = html`<p class="state" role="status">Đang đối chiếu với Sổ theo dõi…</p>`;
    } else {
      body = html`<p class="alert ok">Đủ điều kiện theo Sổ theo dõi.</p>`;
    }
    return html`<section aria-labelledby="elig-h"><h2 id="elig-h">Điều kiện khen thưởng</h2>${body}${checks}</section>`;
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
      ${v.step === 'revision' ? returnBanner(latestReturn(v.timeline), 'Đề nghị', 'Bổ sung hồ sơ theo ý kiến trên rồi gửi lại.') : nothing}
      ${stepSummary(v)}
      ${this.eligibility(v)}
      ${v.outcome ? html`<p class="alert ${v.outcome.result === 'approved' ? 'ok' : 'warn'}"><strong>${v.outcome.resultName}.</strong>
        ${v.outcome.decisionNumber ? `Quyết định ${v.outcome.decisionNumber} ngày ${fmtDate(v.outcome.decisionDate)}. ` : ''}${v.outcome.reason ?? ''}</p>` : nothing}
      ${this.documents(v)}
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

/**
 * A member's or a group's commendation history (awards decided), as a section of the register's member
 * and group pages; each award links to its nomination (decision, certificate, timeline).
 */
export class CommendationHistory {
  constructor(wardId, nomineeId) { this.wardId = wardId; this.nomineeId = nomineeId; this.items = null; this.error = null; }

  async load() {
    try { this.items = (await api(`/api/wards/${enc(this.wardId)}/commendations/${enc(this.nomineeId)}`)).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    return html`<section aria-labelledby="awards-h"><h2 id="awards-h">Khen thưởng đã nhận</h2>
      ${this.error ? failed(this.error, () => this.load()) : !this.items ? loading() : this.items.length === 0 ? empty('Chưa được khen thưởng lần nào.') : html`
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Khen thưởng đã nhận</caption>
        <thead><tr><th scope="col">Hình thức</th><th scope="col">Năm, đợt</th><th scope="col">Quyết định</th></tr></thead>
        <tbody>${this.items.map(a => html`<tr>
          <th scope="row"><a href="/khen-thuong/${enc(a.nominationId)}">${a.awardName}</a></th>
          <td data-label="Năm, đợt">${a.period}</td>
          <td data-label="Quyết định">Số ${a.decisionNumber} ngày ${fmtDate(a.decisionDate)}</td></tr>`)}</tbody></table></div>`}
    </section>`;
  }
}
