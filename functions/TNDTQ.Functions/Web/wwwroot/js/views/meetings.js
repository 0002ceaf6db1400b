// Họp tổ, họp giao ban: a ward's meetings (share of groups that met, each group's last meeting, the
// year's list) → record or correct a meeting (attendance from the register, agreed tasks, minutes)
// → one meeting (attendance, tasks to mark done, minutes, earlier versions). Buttons come from the
// server's "actions" (and the summaries' "record").
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtNumber, Form, field, formMessage, submitButton,
  isoFromVn, todayVn, DATE_INVALID, Pager, allPages, groupPicker } from '../ui.js';
import { api, download, versioned, newRequestId, ApiError } from '../api.js';

const enc = encodeURIComponent;
const wardUrl = w => `/api/wards/${enc(w)}`;
const meetingUrl = (w, id) => `${wardUrl(w)}/meetings/${enc(id)}`;
const KINDS = [['regular', 'Định kỳ'], ['extraordinary', 'Bất thường']];
const SCOPES = [['group', 'Họp tổ'], ['ward', 'Họp giao ban tổ trưởng']];
const ATTENDANCE = [['present', 'Có mặt'], ['absent', 'Vắng'], ['excused', 'Vắng có lý do']];
const percent = share => `${Math.round((share ?? 0) * 100)}%`;
const query = name => new URLSearchParams(location.search).get(name);

/** A message for the next meeting page (e.g. the minutes could not be attached after the meeting was saved). */
let flash = null;

function crumbs(app, wardId, items) {
  const all = [...(app.isDistrict ? [['/hop-to', 'Họp tổ']] : []), [`/hop-to/${enc(wardId)}`, `Phường ${app.wardName(wardId)}`], ...items];
  if (all.length < 2) return nothing;
  return html`<nav class="crumbs" aria-label="Vị trí"><ol>${all.map(([href, text], i) =>
    html`<li>${i === all.length - 1 ? html`<span aria-current="page">${text}</span>` : html`<a href=${href}>${text}</a>`}</li>`)}</ol></nav>`;
}

// ---- the wards (district roles) -------------------------------------------------------------------

