// Tập huấn: the sessions (the police see all, a ward the sessions inviting it) → plan or edit a session
// (leaders, deputies, or named people; those who need training are suggested) → one session (the wards'
// confirmations, the officer's confirm form, the police's attendance form, files) → coverage (the share of
// leaders and deputies trained, and who is not). Buttons come from the server's "actions".
import { html, nothing, refresh, loading, empty, failed, fmtDate, fmtDateTime, fmtNumber, Form, field, formMessage, submitButton, isoFromVn, DATE_INVALID, sentence, Pager, allPages, unitWords } from '../ui.js';
import { api, download, versioned, ApiError } from '../api.js';

const enc = encodeURIComponent;
const sessionsUrl = '/api/training/sessions';
const sessionUrl = id => `${sessionsUrl}/${enc(id)}`;
const percent = share => `${Math.round((share ?? 0) * 100)}%`;
const STATUS_TAG = { planned: 'muted', published: 'warn', held: 'ok', cancelled: 'bad' };

function crumbs(items) {
  const all = [['/tap-huan', 'Tập huấn'], ...items];
  return html`<nav class="crumbs" aria-label="Vị trí"><ol>${all.map(([href, text], i) =>
    html`<li>${i === all.length - 1 ? html`<span aria-current="page">${text}</span>` : html`<a href=${href}>${text}</a>`}</li>`)}</ol></nav>`;
}

const action = (view, kind) => view?.actions?.find(a => a.kind === kind);

// ---- the sessions -------------------------------------------------------------------------------------

