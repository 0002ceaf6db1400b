// Sổ theo dõi: wards → a ward with its counters and groups → a group (members, history, audit) → a member.
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtNumber, Form, field, formMessage, submitButton, Pager, isoFromVn, todayVn, DATE_INVALID } from '../ui.js';
import { api, download, versioned, ApiError } from '../api.js';
import { Editor } from './editor.js';
import { CommendationHistory } from './commendations.js';
import { TrainingHistory } from './training.js';
import { SupportHistory } from './support.js';

const enc = encodeURIComponent;
const wardUrl = w => `/api/wards/${enc(w)}`;
const groupUrl = (w, g) => `${wardUrl(w)}/groups/${enc(g)}`;
const memberUrl = (w, g, m) => `${groupUrl(w, g)}/members/${enc(m)}`;

const GROUP_STATUSES = [['active', 'Đang hoạt động'], ['merged', 'Đã sáp nhập'], ['split', 'Đã chia tách'], ['dissolved', 'Đã giải thể'], ['', 'Tất cả']];
const MEMBER_STATUSES = [['active', 'Đang sinh hoạt'], ['left', 'Đã rời tổ'], ['', 'Tất cả']];
const GENDERS = [['', '(chưa rõ)'], ['male', 'Nam'], ['female', 'Nữ']];

const GROUP_FIELDS = [
  { name: 'name', label: 'Tên tổ', required: true },
  { name: 'area', label: 'Địa bàn', wide: true },
  { name: 'households', label: 'Số hộ', type: 'number', inputmode: 'numeric', min: 0, max: 10000 },
  { name: 'establishedOn', label: 'Ngày thành lập', type: 'date' },
  { name: 'establishedByDecision', label: 'Quyết định thành lập' },
];
const MEMBER_FIELDS = [
  { name: 'fullName', label: 'Họ và tên', required: true, autocomplete: 'off' },
  { name: 'gender', label: 'Giới tính', type: 'select', options: GENDERS },
  { name: 'birthYear', label: 'Năm sinh', type: 'number', inputmode: 'numeric' },
  { name: 'address', label: 'Địa chỉ', wide: true },
  { name: 'phone', label: 'Số điện thoại', inputmode: 'tel' },
  { name: 'citizenId', label: 'Số CCCD', inputmode: 'numeric' },
  { name: 'joinedOn', label: 'Ngày tham gia', type: 'date' },
];

function crumbs(app, items) {
  const all = app.isDistrict ? [['/so-theo-doi', 'Sổ theo dõi'], ...items] : items;
  if (all.length < 2) return nothing;
  return html`<nav class="crumbs" aria-label="Vị trí"><ol>${all.map(([href, text], i) =>
    html`<li>${i === all.length - 1 ? html`<span aria-current="page">${text}</span>` : html`<a href=${href}>${text}</a>`}</li>`)}</ol></nav>`;
}

const statusTag = (status, name) => html`<span class="tag ${status === 'active' ? 'ok' : 'muted'}">${name}</span>`;

async function guard(page, work) {
  try { await work(); page.error = null; } catch (e) { if (!(e instanceof ApiError)) throw e; page.error = e; }
  refresh();
}

function counterTiles(c) {
  if (!c) return nothing;
  return html`<ul class="tiles" aria-label="Số liệu">
    <li><span class="num">${fmtNumber(c.activeGroups)}</span> tổ đang hoạt động</li>
    <li><span class="num">${fmtNumber(c.activeMembers)}</span> thành viên</li>
    <li><span class="num">${fmtNumber(c.leaders)}</span> tổ trưởng · <span class="num small">${fmtNumber(c.deputies)}</span> tổ phó</li>
    <li><span class="num">${fmtNumber(c.households)}</span> hộ gia đình</li>
  </ul>`;
}

// ---- wards (district roles) -----------------------------------------------------------------------

