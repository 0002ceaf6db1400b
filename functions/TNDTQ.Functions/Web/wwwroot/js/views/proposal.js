// The proposal (tờ trình) a ward officer drafts: title, summary and its structural changes, each with
// its reason and a candidate record for every leader or deputy it sets. Every field is named by the
// API's JSON path (changes[0].change.groupId …), so an error — from the API's limits or from the
// draft's checks against the register — shows beside the field or the change it concerns.
import { html, nothing, refresh, Form, field, formMessage, submitButton } from '../ui.js';
import { api } from '../api.js';

const enc = encodeURIComponent;
const TYPES = [['consolidate', 'Kiện toàn tổ (thay tổ trưởng, tổ phó)'], ['establish', 'Thành lập tổ mới'], ['merge', 'Sáp nhập tổ'], ['dissolve', 'Giải thể tổ']];

/** Where each field of a change block lives in the API's body. */
const PATH = {
  type: 'change.type', groupId: 'change.groupId', name: 'change.name', area: 'change.area', households: 'change.households',
  leaderName: 'change.leader.fullName', leaderBirthYear: 'change.leader.birthYear', leaderAddress: 'change.leader.address',
  leaderMemberId: 'change.leader.memberId', deputyMemberId: 'change.deputies[0].memberId',
  sourceGroupId: 'change.sourceGroupIds', targetGroupId: 'change.targetGroupId', reason: 'reason',
  leaderYears: 'candidates[0].yearsOfResidence', deputyYears: 'candidates[1].yearsOfResidence',
};

let uid = 0;
const blank = type => ({ uid: ++uid, type, groupId: '', name: '', area: '', households: '', leaderName: '', leaderBirthYear: '', leaderAddress: '',
  leaderMemberId: '', deputyMemberId: '', sourceGroupId: '', targetGroupId: '', reason: '',
  leaderYears: '', leaderLives: true, leaderResidents: true, leaderFront: false, deputyYears: '', deputyLives: true, deputyResidents: true, deputyFront: false });

export class ProposalEditor {
  /** groups: the ward's active groups; url: the ward cycle's API address; actions: the view's actions (names of the buttons). */
  constructor(url, draft, groups, actions, onSaved) {
    this.url = url; this.groups = groups; this.actions = actions; this.onSaved = onSaved;
    this.form = new Form({ title: draft?.title ?? '', summary: draft?.summary ?? '' });
    this.changes = (draft?.changes ?? []).map(c => this.fromApi(c));
    this.members = {};
    for (const c of this.changes) if (c.groupId) this.loadMembers(c.groupId);
  }

  async loadMembers(groupId) {
    if (!groupId || this.members[groupId]) return;
    this.members[groupId] = [];
    const r = await api(`${this.url.replace(/\/api\/restructure\/cycles\/[^/]+\/wards\//, '/api/wards/')}/groups/${enc(groupId)}/members?status=active&pageSize=200`);
    this.members[groupId] = r.data.items;
    refresh();
  }

  fromApi(p) {
    const c = blank(p.change.type); const ch = p.change;
    Object.assign(c, { groupId: ch.groupId ?? '', name: ch.name ?? '', area: ch.area ?? '', households: ch.households != null ? String(ch.households) : '',
      leaderName: ch.leader?.fullName ?? '', leaderBirthYear: ch.leader?.birthYear ? String(ch.leader.birthYear) : '', leaderAddress: ch.leader?.address ?? '',
      leaderMemberId: ch.leader?.memberId ?? '', deputyMemberId: ch.deputies?.[0]?.memberId ?? '',
      sourceGroupId: ch.sourceGroupIds?.[0] ?? '', targetGroupId: ch.targetGroupId ?? '', reason: p.reason ?? (ch.reason ?? '') });
    const [lead, dep] = p.candidates ?? [];
    if (lead) Object.assign(c, { leaderYears: String(lead.yearsOfResidence ?? ''), leaderLives: lead.livesInArea, leaderResidents: lead.endorsedByResidents, leaderFront: lead.endorsedByFrontCommittee });
    if (dep) Object.assign(c, { deputyYears: String(dep.yearsOfResidence ?? ''), deputyLives: dep.livesInArea, deputyResidents: dep.endorsedByResidents, deputyFront: dep.endorsedByFrontCommittee });
    return c;
  }