export class MeetingWardsPage {
  title = 'Họp tổ';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) { this.app = app; this.rows = null; this.error = null; }

  async start() {
    if (!this.app.isDistrict && this.app.me.wardId) return this.app.navigate(`/hop-to/${enc(this.app.me.wardId)}`, { replace: true });
    try {
      this.rows = await Promise.all(this.app.wards.map(async w => ({ ward: w, summary: (await api(`${wardUrl(w.id)}/meeting-summary`)).data })));
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    const head = html`<h1 tabindex="-1">Họp tổ, họp giao ban</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.rows) return html`${head}${loading()}`;
    const days = this.rows[0]?.summary.maxDaysWithoutMeeting ?? 90;
    return html`${head}
      <p class="note">Tỷ lệ tổ đã họp trong ${days} ngày qua, theo từng phường.</p>
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các phường</caption>
        <thead><tr><th scope="col">Phường</th><th scope="col" class="n">Tổ đã họp</th><th scope="col" class="n">Tỷ lệ</th><th scope="col" class="n">Cuộc họp tổ năm nay</th><th scope="col" class="n">Họp giao ban</th></tr></thead>
        <tbody>${this.rows.map(({ ward, summary: s }) => html`<tr>
          <th scope="row"><a href="/hop-to/${enc(ward.id)}">${ward.name}</a></th>
          <td class="n" data-label="Tổ đã họp">${s.groupsMetWithinPeriod}/${s.activeGroups}</td>
          <td class="n" data-label="Tỷ lệ">${percent(s.shareMetWithinPeriod)}</td>
          <td class="n" data-label="Cuộc họp tổ năm nay">${fmtNumber(s.yearCounts.groupMeetings)}</td>
          <td class="n" data-label="Họp giao ban">${fmtNumber(s.yearCounts.wardMeetings)}</td></tr>`)}</tbody>
      </table></div>`;
  }
}

// ---- a ward's meetings ------------------------------------------------------------------------------

export class MeetingsPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.summary = null; this.error = null;
    this.year = new Date().getFullYear(); this.filter = query('to') ?? '';
    // The year's meetings, a page at a time as the API reads them (a big ward holds thousands a year).
    this.list = new Pager((token, size) => {
      const f = this.filter === 'ward' ? '&scope=ward' : this.filter === 'removed' ? '&removed=true' : this.filter ? `&groupId=${enc(this.filter)}` : '';
      return api(`${wardUrl(this.wardId)}/meetings?year=${this.year}${f}&pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`).then(r => r.data);
    }, 25);
  }
  get title() { return `Họp tổ – Phường ${this.app.wardName(this.wardId)}`; }

  async start() {
    try {
      const [s] = await Promise.all([api(`${wardUrl(this.wardId)}/meeting-summary?year=${this.year}`), this.list.reset()]);
      this.summary = s.data; this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async refilter() { this.list.items = null; refresh(); await this.start(); }

  meetings() {
    const l = this.list;
    if (l.error) return failed(l.error, () => l.go(l.index));
    if (!l.items) return loading();
    if (l.items.length === 0 && l.index === 0) return empty(this.filter === 'removed' ? 'Năm này không có biên bản nào bị xóa.' : 'Chưa có cuộc họp nào được ghi trong năm này.');
    return html`<div class="table-wrap stack"><table>
            <caption class="visually-hidden">Các cuộc họp năm ${this.year}</caption>
            <thead><tr><th scope="col">Ngày họp</th><th scope="col">Cuộc họp</th><th scope="col">Chủ trì</th><th scope="col" class="n">Có mặt</th><th scope="col" class="n">Việc chưa xong</th><th scope="col">Biên bản</th></tr></thead>
            <tbody>${l.items.map(m => html`<tr>
              <th scope="row"><a href="/hop-to/${enc(this.wardId)}/${enc(m.id)}">${fmtDate(m.date)}</a></th>
              <td data-label="Cuộc họp">${m.scope === 'ward' ? m.scopeName : m.groupName}<span class="sub">${m.kindName}${m.version > 1 ? ` · đã sửa ${m.version - 1} lần` : ''}</span></td>
              <td data-label="Chủ trì">${m.chair}</td>
              <td class="n" data-label="Có mặt">${m.present}/${m.attendees}</td>
              <td class="n" data-label="Việc chưa xong">${m.tasksOpen}/${m.tasksTotal}</td>
              <td data-label="Biên bản">${m.hasMinutes ? html`<span class="tag ok">Đã đính kèm</span>` : html`<span class="tag muted">Chưa có</span>`}</td></tr>`)}</tbody>
          </table></div>${l.controls()}`;
  }

  render() {
    const head = html`${crumbs(this.app, this.wardId, [])}<h1 tabindex="-1">Họp tổ, họp giao ban<span class="sub">Phường ${this.app.wardName(this.wardId)}</span></h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.summary) return html`${head}${loading()}`;
    const s = this.summary; const y = s.yearCounts;
    const years = Array.from({ length: 5 }, (_, i) => new Date().getFullYear() - i);
    const recordHref = `/hop-to/${enc(this.wardId)}/ghi-moi${this.filter && !['ward', 'removed'].includes(this.filter) ? `?to=${enc(this.filter)}` : this.filter === 'ward' ? '?loai=giao-ban' : ''}`;
    return html`${head}
      <ul class="tiles" aria-label="Số liệu">
        <li><span class="num">${s.groupsMetWithinPeriod}/${s.activeGroups}</span> tổ đã họp trong ${s.maxDaysWithoutMeeting} ngày qua (${percent(s.shareMetWithinPeriod)})</li>
        <li><span class="num">${fmtNumber(y.groupMeetings)}</span> cuộc họp tổ năm ${s.year} · <span class="num small">${fmtNumber(y.extraordinaryGroupMeetings)}</span> bất thường</li>
        <li><span class="num">${fmtNumber(y.groupsMet)}</span> tổ có họp trong năm ${s.year}</li>
        <li><span class="num">${fmtNumber(y.wardMeetings)}</span> cuộc họp giao ban</li>
      </ul>
      ${s.record ? html`<div class="toolbar"><a class="button primary" href=${recordHref}>${s.record.label}</a></div>` : nothing}

      <section aria-labelledby="list-h">
        <div class="section-head">
          <h2 id="list-h">Các cuộc họp</h2>
          <div class="filter">
            <label for="m-filter">Tổ</label>
            <select id="m-filter" @change=${e => { this.filter = e.target.value; this.refilter(); }}>
              <option value="" ?selected=${!this.filter}>Tất cả</option>
              <option value="ward" ?selected=${this.filter === 'ward'}>Họp giao ban</option>
              ${s.groups.map(g => html`<option value=${g.groupId} ?selected=${this.filter === g.groupId}>${g.groupName}</option>`)}
              <option value="removed" ?selected=${this.filter === 'removed'}>Biên bản đã xóa</option>
            </select>
            <label for="m-year">Năm</label>
            <select id="m-year" @change=${e => { this.year = Number(e.target.value); this.refilter(); }}>
              ${years.map(v => html`<option value=${v} ?selected=${v === this.year}>${v}</option>`)}
            </select>
          </div>
        </div>
        ${this.meetings()}
      </section>

      <section aria-labelledby="groups-h">
        <h2 id="groups-h">Các tổ</h2>
        ${s.groups.length === 0 ? empty('Phường chưa có tổ đang hoạt động.') : html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Lần họp gần nhất của từng tổ</caption>
          <thead><tr><th scope="col">Tổ</th><th scope="col">Họp gần nhất</th><th scope="col" class="n">Số cuộc họp năm ${s.year}</th><th scope="col">Tình trạng</th></tr></thead>
          <tbody>${s.groups.map(g => html`<tr>
            <th scope="row"><a href="/so-theo-doi/${enc(this.wardId)}/to/${enc(g.groupId)}">${g.groupName}</a></th>
            <td data-label="Họp gần nhất">${g.lastMeeting ? fmtDate(g.lastMeeting) : html`<span class="muted">(chưa có)</span>`}</td>
            <td class="n" data-label="Số cuộc họp">${g.meetingsInYear}</td>
            <td data-label="Tình trạng">${g.metWithinPeriod ? html`<span class="tag ok">Đã họp</span>` : html`<span class="tag bad">Quá ${s.maxDaysWithoutMeeting} ngày chưa họp</span>`}</td></tr>`)}</tbody>
        </table></div>`}
      </section>`;
  }
}

// ---- record or correct a meeting ----------------------------------------------------------------------

export class MeetingFormPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.meetingId = params.meetingId ?? null;
    this.form = null; this.error = null; this.groups = null; this.people = []; this.tasks = []; this.file = null; this.current = null;
    this.picker = groupPicker(wardUrl(this.wardId));
  }
  get title() { return this.meetingId ? 'Sửa biên bản họp' : 'Ghi biên bản họp'; }

  async start() {
    try {
      if (this.meetingId) {
        const m = versioned(await api(meetingUrl(this.wardId, this.meetingId)));
        this.current = m;
        if (m.groupId) this.picker.remember({ id: m.groupId, name: m.groupName });
        this.form = new Form({ scope: m.scope, groupId: m.groupId ?? '', date: fmtDate(m.date), kind: m.kind, chair: m.chair,
          guests: m.guests.join('\n'), content: m.content, reason: '' }, { guard: true });
        this.tasks = m.tasks.map(t => ({ key: newRequestId(), id: t.id, what: t.what, who: t.who, dueOn: fmtDate(t.dueOn), done: t.done }));
        await this.loadPeople(m.attendance);
      } else {
        const scope = query('loai') === 'giao-ban' ? 'ward' : 'group';
        // The group asked for (?to=, from the group's page), else the first of the picker's first page.
        let groupId = query('to') ?? '';
        await this.picker.start();
        if (this.picker.pager.error) throw this.picker.pager.error;
        if (groupId) this.picker.remember((await api(`${wardUrl(this.wardId)}/groups/${enc(groupId)}`)).data);
        else groupId = this.picker.pager.items?.[0]?.id ?? '';
        this.form = new Form({ scope, groupId, date: todayVn(), kind: 'regular', chair: '', guests: '', content: '', reason: '' }, { guard: true });
        await this.loadPeople();
      }
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  /** The attendance list: the group's members, or every active group's leader and deputies; a correction keeps who was recorded. */
  async loadPeople(recorded = []) {
    const v = this.form.values;
    let people = [];
    if (v.scope === 'ward') {
      // A ward meeting (giao ban) invites every active group's leader and deputies: the whole list, every page of it.
      this.groups ??= await allPages(`${wardUrl(this.wardId)}/groups?status=active`);
      people = this.groups.flatMap(g => [g.leader && { id: g.leader.id, name: g.leader.fullName, note: `Tổ trưởng ${g.name}` },
        ...g.deputies.map(d => ({ id: d.id, name: d.fullName, note: `Tổ phó ${g.name}` }))]).filter(Boolean);
    } else if (v.groupId) {
      const members = await allPages(`${wardUrl(this.wardId)}/groups/${enc(v.groupId)}/members?status=active`);
      people = members.map(m => ({ id: m.id, name: m.fullName, note: m.roleName }));
      const leader = members.find(m => m.role === 'leader');
      if (!this.meetingId && leader) v.chair = leader.fullName;
    }
    for (const a of recorded) if (!people.some(p => p.id === a.memberId)) people.push({ id: a.memberId, name: a.fullName, note: a.roleName });
    const status = Object.fromEntries(recorded.map(a => [a.memberId, a.status]));
    this.people = people;
    for (const p of people) v[`att:${p.id}`] = status[p.id] ?? (recorded.length ? 'absent' : 'present');
    refresh();
  }

  addTask() { this.tasks.push({ key: newRequestId(), id: null, what: '', who: '', dueOn: '', done: false }); this.form.markChanged(); refresh(); }
  removeTask(i) { this.tasks.splice(i, 1); this.form.errors = {}; this.form.markChanged(); refresh(); }

  async save(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    const date = isoFromVn(v.date);
    const local = { date: !date ? DATE_INVALID : null, chair: v.chair.trim() ? null : 'Vui lòng nhập người chủ trì.',
      content: v.content.trim() ? null : 'Vui lòng nhập nội dung cuộc họp.', reason: this.meetingId && !v.reason.trim() ? 'Vui lòng ghi lý do sửa biên bản.' : null };
    this.tasks.forEach((t, i) => {
      if (!t.what.trim()) local[`tasks[${i}].what`] = 'Vui lòng nhập việc cần làm.';
      if (!t.who.trim()) local[`tasks[${i}].who`] = 'Vui lòng nhập người thực hiện.';
      if (!isoFromVn(t.dueOn)) local[`tasks[${i}].dueOn`] = DATE_INVALID;
    });
    if (!f.check(local)) return;
    const body = {
      scope: v.scope, groupId: v.scope === 'group' ? v.groupId : null, date, kind: v.kind, chair: v.chair.trim(),
      attendance: this.people.map(p => ({ memberId: p.id, status: v[`att:${p.id}`] })),
      guests: v.guests.split('\n').map(s => s.trim()).filter(Boolean), content: v.content.trim(),
      tasks: this.tasks.map(t => ({ id: t.id, what: t.what.trim(), who: t.who.trim(), dueOn: isoFromVn(t.dueOn) })),
      reason: this.meetingId ? v.reason.trim() : null,
    };
    const r = await f.submit(requestId => this.meetingId
      ? api(meetingUrl(this.wardId, this.meetingId), { method: 'PUT', body, etag: this.current.etag, requestId })
      : api(`${wardUrl(this.wardId)}/meetings`, { method: 'POST', body, requestId }));
    if (!r) {
      if (f.error?.status === 412) {
        f.error = new ApiError(412, { title: 'Người khác vừa sửa biên bản này.', detail: 'Nội dung bạn nhập vẫn còn. Hãy mở lại biên bản mới nhất ở trang cuộc họp rồi sửa lại.' });
        refresh();
      }
      return;
    }
    if (this.file) {
      try { await api(`${meetingUrl(this.wardId, r.data.id)}/minutes?fileName=${enc(this.file.name)}`, { method: 'POST', file: this.file, requestId: newRequestId() }); }
      catch (err) { if (!(err instanceof ApiError)) throw err; flash = `Đã lưu biên bản họp nhưng chưa đính kèm được tệp ${this.file.name}: ${err.detail || err.title} Hãy đính kèm lại bên dưới.`; }
    }
    this.app.navigate(`/hop-to/${enc(this.wardId)}/${enc(r.data.id)}`);
  }

  render() {
    const back = this.meetingId ? [[`/hop-to/${enc(this.wardId)}/${enc(this.meetingId)}`, 'Cuộc họp'], ['', 'Sửa biên bản']] : [['', 'Ghi biên bản họp']];
    const head = html`${crumbs(this.app, this.wardId, back)}<h1 tabindex="-1">${this.title}</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.form) return html`${head}${loading()}`;
    const f = this.form; const v = f.values; const fixed = !!this.meetingId;
    const shown = ['scope', 'groupId', 'date', 'kind', 'chair', 'guests', 'content', 'reason', 'attendance', 'tasks',
      ...this.people.map((_, i) => `attendance[${i}].memberId`), ...this.people.map((_, i) => `attendance[${i}].status`),
      ...this.tasks.flatMap((_, i) => ['what', 'who', 'dueOn', 'id'].map(k => `tasks[${i}].${k}`))];
    return html`${head}
      <form class="editor meeting-form" @submit=${e => this.save(e)} novalidate aria-labelledby="mf-h">
        <h2 id="mf-h" class="visually-hidden">${this.title}</h2>
        ${formMessage(f, shown)}
        <div class="grid">
          <div @change=${() => this.loadPeople()}>${field(f, 'scope', 'Loại cuộc họp', { type: 'select', options: SCOPES, disabled: fixed })}</div>
          ${v.scope === 'group' ? html`<div @change=${e => { if (e.target.tagName === 'SELECT') this.loadPeople(); }}>${this.picker.render(f, 'groupId', 'Tổ', { disabled: fixed, required: true })}</div>` : nothing}
          ${field(f, 'date', 'Ngày họp', { type: 'date', required: true })}
          ${field(f, 'kind', 'Hình thức', { type: 'select', options: KINDS })}
          ${field(f, 'chair', 'Người chủ trì', { required: true, maxlength: 100 })}
        </div>

        <fieldset class="attendance">
          <legend>Điểm danh (${this.people.filter(p => v[`att:${p.id}`] === 'present').length}/${this.people.length} có mặt)</legend>
          ${f.errorFor('attendance') ? html`<p class="error" id="att-error">${f.errorFor('attendance')}</p>` : nothing}
          ${this.people.length === 0 ? empty(v.scope === 'ward' ? 'Phường chưa có tổ trưởng, tổ phó nào.' : 'Tổ chưa có thành viên đang sinh hoạt.') : html`
            <ul class="people-check">${this.people.map((p, i) => {
              const error = f.errorFor(`attendance[${i}].memberId`) || f.errorFor(`attendance[${i}].status`);
              const id = `${f.id}-att-${i}`;
              return html`<li class=${error ? 'has-error' : ''}>
                <label for=${id}>${p.name}<span class="sub">${p.note}</span></label>
                <select id=${id} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
                  @change=${e => { f.set(`att:${p.id}`, e.target.value); refresh(); }}>
                  ${ATTENDANCE.map(([val, label]) => html`<option value=${val} ?selected=${v[`att:${p.id}`] === val}>${label}</option>`)}
                </select>
                ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
              </li>`; })}</ul>`}
        </fieldset>

        <div class="grid">
          ${field(f, 'guests', 'Khách mời (mỗi người một dòng)', { type: 'textarea', wide: true, rows: 2 })}
          ${field(f, 'content', 'Nội dung cuộc họp', { type: 'textarea', wide: true, rows: 6, required: true, maxlength: 4000 })}
        </div>

        <fieldset class="agreed-tasks">
          <legend>Việc thống nhất thực hiện</legend>
          ${this.tasks.length === 0 ? html`<p class="muted">Chưa có việc nào.</p>` : html`<ol class="task-rows">${this.tasks.map((t, i) => this.taskRow(t, i))}</ol>`}
          <button type="button" @click=${() => this.addTask()}>Thêm việc</button>
        </fieldset>

        ${fixed ? html`<div class="grid">${field(f, 'reason', 'Lý do sửa biên bản', { type: 'textarea', wide: true, required: true, rows: 2 })}</div>` : html`
          <div class="field wide">
            <p class="label" id="mf-file-h">Biên bản họp (không bắt buộc)</p>
            <div class="file-pick">
              <input id="mf-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby="mf-file-hint"
                @change=${e => { this.file = e.target.files?.[0] ?? null; this.form.markChanged(); refresh(); }}>
              <label for="mf-file" class="button">${this.file ? 'Chọn tệp khác…' : 'Chọn tệp biên bản…'}</label>
              <span class="file-name">${this.file ? this.file.name : 'Chưa chọn tệp'}</span>
              ${this.file ? html`<button type="button" class="link" @click=${() => { this.file = null; refresh(); }}>Bỏ tệp</button>` : nothing}
            </div>
            <p class="hint" id="mf-file-hint">PDF, Word (.docx) hoặc ảnh chụp (.jpg, .png), tối đa 20 MB. Có thể đính kèm sau ở trang cuộc họp.</p>
          </div>`}
        <div class="actions">${submitButton(f, fixed ? 'Lưu bản sửa' : 'Lưu biên bản')}
          <a class="button" href=${fixed ? `/hop-to/${enc(this.wardId)}/${enc(this.meetingId)}` : `/hop-to/${enc(this.wardId)}`}>Hủy</a></div>
      </form>`;
  }

  taskRow(t, i) {
    const f = this.form;
    const cell = (key, label, opts = {}) => {
      const id = `${f.id}-task-${t.key}-${key}`; const error = f.errorFor(`tasks[${i}].${key}`);
      return html`<div class="field ${error ? 'has-error' : ''} ${opts.wide ? 'wide' : ''}">
        <label for=${id}>${label}</label>
        <input id=${id} type="text" .value=${t[key]} maxlength=${opts.maxlength ?? nothing} inputmode=${opts.date ? 'numeric' : nothing}
          placeholder=${opts.date ? 'nn/tt/nnnn' : nothing} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}
          @input=${e => { t[key] = e.target.value; f.markChanged(); if (error) { delete f.errors[f.keyOf(`tasks[${i}].${key}`)]; refresh(); } }}>
        ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<li class="task-row">
      <div class="grid">
        ${cell('what', `Việc ${i + 1}`, { wide: true, maxlength: 500 })}
        ${cell('who', 'Người thực hiện', { maxlength: 100 })}
        ${cell('dueOn', 'Hạn hoàn thành', { date: true })}
      </div>
      ${t.done ? html`<span class="tag ok">Đã xong</span>` : nothing}
      ${f.errorFor(`tasks[${i}].id`) ? html`<p class="error">${f.errorFor(`tasks[${i}].id`)}</p>` : nothing}
      <button type="button" class="link" @click=${() => this.removeTask(i)}>Bỏ việc ${i + 1}</button>
    </li>`;
  }
}