export class WardsPage {
  title = 'Sổ theo dõi';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) { this.app = app; this.wards = null; this.error = null; this.exporting = new Form(); }

  start() {
    if (!this.app.isDistrict && this.app.me.wardId) return this.app.navigate(`/so-theo-doi/${enc(this.app.me.wardId)}`, { replace: true });
    return guard(this, async () => {
      const list = (await api('/api/wards')).data;
      this.wards = await Promise.all(list.map(async w => (await api(wardUrl(w.id))).data));
    });
  }

  render() {
    const head = html`<h1 tabindex="-1">Sổ theo dõi Tổ NDTQ</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.wards) return html`${head}${loading()}`;
    const total = k => this.wards.reduce((s, w) => s + (w.counters?.[k] ?? 0), 0);
    return html`${head}
      ${counterTiles({ activeGroups: total('activeGroups'), activeMembers: total('activeMembers'), leaders: total('leaders'), deputies: total('deputies'), households: total('households') })}
      <div class="toolbar">
        <button type="button" ?disabled=${this.exporting.busy} @click=${() => this.exporting.submit(() => download('/api/export', 'so-to-ndtq-toan-quan.xlsx'))}>
          ${this.exporting.busy ? 'Đang xuất…' : 'Xuất tệp Excel các phường'}</button>
      </div>
      ${formMessage(this.exporting)}
      ${this.wards.length === 0 ? empty('Chưa có phường nào.') : html`
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các phường</caption>
        <thead><tr><th scope="col">Phường</th><th scope="col" class="n">Tổ đang hoạt động</th><th scope="col" class="n">Thành viên</th><th scope="col" class="n">Hộ</th></tr></thead>
        <tbody>${this.wards.map(w => html`<tr>
          <th scope="row"><a href="/so-theo-doi/${enc(w.id)}">${w.name}</a></th>
          <td class="n" data-label="Tổ đang hoạt động">${fmtNumber(w.counters?.activeGroups)}</td><td class="n" data-label="Thành viên">${fmtNumber(w.counters?.activeMembers)}</td><td class="n" data-label="Hộ">${fmtNumber(w.counters?.households)}</td>
        </tr>`)}</tbody>
      </table></div>`}`;
  }
}

// ---- one ward -----------------------------------------------------------------------------------

export class WardPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.ward = null; this.error = null;
    this.status = 'active';
    // Searched on the server (q: words of the group's name or area) and paged: a ward of hundreds of groups is never loaded at once.
    this.groupQuery = '';
    this.groups = new Pager((token, size) => api(`${wardUrl(this.wardId)}/groups?pageSize=${size}${this.status ? `&status=${this.status}` : ''}${this.groupQuery.trim() ? `&q=${enc(this.groupQuery.trim())}` : ''}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data), 25);
    this.query = ''; this.searched = '';
    this.hits = new Pager((token, size) => api(`/api/members/search?q=${enc(this.searched)}&wardId=${enc(this.wardId)}&pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data), 20);
    this.exporting = new Form();
  }
  get title() { return this.ward ? `Phường ${this.ward.name}` : 'Phường'; }

  start() {
    this.groups.reset();
    return guard(this, async () => { this.ward = (await api(wardUrl(this.wardId))).data; document.title = `${this.title} – Tổ NDTQ`; });
  }

  search(e) {
    e.preventDefault();
    this.searched = this.query.trim();
    if (this.searched.length < 2) { this.hits.items = null; this.hits.error = new ApiError(400, { title: 'Nhập ít nhất 2 chữ cái để tìm.' }); refresh(); return; }
    this.hits.reset();
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Phường</h1>${failed(this.error, () => this.start())}`;
    if (!this.ward) return html`<h1 tabindex="-1">Phường</h1>${loading()}`;
    const officer = this.app.has('ward-officer');
    return html`
      ${crumbs(this.app, [[`/so-theo-doi/${enc(this.wardId)}`, `Phường ${this.ward.name}`]])}
      <h1 tabindex="-1">Phường ${this.ward.name}</h1>
      ${counterTiles(this.ward.counters)}
      <div class="toolbar">
        ${officer ? html`<a class="button primary" href="/so-theo-doi/${enc(this.wardId)}/nhap-tu-tep">Nhập từ tệp Excel/CSV</a>` : nothing}
        <a class="button" href="/bao-cao/${enc(this.wardId)}">Báo cáo số liệu của phường</a>
        <button type="button" ?disabled=${this.exporting.busy} @click=${() => this.exporting.submit(() => download(`${wardUrl(this.wardId)}/export`, `so-to-ndtq-${this.wardId}.xlsx`))}>
          ${this.exporting.busy ? 'Đang xuất…' : 'Xuất tệp Excel'}</button>
        <a class="button" href="/hop-to/${enc(this.wardId)}">Họp tổ, họp giao ban</a>
        <a class="button" href="/ho-tro/${enc(this.wardId)}">Hỗ trợ, thăm hỏi</a>
      </div>
      ${formMessage(this.exporting)}

      <section aria-labelledby="search-h">
        <h2 id="search-h">Tìm thành viên</h2>
        <form class="search" role="search" @submit=${e => this.search(e)}>
          <label for="q">Họ và tên (gõ có dấu hoặc không dấu)</label>
          <div class="inline">
            <input id="q" type="search" .value=${this.query} @input=${e => { this.query = e.target.value; }} placeholder="ví dụ: nguyen van an" autocomplete="off">
            <button type="submit" ?disabled=${this.hits.busy}>Tìm</button>
          </div>
        </form>
        ${this.hits.error ? failed(this.hits.error) : nothing}
        ${this.hits.busy && !this.hits.items ? loading('Đang tìm…') : nothing}
        ${this.hits.items ? (this.hits.items.length === 0 ? empty(`Không tìm thấy ai tên “${this.searched}”.`) : html`
          <ul class="hits">${this.hits.items.map(h => html`<li>
            <a href="/so-theo-doi/${enc(h.wardId)}/to/${enc(h.groupId)}/thanh-vien/${enc(h.memberId)}">${h.fullName}</a>
            <span class="meta">${h.roleName}${h.birthYear ? html` · sinh năm ${h.birthYear}` : nothing} · ${h.groupName} · ${h.statusName}</span></li>`)}</ul>
          ${this.hits.controls()}`) : nothing}
      </section>

      <section aria-labelledby="groups-h">
        <div class="section-head">
          <h2 id="groups-h">Các tổ</h2>
          <div class="filter">
            <label for="status">Trạng thái</label>
            <select id="status" @change=${e => { this.status = e.target.value; this.groups.reset(); }}>
              ${GROUP_STATUSES.map(([v, l]) => html`<option value=${v} ?selected=${v === this.status}>${l}</option>`)}
            </select>
          </div>
          <div class="filter">
            <label for="group-q">Tìm tổ</label>
            <input id="group-q" type="search" .value=${this.groupQuery} autocomplete="off" placeholder="ví dụ: tổ 17"
              @input=${e => { this.groupQuery = e.target.value; clearTimeout(this.groupTyping); this.groupTyping = setTimeout(() => this.groups.reset(), 300); }}>
          </div>
        </div>
        ${this.groups.error ? failed(this.groups.error, () => this.groups.go(this.groups.index)) : nothing}
        ${!this.groups.items ? loading() : this.groups.items.length === 0 ? empty(this.groupQuery.trim() ? `Không có tổ nào khớp “${this.groupQuery.trim()}”${this.groups.next ? ' ở trang này' : ''}.` : 'Không có tổ nào ở trạng thái này.') : html`
          <div class="table-wrap stack"><table class="groups ${this.groups.busy ? 'busy' : ''}">
            <caption class="visually-hidden">Các tổ của phường ${this.ward.name}</caption>
            <thead><tr><th scope="col">Tổ</th><th scope="col">Tổ trưởng</th><th scope="col" class="n">Thành viên</th><th scope="col" class="n">Hộ</th><th scope="col">Trạng thái</th></tr></thead>
            <tbody>${this.groups.items.map(g => html`<tr>
              <th scope="row"><a href="/so-theo-doi/${enc(this.wardId)}/to/${enc(g.id)}">${g.name}</a>${g.area ? html`<span class="sub">${g.area}</span>` : nothing}</th>
              <td data-label="Tổ trưởng">${g.leader?.fullName ?? html`<span class="muted">(chưa có)</span>`}</td>
              <td class="n" data-label="Thành viên">${g.activeMembers}</td><td class="n" data-label="Hộ">${g.households}</td>
              <td>${statusTag(g.status, g.statusName)}</td></tr>`)}</tbody>
          </table></div>
          ${this.groups.controls()}`}
      </section>`;
  }
}

