// Hỗ trợ kinh phí, thăm hỏi Lễ, Tết (from non-budget sources): a ward's rounds and this year's figures
// → prepare or revise a round (beneficiaries picked from the register, an amount and/or a gift each)
// → one round (the chairman's decision, the receipt list to download, the signed list to upload).
// Buttons come from the server's "actions" (and the list's "create").
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtNumber, Form, field, formMessage, submitButton, Pager, allPages, groupPicker } from '../ui.js';
import { api, download, versioned, ApiError } from '../api.js';
import { ActionPanel, untilMoved, timeline, stepSummary, latestReturn, returnBanner } from './workflow.js';

const enc = encodeURIComponent;
const wardUrl = w => `/api/wards/${enc(w)}`;
const roundUrl = (w, id) => `${wardUrl(w)}/support-rounds/${enc(id)}`;
const KINDS = [['holiday-care', 'Thăm hỏi dịp Lễ, Tết'], ['funding', 'Hỗ trợ kinh phí hoạt động']];
const FUND_TYPES = [['sponsor', 'Nhà tài trợ'], ['fund', 'Quỹ'], ['voluntary', 'Đóng góp tự nguyện'], ['other', 'Nguồn khác']];
const money = n => (n === null || n === undefined ? '' : `${fmtNumber(n)} đồng`);
const AMOUNT_INVALID = 'Số tiền phải là số đồng nguyên lớn hơn 0, ví dụ 500.000.';
const statusTag = r => html`<span class="tag ${r.status === 'approved' || r.status === 'disbursed' ? 'ok' : r.status === 'returned' ? 'bad' : 'muted'}">${r.statusName}</span>`;

/** A message for the next round page (e.g. a decision sent from the list). */
let flash = null;

function crumbs(app, wardId, items) {
  const all = [...(app.isDistrict ? [['/ho-tro', 'Hỗ trợ, thăm hỏi']] : []), [`/ho-tro/${enc(wardId)}`, `Phường ${app.wardName(wardId)}`], ...items];
  if (all.length < 2) return nothing;
  return html`<nav class="crumbs" aria-label="Vị trí"><ol>${all.map(([href, text], i) =>
    html`<li>${i === all.length - 1 ? html`<span aria-current="page">${text}</span>` : html`<a href=${href}>${text}</a>`}</li>`)}</ol></nav>`;
}

// ---- the wards (district roles) -------------------------------------------------------------------