// ---- one meeting --------------------------------------------------------------------------------------

export class MeetingPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.wardId = params.wardId; this.id = params.meetingId; this.view = null; this.error = null;
    this.acting = new Form(); this.uploading = new Form(); this.downloading = new Form(); this.versions = null;
    this.removing = null; // the removal form, while open
    this.flash = flash; flash = null;
  }
  get url() { return meetingUrl(this.wardId, this.id); }
  get title() { return this.view ? `${this.view.scope === 'ward' ? this.view.scopeName : this.view.groupName} ngày ${fmtDate(this.view.date)}` : 'Cuộc họp'; }
  action(name, taskId) { return this.view?.actions?.find(a => a.name === name && (taskId === undefined || a.taskId === taskId)); }

  async start() {
    try { this.view = versioned(await api(this.url)); this.error = null; document.title = `${this.title} – Tổ NDTQ`; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  async complete(a, task) {
    const r = await this.acting.submit(requestId => api(a.href, { method: a.method, body: {}, requestId }));
    if (r) { this.view = versioned(r); this.acting.done = `Đã đánh dấu xong: ${task.what}.`; refresh(); }
  }

  async upload(a, file) {
    const r = await this.uploading.submit(requestId => api(`${a.href}?fileName=${enc(file.name)}`, { method: 'POST', file, requestId }));
    if (r) { this.view = versioned(r); this.uploading.done = `Đã đính kèm ${file.name}.`; this.flash = null; refresh(); }
  }

  /** Removing the minutes: a secondary button, then a form that asks for the reason and a confirmation. */
  openRemoval() {
    this.removing = new Form({ reason: '' }); refresh();
    requestAnimationFrame(() => document.getElementById(`${this.removing.id}-reason`)?.focus());
  }

  async remove(a) {
    const f = this.removing;
    const r = await f.submit(requestId => api(a.href, { method: a.method, body: { reason: f.values.reason }, etag: this.view.etag, requestId }));
    if (r) { this.view = versioned(r); this.removing = null; this.versions = null; refresh(); } // the banner says it was removed
  }

  removalForm(a) {
    const f = this.removing;
    return html`<form class="editor" @submit=${e => { e.preventDefault(); this.remove(a); }} novalidate aria-label=${a.label}>
      <h3>${a.label}</h3>
      <p class="alert warn">Cuộc họp sẽ không còn trong danh sách và không được tính vào số liệu họp của tổ, của phường; các việc chưa xong được gỡ khỏi danh sách việc.
        Biên bản vẫn xem được trong mục “Biên bản đã xóa”, ghi rõ người xóa, thời gian và lý do.</p>
      ${formMessage(f, ['reason'])}
      <div class="grid">${field(f, 'reason', 'Lý do xóa', { type: 'textarea', wide: true, required: true })}</div>
      <div class="actions">${submitButton(f, 'Xác nhận xóa biên bản', 'Đang xóa…', 'danger')}<button type="button" @click=${() => { this.removing = null; refresh(); }}>Hủy</button></div>
    </form>`;
  }

  async showVersions() {
    try { this.versions = (await api(`${this.url}/versions`)).data; } catch (e) { if (!(e instanceof ApiError)) throw e; this.versions = e; }
    refresh();
  }

  render() {
    const head = (title) => html`${crumbs(this.app, this.wardId, [['', title]])}`;
    if (this.error) return html`${head('Cuộc họp')}<h1 tabindex="-1">Cuộc họp</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${head('Cuộc họp')}<h1 tabindex="-1">Cuộc họp</h1>${loading()}`;
    const m = this.view; const correct = this.action('correct'); const upload = this.action('upload-minutes'); const remove = this.action('remove');
    return html`${head(this.title)}
      <div class="title-row"><h1 tabindex="-1">${m.scope === 'ward' ? m.scopeName : `Họp ${m.groupName}`}<span class="sub">Ngày ${fmtDate(m.date)} · ${m.kindName}</span></h1>
        ${m.version > 1 ? html`<span class="tag muted">Đã sửa ${m.version - 1} lần</span>` : nothing}</div>
      ${this.flash ? html`<p class="alert warn" role="alert">${this.flash}</p>` : nothing}
      ${m.removed ? html`<div class="alert warn removed" role="status">
        <p><strong>Biên bản đã bị xóa</strong> bởi ${m.removed.byName} lúc <time datetime=${m.removed.at}>${fmtDateTime(m.removed.at)}</time>:</p>
        <p class="comment">${m.removed.reason}</p>
        <p>Cuộc họp không còn trong danh sách và không được tính vào số liệu; nội dung dưới đây giữ nguyên để tra cứu.</p></div>` : nothing}
      <dl class="facts">
        <div><dt>Người chủ trì</dt><dd>${m.chair}</dd></div>
        <div><dt>Có mặt</dt><dd>${m.present} · vắng ${m.absent} · vắng có lý do ${m.excused}</dd></div>
        <div><dt>Khách mời</dt><dd>${m.guests.length ? m.guests.join('; ') : '—'}</dd></div>
        <div><dt>Người ghi</dt><dd>${m.recordedByName} · ${fmtDateTime(m.recordedAt)}</dd></div>
        ${m.version > 1 ? html`<div><dt>Sửa lần cuối</dt><dd>${m.updatedByName} · ${fmtDateTime(m.updatedAt)}${m.correctionReason ? ` · ${m.correctionReason}` : ''}</dd></div>` : nothing}
      </dl>
      ${correct || remove ? html`<div class="toolbar">
        ${correct ? html`<a class="button" href="/hop-to/${enc(this.wardId)}/${enc(this.id)}/sua">${correct.label}</a>` : nothing}
        ${remove ? html`<button type="button" class="ending" aria-expanded=${this.removing ? 'true' : 'false'} @click=${() => this.openRemoval()}>${remove.label}</button>` : nothing}
      </div>` : nothing}
      ${remove && this.removing ? this.removalForm(remove) : nothing}

      <section aria-labelledby="content-h"><h2 id="content-h">Nội dung</h2><p class="body">${m.content}</p></section>

      <section aria-labelledby="tasks-h"><h2 id="tasks-h">Việc thống nhất thực hiện</h2>
        ${formMessage(this.acting)}
        ${m.tasks.length === 0 ? empty('Cuộc họp không giao việc nào.') : html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Việc thống nhất tại cuộc họp</caption>
          <thead><tr><th scope="col">Việc</th><th scope="col">Người thực hiện</th><th scope="col">Hạn</th><th scope="col">Tình trạng</th></tr></thead>
          <tbody>${m.tasks.map(t => { const done = this.action('complete-task', t.id); return html`<tr>
            <th scope="row">${t.what}</th><td data-label="Người thực hiện">${t.who}</td><td data-label="Hạn">${fmtDate(t.dueOn)}</td>
            <td data-label="Tình trạng">${t.done ? html`<span class="tag ok">Đã xong</span><span class="sub">${fmtDate(t.doneAt)} · ${t.doneByName}${t.doneNote ? ` · ${t.doneNote}` : ''}</span>`
              : html`${t.overdue ? html`<span class="tag bad">Quá hạn</span>` : html`<span class="tag muted">Đang làm</span>`}
                ${done ? html`<button type="button" ?disabled=${this.acting.busy} @click=${() => this.complete(done, t)}>${done.label}<span class="visually-hidden">: ${t.what}</span></button>` : nothing}`}</td>
          </tr>`; })}</tbody></table></div>`}
      </section>

      <section aria-labelledby="att-h"><h2 id="att-h">Điểm danh</h2>
        ${m.attendance.length === 0 ? empty('Không có danh sách điểm danh.') : html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Điểm danh</caption>
          <thead><tr><th scope="col">Họ và tên</th><th scope="col">Vai trò</th><th scope="col">Điểm danh</th></tr></thead>
          <tbody>${m.attendance.map(a => html`<tr><th scope="row">${a.fullName}</th>
            <td data-label="Vai trò">${a.roleName}${m.scope === 'ward' && a.groupName ? ` · ${a.groupName}` : ''}</td>
            <td data-label="Điểm danh"><span class="tag ${a.status === 'present' ? 'ok' : a.status === 'absent' ? 'bad' : 'muted'}">${a.statusName}</span></td></tr>`)}</tbody>
        </table></div>`}
      </section>

      <section aria-labelledby="min-h"><h2 id="min-h">Biên bản</h2>
        ${m.minutes.length === 0 ? empty('Chưa đính kèm biên bản.') : html`<ul>${m.minutes.map(d => html`<li>
          <button type="button" class="link" @click=${() => this.downloading.submit(() => download(`${this.url}/minutes?blob=${enc(d.blobName)}`, d.name))}>${d.name}</button>
          <span class="muted">· ${d.uploadedBy} · ${fmtDateTime(d.uploadedAt)}</span></li>`)}</ul>`}
        ${formMessage(this.downloading)}
        ${upload ? html`<div class="file-pick">
          <input id="min-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png"
            @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.upload(upload, file); }}>
          <label for="min-file" class="button">${upload.label}…</label></div>${formMessage(this.uploading)}` : nothing}
      </section>

      ${m.version > 1 ? html`<section aria-labelledby="ver-h"><h2 id="ver-h">Các bản trước khi sửa</h2>
        ${this.versions === null ? html`<button type="button" @click=${() => this.showVersions()}>Xem ${m.version - 1} bản trước</button>`
          : this.versions instanceof ApiError ? failed(this.versions, () => this.showVersions())
          : html`<ol class="audit">${this.versions.map(v => html`<li>
              <time datetime=${v.updatedAt}>${fmtDateTime(v.updatedAt)}</time>
              <details><summary>Bản ${v.version}: ngày họp ${fmtDate(v.date)}, ${v.kindName.toLowerCase()}, ${v.present} người có mặt, ${v.tasks.length} việc (${v.updatedByName})</summary>
                <p class="body">${v.content}</p></details></li>`)}</ol>`}
      </section>` : nothing}`;
  }
}