// ---- one group ----------------------------------------------------------------------------------

export class GroupPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.groupId = params.groupId;
    this.group = null; this.ward = null; this.error = null;
    this.memberStatus = 'active';
    this.members = new Pager((token, size) => api(`${groupUrl(this.wardId, this.groupId)}/members?pageSize=${size}${this.memberStatus ? `&status=${this.memberStatus}` : ''}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data), 30);
    this.audit = new Pager((token, size) => api(`${wardUrl(this.wardId)}/audit?entityId=${enc(this.groupId)}&pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data), 10);
    this.editor = new Editor({ fields: GROUP_FIELDS, url: groupUrl(this.wardId, this.groupId), what: 'tổ này', onSaved: (g, o) => { this.group = g; if (!o?.keepEditing) this.audit.reset(); refresh(); } });
    this.adding = null;
    this.historyAt = new Form({ at: todayVn() }); this.snapshot = null;
    this.awards = new CommendationHistory(this.wardId, this.groupId);
    this.support = new SupportHistory(this.wardId, this.groupId);
  }
  get title() { return this.group?.name ?? 'Tổ'; }

  start() {
    this.members.reset(); this.audit.reset(); this.awards.load(); this.support.load();
    api(`${groupUrl(this.wardId, this.groupId)}/meeting-summary`).then(r => { this.meetings = r.data; refresh(); },
      e => { if (!(e instanceof ApiError)) throw e; this.meetings = e; refresh(); });
    return guard(this, async () => {
      const [g, w] = await Promise.all([api(groupUrl(this.wardId, this.groupId)), api(wardUrl(this.wardId))]);
      this.group = versioned(g); this.ward = w.data; document.title = `${this.title} – Tổ NDTQ`;
    });
  }

  /** Họp tổ: the last meeting and this year's count (kept with every meeting recorded), and the way to the meetings. */
  meetingSection() {
    const s = this.meetings;
    const base = `/hop-to/${enc(this.wardId)}`;
    return html`<section aria-labelledby="meet-h">
      <h2 id="meet-h">Họp tổ</h2>
      ${!s ? loading() : s instanceof ApiError ? failed(s, () => this.start()) : html`
        <p class="meeting-line"><span><strong>Họp gần nhất:</strong> ${s.lastMeeting ? fmtDate(s.lastMeeting) : '(chưa có biên bản họp)'}</span>
          ${s.overdue ? html`<span class="tag bad">Quá ${s.maxDaysWithoutMeeting} ngày chưa họp</span>` : nothing}
          <span><strong>Số cuộc họp năm ${s.year}:</strong> ${s.meetingsThisYear}</span></p>
        <div class="toolbar">
          <a class="button" href="${base}?to=${enc(this.groupId)}">Xem các cuộc họp của tổ</a>
          ${s.record ? html`<a class="button primary" href="${base}/ghi-moi?to=${enc(this.groupId)}">${s.record.label}</a>` : nothing}
        </div>`}
    </section>`;
  }

  openAdd() { this.adding = new Form({ fullName: '', gender: '', birthYear: '', address: '', phone: '', citizenId: '', joinedOn: todayVn() }, { guard: true }); refresh(); }

  async add(e) {
    e.preventDefault();
    const f = this.adding; const v = f.values;
    const joinedOn = isoFromVn(v.joinedOn);
    const ok = f.check({
      fullName: v.fullName.trim() ? null : 'Vui lòng nhập họ và tên.',
      birthYear: v.birthYear && !/^\d{4}$/.test(v.birthYear.trim()) ? 'Năm sinh gồm 4 chữ số, ví dụ 1975.' : null,
      joinedOn: joinedOn === undefined ? DATE_INVALID : null,
    });
    if (!ok) return;
    const body = { fullName: v.fullName.trim(), gender: v.gender || null, birthYear: v.birthYear ? Number(v.birthYear) : null,
      address: v.address.trim() || null, phone: v.phone.trim() || null, citizenId: v.citizenId.trim() || null, joinedOn };
    const r = await f.submit(requestId => api(`${groupUrl(this.wardId, this.groupId)}/members`, { method: 'POST', body, requestId }));
    if (r) {
      this.adding = null; this.added = r.data.fullName;
      this.members.reset(); this.audit.reset();
      this.group = versioned(await api(groupUrl(this.wardId, this.groupId)));
      refresh();
    }
  }

  async showHistory(e) {
    e.preventDefault();
    const f = this.historyAt; const at = isoFromVn(f.values.at);
    if (!f.check({ at: !at ? DATE_INVALID : null })) return;
    const r = await f.submit(() => api(`${groupUrl(this.wardId, this.groupId)}/history?at=${at}`));
    this.snapshot = r ? { at, ...r.data } : null;
    refresh();
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Tổ</h1>${failed(this.error, () => this.start())}`;
    if (!this.group) return html`<h1 tabindex="-1">Tổ</h1>${loading()}`;
    const g = this.group; const officer = this.app.has('ward-officer') && g.status === 'active';
    return html`
      ${crumbs(this.app, [[`/so-theo-doi/${enc(this.wardId)}`, `Phường ${this.ward?.name ?? ''}`], ['', g.name]])}
      <div class="title-row"><h1 tabindex="-1">${g.name}</h1>${statusTag(g.status, g.statusName)}</div>
      <dl class="facts">
        <div><dt>Địa bàn</dt><dd>${g.area || '—'}</dd></div>
        <div><dt>Số hộ</dt><dd>${g.households}</dd></div>
        <div><dt>Tổ trưởng</dt><dd>${g.leader?.fullName ?? '(chưa có)'}</dd></div>
        <div><dt>Tổ phó</dt><dd>${g.deputies.length ? g.deputies.map(d => d.fullName).join(', ') : '(chưa có)'}</dd></div>
        <div><dt>Thành viên đang sinh hoạt</dt><dd>${g.activeMembers}</dd></div>
        <div><dt>Ngày thành lập</dt><dd>${fmtDate(g.establishedOn) || '—'}${g.establishedByDecision ? html` · Quyết định ${g.establishedByDecision}` : nothing}</dd></div>
      </dl>
      ${officer && !this.editor.open ? html`<div class="toolbar"><button type="button" @click=${() => this.editor.begin(g)}>Sửa thông tin tổ</button></div>` : nothing}
      ${this.editor.render()}
      ${officer ? html`<p class="note">Thay tổ trưởng, tổ phó, sáp nhập, chia tách hay giải thể tổ phải qua tờ trình rà soát – kiện toàn.</p>` : nothing}
      ${this.meetingSection()}

      <section aria-labelledby="members-h">
        <div class="section-head">
          <h2 id="members-h">Thành viên</h2>
          <div class="filter">
            <label for="mstatus">Hiển thị</label>
            <select id="mstatus" @change=${e => { this.memberStatus = e.target.value; this.members.reset(); }}>
              ${MEMBER_STATUSES.map(([v, l]) => html`<option value=${v} ?selected=${v === this.memberStatus}>${l}</option>`)}
            </select>
          </div>
        </div>
        ${officer && !this.adding ? html`<div class="toolbar"><button type="button" class="primary" @click=${() => this.openAdd()}>Thêm thành viên</button></div>` : nothing}
        ${this.added && !this.adding ? html`<p class="alert ok" role="status">Đã thêm ${this.added} vào tổ.</p>` : nothing}
        ${this.adding ? this.addForm() : nothing}
        ${this.members.error ? failed(this.members.error, () => this.members.go(this.members.index)) : nothing}
        ${!this.members.items ? loading() : this.members.items.length === 0 ? empty('Không có thành viên nào.') : html`
          <div class="table-wrap stack"><table>
            <caption class="visually-hidden">Thành viên của ${g.name}</caption>
            <thead><tr><th scope="col">Họ và tên</th><th scope="col">Vai trò</th><th scope="col" class="n">Năm sinh</th><th scope="col">Địa chỉ</th><th scope="col">Tham gia</th></tr></thead>
            <tbody>${this.members.items.map(m => html`<tr>
              <th scope="row"><a href="/so-theo-doi/${enc(this.wardId)}/to/${enc(this.groupId)}/thanh-vien/${enc(m.id)}">${m.fullName}</a>${m.status === 'left' ? html` <span class="tag muted">Đã rời tổ</span>` : nothing}</th>
              <td data-label="Vai trò">${m.roleName}</td><td class="n" data-label="Năm sinh">${m.birthYear ?? ''}</td><td data-label="Địa chỉ">${m.address ?? ''}</td><td data-label="Tham gia">${fmtDate(m.joinedOn)}</td></tr>`)}</tbody>
          </table></div>
          ${this.members.controls()}`}
      </section>

      <section aria-labelledby="history-h">
        <h2 id="history-h">Tổ vào một ngày trước đây</h2>
        <form class="inline-form" @submit=${e => this.showHistory(e)} novalidate>
          ${field(this.historyAt, 'at', 'Xem tổ vào ngày', { type: 'date' })}
          ${submitButton(this.historyAt, 'Xem', 'Đang tải…', '')}
        </form>
        ${formMessage(this.historyAt, ['at'])}
        ${this.snapshot ? html`<div class="snapshot">
          <p>Vào ngày <strong>${fmtDate(this.snapshot.at)}</strong> (phiên bản từ ${fmtDateTime(this.snapshot.validFrom)}${this.snapshot.changedBy ? `, ${this.snapshot.changedBy}` : ''}):</p>
          <dl class="facts">
            <div><dt>Tên tổ</dt><dd>${this.snapshot.group.name}</dd></div>
            <div><dt>Trạng thái</dt><dd>${this.snapshot.group.statusName}</dd></div>
            <div><dt>Tổ trưởng</dt><dd>${this.snapshot.group.leader?.fullName ?? '(chưa có)'}</dd></div>
            <div><dt>Tổ phó</dt><dd>${this.snapshot.group.deputies.map(d => d.fullName).join(', ') || '(chưa có)'}</dd></div>
            <div><dt>Số hộ</dt><dd>${this.snapshot.group.households}</dd></div>
            <div><dt>Thành viên</dt><dd>${this.snapshot.members.length}</dd></div>
          </dl></div>` : nothing}
      </section>

      ${this.awards.render()}
      ${this.support.render()}

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">Nhật ký thay đổi</h2>
        ${auditList(this.audit)}
      </section>`;
  }

  addForm() {
    const f = this.adding;
    return html`<form class="editor" @submit=${e => this.add(e)} novalidate aria-labelledby="add-h">
      <h3 id="add-h">Thêm thành viên</h3>
      ${formMessage(f, MEMBER_FIELDS.map(x => x.name))}
      <div class="grid">${MEMBER_FIELDS.map(x => field(f, x.name, x.label, x))}</div>
      <div class="actions">${submitButton(f, 'Thêm vào tổ')}<button type="button" @click=${() => { this.adding.discard(); this.adding = null; refresh(); }}>Hủy</button></div>
    </form>`;
  }
}

function auditList(pager) {
  if (pager.error) return failed(pager.error, () => pager.go(pager.index));
  if (!pager.items) return loading();
  if (pager.items.length === 0) return empty('Chưa có thay đổi nào được ghi lại.');
  return html`<ol class="audit">${pager.items.map(a => html`<li>
      <time datetime=${a.at}>${fmtDateTime(a.at)}</time>
      <span><strong>${a.actorName}</strong> · ${a.actionName}: ${a.description}</span></li>`)}</ol>
    ${pager.controls()}`;
}

// ---- one member ---------------------------------------------------------------------------------

export class MemberPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.groupId = params.groupId; this.memberId = params.memberId;
    this.member = null; this.group = null; this.ward = null; this.error = null;
    const url = memberUrl(this.wardId, this.groupId, this.memberId);
    this.editor = new Editor({ fields: MEMBER_FIELDS, url, what: 'thành viên này', onSaved: (m, o) => { this.member = m; if (!o?.keepEditing) this.audit.reset(); refresh(); } });
    this.audit = new Pager((token, size) => api(`${wardUrl(this.wardId)}/audit?entityId=${enc(this.memberId)}&pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data), 10);
    this.leaving = null;
    this.awards = new CommendationHistory(this.wardId, this.memberId);
    this.training = new TrainingHistory(this.wardId, this.groupId, this.memberId);
    this.support = new SupportHistory(this.wardId, this.memberId);
  }
  get title() { return this.member?.fullName ?? 'Thành viên'; }

  start() {
    this.audit.reset(); this.awards.load(); this.training.load(); this.support.load();
    return guard(this, async () => {
      const [m, g, w] = await Promise.all([api(memberUrl(this.wardId, this.groupId, this.memberId)), api(groupUrl(this.wardId, this.groupId)), api(wardUrl(this.wardId))]);
      this.member = versioned(m); this.group = g.data; this.ward = w.data; document.title = `${this.title} – Tổ NDTQ`;
    });
  }

  async leave(e) {
    e.preventDefault();
    const f = this.leaving; const leftOn = isoFromVn(f.values.leftOn);
    if (!f.check({ leftOn: leftOn === undefined ? DATE_INVALID : null })) return;
    const r = await f.submit(requestId => api(`${memberUrl(this.wardId, this.groupId, this.memberId)}/leave`,
      { method: 'POST', body: { leftOn, reason: f.values.reason.trim() || null }, etag: this.member.etag, requestId }));
    if (r) { this.member = versioned(r); this.leaving = null; this.audit.reset(); refresh(); }
    else if (f.error?.status === 412) {
      f.error = new ApiError(412, { title: 'Người khác vừa thay đổi thành viên này.', detail: 'Nội dung bạn nhập vẫn còn. Hãy xem lại thông tin mới nhất (đã tải lại) rồi bấm Xác nhận lần nữa.' });
      this.member = versioned(await api(memberUrl(this.wardId, this.groupId, this.memberId))); refresh();
    }
  }

  render() {
    if (this.error) return html`<h1 tabindex="-1">Thành viên</h1>${failed(this.error, () => this.start())}`;
    if (!this.member) return html`<h1 tabindex="-1">Thành viên</h1>${loading()}`;
    const m = this.member;
    const officer = this.app.has('ward-officer') && m.status === 'active';
    return html`
      ${crumbs(this.app, [[`/so-theo-doi/${enc(this.wardId)}`, `Phường ${this.ward?.name ?? ''}`], [`/so-theo-doi/${enc(this.wardId)}/to/${enc(this.groupId)}`, this.group?.name ?? 'Tổ'], ['', m.fullName]])}
      <div class="title-row"><h1 tabindex="-1">${m.fullName}</h1><span class="tag ${m.status === 'active' ? 'ok' : 'muted'}">${m.statusName}</span></div>
      <dl class="facts">
        <div><dt>Vai trò</dt><dd>${m.roleName}</dd></div>
        <div><dt>Giới tính</dt><dd>${m.genderName ?? '—'}</dd></div>
        <div><dt>Năm sinh</dt><dd>${m.birthYear ?? '—'}</dd></div>
        <div><dt>Địa chỉ</dt><dd>${m.address ?? '—'}</dd></div>
        <div><dt>Số điện thoại</dt><dd>${m.phone ?? '—'}</dd></div>
        <div><dt>Số CCCD</dt><dd>${m.citizenId ?? '—'}</dd></div>
        <div><dt>Ngày tham gia</dt><dd>${fmtDate(m.joinedOn) || '—'}</dd></div>
        ${m.status === 'left' ? html`<div><dt>Rời tổ</dt><dd>${fmtDate(m.leftOn)}${m.leftReason ? ` · ${m.leftReason}` : ''}</dd></div>` : nothing}
      </dl>
      ${officer && !this.editor.open && !this.leaving ? html`<div class="toolbar">
        <button type="button" @click=${() => this.editor.begin(m)}>Sửa thông tin</button>
        ${m.role === 'member' ? html`<button type="button" class="danger" @click=${() => { this.leaving = new Form({ leftOn: todayVn(), reason: '' }, { guard: true }); refresh(); }}>Ghi nhận rời tổ</button>` : nothing}
      </div>` : nothing}
      ${officer && m.role !== 'member' ? html`<p class="note">${m.roleName} chỉ thôi giữ vai trò hoặc rời tổ qua tờ trình rà soát – kiện toàn.</p>` : nothing}
      ${this.editor.render()}
      ${this.leaving ? html`<form class="editor" @submit=${e => this.leave(e)} novalidate aria-labelledby="leave-h">
        <h3 id="leave-h">Ghi nhận ${m.fullName} rời tổ</h3>
        ${formMessage(this.leaving, ['leftOn', 'reason'])}
        <div class="grid">
          ${field(this.leaving, 'leftOn', 'Ngày rời tổ', { type: 'date', required: true })}
          ${field(this.leaving, 'reason', 'Lý do', { type: 'textarea', wide: true, placeholder: 'ví dụ: Chuyển nơi ở' })}
        </div>
        <div class="actions">${submitButton(this.leaving, 'Xác nhận rời tổ', 'Đang gửi…', 'danger')}<button type="button" @click=${() => { this.leaving.discard(); this.leaving = null; refresh(); }}>Hủy</button></div>
      </form>` : nothing}
      ${this.awards.render()}
      ${this.training.render()}
      ${this.support.render()}
      <section aria-labelledby="maudit-h">
        <h2 id="maudit-h">Nhật ký thay đổi</h2>
        ${auditList(this.audit)}
      </section>`;
  }
}