export class TrainingListPage {
  title = 'Tập huấn';
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.page = null; this.error = null;
    // The sessions, latest first, a page at a time as the API reads them; the page also carries this person's actions.
    this.list = new Pager(async (token, size) => {
      const page = (await api(`${sessionsUrl}?pageSize=${size}${token ? `&continuationToken=${enc(token)}` : ''}`)).data;
      this.page = page;
      return page;
    }, 25);
  }

  async start() {
    await this.list.reset();
    this.error = this.page ? null : this.list.error;
    refresh();
  }

  sessions() {
    const l = this.list;
    if (l.error) return failed(l.error, () => l.go(l.index));
    if (!l.items) return loading();
    if (l.items.length === 0 && l.index === 0) return empty('Chưa có hội nghị tập huấn nào.');
    return html`<div class="table-wrap stack"><table>
        <caption class="visually-hidden">Các hội nghị tập huấn</caption>
        <thead><tr><th scope="col">Hội nghị</th><th scope="col">Thời gian</th><th scope="col">Địa điểm</th><th scope="col" class="n">Đã xác nhận</th><th scope="col">Tình trạng</th></tr></thead>
        <tbody>${l.items.map(s => html`<tr>
          <th scope="row"><a href="/tap-huan/${enc(s.id)}">${s.title}</a><span class="sub">${s.topicName}</span></th>
          <td data-label="Thời gian">${s.startTime} ngày ${fmtDate(s.date)}</td>
          <td data-label="Địa điểm">${s.place}</td>
          <td class="n" data-label="Đã xác nhận">${s.confirmed}/${s.capacity}</td>
          <td data-label="Tình trạng"><span class="tag ${STATUS_TAG[s.status] ?? 'muted'}">${s.statusName}</span>
            ${s.status === 'published' ? html`<span class="sub">Hạn xác nhận ${fmtDate(s.confirmBy)}</span>` : nothing}</td></tr>`)}</tbody>
      </table></div>${l.controls()}`;
  }

  render() {
    const head = html`<h1 tabindex="-1">Hội nghị tập huấn</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.page) return html`${head}${loading()}`;
    const plan = action(this.page, 'plan');
    return html`${head}
      <p class="note">${this.app.isDistrict ? `Các hội nghị tập huấn do ${unitWords().police} tổ chức cho tổ trưởng, tổ phó các Tổ NDTQ.` : 'Các hội nghị tập huấn phường được mời.'}</p>
      <div class="toolbar">
        ${plan ? html`<a class="button primary" href="/tap-huan/lap-ke-hoach">${plan.name}</a>` : nothing}
        <a class="button" href="/tap-huan/bao-phu">Tỷ lệ đã tập huấn</a>
      </div>
      ${this.sessions()}`;
  }
}

// ---- plan or edit a session ---------------------------------------------------------------------------

export class TrainingFormPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.id = params.id ?? null; this.form = null; this.error = null; this.current = null;
    this.topics = []; this.suggested = []; this.named = new Map();
  }
  get title() { return this.id ? 'Sửa kế hoạch tập huấn' : 'Lập kế hoạch tập huấn'; }

  async start() {
    try {
      const [list, coverage] = await Promise.all([api(`${sessionsUrl}?pageSize=1`), api('/api/training/coverage')]); // the topics come with the list
      this.topics = list.data.topics;
      // Leaders and deputies never trained: suggested for the invitation list.
      this.suggested = coverage.data.wards.flatMap(w => w.notTrained.filter(p => p.flag === 'needs-training'));
      if (this.id) {
        const s = versioned(await api(sessionUrl(this.id)));
        this.current = s;
        this.form = new Form({ topic: s.topic, title: s.title, date: fmtDate(s.date), startTime: s.startTime, place: s.place, trainer: s.trainer,
          capacity: String(s.capacity), confirmBy: fmtDate(s.confirmBy), inviteLeaders: s.inviteLeaders, inviteDeputies: s.inviteDeputies }, { guard: true });
        this.wards = new Set(s.wardIds);
        for (const m of s.invitedMembers) this.named.set(m.memberId, m);
      } else {
        this.form = new Form({ topic: this.topics[0]?.key ?? '', title: '', date: '', startTime: '08:00', place: '', trainer: '', capacity: '100', confirmBy: '',
          inviteLeaders: true, inviteDeputies: true }, { guard: true });
        this.wards = new Set(); // chosen one by one: the suggestions follow the wards chosen
      }
      this.error = null;
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  toggleWard(id, on) {
    if (on) this.wards.add(id); else this.wards.delete(id);
    const f = this.form; f.markChanged();
    if (on && f.errors.wardIds) { delete f.errors.wardIds; if (!Object.keys(f.errors).length) f.error = null; }
    refresh();
  }
  toggleNamed(p, on) { if (on) this.named.set(p.memberId, p); else this.named.delete(p.memberId); this.form.markChanged(); refresh(); }

  async save(e) {
    e.preventDefault();
    const f = this.form; const v = f.values;
    const date = isoFromVn(v.date); const confirmBy = isoFromVn(v.confirmBy);
    const named = [...this.named.values()].filter(p => this.wards.has(p.wardId));
    if (!f.check({
      title: v.title.trim() ? null : 'Vui lòng nhập tên hội nghị.',
      date: !date ? DATE_INVALID : null, confirmBy: !confirmBy ? DATE_INVALID : null,
      startTime: /^\d{2}:\d{2}$/.test(v.startTime.trim()) ? null : 'Giờ bắt đầu phải có dạng giờ:phút, ví dụ 08:00.',
      wardIds: this.wards.size ? null : 'Vui lòng chọn ít nhất một phường được mời.',
    })) return;
    const body = {
      topic: v.topic, title: v.title.trim(), date, startTime: v.startTime.trim(), place: v.place.trim(), trainer: v.trainer.trim(),
      wardIds: [...this.wards], inviteLeaders: !!v.inviteLeaders, inviteDeputies: !!v.inviteDeputies,
      members: named.map(p => ({ wardId: p.wardId, groupId: p.groupId, memberId: p.memberId })),
      capacity: Number(v.capacity) || 0, confirmBy,
    };
    const r = await f.submit(requestId => this.id
      ? api(sessionUrl(this.id), { method: 'PUT', body, etag: this.current.etag, requestId })
      : api(sessionsUrl, { method: 'POST', body, requestId }));
    if (!r) {
      if (f.error?.status === 412) {
        f.error = new ApiError(412, { title: 'Người khác vừa sửa kế hoạch này.', detail: 'Nội dung bạn nhập vẫn còn. Hãy mở lại kế hoạch mới nhất rồi sửa lại.' });
        refresh();
      }
      return;
    }
    this.app.navigate(`/tap-huan/${enc(r.data.id)}`);
  }

  render() {
    const head = html`${crumbs([['', this.title]])}<h1 tabindex="-1">${this.title}</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.form) return html`${head}${loading()}`;
    const f = this.form; const v = f.values;
    const suggested = this.suggested.filter(p => this.wards.has(p.wardId));
    const others = [...this.named.values()].filter(p => !suggested.some(s => s.memberId === p.memberId));
    const shown = ['topic', 'title', 'date', 'startTime', 'place', 'trainer', 'capacity', 'confirmBy', 'wardIds', 'inviteLeaders', 'members'];
    const check = (name, label) => html`<label class="check"><input type="checkbox" .checked=${!!v[name]} @change=${e => { f.set(name, e.target.checked); refresh(); }}> ${label}</label>`;
    const person = p => html`<li><label class="check"><input type="checkbox" .checked=${this.named.has(p.memberId)} @change=${e => this.toggleNamed(p, e.target.checked)}>
      ${p.fullName}<span class="sub">${p.roleName} · ${p.groupName} · Phường ${this.app.wardName(p.wardId)}${p.flagName ? html` · <span class="tag warn">${p.flagName}</span>` : nothing}</span></label></li>`;
    return html`${head}
      <form class="editor training-form" @submit=${e => this.save(e)} novalidate aria-labelledby="tf-h">
        <h2 id="tf-h" class="visually-hidden">${this.title}</h2>
        ${formMessage(f, shown)}
        <div class="grid">
          ${field(f, 'topic', 'Chủ đề', { type: 'select', options: this.topics.map(t => [t.key, t.name]), required: true })}
          ${field(f, 'title', 'Tên hội nghị', { required: true, maxlength: 200, wide: true })}
          ${field(f, 'date', 'Ngày tổ chức', { type: 'date', required: true })}
          ${field(f, 'startTime', 'Giờ bắt đầu', { required: true, maxlength: 5, inputmode: 'numeric', hint: 'Giờ:phút, ví dụ 08:00 (giờ Việt Nam).' })}
          ${field(f, 'place', 'Địa điểm', { required: true, maxlength: 200 })}
          ${field(f, 'trainer', 'Báo cáo viên', { required: true, maxlength: 100 })}
          ${field(f, 'capacity', 'Số chỗ', { type: 'number', required: true, min: 1, max: 1000, inputmode: 'numeric' })}
          ${field(f, 'confirmBy', 'Hạn phường xác nhận người tham dự', { type: 'date', required: true })}
        </div>
        <fieldset class="choices ${f.errorFor('wardIds') ? 'has-error' : ''}">
          <legend>Phường được mời</legend>
          <ul class="check-list">${this.app.wards.map(w => html`<li><label class="check"><input type="checkbox" .checked=${this.wards.has(w.id)}
            @change=${e => this.toggleWard(w.id, e.target.checked)}> ${w.name}</label></li>`)}</ul>
          ${f.errorFor('wardIds') ? html`<p class="error">${f.errorFor('wardIds')}</p>` : nothing}
        </fieldset>
        <fieldset class="choices ${f.errorFor('inviteLeaders') ? 'has-error' : ''}">
          <legend>Đối tượng được mời</legend>
          ${check('inviteLeaders', 'Tổ trưởng các tổ đang hoạt động')}
          ${check('inviteDeputies', 'Tổ phó các tổ đang hoạt động')}
          ${f.errorFor('inviteLeaders') ? html`<p class="error">${f.errorFor('inviteLeaders')}</p>` : nothing}
        </fieldset>
        <fieldset class="choices">
          <legend>Mời riêng từng người</legend>
          <p class="hint">Gợi ý: tổ trưởng, tổ phó chưa tập huấn lần nào (ví dụ mới được bầu sau kiện toàn).</p>
          ${suggested.length === 0 ? html`<p class="muted">Không có ai cần tập huấn ở các phường đã chọn.</p>` : html`<ul class="check-list people">${suggested.map(person)}</ul>`}
          ${others.length ? html`<ul class="check-list people">${others.map(person)}</ul>` : nothing}
          ${Object.entries(f.errors).filter(([k]) => k.startsWith('members')).map(([, m]) => html`<p class="error">${[].concat(m).join(' ')}</p>`)}
        </fieldset>
        <div class="actions">${submitButton(f, this.id ? 'Lưu kế hoạch' : 'Lập kế hoạch')}
          <a class="button" href=${this.id ? `/tap-huan/${enc(this.id)}` : '/tap-huan'}>Hủy</a></div>
      </form>`;
  }
}