export class SupportWardsPage {
  title = 'Hỗ trợ, thăm hỏi';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) { this.app = app; this.rows = null; this.error = null; }

  async start() {
    if (!this.app.isDistrict && this.app.me.wardId) return this.app.navigate(`/ho-tro/${enc(this.app.me.wardId)}`, { replace: true });
    try {
      this.rows = await Promise.all(this.app.wards.map(async w => ({ ward: w, summary: (await api(`${wardUrl(w.id)}/support-summary`)).data })));
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    const head = html`<h1 tabindex="-1">Hỗ trợ kinh phí, thăm hỏi Lễ, Tết</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.rows) return html`${head}${loading()}`;
    const year = this.rows[0]?.summary.year ?? new Date().getFullYear();
    return html`${head}
      <p class="note">Các đợt hỗ trợ đã duyệt trong năm ${year}, từ các nguồn ngoài ngân sách, theo từng phường.</p>
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các phường</caption>
        <thead><tr><th scope="col">Phường</th><th scope="col" class="n">Số đợt</th><th scope="col" class="n">Lượt người, tổ nhận</th><th scope="col" class="n">Số tiền</th></tr></thead>
        <tbody>${this.rows.map(({ ward, summary: s }) => html`<tr>
          <th scope="row"><a href="/ho-tro/${enc(ward.id)}">${ward.name}</a></th>
          <td class="n" data-label="Số đợt">${fmtNumber(s.thisYear.rounds)}</td>
          <td class="n" data-label="Lượt nhận">${fmtNumber(s.thisYear.beneficiaries)}</td>
          <td class="n" data-label="Số tiền">${money(s.thisYear.amount)}</td></tr>`)}</tbody>
      </table></div>`;
  }
}

// ---- a ward's rounds ----------------------------------------------------------------------------------

export class SupportRoundsPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.summary = null; this.create = null; this.error = null;
    // The ward's rounds, last changed first, a page at a time as the API reads them; the page also says whether this person may create one.
    this.list = new Pager(async (token, size) => {
      const page = (await api(`${wardUrl(this.wardId)}/support-rounds?pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`)).data;
      this.create = page.create ?? null;
      return page;
    }, 25);
  }
  get title() { return `Hỗ trợ, thăm hỏi – Phường ${this.app.wardName(this.wardId)}`; }

  async start() {
    try {
      const [s] = await Promise.all([api(`${wardUrl(this.wardId)}/support-summary`), this.list.reset()]);
      this.summary = s.data; this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  rounds() {
    const l = this.list;
    if (l.error) return failed(l.error, () => l.go(l.index));
    if (!l.items) return loading();
    if (l.items.length === 0 && l.index === 0) return empty('Phường chưa lập đợt hỗ trợ nào.');
    return html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Các đợt hỗ trợ</caption>
          <thead><tr><th scope="col">Đợt hỗ trợ</th><th scope="col">Nguồn kinh phí</th><th scope="col" class="n">Người, tổ nhận</th><th scope="col" class="n">Tổng tiền</th><th scope="col">Tình trạng</th></tr></thead>
          <tbody>${l.items.map(r => html`<tr>
            <th scope="row"><a href="/ho-tro/${enc(this.wardId)}/${enc(r.id)}">${r.name}</a><span class="sub">${r.kindName}</span></th>
            <td data-label="Nguồn kinh phí">${r.fundName}<span class="sub">${r.fundTypeName}</span></td>
            <td class="n" data-label="Người, tổ nhận">${fmtNumber(r.beneficiaries)}</td>
            <td class="n" data-label="Tổng tiền">${money(r.total)}</td>
            <td data-label="Tình trạng">${statusTag(r)}${r.approvedAt ? html`<span class="sub">Duyệt ngày ${fmtDate(r.approvedAt)}</span>` : nothing}</td></tr>`)}</tbody>
        </table></div>${l.controls()}`;
  }

  render() {
    const head = html`${crumbs(this.app, this.wardId, [])}<h1 tabindex="-1">Hỗ trợ kinh phí, thăm hỏi Lễ, Tết<span class="sub">Phường ${this.app.wardName(this.wardId)}</span></h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.summary) return html`${head}${loading()}`;
    const s = this.summary; const y = s.thisYear;
    const byType = Object.entries(y.amountByFundType ?? {});
    return html`${head}
      <ul class="tiles" aria-label="Số liệu năm ${s.year}">
        <li><span class="num">${fmtNumber(y.rounds)}</span> đợt đã duyệt năm ${s.year}</li>
        <li><span class="num">${fmtNumber(y.beneficiaries)}</span> lượt người, tổ được nhận</li>
        <li class="good"><span class="num">${fmtNumber(y.amount)}</span> đồng đã trao</li>
        <li>${byType.length === 0 ? 'Chưa có nguồn kinh phí nào trong năm' : byType.map(([k, v]) => html`<span class="line">${s.fundTypeNames[k] ?? k}: <strong>${fmtNumber(v)}</strong> đồng</span> `)}</li>
      </ul>
      <p class="note">Kinh phí hỗ trợ và thăm hỏi được vận động từ các nguồn ngoài ngân sách nhà nước (nhà tài trợ, quỹ, đóng góp tự nguyện).</p>
      ${this.create ? html`<div class="toolbar"><a class="button primary" href="/ho-tro/${enc(this.wardId)}/lap-moi">${this.create.name}</a></div>` : nothing}
      <section aria-labelledby="rounds-h">
        <h2 id="rounds-h">Các đợt hỗ trợ</h2>
        ${this.rounds()}
      </section>`;
  }
}

// ---- prepare or revise a round ------------------------------------------------------------------------

export class SupportFormPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.roundId = params.roundId ?? null;
    this.form = null; this.error = null; this.groups = null; this.members = {}; this.rows = []; this.current = null;
    this.pick = { groupId: '', who: '' };
    // The group picked: searched on the server (a ward of thousands of groups), not a select of them all.
    this.picker = groupPicker(wardUrl(this.wardId)); this.picking = new Form({ groupId: '' });
  }
  get title() { return this.roundId ? 'Sửa đợt hỗ trợ' : 'Lập đợt hỗ trợ'; }

  async start() {
    try {
      await this.picker.start();
      if (this.picker.pager.error) throw this.picker.pager.error;
      if (this.roundId) {
        const r = versioned(await api(roundUrl(this.wardId, this.roundId)));
        this.current = r;
        this.form = new Form({ kind: r.kind, name: r.name, 'fund.name': r.fund.name, 'fund.type': r.fund.type, note: r.note ?? '' }, { guard: true });
        this.rows = r.beneficiaries.map(b => ({ ...b, amount: b.amount === null ? '' : fmtNumber(b.amount), gift: b.gift ?? '' }));
      } else {
        this.form = new Form({ kind: 'holiday-care', name: '', 'fund.name': '', 'fund.type': 'sponsor', note: '' }, { guard: true });
      }
      this.pick.groupId = this.picking.values.groupId = this.picker.pager.items?.[0]?.id ?? '';
      await this.loadMembers();
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async loadMembers() {
    const g = this.pick.groupId;
    if (g && !this.members[g]) this.members[g] = await allPages(`${wardUrl(this.wardId)}/groups/${enc(g)}/members?status=active`);
    this.pick.who = 'group';
    refresh();
  }

  /** The group picked, as the picker last listed it. */
  get pickedGroup() {
    const id = this.pick.groupId;
    return id ? { id, name: this.picker.chosen.get(id) ?? '' } : null;
  }

  add() {
    const group = this.pickedGroup;
    if (!group) return;
    if (this.pick.who === 'group') this.addOne({ type: 'group', id: group.id, name: group.name, groupName: group.name, roleName: null });
    else {
      const m = (this.members[group.id] ?? []).find(x => x.id === this.pick.who);
      if (m) this.addOne({ type: 'member', id: m.id, name: m.fullName, groupName: group.name, roleName: m.roleName });
    }
    refresh();
  }

  addOne(b) { if (!this.rows.some(r => r.id === b.id)) { this.rows.push({ ...b, amount: '', gift: '' }); this.form.markChanged(); } this.form.set('beneficiaries', this.form.values.beneficiaries); }

  /** Every active group's leader and deputies (the usual list of a Tết visit): every page of the ward's groups. */
  async addLeaders() {
    this.addingLeaders = true; refresh();
    try { this.groups ??= await allPages(`${wardUrl(this.wardId)}/groups?status=active`); }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.form.error = e; return; }
    finally { this.addingLeaders = false; refresh(); }
    for (const g of this.groups) {
      if (g.leader) this.addOne({ type: 'member', id: g.leader.id, name: g.leader.fullName, groupName: g.name, roleName: 'Tổ trưởng' });
      for (const d of g.deputies) this.addOne({ type: 'member', id: d.id, name: d.fullName, groupName: g.name, roleName: 'Tổ phó' });
    }
    refresh();
  }

  remove(i) { this.rows.splice(i, 1); this.form.markChanged(); this.form.errors = {}; this.form.error = null; refresh(); }

  async save(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    const local = { name: v.name.trim() ? null : 'Vui lòng nhập tên đợt hỗ trợ (ví dụ: Thăm hỏi Tết Nguyên đán 2027).',
      'fund.name': v['fund.name'].trim() ? null : 'Vui lòng nhập tên nguồn kinh phí (nhà tài trợ, quỹ hoặc đóng góp).',
      beneficiaries: this.rows.length ? null : 'Vui lòng chọn ít nhất một tổ hoặc một người được hỗ trợ.' };
    const amounts = this.rows.map((r, i) => {
      const raw = String(r.amount ?? '').replace(/[.\s,]/g, '');
      if (!raw) { if (!r.gift.trim()) local[`beneficiaries[${i}].amount`] = 'Vui lòng nhập số tiền hoặc quà tặng.'; return null; }
      if (!/^\d{1,12}$/.test(raw) || Number(raw) <= 0) { local[`beneficiaries[${i}].amount`] = AMOUNT_INVALID; return null; }
      return Number(raw);
    });
    if (!f.check(local)) return;
    const body = {
      kind: v.kind, name: v.name.trim(), fund: { name: v['fund.name'].trim(), type: v['fund.type'] }, note: v.note.trim() || null,
      beneficiaries: this.rows.map((r, i) => ({ type: r.type, id: r.id, amount: amounts[i], gift: r.gift.trim() || null })),
    };
    const r = await f.submit(requestId => this.roundId
      ? api(roundUrl(this.wardId, this.roundId), { method: 'PUT', body, etag: this.current.etag, requestId })
      : api(`${wardUrl(this.wardId)}/support-rounds`, { method: 'POST', body, requestId }));
    if (!r) {
      if (f.error?.status === 412) {
        f.error = new ApiError(412, { title: 'Người khác vừa sửa đợt hỗ trợ này.', detail: 'Nội dung bạn nhập vẫn còn. Hãy mở lại đợt hỗ trợ mới nhất rồi sửa lại.' });
        refresh();
      }
      return;
    }
    this.app.navigate(`/ho-tro/${enc(this.wardId)}/${enc(r.data.id)}`);
  }

  render() {
    const back = this.roundId ? [[`/ho-tro/${enc(this.wardId)}/${enc(this.roundId)}`, 'Đợt hỗ trợ'], ['', 'Sửa']] : [['', 'Lập đợt hỗ trợ']];
    const head = html`${crumbs(this.app, this.wardId, back)}<h1 tabindex="-1">${this.title}</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.form) return html`${head}${loading()}`;
    const f = this.form;
    const shown = ['kind', 'name', 'fund.name', 'fund.type', 'note', 'beneficiaries', ...this.rows.flatMap((_, i) => ['amount', 'gift', 'id', 'type'].map(k => `beneficiaries[${i}].${k}`))];
    const group = this.pickedGroup;
    const total = this.rows.reduce((s, r) => s + (Number(String(r.amount).replace(/[.\s,]/g, '')) || 0), 0);
    return html`${head}
      <form class="editor support-form" @submit=${e => this.save(e)} novalidate aria-labelledby="sf-h">
        <h2 id="sf-h" class="visually-hidden">${this.title}</h2>
        ${formMessage(f, shown)}
        <div class="grid">
          ${field(f, 'kind', 'Loại hỗ trợ', { type: 'select', options: KINDS })}
          ${field(f, 'name', 'Tên đợt hỗ trợ', { required: true, maxlength: 200, placeholder: 'ví dụ: Thăm hỏi Tết 2027' })}
          ${field(f, 'fund.name', 'Nguồn kinh phí', { required: true, maxlength: 200, hint: 'Tên nhà tài trợ, quỹ hoặc nguồn đóng góp. Không dùng ngân sách nhà nước.' })}
          ${field(f, 'fund.type', 'Loại nguồn', { type: 'select', options: FUND_TYPES })}
          ${field(f, 'note', 'Ghi chú (không bắt buộc)', { type: 'textarea', wide: true, rows: 2 })}
        </div>

        <fieldset class="beneficiaries">
          <legend>Người, tổ được hỗ trợ (${this.rows.length}) · Tổng: ${fmtNumber(total)} đồng</legend>
          ${f.errorFor('beneficiaries') ? html`<p class="error" id="sf-ben-error">${f.errorFor('beneficiaries')}</p>` : nothing}
          <div class="pick-row">
            <div @change=${e => { if (e.target.tagName === 'SELECT') { this.pick.groupId = this.picking.values.groupId; this.loadMembers(); } }}>
              ${this.picker.render(this.picking, 'groupId', 'Tổ')}</div>
            <div class="field"><label for="sf-pick-who">Người nhận</label>
              <select id="sf-pick-who" @change=${e => { this.pick.who = e.target.value; }}>
                <option value="group" ?selected=${this.pick.who === 'group'}>Cả tổ (hỗ trợ cho tổ)</option>
                ${(this.members[this.pick.groupId] ?? []).map(m => html`<option value=${m.id} ?selected=${this.pick.who === m.id}>${m.fullName} – ${m.roleName}</option>`)}
              </select></div>
            <div class="pick-buttons">
              <button type="button" ?disabled=${!group} @click=${() => this.add()}>Thêm vào danh sách</button>
              <button type="button" ?disabled=${this.addingLeaders} @click=${() => this.addLeaders()}>Thêm tất cả tổ trưởng, tổ phó</button>
            </div>
          </div>
          ${this.rows.length === 0 ? html`<p class="muted">Chưa chọn ai.</p>` : html`<div class="table-wrap stack"><table class="beneficiary-rows">
            <caption class="visually-hidden">Danh sách người, tổ được hỗ trợ</caption>
            <thead><tr><th scope="col">Người, tổ nhận</th><th scope="col">Số tiền (đồng)</th><th scope="col">Quà tặng</th><th scope="col"><span class="visually-hidden">Bỏ</span></th></tr></thead>
            <tbody>${this.rows.map((r, i) => this.row(r, i))}</tbody></table></div>`}
        </fieldset>
        <div class="actions">${submitButton(f, this.roundId ? 'Lưu bản sửa' : 'Lưu đợt hỗ trợ')}
          <a class="button" href=${this.roundId ? `/ho-tro/${enc(this.wardId)}/${enc(this.roundId)}` : `/ho-tro/${enc(this.wardId)}`}>Hủy</a></div>
      </form>`;
  }

  row(r, i) {
    const f = this.form;
    const input = (key, label, opts = {}) => {
      const id = `${f.id}-b${i}-${key}`; const error = f.errorFor(`beneficiaries[${i}].${key}`) || (key === 'amount' ? f.errorFor(`beneficiaries[${i}].id`) : '');
      return html`<td data-label=${label} class=${error ? 'has-error' : ''}>
        <label for=${id} class="visually-hidden">${label}: ${r.name}</label>
        <input id=${id} type="text" .value=${r[key]} maxlength=${opts.maxlength} inputmode=${opts.numeric ? 'numeric' : nothing}
          placeholder=${opts.placeholder ?? nothing} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
          @input=${e => { r[key] = e.target.value; f.markChanged(); if (error) { f.set(`beneficiaries[${i}].${key}`, r[key]); } }}>
        ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}</td>`;
    };
    return html`<tr>
      <th scope="row">${r.name}<span class="sub">${r.type === 'group' ? 'Tổ' : `${r.roleName ?? ''} · ${r.groupName}`}</span></th>
      ${input('amount', 'Số tiền (đồng)', { numeric: true, maxlength: 15, placeholder: 'ví dụ 500.000' })}
      ${input('gift', 'Quà tặng', { maxlength: 200 })}
      <td class="row-actions"><button type="button" class="link" @click=${() => this.remove(i)}>Bỏ<span class="visually-hidden"> ${r.name}</span></button></td></tr>`;
  }
}

