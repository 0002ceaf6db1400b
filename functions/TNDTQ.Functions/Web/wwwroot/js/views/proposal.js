// The proposal (tờ trình) a ward officer drafts: title, summary and its structural changes, each with
// its reason and a candidate record for every leader or deputy it sets. Every field is named by the
// API's JSON path (changes[0].change.groupId …), so an error — from the API's limits or from the
// draft's checks against the register — shows beside the field or the change it concerns.
import { html, nothing, refresh, Form, field, formMessage, submitButton, groupPicker, allPages } from '../ui.js';
import { api, ApiError } from '../api.js';
import { guard } from '../unsaved.js';

const enc = encodeURIComponent;
const TYPES = [['consolidate', 'Kiện toàn tổ (tổ trưởng, tổ phó, thành viên)'], ['establish', 'Thành lập tổ mới'], ['merge', 'Sáp nhập tổ'],
  ['split', 'Chia tách tổ'], ['dissolve', 'Giải thể tổ']];

/** Where each field of a change block lives in the API's body. */
const PATH = {
  type: 'change.type', groupId: 'change.groupId', name: 'change.name', area: 'change.area', households: 'change.households',
  leaderName: 'change.leader.fullName', leaderBirthYear: 'change.leader.birthYear', leaderAddress: 'change.leader.address',
  leaderMemberId: 'change.leader.memberId', deputyMemberId: 'change.deputies[0].memberId',
  sourceGroupId: 'change.sourceGroupIds', targetGroupId: 'change.targetGroupId', reason: 'reason',
  leaderYears: 'candidates[0].yearsOfResidence', deputyYears: 'candidates[1].yearsOfResidence',
  remove: 'change.removeMemberIds', add: 'change.addMembers', parts: 'change.parts',
};
/** Fields of a new member (consolidate's addMembers[k]) and of a new group of a split (parts[k]). */
const PERSON_PATH = { fullName: 'fullName', birthYear: 'birthYear', address: 'address' };
const PART_PATH = { name: 'name', area: 'area', households: 'households', leaderMemberId: 'leaderMemberId', deputyMemberId: 'deputyMemberIds[0]', members: 'memberIds' };
/** Fields whose change redraws the change block (what it shows depends on them). */
const REDRAW = ['type', 'groupId', 'leaderMemberId', 'deputyMemberId'];

let uid = 0;
const candidateBlank = who => ({ [`${who}Years`]: '', [`${who}Lives`]: true, [`${who}Residents`]: true, [`${who}Front`]: false });
const blank = type => ({ uid: ++uid, type, groupId: '', name: '', area: '', households: '', leaderName: '', leaderBirthYear: '', leaderAddress: '',
  leaderMemberId: '', deputyMemberId: '', sourceGroupId: '', moreSources: [], targetGroupId: '', reason: '',
  ...candidateBlank('leader'), ...candidateBlank('deputy'), remove: [], add: [], parts: [blankPart(), blankPart()], assign: {} });
function blankPart() { return { uid: ++uid, name: '', area: '', households: '', leaderMemberId: '', deputyMemberId: '', ...candidateBlank('leader'), ...candidateBlank('deputy') }; }
const blankPerson = () => ({ uid: ++uid, fullName: '', birthYear: '', address: '' });
const num = v => (/^\d+$/.test(String(v ?? '').trim()) ? Number(v) : null);

/** A candidate record from the ticks and years kept on obj under the prefix who ("leader", "deputy"). */
const candidateOf = (obj, who, person) => ({ fullName: person.fullName, memberId: person.memberId ?? null, birthYear: person.birthYear ?? null,
  livesInArea: !!obj[`${who}Lives`], yearsOfResidence: num(obj[`${who}Years`]) ?? 0,
  endorsedByResidents: !!obj[`${who}Residents`], endorsedByFrontCommittee: !!obj[`${who}Front`], endorsementNote: null });
const candidateInto = (obj, who, cand) => {
  if (cand) Object.assign(obj, { [`${who}Years`]: String(cand.yearsOfResidence ?? ''), [`${who}Lives`]: cand.livesInArea, [`${who}Residents`]: cand.endorsedByResidents, [`${who}Front`]: cand.endorsedByFrontCommittee });
};