// ---- one session ----------------------------------------------------------------------------------------

export class TrainingSessionPage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) {
    this.app = app; this.id = params.id; this.view = null; this.error = null;
    this.acting = new Form(); this.cancelling = null; this.confirming = null; this.recording = null; this.correcting = null;
    this.uploading = new Form(); this.downloading = new Form();
  }
  get title() { return this.view?.title ?? 'Hội nghị tập huấn'; }

  async start(tries = 0) {
    try {
      this.view = versioned(await api(sessionUrl(this.id))); this.error = null; document.title = `${this.title} – Tổ NDTQ`;
      await this.prepareForms();
      // Just published: the wards' invitations are being started; look again shortly (a few times at most).
      if (this.view.status === 'published' && this.view.wards.some(w => w.step === 'starting') && tries < 10) setTimeout(() => this.start(tries + 1), 1500);
    } catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  /** The officer's candidates (the ward's leaders and deputies as invited, and the people named), all ticked; the police's attendance, all present. */
  async prepareForms() {
    const s = this.view;
    this.confirming = null; this.recording = null; this.correcting = null;
    const confirm = action(s, 'confirm') ?? action(s, 'change-confirmation');
    if (confirm) {
      const wardId = this.app.me.wardId;
      const groups = await allPages(`/api/wards/${enc(wardId)}/groups?status=active`);
      const people = groups.flatMap(g => [
        ...(s.inviteLeaders && g.leader ? [{ groupId: g.id, groupName: g.name, memberId: g.leader.id, fullName: g.leader.fullName, roleName: 'Tổ trưởng' }] : []),
        ...(s.inviteDeputies ? g.deputies.map(d => ({ groupId: g.id, groupName: g.name, memberId: d.id, fullName: d.fullName, roleName: 'Tổ phó' })) : [])]);
      for (const m of s.invitedMembers) if (!people.some(p => p.memberId === m.memberId)) people.push(m);
      // Changing a confirmed list: it starts from the people confirmed, behind its own button, and asks why.
      const changing = confirm.kind === 'change-confirmation';
      const mine = s.wards.find(w => w.wardId === wardId)?.confirmed ?? [];
      for (const m of mine) if (!people.some(p => p.memberId === m.memberId)) people.push(m);
      this.confirming = { action: confirm, people, changing, open: !changing, form: new Form({ reason: '' }),
        chosen: new Set(changing ? mine.map(p => p.memberId) : people.map(p => p.memberId)) };
    }
    const record = action(s, 'record-attendance');
    if (record) {
      const people = s.wards.flatMap(w => w.confirmed);
      this.recording = { action: record, people, present: new Set(people.map(p => p.memberId)), form: new Form() };
    }
    const correct = action(s, 'correct-attendance');
    if (correct) {
      const people = s.wards.flatMap(w => w.confirmed.map(p => ({ ...p, wasPresent: !!w.attendance.find(a => a.person.memberId === p.memberId)?.present })));
      this.correcting = { action: correct, people, open: false, present: new Set(people.filter(p => p.wasPresent).map(p => p.memberId)), form: new Form({ reason: '' }) };
    }
  }

  async act(a, body) {
    const r = await this.acting.submit(requestId => api(a.href, { method: a.method, body, etag: this.view.etag, requestId }));
    if (r) { this.view = versioned(r); this.cancelling = null; await this.prepareForms(); this.acting.done = a.kind === 'publish' ? 'Đã gửi giấy mời tới các phường.' : 'Đã hủy hội nghị.'; refresh(); }
  }

  async cancel(e, a) {
    e.preventDefault();
    if (!this.cancelling.check({ reason: this.cancelling.values.reason.trim() ? null : 'Vui lòng ghi lý do hủy hội nghị.' })) return;
    const r = await this.cancelling.submit(requestId => api(a.href, { method: a.method, body: { reason: this.cancelling.values.reason.trim() }, requestId }));
    if (r) { this.view = versioned(r); this.cancelling = null; await this.prepareForms(); this.acting.done = 'Đã hủy hội nghị.'; refresh(); }
  }

  async confirm(e) {
    e.preventDefault();
    const c = this.confirming;
    const body = { people: c.people.filter(p => c.chosen.has(p.memberId)).map(p => ({ groupId: p.groupId, memberId: p.memberId })),
      ...(c.changing ? { reason: c.form.values.reason.trim() } : {}) };
    if (c.changing && !c.form.check({ reason: body.reason ? null : 'Vui lòng ghi lý do đổi người tham dự.' })) return;
    const r = await c.form.submit(requestId => api(c.action.href, { method: 'POST', body, requestId }));
    if (r) {
      this.view = versioned(r); await this.prepareForms();
      this.acting.done = c.changing ? `Đã đổi danh sách: ${body.people.length} người tham dự.` : `Đã xác nhận ${body.people.length} người tham dự.`; refresh();
    }
  }

  async correct(e) {
    e.preventDefault();
    const c = this.correcting;
    const changed = c.people.filter(p => c.present.has(p.memberId) !== p.wasPresent);
    const reason = c.form.values.reason.trim();
    if (!c.form.check({ reason: reason ? null : 'Vui lòng ghi lý do sửa điểm danh.', people: changed.length ? null : 'Chưa đổi điểm danh của ai.' })) return;
    const body = { people: changed.map(p => ({ wardId: p.wardId, memberId: p.memberId, present: c.present.has(p.memberId) })), reason };
    const r = await c.form.submit(requestId => api(c.action.href, { method: 'POST', body, requestId }));
    if (r) { this.view = versioned(r); await this.prepareForms(); this.acting.done = `Đã sửa điểm danh của ${changed.length} người.`; refresh(); }
  }

  async record(e) {
    e.preventDefault();
    const c = this.recording;
    const body = { people: c.people.map(p => ({ wardId: p.wardId, memberId: p.memberId, present: c.present.has(p.memberId) })) };
    const r = await c.form.submit(requestId => api(c.action.href, { method: 'POST', body, requestId }));
    if (r) { this.view = versioned(r); await this.prepareForms(); this.acting.done = 'Đã ghi điểm danh.'; refresh(); }
  }

  async upload(a, file) {
    const r = await this.uploading.submit(requestId => api(`${a.href}?fileName=${enc(file.name)}`, { method: 'POST', file, requestId }));
    if (r) { this.view = versioned(r); this.uploading.done = `Đã đính kèm ${file.name}.`; refresh(); }
  }

  render() {
    if (this.error) return html`${crumbs([['', 'Hội nghị']])}<h1 tabindex="-1">Hội nghị tập huấn</h1>${failed(this.error, () => this.start())}`;
    if (!this.view) return html`${crumbs([['', 'Hội nghị']])}<h1 tabindex="-1">Hội nghị tập huấn</h1>${loading()}`;
    const s = this.view;
    const edit = action(s, 'edit'); const publish = action(s, 'publish'); const cancel = action(s, 'cancel'); const upload = action(s, 'upload-file');
    const invited = [s.inviteLeaders && 'tổ trưởng', s.inviteDeputies && 'tổ phó', s.invitedMembers.length && `${s.invitedMembers.length} người được mời riêng`].filter(Boolean).join(', ');
    return html`${crumbs([['', s.title]])}
      <div class="title-row"><h1 tabindex="-1">${s.title}<span class="sub">${s.topicName}</span></h1>
        <span class="tag ${STATUS_TAG[s.status] ?? 'muted'}">${s.statusName}</span></div>
      <dl class="facts">
        <div><dt>Thời gian</dt><dd>${s.startTime} ngày ${fmtDate(s.date)}</dd></div>
        <div><dt>Địa điểm</dt><dd>${s.place}</dd></div>
        <div><dt>Báo cáo viên</dt><dd>${s.trainer}</dd></div>
        <div><dt>Đối tượng</dt><dd>${sentence(invited) || '—'}</dd></div>
        <div><dt>Số chỗ</dt><dd>${s.confirmed}/${s.capacity} đã xác nhận · còn ${s.seatsLeft} chỗ</dd></div>
        <div><dt>Hạn xác nhận</dt><dd>${fmtDateTime(s.confirmDeadline)}</dd></div>
        ${s.cancelReason ? html`<div><dt>Lý do hủy</dt><dd>${s.cancelReason}</dd></div>` : nothing}
      </dl>
      ${formMessage(this.acting)}
      ${edit || publish || cancel ? html`<div class="toolbar">
        ${edit ? html`<a class="button" href="/tap-huan/${enc(s.id)}/sua">${edit.name}</a>` : nothing}
        ${publish ? html`<button type="button" class="primary" ?disabled=${this.acting.busy} @click=${() => this.act(publish, {})}>${publish.name}</button>` : nothing}
        ${cancel && !this.cancelling ? html`<button type="button" class="danger" @click=${() => { this.cancelling = new Form({ reason: '' }); refresh(); }}>${cancel.name}</button>` : nothing}
      </div>` : nothing}
      ${this.cancelling ? html`<form class="editor" @submit=${e => this.cancel(e, cancel)} novalidate aria-labelledby="cancel-h">
        <h2 id="cancel-h">Hủy hội nghị</h2>
        ${formMessage(this.cancelling, ['reason'])}
        <div class="grid">${field(this.cancelling, 'reason', 'Lý do hủy', { type: 'textarea', wide: true, required: true, rows: 2 })}</div>
        <div class="actions">${submitButton(this.cancelling, 'Xác nhận hủy', 'Đang gửi…', 'danger')}<button type="button" @click=${() => { this.cancelling = null; refresh(); }}>Không hủy</button></div>
      </form>` : nothing}
      ${this.confirming?.changing || this.correcting ? html`<div class="toolbar">
        ${this.confirming?.changing ? html`<button type="button" aria-expanded=${this.confirming.open ? 'true' : 'false'}
          @click=${() => { this.confirming.open = !this.confirming.open; refresh(); }}>${this.confirming.action.name}</button>` : nothing}
        ${this.correcting ? html`<button type="button" aria-expanded=${this.correcting.open ? 'true' : 'false'}
          @click=${() => { this.correcting.open = !this.correcting.open; refresh(); }}>${this.correcting.action.name}</button>` : nothing}
      </div>` : nothing}
      ${this.confirming?.open ? this.confirmForm() : nothing}
      ${this.recording ? this.attendanceForm() : nothing}
      ${this.correcting?.open ? this.correctionForm() : nothing}

      <section aria-labelledby="wards-h"><h2 id="wards-h">${this.app.isDistrict ? 'Các phường được mời' : 'Phường của bạn'}</h2>
        ${s.wards.length === 0 ? empty('Chưa có phường nào.') : s.wards.map(w => html`<article class="ward-invitation" aria-labelledby="w-${w.wardId}">
          <h3 id="w-${w.wardId}">Phường ${w.wardName} <span class="tag ${w.overdue ? 'bad' : w.step === 'confirmed' ? 'ok' : 'muted'}">${w.overdue ? 'Quá hạn xác nhận' : w.stepName}</span></h3>
          ${w.confirmed.length === 0 ? html`<p class="muted">Chưa xác nhận người tham dự.</p>` : html`
            <p class="meta">${w.confirmed.length} người, ${w.changeReason ? 'đổi' : 'xác nhận'} bởi ${w.confirmedByName} lúc ${fmtDateTime(w.confirmedAt)}${w.changeReason ? `: ${w.changeReason.replace(/[.\s]+$/, '')}` : ''}.</p>
            ${w.earlierConfirmations?.length ? html`<details><summary>Danh sách trước khi đổi (${w.earlierConfirmations.length})</summary>
              <ol class="audit">${w.earlierConfirmations.map(c => html`<li><time datetime=${c.at}>${fmtDateTime(c.at)}</time>
                <span>${c.byName}${c.reason ? ` · ${c.reason}` : ''}</span><span class="comment">${c.people.map(p => p.fullName).join(', ')}</span></li>`)}</ol></details>` : nothing}
            <div class="table-wrap stack"><table>
              <caption class="visually-hidden">Người tham dự của phường ${w.wardName}</caption>
              <thead><tr><th scope="col">Họ và tên</th><th scope="col">Vai trò</th><th scope="col">Tổ</th>${w.attendanceRecorded ? html`<th scope="col">Điểm danh</th>` : nothing}</tr></thead>
              <tbody>${w.confirmed.map(p => { const a = w.attendance.find(x => x.person.memberId === p.memberId); return html`<tr>
                <th scope="row"><a href="/so-theo-doi/${enc(p.wardId)}/to/${enc(p.groupId)}/thanh-vien/${enc(p.memberId)}">${p.fullName}</a></th>
                <td data-label="Vai trò">${p.roleName}</td><td data-label="Tổ">${p.groupName}</td>
                ${w.attendanceRecorded ? html`<td data-label="Điểm danh"><span class="tag ${a?.present ? 'ok' : 'bad'}">${a?.presenceName ?? 'Vắng'}</span></td>` : nothing}</tr>`; })}</tbody>
            </table></div>`}
        </article>`)}
      </section>

      ${s.corrections?.length ? html`<section aria-labelledby="corr-h"><h2 id="corr-h">Các lần sửa điểm danh</h2>
        <ol class="audit">${s.corrections.map(c => html`<li><time datetime=${c.at}>${fmtDateTime(c.at)}</time>
          <span><strong>${c.byName}</strong>${c.nowPresent.length ? ` · có mặt: ${c.nowPresent.join(', ')}` : ''}${c.nowAbsent.length ? ` · vắng: ${c.nowAbsent.join(', ')}` : ''}</span>
          <span class="comment">${c.reason}</span></li>`)}</ol></section>` : nothing}

      <section aria-labelledby="files-h"><h2 id="files-h">Danh sách ký, tài liệu</h2>
        ${s.files.length === 0 ? empty('Chưa đính kèm tệp nào.') : html`<ul>${s.files.map(d => html`<li>
          <button type="button" class="link" @click=${() => this.downloading.submit(() => download(`${sessionUrl(s.id)}/files?blob=${enc(d.blobName)}`, d.name))}>${d.name}</button>
          <span class="muted">· ${d.uploadedBy} · ${fmtDateTime(d.uploadedAt)}</span></li>`)}</ul>`}
        ${formMessage(this.downloading)}
        ${upload ? html`<div class="file-pick">
          <input id="tr-file" class="visually-hidden" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png"
            @change=${e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) this.upload(upload, file); }}>
          <label for="tr-file" class="button">${upload.name}…</label></div>${formMessage(this.uploading)}` : nothing}
      </section>`;
  }

  confirmForm() {
    const c = this.confirming; const f = c.form; const s = this.view;
    const shown = ['people', ...c.people.map((_, i) => `people[${i}].memberId`)];
    const chosen = c.people.filter(p => c.chosen.has(p.memberId));
    return html`<form class="editor" @submit=${e => this.confirm(e)} novalidate aria-labelledby="confirm-h">
      <h2 id="confirm-h">${c.action.name}</h2>
      <p class="hint">Chọn người của phường sẽ tham dự. Hội nghị còn ${s.seatsLeft + (s.wards[0]?.confirmed.length ?? 0)} chỗ cho phường của bạn (tính cả số đã xác nhận).</p>
      ${formMessage(f, shown)}
      ${f.errorFor('people') ? html`<p class="error">${f.errorFor('people')}</p>` : nothing}
      ${c.people.length > 1 ? html`<div class="toolbar">
        <button type="button" @click=${() => { c.people.forEach(p => c.chosen.add(p.memberId)); refresh(); }}>Chọn tất cả</button>
        <button type="button" @click=${() => { c.chosen.clear(); refresh(); }}>Bỏ chọn tất cả</button></div>` : nothing}
      ${c.people.length === 0 ? empty('Phường chưa có tổ trưởng, tổ phó nào.') : html`<ul class="check-list people">${c.people.map((p, i) => {
        const error = f.errorFor(`people[${chosen.indexOf(p)}].memberId`);
        return html`<li class=${error ? 'has-error' : ''}><label class="check"><input type="checkbox" .checked=${c.chosen.has(p.memberId)}
          @change=${e => { if (e.target.checked) c.chosen.add(p.memberId); else c.chosen.delete(p.memberId); refresh(); }}>
          ${p.fullName}<span class="sub">${p.roleName} · ${p.groupName}</span></label>${error ? html`<p class="error">${error}</p>` : nothing}</li>`; })}</ul>`}
      ${c.changing ? html`<div class="grid">${field(f, 'reason', 'Lý do đổi người tham dự', { type: 'textarea', wide: true, required: true, rows: 2 })}</div>` : nothing}
      <div class="actions">${submitButton(f, c.changing ? `Lưu danh sách mới (${chosen.length} người)` : `Xác nhận ${chosen.length} người tham dự`)}</div>
    </form>`;
  }

  correctionForm() {
    const c = this.correcting; const f = c.form;
    const changed = c.people.filter(p => c.present.has(p.memberId) !== p.wasPresent).length;
    return html`<form class="editor" @submit=${e => this.correct(e)} novalidate aria-labelledby="corr-form-h">
      <h2 id="corr-form-h">${c.action.name}</h2>
      <p class="hint">Đổi dấu có mặt của người ghi nhầm rồi ghi lý do (ví dụ theo danh sách ký dự). Lần sửa được lưu lại cùng người sửa, thời gian và lý do; số liệu tập huấn theo đó.</p>
      ${formMessage(f, ['reason', 'people', ...c.people.map((_, i) => `people[${i}].memberId`)])}
      ${f.errorFor('people') ? html`<p class="error">${f.errorFor('people')}</p>` : nothing}
      <ul class="check-list people">${c.people.map(p => html`<li><label class="check"><input type="checkbox" .checked=${c.present.has(p.memberId)}
        @change=${e => { if (e.target.checked) c.present.add(p.memberId); else c.present.delete(p.memberId); refresh(); }}>
        ${p.fullName}<span class="sub">${p.roleName} · ${p.groupName} · đã ghi: ${p.wasPresent ? 'có mặt' : 'vắng'}</span></label></li>`)}</ul>
      <div class="grid">${field(f, 'reason', 'Lý do sửa điểm danh', { type: 'textarea', wide: true, required: true, rows: 2 })}</div>
      <div class="actions">${submitButton(f, `Lưu sửa điểm danh (${changed} người)`)}<button type="button" @click=${() => { this.correcting.open = false; refresh(); }}>Hủy</button></div>
    </form>`;
  }

  attendanceForm() {
    const c = this.recording; const f = c.form;
    return html`<form class="editor" @submit=${e => this.record(e)} novalidate aria-labelledby="att-h">
      <h2 id="att-h">${c.action.name}</h2>
      <p class="hint">Đánh dấu người có mặt; người không được đánh dấu là vắng.</p>
      ${formMessage(f, c.people.map((_, i) => `people[${i}].memberId`))}
      <ul class="check-list people">${c.people.map(p => html`<li><label class="check"><input type="checkbox" .checked=${c.present.has(p.memberId)}
        @change=${e => { if (e.target.checked) c.present.add(p.memberId); else c.present.delete(p.memberId); refresh(); }}>
        ${p.fullName}<span class="sub">${p.roleName} · ${p.groupName} · Phường ${this.app.wardName(p.wardId)}</span></label></li>`)}</ul>
      <div class="actions">${submitButton(f, `Lưu điểm danh (${c.present.size}/${c.people.length} có mặt)`)}</div>
    </form>`;
  }
}