  toApi(c) {
    const num = v => (/^\d+$/.test(String(v).trim()) ? Number(v) : null);
    const candidate = (who, person) => ({ fullName: person.fullName, memberId: person.memberId ?? null, birthYear: person.birthYear ?? null,
      livesInArea: !!c[`${who}Lives`], yearsOfResidence: num(c[`${who}Years`]) ?? 0,
      endorsedByResidents: !!c[`${who}Residents`], endorsedByFrontCommittee: !!c[`${who}Front`], endorsementNote: null });
    const member = id => (this.members[c.groupId] ?? []).find(m => m.id === id);
    switch (c.type) {
      case 'establish': {
        const leader = { fullName: c.leaderName.trim(), birthYear: num(c.leaderBirthYear), address: c.leaderAddress.trim() || null };
        return { change: { type: 'establish', name: c.name.trim(), area: c.area.trim() || null, households: num(c.households) ?? 0, leader, deputies: [], members: [] },
          reason: c.reason.trim() || null, candidates: leader.fullName ? [candidate('leader', leader)] : [] };
      }
      case 'consolidate': {
        const candidates = [];
        const lead = member(c.leaderMemberId); const dep = member(c.deputyMemberId);
        if (lead) candidates.push(candidate('leader', { fullName: lead.fullName, memberId: lead.id, birthYear: lead.birthYear }));
        if (dep) candidates[lead ? 1 : 0] = candidate('deputy', { fullName: dep.fullName, memberId: dep.id, birthYear: dep.birthYear });
        return { change: { type: 'consolidate', groupId: c.groupId, leader: c.leaderMemberId ? { memberId: c.leaderMemberId } : null,
          deputies: c.deputyMemberId ? [{ memberId: c.deputyMemberId }] : null, addMembers: null, removeMemberIds: null },
          reason: c.reason.trim() || null, candidates: candidates.filter(Boolean) };
      }
      case 'merge':
        return { change: { type: 'merge', sourceGroupIds: c.sourceGroupId ? [c.sourceGroupId] : [], targetGroupId: c.targetGroupId }, reason: c.reason.trim() || null, candidates: [] };
      default:
        return { change: { type: 'dissolve', groupId: c.groupId, reason: c.reason.trim() || null }, reason: c.reason.trim() || null, candidates: [] };
    }
  }

  body() { return { title: this.form.values.title.trim(), summary: this.form.values.summary.trim() || null, changes: this.changes.map(c => this.toApi(c)) }; }

  async save() {
    const f = this.form;
    const r = await f.submit(requestId => api(`${this.url}/proposal`, { method: 'PUT', body: this.body(), requestId }));
    if (!r) return;
    const problems = r.data.problems ?? {};
    f.errors = { ...problems };
    const count = Object.values(problems).flat().length;
    f.done = count ? null : 'Đã lưu bản nháp. Tờ trình không còn vấn đề nào: có thể gửi đi.';
    if (count) f.error = { title: 'Đã lưu bản nháp.', detail: `Còn ${count} vấn đề cần sửa trước khi gửi, ghi ngay tại chỗ của chúng.`, retryable: false };
    refresh();
    this.onSaved(false);
  }

  async submit() {
    const f = this.form;
    const saved = await f.submit(requestId => api(`${this.url}/proposal`, { method: 'PUT', body: this.body(), requestId }));
    if (!saved) return;
    const r = await f.submit(requestId => api(`${this.url}/proposal/submit`, { method: 'POST', requestId }));
    if (r) { f.done = 'Đã gửi tờ trình.'; this.onSaved(true); }
  }

  adapter(c, i) {
    const form = this.form;
    return {
      id: `${form.id}-c${c.uid}`, values: c,
      set: (n, v) => { const before = c[n]; c[n] = v; if (n === 'groupId') this.loadMembers(v); if (n === 'type' || n === 'groupId' || before === undefined) refresh(); },
      errorFor: n => form.errorFor(`changes[${i}].${PATH[n]}`),
    };
  }