export class ProposalEditor {
  /** groups: the ward's active groups; url: the ward cycle's API address; actions: the view's actions (names of the buttons). */
  constructor(url, draft, groups, actions, onSaved) {
    this.url = url; this.groups = groups; this.actions = actions; this.onSaved = onSaved;
    this.form = new Form({ title: draft?.title ?? '', summary: draft?.summary ?? '' });
    this.changes = (draft?.changes ?? []).map(c => this.fromApi(c));
    // The draft is its title and summary and its changes (edited in place): changed while they differ from the last saved.
    this.savedState = this.state();
    guard(this);
    this.members = {};
    this.pickers = {};
    for (const c of this.changes) if (c.groupId) this.loadMembers(c.groupId);
  }

  /** The ward's register address (/api/wards/{wardId}). */
  get wardUrl() { return this.url.replace(/\/api\/restructure\/cycles\/[^/]+\/wards\//, '/api/wards/'); }

  /** A group's members, every page of them (a split assigns each one; a consolidation ticks who leaves). */
  async loadMembers(groupId) {
    if (!groupId || this.members[groupId]) return;
    this.members[groupId] = [];
    try { this.members[groupId] = await allPages(`${this.wardUrl}/groups/${enc(groupId)}/members?status=active`); }
    catch (e) { if (!(e instanceof ApiError)) throw e; delete this.members[groupId]; this.form.error = e; }
    refresh();
  }

  /**
   * The picker of one group field of a change: the ward's active groups searched on the server and paged (200 a page, so
   * most wards see every group in the list at once and a larger one types a name).
   */
  picker(c, name) {
    const key = `${c.uid}|${name}`;
    if (!this.pickers[key]) {
      const p = groupPicker(this.wardUrl);
      for (const g of this.groups ?? []) p.remember(g);
      this.pickers[key] = p;
      queueMicrotask(() => p.start()); // after this drawing: starting redraws the screen
    }
    return this.pickers[key];
  }

  fromApi(p) {
    const c = blank(p.change.type); const ch = p.change; const cands = p.candidates ?? [];
    const byMember = id => cands.find(x => id && x.memberId === id);
    Object.assign(c, { groupId: ch.groupId ?? '', name: ch.name ?? '', area: ch.area ?? '', households: ch.households != null ? String(ch.households) : '',
      leaderName: ch.leader?.fullName ?? '', leaderBirthYear: ch.leader?.birthYear ? String(ch.leader.birthYear) : '', leaderAddress: ch.leader?.address ?? '',
      leaderMemberId: ch.leader?.memberId ?? '', deputyMemberId: ch.deputies?.[0]?.memberId ?? '',
      sourceGroupId: ch.sourceGroupIds?.[0] ?? '', targetGroupId: ch.targetGroupId ?? '', reason: p.reason ?? (ch.reason ?? ''),
      remove: [...(ch.removeMemberIds ?? [])],
      add: (ch.addMembers ?? []).map(m => ({ ...blankPerson(), fullName: m.fullName ?? '', birthYear: m.birthYear ? String(m.birthYear) : '', address: m.address ?? '' })) });
    // A merge of several groups: the first source in its field, each further one in a field of its own.
    c.moreSources = (ch.sourceGroupIds ?? []).slice(1).map(id => ({ uid: ++uid, sourceGroupId: id }));
    if (c.type === 'establish') candidateInto(c, 'leader', cands[0]);
    if (c.type === 'consolidate') { candidateInto(c, 'leader', byMember(c.leaderMemberId)); candidateInto(c, 'deputy', byMember(c.deputyMemberId)); }
    if (c.type === 'split' && ch.parts?.length) {
      c.parts = ch.parts.map((part, k) => {
        const x = { ...blankPart(), name: part.name ?? '', area: part.area ?? '', households: part.households != null ? String(part.households) : '',
          leaderMemberId: part.leaderMemberId ?? '', deputyMemberId: part.deputyMemberIds?.[0] ?? '' };
        candidateInto(x, 'leader', byMember(x.leaderMemberId)); candidateInto(x, 'deputy', byMember(x.deputyMemberId));
        for (const id of [part.leaderMemberId, ...(part.deputyMemberIds ?? []), ...(part.memberIds ?? [])]) if (id) c.assign[id] = String(k);
        return x;
      });
    }
    return c;
  }

  toApi(c) {
    const reason = c.reason.trim() || null;
    const member = id => (this.members[c.groupId] ?? []).find(m => m.id === id);
    const asCandidate = (obj, who, m) => candidateOf(obj, who, { fullName: m.fullName, memberId: m.id, birthYear: m.birthYear });
    switch (c.type) {
      case 'establish': {
        const leader = { fullName: c.leaderName.trim(), birthYear: num(c.leaderBirthYear), address: c.leaderAddress.trim() || null };
        return { change: { type: 'establish', name: c.name.trim(), area: c.area.trim() || null, households: num(c.households) ?? 0, leader, deputies: [], members: [] },
          reason, candidates: leader.fullName ? [candidateOf(c, 'leader', leader)] : [] };
      }
      case 'consolidate': {
        const lead = member(c.leaderMemberId); const dep = member(c.deputyMemberId);
        const added = c.add.map(a => ({ fullName: a.fullName.trim(), birthYear: num(a.birthYear), address: a.address.trim() || null }));
        return { change: { type: 'consolidate', groupId: c.groupId, leader: c.leaderMemberId ? { memberId: c.leaderMemberId } : null,
          deputies: c.deputyMemberId ? [{ memberId: c.deputyMemberId }] : null,
          addMembers: added.length ? added : null, removeMemberIds: c.remove.length ? [...c.remove] : null },
          reason, candidates: [lead && asCandidate(c, 'leader', lead), dep && asCandidate(c, 'deputy', dep)].filter(Boolean) };
      }
      case 'merge':
        return { change: { type: 'merge', sourceGroupIds: [c.sourceGroupId, ...c.moreSources.map(x => x.sourceGroupId)].filter(Boolean),
          targetGroupId: c.targetGroupId }, reason, candidates: [] };
      case 'split': {
        const members = this.members[c.groupId] ?? [];
        const candidates = [];
        const parts = c.parts.map((p, k) => {
          const heads = [p.leaderMemberId, p.deputyMemberId].filter(Boolean);
          for (const [who, id] of [['leader', p.leaderMemberId], ['deputy', p.deputyMemberId]]) {
            const m = members.find(x => x.id === id);
            if (m) candidates.push(asCandidate(p, who, m));
          }
          return { name: p.name.trim(), area: p.area.trim() || null, households: num(p.households) ?? 0, leaderMemberId: p.leaderMemberId,
            deputyMemberIds: p.deputyMemberId ? [p.deputyMemberId] : [],
            memberIds: members.filter(m => c.assign[m.id] === String(k) && !heads.includes(m.id)).map(m => m.id) };
        });
        return { change: { type: 'split', groupId: c.groupId, parts }, reason, candidates };
      }
      default:
        return { change: { type: 'dissolve', groupId: c.groupId, reason }, reason, candidates: [] };
    }
  }

  state() { return JSON.stringify([this.form.values, this.changes]); }
  get changed() { return this.state() !== this.savedState; }

  body() { return { title: this.form.values.title.trim(), summary: this.form.values.summary.trim() || null, changes: this.changes.map(c => this.toApi(c)) }; }

  /** Numbers typed as something else are named beside their field before anything is sent (a wrong number is not quietly 0). */
  numbersOk() {
    const errors = {};
    const check = (obj, keys, path, paths) => {
      for (const k of keys) if (String(obj[k] ?? '').trim() && num(obj[k]) === null) errors[`${path}.${paths[k] ?? k}`] = 'Phải là một số nguyên.';
    };
    this.changes.forEach((c, i) => {
      check(c, ['households', 'leaderBirthYear', 'leaderYears', 'deputyYears'], `changes[${i}]`, PATH);
      c.add.forEach((p, k) => check(p, ['birthYear'], `changes[${i}].change.addMembers[${k}]`, PERSON_PATH));
      c.parts.forEach((p, k) => check(p, ['households', 'leaderYears', 'deputyYears'], `changes[${i}].change.parts[${k}]`, PART_PATH));
    });
    return this.form.check(errors);
  }

  async save() {
    const f = this.form;
    if (!this.numbersOk()) return;
    const sent = this.state();
    const r = await f.submit(requestId => api(`${this.url}/proposal`, { method: 'PUT', body: this.body(), requestId }));
    if (!r) return;
    this.savedState = sent;
    const problems = r.data.problems ?? {};
    f.errors = { ...problems };
    const count = Object.values(problems).flat().length;
    f.done = count ? null : 'Đã lưu bản nháp. Tờ trình không còn vấn đề nào: có thể gửi đi.';
    if (count) f.error = { title: 'Đã lưu bản nháp.', detail: `Còn ${count} vấn đề cần sửa trước khi gửi, ghi ngay tại chỗ của chúng và trong danh sách dưới đây.`, retryable: false };
    refresh();
    this.onSaved(false);
  }

  async submit() {
    const f = this.form;
    if (!this.numbersOk()) return;
    const sent = this.state();
    const saved = await f.submit(requestId => api(`${this.url}/proposal`, { method: 'PUT', body: this.body(), requestId }));
    if (!saved) return;
    this.savedState = sent;
    const r = await f.submit(requestId => api(`${this.url}/proposal/submit`, { method: 'POST', requestId }));
    if (r) { f.done = 'Đã gửi tờ trình.'; this.onSaved(true); }
  }

  /** A field adapter over obj (a change, a part of a split, a new member) whose errors live under the JSON path prefix. */
  adapter(obj, id, path, paths) {
    const form = this.form;
    return {
      id, values: obj,
      set: (n, v) => { obj[n] = v; if (n === 'groupId') this.loadMembers(v); if (REDRAW.includes(n)) refresh(); },
      errorFor: n => form.errorFor(`${path}.${paths[n] ?? n}`),
    };
  }

  /** Where an error of the draft belongs, in words: "Thay đổi 2", "Tiêu đề", "Sổ theo dõi sau thay đổi". */
  static where(key) {
    const change = /^changes\[(\d+)\]/i.exec(key);
    if (change) return `Thay đổi ${Number(change[1]) + 1}`;
    return { title: 'Tiêu đề', summary: 'Tóm tắt', register: 'Sổ theo dõi sau thay đổi' }[key] ?? 'Tờ trình';
  }

  render() {
    const f = this.form;
    const name = kind => this.actions.find(a => a.kind === kind)?.name;
    const problems = Object.entries(f.errors).flatMap(([k, v]) => [].concat(v).map(m => [ProposalEditor.where(k), m]));
    return html`<form class="editor proposal" @submit=${e => { e.preventDefault(); this.save(); }} novalidate>
      ${formMessage(f, Object.keys(f.errors))}
      ${problems.length ? html`<div class="problem-list" role="status" aria-labelledby="${f.id}-problems">
        <h3 id="${f.id}-problems">Vấn đề của dự thảo (${problems.length})</h3>
        <ul>${problems.map(([where, m]) => html`<li><strong>${where}:</strong> ${m}</li>`)}</ul></div>` : nothing}
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

  /** Ticks and years of residence of a leader or deputy candidate, kept on obj under the prefix who. */
  candidate(a, obj, who, title) {
    const check = (key, text) => html`<div class="filter check"><input type="checkbox" id="${a.id}-${key}" .checked=${!!obj[key]}
      @change=${e => { obj[key] = e.target.checked; }}><label for="${a.id}-${key}">${text}</label></div>`;
    return html`<fieldset class="candidate"><legend>Ứng viên ${title}</legend>
      <div class="grid">${field(a, `${who}Years`, 'Số năm cư trú tại địa bàn', { inputmode: 'numeric' })}</div>
      ${check(`${who}Lives`, 'Đang sinh sống tại địa bàn')}${check(`${who}Residents`, 'Được nhân dân tín nhiệm giới thiệu')}${check(`${who}Front`, 'Được Ban công tác Mặt trận giới thiệu')}
    </fieldset>`;
  }

  change(c, i) {
    const a = this.adapter(c, `${this.form.id}-c${c.uid}`, `changes[${i}]`, PATH);
    const problems = this.form.errorFor(`changes[${i}]`);
    const groupMembers = this.members[c.groupId] ?? [];
    const members = [['', '(không thay)'], ...groupMembers.map(m => [m.id, `${m.fullName} (${m.roleName}${m.birthYear ? `, ${m.birthYear}` : ''})`])];
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
        ${['consolidate', 'dissolve', 'split'].includes(c.type) ? this.picker(c, 'groupId').render(a, 'groupId', c.type === 'split' ? 'Tổ được chia tách' : 'Tổ', { required: true }) : nothing}
        ${c.type === 'consolidate' ? html`${field(a, 'leaderMemberId', 'Tổ trưởng mới', { type: 'select', options: members })}${field(a, 'deputyMemberId', 'Tổ phó mới', { type: 'select', options: members })}` : nothing}
        ${c.type === 'merge' ? this.mergeSources(c, i, a) : nothing}
        ${field(a, 'reason', c.type === 'dissolve' ? 'Lý do giải thể' : 'Lý do', { type: 'textarea', wide: true })}
      </div>
      ${c.type === 'establish' ? this.candidate(a, c, 'leader', 'tổ trưởng') : nothing}
      ${c.type === 'consolidate' && c.leaderMemberId ? this.candidate(a, c, 'leader', 'tổ trưởng') : nothing}
      ${c.type === 'consolidate' && c.deputyMemberId ? this.candidate(a, c, 'deputy', 'tổ phó') : nothing}
      ${c.type === 'consolidate' && c.groupId ? this.consolidateMembers(c, i, a, groupMembers) : nothing}
      ${c.type === 'split' && c.groupId ? this.split(c, i, groupMembers) : nothing}
      <button type="button" class="danger" @click=${() => { this.changes.splice(i, 1); this.form.errors = {}; refresh(); }}>Bỏ thay đổi này</button>
    </fieldset>`;
  }

  /** Merge: the groups merged (one or more, each picked on its own) and the group they go into. */
  mergeSources(c, i, a) {
    return html`${this.picker(c, 'sourceGroupId').render(a, 'sourceGroupId', 'Tổ được sáp nhập', { required: true })}
      ${c.moreSources.map((x, k) => {
        const xa = this.adapter(x, `${a.id}-s${x.uid}`, `changes[${i}].change`, { sourceGroupId: `sourceGroupIds[${k + 1}]` });
        return html`${this.picker({ uid: `${c.uid}-s${x.uid}` }, 'sourceGroupId').render(xa, 'sourceGroupId', `Tổ được sáp nhập thứ ${k + 2}`, { required: true })}
          <div><button type="button" class="danger"
            @click=${() => { c.moreSources.splice(k, 1); this.form.errors = {}; refresh(); }}>Bỏ tổ được sáp nhập thứ ${k + 2}</button></div>`;
      })}
      <div class="wide"><button type="button" @click=${() => { c.moreSources.push({ uid: ++uid, sourceGroupId: '' }); refresh(); }}>Thêm tổ được sáp nhập</button></div>
      ${this.picker(c, 'targetGroupId').render(a, 'targetGroupId', 'Sáp nhập vào tổ', { required: true })}`;
  }

  /** Consolidate: members who leave the group (ticks) and new members who join it. */
  consolidateMembers(c, i, a, groupMembers) {
    const removeError = a.errorFor('remove');
    const toggle = (id, on) => { c.remove = on ? [...new Set([...c.remove, id])] : c.remove.filter(x => x !== id); refresh(); };
    return html`<fieldset class="members-out" aria-describedby=${removeError ? `${a.id}-remove-error` : nothing}>
        <legend>Thành viên rời tổ (${c.remove.length})</legend>
        ${groupMembers.length === 0 ? html`<p class="muted">Tổ chưa có thành viên.</p>` : html`<ul class="checklist">${groupMembers.map(m => html`<li class="filter check">
          <input type="checkbox" id="${a.id}-out-${m.id}" .checked=${c.remove.includes(m.id)} @change=${e => toggle(m.id, e.target.checked)}>
          <label for="${a.id}-out-${m.id}">${m.fullName} <span class="muted">(${m.roleName}${m.birthYear ? `, ${m.birthYear}` : ''})</span></label></li>`)}</ul>`}
        ${removeError ? html`<p class="error" id="${a.id}-remove-error">${removeError}</p>` : nothing}
      </fieldset>
      <fieldset class="members-in"><legend>Thành viên mới vào tổ (${c.add.length})</legend>
        ${c.add.map((p, k) => {
          const pa = this.adapter(p, `${a.id}-a${p.uid}`, `changes[${i}].change.addMembers[${k}]`, PERSON_PATH);
          return html`<div class="grid person-row" role="group" aria-label="Thành viên mới thứ ${k + 1}">
            ${field(pa, 'fullName', `Họ và tên (người thứ ${k + 1})`, { required: true })}${field(pa, 'birthYear', 'Năm sinh', { inputmode: 'numeric' })}
            ${field(pa, 'address', 'Địa chỉ', { wide: true })}
            <div><button type="button" class="danger" @click=${() => { c.add.splice(k, 1); this.form.errors = {}; refresh(); }}>Bỏ người này</button></div></div>`;
        })}
        <button type="button" @click=${() => { c.add.push(blankPerson()); refresh(); }}>Thêm thành viên mới</button>
      </fieldset>`;
  }

  /** Split: the new groups (name, households, leader and deputy from the members, their candidate records) and where each member goes. */
  split(c, i, groupMembers) {
    const options = [['', '(chọn)'], ...groupMembers.map(m => [m.id, `${m.fullName} (${m.roleName}${m.birthYear ? `, ${m.birthYear}` : ''})`])];
    const partName = (p, k) => p.name.trim() || `Tổ mới thứ ${k + 1}`;
    const unassigned = groupMembers.filter(m => !c.parts.some((_, k) => c.assign[m.id] === String(k)));
    return html`${c.parts.map((p, k) => {
        const pa = this.adapter(p, `${this.form.id}-c${c.uid}-p${p.uid}`, `changes[${i}].change.parts[${k}]`, PART_PATH);
        const set = pa.set;
        // The leader and deputy of a new group go to that group.
        pa.set = (n, v) => { set(n, v); if ((n === 'leaderMemberId' || n === 'deputyMemberId') && v) { c.assign[v] = String(k); refresh(); } };
        return html`<fieldset class="part"><legend>${partName(p, k)}</legend>
          <div class="grid">
            ${field(pa, 'name', 'Tên tổ mới', { required: true })}${field(pa, 'households', 'Số hộ', { inputmode: 'numeric' })}
            ${field(pa, 'area', 'Địa bàn', { wide: true })}
            ${field(pa, 'leaderMemberId', 'Tổ trưởng', { type: 'select', options, required: true })}
            ${field(pa, 'deputyMemberId', 'Tổ phó', { type: 'select', options: [['', '(không có)'], ...options.slice(1)] })}
          </div>
          ${p.leaderMemberId ? this.candidate(pa, p, 'leader', `tổ trưởng ${partName(p, k)}`) : nothing}
          ${p.deputyMemberId ? this.candidate(pa, p, 'deputy', `tổ phó ${partName(p, k)}`) : nothing}
          <div class="toolbar">
            ${unassigned.length ? html`<button type="button" @click=${() => { for (const m of unassigned) c.assign[m.id] = String(k); refresh(); }}>Đưa ${unassigned.length} thành viên chưa xếp vào tổ này</button>` : nothing}
            ${c.parts.length > 2 ? html`<button type="button" class="danger" @click=${() => { this.removePart(c, k); }}>Bỏ tổ mới này</button>` : nothing}
          </div>
        </fieldset>`;
      })}
      <div class="toolbar"><button type="button" @click=${() => { c.parts.push(blankPart()); refresh(); }}>Thêm một tổ mới</button></div>
      <fieldset class="assign"><legend>Thành viên về tổ mới (${groupMembers.length - unassigned.length}/${groupMembers.length} đã xếp)</legend>
        ${groupMembers.length === 0 ? html`<p class="muted">Tổ chưa có thành viên.</p>` : html`<ul class="checklist">${groupMembers.map(m => html`<li class="assign-row">
          <label for="${this.form.id}-c${c.uid}-to-${m.id}">${m.fullName} <span class="muted">(${m.roleName})</span></label>
          <select id="${this.form.id}-c${c.uid}-to-${m.id}" @change=${e => { c.assign[m.id] = e.target.value; refresh(); }}>
            <option value="" ?selected=${!c.assign[m.id]}>(chưa xếp)</option>
            ${c.parts.map((p, k) => html`<option value=${String(k)} ?selected=${c.assign[m.id] === String(k)}>${partName(p, k)}</option>`)}
          </select></li>`)}</ul>`}
      </fieldset>`;
  }

  removePart(c, k) {
    c.parts.splice(k, 1);
    for (const [id, to] of Object.entries(c.assign)) {
      if (to === String(k)) delete c.assign[id];
      else if (Number(to) > k) c.assign[id] = String(Number(to) - 1);
    }
    this.form.errors = {};
    refresh();
  }
}