// ---- coverage -----------------------------------------------------------------------------------------

export class TrainingCoveragePage {
  /** @param {import('../../../types/app').RouteParams} params @param {import('../../../types/app').App} app */
  constructor(params, app) { this.app = app; this.wardId = new URLSearchParams(location.search).get('phuong'); this.data = null; this.error = null; }
  get title() { return this.wardId ? `Tỷ lệ đã tập huấn – Phường ${this.app.wardName(this.wardId)}` : 'Tỷ lệ đã tập huấn'; }

  async start() {
    try { this.data = (await api(`/api/training/coverage${this.wardId ? `?wardId=${enc(this.wardId)}` : ''}`)).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    const inWard = this.wardId && this.app.isDistrict ? [['/tap-huan/bao-phu', 'Tỷ lệ đã tập huấn'], ['', `Phường ${this.app.wardName(this.wardId)}`]] : [['', 'Tỷ lệ đã tập huấn']];
    const head = html`${crumbs(inWard)}<h1 tabindex="-1">Tỷ lệ tổ trưởng, tổ phó đã tập huấn${this.wardId ? html`<span class="sub">Phường ${this.app.wardName(this.wardId)}</span>` : nothing}</h1>`;
    if (this.error) return html`${head}${failed(this.error, () => this.start())}`;
    if (!this.data) return html`${head}${loading()}`;
    const d = this.data;
    // District roles see every ward in a table, each opening its list; a ward sees its own list.
    const lists = d.wards.length === 1;
    return html`${head}
      <p class="note">Đã tập huấn: có dự ít nhất một hội nghị tập huấn trong ${d.validMonths} tháng qua (từ ngày ${fmtDate(d.since)}).</p>
      <ul class="tiles" aria-label="Số liệu">
        <li><span class="num">${fmtNumber(d.trained)}/${fmtNumber(d.leadersAndDeputies)}</span> tổ trưởng, tổ phó đã tập huấn (${percent(d.share)})</li>
        <li class=${d.leadersAndDeputies - d.trained ? 'warn' : ''}><span class="num">${fmtNumber(d.leadersAndDeputies - d.trained)}</span> người chưa tập huấn</li>
      </ul>
      ${lists ? nothing : html`<div class="table-wrap stack"><table>
        <caption class="visually-hidden">Theo phường</caption>
        <thead><tr><th scope="col">Phường</th><th scope="col" class="n">Tổ trưởng, tổ phó</th><th scope="col" class="n">Đã tập huấn</th><th scope="col" class="n">Tỷ lệ</th><th scope="col" class="n">Chưa tập huấn</th></tr></thead>
        <tbody>${d.wards.map(w => html`<tr><th scope="row"><a href="/tap-huan/bao-phu?phuong=${enc(w.wardId)}">${w.wardName}</a></th>
          <td class="n" data-label="Tổ trưởng, tổ phó">${fmtNumber(w.leadersAndDeputies)}</td><td class="n" data-label="Đã tập huấn">${fmtNumber(w.trained)}</td>
          <td class="n" data-label="Tỷ lệ">${percent(w.share)}</td><td class="n" data-label="Chưa tập huấn">${fmtNumber(w.notTrained.length)}</td></tr>`)}</tbody>
      </table></div>`}
      ${lists ? d.wards.map(w => html`<section aria-labelledby="cv-${w.wardId}">
        <h2 id="cv-${w.wardId}">Phường ${w.wardName}: chưa tập huấn (${w.notTrained.length})</h2>
        ${w.notTrained.length === 0 ? empty('Tất cả tổ trưởng, tổ phó đã tập huấn.') : html`<div class="table-wrap stack"><table>
          <caption class="visually-hidden">Chưa tập huấn, phường ${w.wardName}</caption>
          <thead><tr><th scope="col">Họ và tên</th><th scope="col">Vai trò</th><th scope="col">Tổ</th><th scope="col">Lần gần nhất</th></tr></thead>
          <tbody>${w.notTrained.map(p => html`<tr>
            <th scope="row"><a href="/so-theo-doi/${enc(p.wardId)}/to/${enc(p.groupId)}/thanh-vien/${enc(p.memberId)}">${p.fullName}</a>
              <span class="tag ${p.flag === 'needs-training' ? 'warn' : 'bad'}">${p.flagName}</span></th>
            <td data-label="Vai trò">${p.roleName}</td><td data-label="Tổ">${p.groupName}</td>
            <td data-label="Lần gần nhất">${p.lastTrained ? fmtDate(p.lastTrained) : html`<span class="muted">(chưa có)</span>`}</td></tr>`)}</tbody>
        </table></div>`}
      </section>`) : nothing}`;
  }
}

// ---- a person's training (shown on their page in the register) ------------------------------------------

export class TrainingHistory {
  constructor(wardId, groupId, memberId) { this.url = `/api/wards/${enc(wardId)}/groups/${enc(groupId)}/members/${enc(memberId)}/training`; this.data = null; this.error = null; }