  render() {
    const f = this.form;
    const name = kind => this.actions.find(a => a.kind === kind)?.name;
    const shown = ['title', 'summary', ...this.changes.flatMap((_, i) => [`changes[${i}]`, ...Object.values(PATH).map(p => `changes[${i}].${p}`)])];
    return html`<form class="editor proposal" @submit=${e => { e.preventDefault(); this.save(); }} novalidate>
      ${formMessage(f, shown)}
      <div class="grid">${field(f, 'title', 'Tiêu đề tờ trình', { wide: true, required: true })}${field(f, 'summary', 'Tóm tắt', { type: 'textarea', wide: true })}</div>
      ${this.changes.map((c, i) => this.change(c, i))}
      <div class="toolbar">
        <button type="button" @click=${() => { this.changes.push(blank('consolidate')); refresh(); }}>Thêm một thay đổi</button>
      </div>
      <div class="actions">
        ${name('save-proposal') ? submitButton(f, name('save-proposal'), 'Đang lưu…', '') : nothing}
        ${name('submit-proposal') ? html`<button type="button" class="primary" ?disabled=${f.busy} @click=${() => this.submit()}>${name('submit-proposal')}</button>` : nothing}
      </div>
    </form>`;
  }

  change(c, i) {
    const a = this.adapter(c, i);
    const problems = this.form.errorFor(`changes[${i}]`);
    const groups = [['', '(chọn tổ)'], ...this.groups.map(g => [g.id, g.name])];
    const members = [['', '(không thay)'], ...(this.members[c.groupId] ?? []).map(m => [m.id, `${m.fullName} (${m.roleName}${m.birthYear ? `, ${m.birthYear}` : ''})`])];
    const check = (key, text) => html`<div class="filter check"><input type="checkbox" id="${a.id}-${key}" .checked=${!!c[key]}
      @change=${e => { c[key] = e.target.checked; }}><label for="${a.id}-${key}">${text}</label></div>`;
    const candidate = (who, title) => html`<fieldset class="candidate"><legend>Ứng viên ${title}</legend>
      <div class="grid">${field(a, `${who}Years`, 'Số năm cư trú tại địa bàn', { inputmode: 'numeric' })}</div>
      ${check(`${who}Lives`, 'Đang sinh sống tại địa bàn')}${check(`${who}Residents`, 'Được nhân dân tín nhiệm giới thiệu')}${check(`${who}Front`, 'Được Ban công tác Mặt trận giới thiệu')}
    </fieldset>`;
    return html`<fieldset class="change">
      <legend>Thay đổi ${i + 1}</legend>
      ${problems ? html`<div class="alert error" role="alert">${problems}</div>` : nothing}
      <div class="grid">
        ${field(a, 'type', 'Loại thay đổi', { type: 'select', options: TYPES })}
        ${c.type === 'establish' ? html`
          ${field(a, 'name', 'Tên tổ mới', { required: true })}${field(a, 'households', 'Số hộ', { inputmode: 'numeric' })}
          ${field(a, 'area', 'Địa bàn', { wide: true })}
          ${field(a, 'leaderName', 'Tổ trưởng: họ và tên', { required: true })}${field(a, 'leaderBirthYear', 'Tổ trưởng: năm sinh', { inputmode: 'numeric' })}
          ${field(a, 'leaderAddress', 'Tổ trưởng: địa chỉ', { wide: true })}` : nothing}
        ${c.type === 'consolidate' || c.type === 'dissolve' ? field(a, 'groupId', 'Tổ', { type: 'select', options: groups, required: true }) : nothing}
        ${c.type === 'consolidate' ? html`${field(a, 'leaderMemberId', 'Tổ trưởng mới', { type: 'select', options: members })}${field(a, 'deputyMemberId', 'Tổ phó mới', { type: 'select', options: members })}` : nothing}
        ${c.type === 'merge' ? html`${field(a, 'sourceGroupId', 'Tổ được sáp nhập', { type: 'select', options: groups, required: true })}${field(a, 'targetGroupId', 'Sáp nhập vào tổ', { type: 'select', options: groups, required: true })}` : nothing}
        ${field(a, 'reason', c.type === 'dissolve' ? 'Lý do giải thể' : 'Lý do', { type: 'textarea', wide: true })}
      </div>
      ${c.type === 'establish' ? candidate('leader', 'tổ trưởng') : nothing}
      ${c.type === 'consolidate' && c.leaderMemberId ? candidate('leader', 'tổ trưởng') : nothing}
      ${c.type === 'consolidate' && c.deputyMemberId ? candidate('deputy', 'tổ phó') : nothing}
      <button type="button" class="danger" @click=${() => { this.changes.splice(i, 1); this.form.errors = {}; refresh(); }}>Bỏ thay đổi này</button>
    </fieldset>`;
  }
}
