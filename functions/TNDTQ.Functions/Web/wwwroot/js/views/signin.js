// The development sign-in: only while the local host runs with the development sign-in on.
// The person picks a demo person; every API call then carries that person's principal header.
import { html, nothing, sentence } from '../ui.js';

export class SignInPage {
  title = 'Đăng nhập';
  constructor(people, reason, pick) { this.people = people; this.reason = reason; this.pick = pick; }

  render() {
    const district = this.people.filter(p => !p.wardId);
    const wards = [...new Set(this.people.filter(p => p.wardId).map(p => p.wardName || p.wardId))];
    const person = p => html`<li>
      <button type="button" class="person" @click=${() => this.pick(p.objectId)} data-object-id=${p.objectId}>
        <span class="name">${p.displayName}</span>
        <span class="role">${p.roleNames.join(', ')}${p.wardName ? html` · Phường ${p.wardName}` : nothing}</span>
      </button></li>`;
    return html`<section class="signin">
      <h1 tabindex="-1">Đăng nhập dùng thử</h1>
      <p class="lead">Máy này đang chạy ở chế độ phát triển: chọn một người mẫu để dùng thử ứng dụng với vai trò của người đó.
        Khi triển khai thật, cán bộ đăng nhập bằng tài khoản công vụ của cơ quan.</p>
      ${this.reason ? html`<p class="alert error" role="alert">${this.reason.detail || this.reason.title}</p>` : nothing}
      <h2>${sentence(district.find(p => p.approvingUnit)?.approvingUnit ?? 'Cấp phê duyệt')}</h2>
      <ul class="people">${district.map(person)}</ul>
      ${wards.map(w => html`<h2>Phường ${w}</h2><ul class="people">${this.people.filter(p => (p.wardName || p.wardId) === w).map(person)}</ul>`)}
    </section>`;
  }
}
