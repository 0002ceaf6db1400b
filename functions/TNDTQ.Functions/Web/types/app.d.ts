// The app shell's contract with the screens (wwwroot/js/app.js and views/): kept by hand; the API's types are in api.d.ts.
import type { InboxCounts, MeResponse, Role, WardView } from './api';

/** A screen: start() loads what it shows, render() draws it (a lit-html template). */
export interface Page {
  title: string;
  render(): unknown;
  start?(): void;
}

/** The parts of a screen's address (":wardId" in the route → params.wardId). */
export type RouteParams = Record<string, string>;

/** What the whole app knows (app.js's `app`), handed to every screen. */
export interface App {
  me: MeResponse | null;
  wards: WardView[];
  counts: InboxCounts | null;
  page: Page | null;
  problem: any;
  devMode: boolean;
  readonly isDistrict: boolean;
  has(role: Role): boolean;
  wardName(id: string): string;
  navigate(path: string, options?: { replace?: boolean }): boolean;
  refreshCounts(): Promise<void>;
  signIn(): Promise<void>;
}