  async load() {
    try { this.data = (await api(this.url)).data; this.error = null; }
    catch (e) { if (!(e instanceof ApiError)) throw e; this.error = e; }
    refresh();
  }

  render() {
    const d = this.data;
    return html`<section aria-labelledby="training-h"><h2 id="training-h">Tập huấn đã dự</h2>
      ${this.error ? failed(this.error, () => this.load()) : !d ? loading() : d.sessions.length === 0 ? empty('Chưa dự hội nghị tập huấn nào.') : html`
      <p class="meta">${d.trainedWithinPeriod ? html`<span class="tag ok">Đã tập huấn</span> trong ${d.validMonths} tháng qua.` : html`<span class="tag bad">Quá hạn tập huấn</span> (lần gần nhất ${fmtDate(d.lastTrained)}).`}</p>
      <div class="table-wrap stack"><table>
        <caption class="visually-hidden">Tập huấn đã dự</caption>
        <thead><tr><th scope="col">Hội nghị</th><th scope="col">Chủ đề</th><th scope="col">Ngày</th></tr></thead>
        <tbody>${d.sessions.map(s => html`<tr><th scope="row"><a href="/tap-huan/${enc(s.sessionId)}">${s.title}</a></th>
          <td data-label="Chủ đề">${s.topicName}</td><td data-label="Ngày">${fmtDate(s.date)}</td></tr>`)}</tbody></table></div>`}
    </section>`;
  }
}