// ---- one round ------------------------------------------------------------------------------------------

export class SupportRoundPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.id = params.roundId; this.view = null; this.error = null;
    this.panel = new ActionPanel(() => this.moved()); this.acting = new Form(); this.uploading = new Form(); this.downloading = new Form();
    this.flash = flash; flash = null;
  }
  get url() { return roundUrl(this.wardId, this.id); }
  get title() { return this.view ? this.view.name : 'Đợt hỗ trợ'; }
  action(kind) { return this.view?.actions?.find(a => a.kind === kind); }

  async start() {
    try { this.view = versioned(await api(this.url)); this.error = null; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  /** After a decision, the workflow moves a moment later: read again until it has. */
  async moved() {
    const read = async () => (await api(this.url)).data;
    let view = await untilMoved(read, this.view);
    // Pending or returned, the round waits at a step: read until the workflow has opened it (its buttons come with it).
    for (const until = Date.now() + 30_000; ['pending', 'returned'].includes(view.status) && !view.step && Date.now() < until;) {
      await new Promise(r => setTimeout(r, 500));
      view = await read();
    }
    this.view = versioned({ data: view });
    this.app.refreshCounts();
    refresh();
  }

  async submit(a) {
    const r = await this.acting.submit(requestId => api(a.href, { method: a.method, requestId }));
    if (r) { this.acting.done = 'Đã gửi Chủ tịch UBND phường duyệt.'; await this.moved(); }
  }

  async upload(a, file) {
    const r = await this.uploading.submit(requestId => api(`${a.href}?fileName=${enc(file.name)}`, { method: 'POST', file, requestId }));
    if (r) { this.view = versioned(r); this.uploading.done = `Đã tải lên ${file.name}. Đợt hỗ trợ được ghi nhận là đã trao.`; refresh(); }
  }

  render() {
    const head = title => crumbs(this.app, this.wardId, [['', title]]);
    if (this.error) return html`${head('Đợt hỗ trợ')}<h1 tabindex="-1">Đợt hỗ trợ</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${head('Đợt hỗ trợ')}<h1 tabindex="-1">Đợt hỗ trợ</h1>${loading()}`;
    const r = this.view;
    const edit = this.action('edit'); const submit = this.action('submit'); const upload = this.action('upload-signed');
    const downloads = ['download-xlsx', 'download-pdf', 'download-docx'].map(k => this.action(k)).filter(Boolean); const signed = this.action('download-signed');
    return html`${head(r.name)}
      <div class="title-row"><h1 tabindex="-1">${r.name}<span class="sub">${r.kindName} · Phường ${r.wardName}</span></h1>${statusTag(r)}</div>
      ${this.flash ? html`<p class="alert warn" role="alert">${this.flash}</p>` : nothing}
      ${r.status === 'returned' ? returnBanner(latestReturn(r.trail), 'Đợt hỗ trợ', 'Sửa đợt hỗ trợ theo ý kiến trên rồi gửi lại.') : nothing}
      <dl class="facts">
        <div><dt>Nguồn kinh phí</dt><dd>${r.fund.name} (${r.fundTypeName})</dd></div>
        <div><dt>Tổng tiền</dt><dd>${money(r.total)}</dd></div>
        <div><dt>Số người, tổ nhận</dt><dd>${fmtNumber(r.beneficiaries.length)}</dd></div>
        <div><dt>Người lập</dt><dd>${r.createdByName} · ${fmtDateTime(r.createdAt)}</dd></div>
        ${r.approvedAt ? html`<div><dt>Duyệt</dt><dd>${r.approvedByName} · ${fmtDateTime(r.approvedAt)}</dd></div>` : nothing}
        ${r.note ? html`<div><dt>Ghi chú</dt><dd>${r.note}</dd></div>` : nothing}
      </dl>
      ${r.step ? stepSummary(r) : nothing}
      ${edit || submit ? html`<div class="toolbar">
        ${edit ? html`<a class="button" href="/ho-tro/${enc(this.wardId)}/${enc(this.id)}/sua">${edit.name}</a>` : nothing}
        ${submit ? html`<button type="button" class="primary" ?disabled=${this.acting.busy} @click=${() => this.submit(submit)}>${submit.name}</button>` : nothing}
      </div>` : nothing}
      ${formMessage(this.acting)}
      ${this.panel.render(r.actions)}

      ${downloads.length || upload || signed ? html`<section aria-labelledby="list-h"><h2 id="list-h">Danh sách ký nhận</h2>
        <div class="toolbar">
          ${downloads.map(a => html`<button type="button" ?disabled=${this.downloading.busy}
            @click=${() => this.downloading.submit(() => download(a.href, `danh-sach-ky-nhan.${a.kind.slice('download-'.length)}`))}>${a.name}</button>`)}
          ${signed ? html`<button type="button" ?disabled=${this.downloading.busy} @click=${() => this.downloading.submit(() => download(signed.href, r.signed.name))}>${signed.name}</button>` : nothing}
        </div>
        ${formMessage(this.downloading)}
        ${r.signed ? html`<p class="muted">Danh sách đã ký: ${r.signed.name} · ${r.signed.uploadedBy} · ${fmtDateTime(r.signed.uploadedAt)}</p>` : nothing}
        ${upload ? html`<div class="file-pick">
          <input id="signed-file" class="visually-hidden" type="file" accept=".pdf,.jpg,.jpeg,.png" aria-describedby="signed-hint"
            @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.upload(upload, file); }}>
          <label for="signed-file" class="button primary">${upload.name}…</label></div>
          <p class="hint" id="signed-hint">Bản chụp hoặc bản quét danh sách đã có chữ ký người nhận: PDF hoặc ảnh (.jpg, .png), tối đa 20 MB.</p>
          ${formMessage(this.uploading)}` : nothing}
      </section>` : nothing}

      <section aria-labelledby="ben-h"><h2 id="ben-h">Người, tổ được hỗ trợ</h2>
        <div class="table-wrap stack"><table>
          <caption class="visually-hidden">Người, tổ được hỗ trợ</caption>
          <thead><tr><th scope="col">Họ và tên / Tổ</th><th scope="col">Tổ, vai trò</th><th scope="col" class="n">Số tiền</th><th scope="col">Quà tặng</th></tr></thead>
          <tbody>${r.beneficiaries.map(b => html`<tr>
            <th scope="row">${b.type === 'group' ? b.name : html`<a href="/so-theo-doi/${enc(this.wardId)}/to/${enc(b.groupId)}/thanh-vien/${enc(b.id)}">${b.name}</a>`}</th>
            <td data-label="Tổ, vai trò">${b.type === 'group' ? 'Tổ' : `${b.roleName ?? ''} · ${b.groupName}`}</td>
            <td class="n" data-label="Số tiền">${money(b.amount)}</td>
            <td data-label="Quà tặng">${b.gift ?? ''}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">Tổng cộng</th><td></td><td class="n" data-label="Tổng">${money(r.total)}</td><td></td></tr></tfoot>
        </table></div>
      </section>

      <section aria-labelledby="trail-h"><h2 id="trail-h">Quá trình xử lý</h2>${timeline(r.trail)}</section>`;
  }
}

// ---- a beneficiary's support (on the register's group and member pages) -----------------------------

export class SupportHistory {
  constructor(wardId, beneficiaryId) { this.wardId = wardId; this.beneficiaryId = beneficiaryId; this.items = null; this.error = null; }

  async load() {
    try { this.items = (await api(`${wardUrl(this.wardId)}/support-history/${enc(this.beneficiaryId)}`)).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    return html`<section aria-labelledby="support-h"><h2 id="support-h">Hỗ trợ, thăm hỏi đã nhận</h2>
      ${this.error ? failed(this.error, () => this.load()) : !this.items ? loading() : this.items.length === 0 ? empty('Chưa nhận hỗ trợ, thăm hỏi lần nào.') : html`
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Hỗ trợ, thăm hỏi đã nhận</caption>
        <thead><tr><th scope="col">Đợt hỗ trợ</th><th scope="col">Ngày duyệt</th><th scope="col" class="n">Số tiền</th><th scope="col">Quà tặng</th><th scope="col">Nguồn kinh phí</th></tr></thead>
        <tbody>${this.items.map(h => html`<tr>
          <th scope="row"><a href="/ho-tro/${enc(this.wardId)}/${enc(h.roundId)}">${h.roundName}</a><span class="sub">${h.kindName}</span></th>
          <td data-label="Ngày duyệt">${fmtDate(h.approvedOn)}</td>
          <td class="n" data-label="Số tiền">${money(h.amount)}</td>
          <td data-label="Quà tặng">${h.gift ?? ''}</td>
          <td data-label="Nguồn kinh phí">${h.fundName}<span class="sub">${h.fundTypeName}</span></td></tr>`)}</tbody></table></div>`}
    </section>`;
  }
}
