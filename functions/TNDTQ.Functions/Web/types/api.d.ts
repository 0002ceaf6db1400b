// Written by tests/TNDTQ.Tests/Foundation/WebApiTypesTests.cs from the app's OpenAPI document (/api/openapi.json).
// Do not edit: change the C# record, run that test (it writes this file), then `npx tsc -p jsconfig.json`.

export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: Record<string, string[]>;
}

export interface BackupManifest {
  id: string;
  startedAt: string;
  completedAt: string;
  tables: BackedUpTable[];
}

export interface BackedUpTable {
  name: string;
  partitions: number;
  rows: number;
  files?: number;
}

export interface BackupJobView {
  jobId: string;
  kind: BackupJobKind;
  kindName: string;
  backupId: string;
  state: BackupJobState;
  stateName: string;
  tablesDone: number;
  tablesTotal: number;
  rowsDone: number;
  rowsTotal?: null | number;
  tables: TableProgress[];
  startedAt: string;
  completedAt?: null | string;
  startedBy: string;
  error?: null | string;
  statusUrl: string;
}

export type BackupJobKind = "backup" | "restore";

export type BackupJobState = "pending" | "running" | "needs-attention" | "completed" | "failed";

export interface TableProgress {
  name: string;
  rows: number;
  files: number;
  done: boolean;
  rowsTotal?: null | number;
  partitions?: number;
}

export interface RestorePreview {
  backup: BackupManifest;
  overwrites: string[];
  warning: string;
  confirmation: string;
}

export interface RestoreBody {
  confirmation?: null | string;
}

export interface SaveLevelBody {
  name?: null | string;
}

export interface Level {
  id: string;
  name: string;
}

export interface SaveUnitBody {
  name?: null | string;
  levelId?: null | string;
  parentName?: null | string;
  leaderTitle?: null | string;
  policeHeadTitle?: null | string;
  committee?: null | string;
  police?: null | string;
  council?: null | string;
  reportTo?: null | string;
  copyTo?: null | string;
}

export interface UnitView {
  unit: Unit;
  approvingUnit: string;
  committee: string;
  police: string;
  policeShort: string;
  leaderShort: string;
  wards: UnitWard[];
  eTag: string;
}

export interface Unit {
  id: string;
  name: string;
  levelId: string;
  parentName?: null | string;
  leaderTitle?: null | string;
  policeHeadTitle?: null | string;
  committee?: null | string;
  police?: null | string;
  council?: null | string;
  reportTo?: null | string;
  copyTo?: null | string;
}

export interface UnitWard {
  id: string;
  name: string;
}

export interface PageResultOfTroubledWorkflow {
  items: TroubledWorkflow[];
  continuationToken?: null | string;
}

export interface TroubledWorkflow {
  instanceId: string;
  workflow: string;
  workflowName: string;
  state: string;
  stateName: string;
  wardId?: null | string;
  step?: null | string;
  stepName?: null | string;
  activity?: null | string;
  since: string;
  error: string;
  canRetry: boolean;
  canSkip?: boolean;
  canEnd?: boolean;
  dueAt?: null | string;
}

export interface WorkflowDetail {
  workflow: TroubledWorkflow;
  runtimeState: string;
  createdAt: string;
  timeline: TimelineEntry[];
}

export interface TimelineEntry {
  at: string;
  kind: string;
  text: string;
  actor?: null | string;
  reason?: null | string;
}

export interface ReasonBody {
  reason?: null | string;
}

export interface AdminAction {
  at: string;
  action: string;
  actionName: string;
  actorId: string;
  actorName: string;
  reason?: null | string;
  activity?: null | string;
  step?: null | string;
  stepName?: null | string;
}

export interface CampaignBody {
  awardFormId?: null | string;
  period?: null | string;
  nominations?: null | NominateBody[];
}

export interface NominateBody {
  wardId?: null | string;
  nomineeType?: NomineeType | null;
  groupId?: null | string;
  memberId?: null | string;
  awardFormId?: null | string;
  period?: null | string;
  achievements?: null | string;
  campaign?: null | string;
}

export type NomineeType = "individual" | "collective";

export interface NominationView {
  id: string;
  wardId: string;
  nomineeType: NomineeType;
  nomineeName: string;
  groupName: string;
  awardFormId: string;
  awardName: string;
  period: string;
  achievements: string;
  campaign?: null | string;
  nominatedByName: string;
  createdAt: string;
  status: string;
  step: string;
  stepName: string;
  waitingFor?: Role | null;
  dueAt?: null | string;
  evidence: DocumentRef[];
  timeline: TrailEntry[];
  outcome?: NominationOutcome | null;
  eligibilityProblems: string[];
  actions: WorkflowAction[];
}

export type Role = "ward-officer" | "ward-chairman" | "district-police" | "emulation-council" | "district-leader" | "administrator";

export interface DocumentRef {
  name: string;
  blobName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface TrailEntry {
  at: string;
  round: number;
  step: string;
  stepName: string;
  outcome: string;
  outcomeName: string;
  comment?: null | string;
  actorName: string;
  proposalVersion?: null | number;
  document?: null | string;
  decisionNumber?: null | string;
  decisionDate?: null | string;
}

export interface NominationOutcome {
  result: string;
  resultName: string;
  decisionNumber?: null | string;
  decisionDate?: null | string;
  reason?: null | string;
  documents: GeneratedDocument[];
  closedAt: string;
}

export interface GeneratedDocument {
  kind: string;
  format: string;
  blobName: string;
}

export interface WorkflowAction {
  kind: string;
  name: string;
  method: string;
  href: string;
  step?: null | string;
  outcome?: null | string;
  commentRequired?: boolean;
  decisionRequired?: boolean;
  votesAllowed?: boolean;
}

export interface AwardForm {
  id: string;
  name: string;
  decidedBy: Role;
  issuingBodyParent: string;
  issuingBody: string;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  place: string;
}

export interface NominationList {
  items: NominationView[];
  continuationToken?: null | string;
  actions: WorkflowAction[];
}

export interface NominationDecisionBody {
  outcome?: null | string;
  comment?: null | string;
  decisionNumber?: null | string;
  decisionDate?: null | string;
  votesFor?: null | number;
  votesAgainst?: null | number;
  votesAbstain?: null | number;
  meetingDate?: null | string;
}

export interface DemoPerson {
  objectId: string;
  displayName: string;
  roles: Role[];
  roleNames: string[];
  wardId?: null | string;
  wardName?: null | string;
  approvingUnit?: null | string;
}

export interface HealthResponse {
  status: string;
  taskHub: string;
  checks: Record<string, string>;
  lastHeartbeatAt?: null | string;
}

export interface InboxView {
  counts: InboxCounts;
  tasks: TaskItem[];
  notices: NoticeView[];
}

export interface InboxCounts {
  tasks: number;
  dueSoon: number;
  overdue: number;
  unread: number;
}

export interface TaskItem {
  workflow: string;
  instanceId: string;
  stepId: string;
  step: string;
  stepName: string;
  wardId: string;
  subject: string;
  dueAt: string;
  overdue: boolean;
  link: string;
}

export interface NoticeView {
  id: string;
  kind: string;
  title: string;
  body: string;
  wardId: string;
  link: string;
  at: string;
  read: boolean;
}

export interface MarkReadBody {
  ids?: null | string[];
}

export interface MeResponse {
  objectId: string;
  displayName: string;
  roles: Role[];
  roleNames: string[];
  wardId?: null | string;
  words: UnitWords;
}

export interface UnitWords {
  approvingUnit?: null | string;
  approvesItself: boolean;
  police: string;
  leader: string;
  total: string;
  roles: RoleWord[];
}

export interface RoleWord {
  role: Role;
  name: string;
}

export interface PageResultOfSearchHit {
  items: SearchHit[];
  continuationToken?: null | string;
}

export interface SearchHit {
  memberId: string;
  wardId: string;
  groupId: string;
  groupName: string;
  fullName: string;
  role: MemberRole;
  roleName: string;
  status: MemberStatus;
  statusName: string;
  birthYear?: null | number;
}

export type MemberRole = "leader" | "deputy" | "member";

export type MemberStatus = "active" | "left";

export interface FiguresCheck {
  consistent: boolean;
  wards: WardFiguresCheck[];
}

export interface WardFiguresCheck {
  wardId: string;
  consistent: boolean;
  differences: FigureDifference[];
}

export interface FigureDifference {
  figure: string;
  kept: string;
  recount: string;
}

export interface Dashboard {
  year: number;
  at: string;
  wards: WardFigures[];
  totals: DashboardTotals;
  nominationSteps: Named[];
  nominationResultNames: Named[];
  totalName: string;
}

export interface WardFigures {
  wardId: string;
  wardName: string;
  register: WardCounters;
  ratings: RatingCounts;
  ratingsCycleName?: null | string;
  review?: ReviewFigure | null;
  nominationsAtStep: Record<string, number>;
  nominationResults: Record<string, number>;
  awardsThisYear: number;
  leadersTrained?: number;
  supportThisYear?: number;
  groupMeetingsThisYear?: number;
  wardMeetingsThisYear?: number;
}

export interface WardCounters {
  activeGroups: number;
  mergedGroups: number;
  splitGroups: number;
  dissolvedGroups: number;
  activeMembers: number;
  leaders: number;
  deputies: number;
  households: number;
  leadersByLastTraining?: null | Record<string, number>;
}

export interface RatingCounts {
  good: number;
  fair: number;
  average: number;
  weak: number;
  total?: number;
}

export interface ReviewFigure {
  cycleId: string;
  cycleName: string;
  step: string;
  stepName: string;
  dueAt?: null | string;
  overdue: boolean;
}

export interface DashboardTotals {
  register: WardCounters;
  ratings: RatingCounts;
  reviewsOverdue: number;
  nominationsAtStep: Record<string, number>;
  nominationResults: Record<string, number>;
  awardsThisYear: number;
  leadersTrained?: number;
  supportThisYear?: number;
  groupMeetingsThisYear?: number;
  wardMeetingsThisYear?: number;
}

export interface Named {
  key: string;
  name: string;
}

export interface FiguresRebuildResult {
  wards: WardRebuild[];
  sessionsListed?: boolean;
}

export interface WardRebuild {
  wardId: string;
  registerRebuilt: boolean;
  operations: number;
  nominationsRebuilt: boolean;
  trainingDates?: number;
  ratings?: number;
  openSteps?: number;
  folded?: number;
  meetingsListed?: boolean;
  supportListed?: boolean;
  signOffsListed?: boolean;
}

export interface Summary {
  from: number;
  to: number;
  at: string;
  wards: Named[];
  tables: SummaryTable[];
}

export interface SummaryTable {
  key: string;
  title: string;
  sheet: string;
  rowHeader: string;
  columns: SummaryColumn[];
  rows: SummaryRow[];
}

export interface SummaryColumn {
  key: string;
  name: string;
}

export interface SummaryRow {
  label: string;
  values: number[];
  total?: boolean;
}

export interface ReviewCycle {
  id: string;
  name: string;
  deadlines: CycleDeadlines;
  remindDaysBefore: number[];
  wardIds: string[];
  openedAt: string;
  openedBy: string;
}

export interface CycleDeadlines {
  assessmentDue: string;
  proposalDue: string;
  chairmanDays?: number;
  policeDays?: number;
  leaderDays?: number;
  revisionDays?: number;
}

export interface OpenCycleBody {
  id?: null | string;
  name?: null | string;
  wardIds?: null | string[];
  deadlines?: CycleDeadlines | null;
  remindDaysBefore?: null | number[];
}

export interface CycleOpened {
  cycle: ReviewCycle;
  started: string[];
  alreadyOpen: string[];
}

export interface WardCycleSummary {
  wardId: string;
  step: string;
  stepName: string;
  waitingFor?: Role | null;
  dueAt?: null | string;
  status: string;
  waitingForName?: null | string;
  overdue?: boolean;
}

export interface WardCycleView {
  cycleId: string;
  cycleName: string;
  wardId: string;
  step: string;
  stepName: string;
  waitingFor?: Role | null;
  waitingForName?: null | string;
  dueAt?: null | string;
  assessments: Assessment[];
  groupsNotAssessed: string[];
  draft?: Proposal | null;
  versions: Proposal[];
  timeline: TrailEntry[];
  outcome?: RestructureOutcome | null;
  actions: WorkflowAction[];
  decisionDocument?: DecisionDocumentView | null;
}

export interface Assessment {
  groupId: string;
  groupName: string;
  rating: Rating;
  strengths?: null | string;
  shortcomings?: null | string;
  recommendation: Recommendation;
  assessedBy: string;
  assessedAt: string;
}

export type Rating = "good" | "fair" | "average" | "weak";

export type Recommendation = "keep" | "consolidate" | "merge" | "split" | "dissolve";

export interface Proposal {
  title: string;
  summary?: null | string;
  changes: ProposedChange[];
  documents: DocumentRef[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  changeDescriptions?: null | ChangeDescription[];
  document?: DocumentLinks | null;
}

export interface ProposedChange {
  change: StructuralChange;
  reason?: null | string;
  candidates?: null | Candidate[];
}

export type StructuralChange = EstablishGroup | ConsolidateGroup | MergeGroups | SplitGroup | DissolveGroup;

export interface EstablishGroup {
  name: string;
  area?: null | string;
  households: number;
  leader: PersonSpec;
  deputies: PersonSpec[];
  members: PersonSpec[];
  type: "establish";
}

export interface PersonSpec {
  memberId?: null | string;
  fullName?: null | string;
  gender?: Gender | null;
  birthYear?: null | number;
  address?: null | string;
  phone?: null | string;
  citizenId?: null | string;
}

export type Gender = "male" | "female";

export interface ConsolidateGroup {
  groupId: string;
  leader?: PersonSpec | null;
  deputies?: null | PersonSpec[];
  addMembers?: null | PersonSpec[];
  removeMemberIds?: null | string[];
  type: "consolidate";
}

export interface MergeGroups {
  sourceGroupIds: string[];
  targetGroupId: string;
  households?: null | number;
  leader?: PersonSpec | null;
  deputies?: null | PersonSpec[];
  type: "merge";
}

export interface SplitGroup {
  groupId: string;
  parts: SplitPart[];
  type: "split";
}

export interface SplitPart {
  name: string;
  area?: null | string;
  households: number;
  leaderMemberId: string;
  deputyMemberIds: string[];
  memberIds: string[];
}

export interface DissolveGroup {
  groupId: string;
  reason?: null | string;
  type: "dissolve";
}

export interface Candidate {
  fullName: string;
  memberId?: null | string;
  birthYear?: null | number;
  livesInArea: boolean;
  yearsOfResidence: number;
  endorsedByResidents: boolean;
  endorsedByFrontCommittee: boolean;
  endorsementNote?: null | string;
}

export interface ChangeDescription {
  kind: string;
  kindName: string;
  summary: string;
  groups: string;
  figures: string;
  people: string[];
  reason?: null | string;
  lines: string[];
}

export interface DocumentLinks {
  pdf: string;
  docx: string;
  problems: string[];
}

export interface RestructureOutcome {
  result: string;
  resultName: string;
  decisionNumber?: null | string;
  decisionDate?: null | string;
  reason?: null | string;
  rounds: number;
  changesApplied: number;
  errors: string[];
  before?: WardCounters | null;
  after?: WardCounters | null;
  closedAt: string;
  documentProblems?: null | string[];
}

export interface DecisionDocumentView {
  number: string;
  date: string;
  version: number;
  pdf: string;
  docx: string;
  problems: string[];
}

export interface AssessmentBody {
  rating?: Rating | null;
  strengths?: null | string;
  shortcomings?: null | string;
  recommendation?: Recommendation | null;
}

export interface DeadlineBody {
  dueAt?: null | string;
}

export interface DecisionBody {
  outcome?: null | string;
  comment?: null | string;
  decisionNumber?: null | string;
  decisionDate?: null | string;
}

export interface ProposalBody {
  title?: null | string;
  summary?: null | string;
  changes?: null | ProposedChange[];
}

export interface DraftSaved {
  draft: Proposal;
  problems: Record<string, string[]>;
}

export interface StaffMember {
  objectId: string;
  displayName: string;
  roles: Role[];
  wardId?: null | string;
  email?: null | string;
  unitId?: null | string;
}

export interface SaveStaffBody {
  displayName?: null | string;
  roles?: null | Role[];
  wardId?: null | string;
  email?: null | string;
  unitId?: null | string;
}

export interface TrainingCoverage {
  validMonths: number;
  since: string;
  leadersAndDeputies: number;
  trained: number;
  share: number;
  wards: WardCoverage[];
}

export interface WardCoverage {
  wardId: string;
  wardName: string;
  leadersAndDeputies: number;
  trained: number;
  share: number;
  notTrained: CoveragePerson[];
}

export interface CoveragePerson {
  wardId: string;
  groupId: string;
  groupName: string;
  memberId: string;
  fullName: string;
  roleName: string;
  lastTrained?: null | string;
  flag: string;
  flagName: string;
}

export interface TrainingSessionList {
  items: TrainingSessionListItem[];
  actions: WorkflowAction[];
  topics: TopicOption[];
  continuationToken?: null | string;
}

export interface TrainingSessionListItem {
  id: string;
  topic: string;
  topicName: string;
  title: string;
  startsAt: string;
  date: string;
  startTime: string;
  place: string;
  capacity: number;
  confirmed: number;
  confirmBy: string;
  status: string;
  statusName: string;
  wards: number;
}

export interface TopicOption {
  key: string;
  name: string;
}

export interface TrainingSessionBody {
  topic?: null | string;
  title?: null | string;
  date?: null | string;
  startTime?: null | string;
  place?: null | string;
  trainer?: null | string;
  wardIds?: null | string[];
  inviteLeaders?: null | boolean;
  inviteDeputies?: null | boolean;
  members?: null | PersonBody[];
  capacity?: null | number;
  confirmBy?: null | string;
}

export interface PersonBody {
  wardId?: null | string;
  groupId?: null | string;
  memberId?: null | string;
}

export interface TrainingSessionView {
  id: string;
  topic: string;
  topicName: string;
  title: string;
  startsAt: string;
  date: string;
  startTime: string;
  place: string;
  trainer: string;
  wardIds: string[];
  inviteLeaders: boolean;
  inviteDeputies: boolean;
  invitedMembers: Participant[];
  capacity: number;
  confirmed: number;
  seatsLeft: number;
  confirmBy: string;
  confirmDeadline: string;
  status: string;
  statusName: string;
  version: number;
  createdByName: string;
  updatedAt: string;
  updatedByName: string;
  cancelReason?: null | string;
  wards: WardInvitationView[];
  files: SessionFile[];
  actions: WorkflowAction[];
  eTag: string;
  corrections?: null | AttendanceCorrection[];
}

export interface Participant {
  wardId: string;
  groupId: string;
  groupName: string;
  memberId: string;
  fullName: string;
  roleName: string;
}

export interface WardInvitationView {
  wardId: string;
  wardName: string;
  step: string;
  stepName: string;
  overdue: boolean;
  confirmed: Participant[];
  confirmedAt?: null | string;
  confirmedByName?: null | string;
  attendance: PresenceView[];
  attendanceRecorded: boolean;
  changeReason?: null | string;
  earlierConfirmations?: null | WardConfirmation[];
}

export interface PresenceView {
  person: Participant;
  present: boolean;
  presenceName: string;
}

export interface WardConfirmation {
  people: Participant[];
  at: string;
  byName: string;
  reason?: null | string;
  earlier?: null | WardConfirmation[];
}

export interface SessionFile {
  name: string;
  blobName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface AttendanceCorrection {
  operationId: string;
  at: string;
  byName: string;
  reason: string;
  nowPresent: string[];
  nowAbsent: string[];
}

export interface TrainingAttendanceBody {
  people?: null | PresenceBody[];
}

export interface PresenceBody {
  wardId?: null | string;
  memberId?: null | string;
  present?: null | boolean;
}

export interface CorrectAttendanceBody {
  people?: null | PresenceBody[];
  reason?: null | string;
}

export interface CancelSessionBody {
  reason?: null | string;
}

export interface ConfirmAttendeesBody {
  people?: null | PersonBody[];
  reason?: null | string;
}

export interface UnitsView {
  levels: Level[];
  units: UnitView[];
}

export interface SaveWardBody {
  id?: null | string;
  name?: null | string;
  approvingUnitId?: null | string;
  approvingUnitName?: null | string;
}

export interface WardView {
  id: string;
  name: string;
  approvingUnitId: string;
  approvingUnitName: string;
  counters?: WardCounters | null;
  eTag: string;
}

export interface PageResultOfAuditView {
  items: AuditView[];
  continuationToken?: null | string;
}

export interface AuditView {
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  actionName: string;
  entityType: string;
  entityId: string;
  entityName?: null | string;
  description: string;
  before?: unknown | null;
  after?: unknown | null;
  operationId: string;
}

export interface AwardRecord {
  nominationId: string;
  awardFormId: string;
  awardName: string;
  period: string;
  decisionNumber: string;
  decisionDate: string;
  nomineeType: NomineeType;
  groupId: string;
  memberId?: null | string;
  nomineeName: string;
  documents: GeneratedDocument[];
}

export interface PageResultOfGroupView {
  items: GroupView[];
  continuationToken?: null | string;
}

export interface GroupView {
  id: string;
  wardId: string;
  name: string;
  area?: null | string;
  households: number;
  status: GroupStatus;
  statusName: string;
  establishedOn?: null | string;
  establishedByDecision?: null | string;
  closedOn?: null | string;
  closedByDecision?: null | string;
  successorGroupIds?: null | string;
  lastDecision?: null | string;
  leader?: MemberRef | null;
  deputies: MemberRef[];
  activeMembers: number;
  eTag: string;
  lastDecisionDocument?: null | string;
}

export type GroupStatus = "active" | "merged" | "split" | "dissolved";

export interface MemberRef {
  id: string;
  fullName: string;
}

export interface UpdateGroupBody {
  name?: null | string;
  area?: null | string;
  households?: null | number;
  establishedOn?: null | string;
  establishedByDecision?: null | string;
}

export interface GroupMeetingSummary {
  wardId: string;
  groupId: string;
  lastMeeting?: null | string;
  meetingsThisYear: number;
  year: number;
  daysSinceLastMeeting?: null | number;
  overdue: boolean;
  maxDaysWithoutMeeting: number;
  record?: MeetingAction | null;
}

export interface MeetingAction {
  name: string;
  label: string;
  method: string;
  href: string;
  taskId?: null | string;
}

export interface AddMemberBody {
  fullName?: null | string;
  gender?: Gender | null;
  birthYear?: null | number;
  address?: null | string;
  phone?: null | string;
  citizenId?: null | string;
  role?: MemberRole | null;
  joinedOn?: null | string;
}

export interface MemberView {
  id: string;
  wardId: string;
  groupId: string;
  fullName: string;
  gender?: Gender | null;
  genderName?: null | string;
  birthYear?: null | number;
  address?: null | string;
  phone?: null | string;
  citizenId?: null | string;
  role: MemberRole;
  roleName: string;
  joinedOn?: null | string;
  status: MemberStatus;
  statusName: string;
  leftOn?: null | string;
  leftReason?: null | string;
  eTag: string;
}

export interface PageResultOfMemberView {
  items: MemberView[];
  continuationToken?: null | string;
}

export interface UpdateMemberBody {
  fullName?: null | string;
  gender?: Gender | null;
  birthYear?: null | number;
  address?: null | string;
  phone?: null | string;
  citizenId?: null | string;
  role?: MemberRole | null;
  joinedOn?: null | string;
}

export interface MemberLeavesBody {
  leftOn?: null | string;
  reason?: null | string;
}

export interface MemberTrainingView {
  wardId: string;
  groupId: string;
  memberId: string;
  lastTrained?: null | string;
  trainedWithinPeriod: boolean;
  validMonths: number;
  sessions: MemberTrainingLine[];
}

export interface MemberTrainingLine {
  sessionId: string;
  date: string;
  topic: string;
  topicName: string;
  title: string;
}

export interface ImportReport {
  mode: string;
  fileName: string;
  committed: boolean;
  summary: ImportSummary;
  rows: ImportRowReport[];
}

export interface ImportSummary {
  rows: number;
  accepted: number;
  rejected: number;
  groupsCreated: number;
  groupsUpdated: number;
  membersCreated: number;
  membersUpdated: number;
  unchanged: number;
}

export interface ImportRowReport {
  row: number;
  status: ImportRowStatus;
  statusName: string;
  group?: null | string;
  fullName?: null | string;
  messages: string[];
}

export type ImportRowStatus = "created" | "updated" | "unchanged" | "rejected";

export interface WardMeetingSummary {
  wardId: string;
  year: number;
  maxDaysWithoutMeeting: number;
  activeGroups: number;
  groupsMetWithinPeriod: number;
  shareMetWithinPeriod: number;
  yearCounts: YearCounts;
  years: Record<string, YearCounts>;
  groups: GroupMeetingLine[];
  record?: MeetingAction | null;
}

export interface YearCounts {
  groupMeetings: number;
  regularGroupMeetings: number;
  extraordinaryGroupMeetings: number;
  groupsMet: number;
  wardMeetings: number;
  isZero?: boolean;
}

export interface GroupMeetingLine {
  groupId: string;
  groupName: string;
  lastMeeting?: null | string;
  meetingsInYear: number;
  metWithinPeriod: boolean;
}

export interface PageResultOfMeetingListItem {
  items: MeetingListItem[];
  continuationToken?: null | string;
}

export interface MeetingListItem {
  id: string;
  scope: string;
  scopeName: string;
  groupId?: null | string;
  groupName?: null | string;
  date: string;
  kind: string;
  kindName: string;
  chair: string;
  present: number;
  attendees: number;
  tasksOpen: number;
  tasksTotal: number;
  hasMinutes: boolean;
  version: number;
}

export interface MeetingBody {
  scope?: null | string;
  groupId?: null | string;
  date?: null | string;
  kind?: null | string;
  chair?: null | string;
  attendance?: null | AttendanceBody[];
  guests?: null | string[];
  content?: null | string;
  tasks?: null | AgreedTaskBody[];
  reason?: null | string;
}

export interface AttendanceBody {
  memberId?: null | string;
  status?: null | string;
}

export interface AgreedTaskBody {
  id?: null | string;
  what?: null | string;
  who?: null | string;
  dueOn?: null | string;
}

export interface MeetingView {
  id: string;
  wardId: string;
  scope: string;
  scopeName: string;
  groupId?: null | string;
  groupName?: null | string;
  date: string;
  kind: string;
  kindName: string;
  chair: string;
  attendance: AttendeeView[];
  present: number;
  absent: number;
  excused: number;
  guests: string[];
  content: string;
  tasks: AgreedTaskView[];
  minutes: MinutesFile[];
  version: number;
  recordedAt: string;
  recordedByName: string;
  updatedAt: string;
  updatedByName: string;
  correctionReason?: null | string;
  actions: MeetingAction[];
  eTag: string;
  removed?: MeetingRemoval | null;
}

export interface AttendeeView {
  memberId: string;
  fullName: string;
  roleName: string;
  groupId?: null | string;
  groupName?: null | string;
  status: string;
  statusName: string;
}

export interface AgreedTaskView {
  id: string;
  what: string;
  who: string;
  dueOn: string;
  done: boolean;
  doneAt?: null | string;
  doneByName?: null | string;
  doneNote?: null | string;
  overdue: boolean;
}

export interface MinutesFile {
  name: string;
  blobName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface MeetingRemoval {
  at: string;
  byName: string;
  reason: string;
}

export interface RemoveMeetingBody {
  reason?: null | string;
}

export interface CompleteTaskBody {
  note?: null | string;
}

export interface CreateSignOffBody {
  title?: null | string;
  dueInMinutes?: null | number;
  dueAt?: null | string;
}

export interface SignOffView {
  id: string;
  wardId: string;
  title: string;
  state: string;
  stateName: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  dueAt: string;
  comment?: null | string;
  decidedByName?: null | string;
  decidedAt?: null | string;
  actions?: null | WorkflowAction[];
}

export interface SignOffList {
  wardId: string;
  items: SignOffView[];
  create?: WorkflowAction | null;
  continuationToken?: null | string;
}

export interface DecideSignOffBody {
  approve?: null | boolean;
  comment?: null | string;
  outcome?: null | string;
}

export interface SupportHistoryEntry {
  roundId: string;
  roundName: string;
  kind: string;
  kindName: string;
  fundName: string;
  fundType: string;
  fundTypeName: string;
  amount?: null | number;
  gift?: null | string;
  approvedOn: string;
  status: string;
  statusName: string;
}

export interface SupportRoundBody {
  kind?: null | string;
  name?: null | string;
  fund?: FundSourceBody | null;
  beneficiaries?: null | BeneficiaryBody[];
  note?: null | string;
}

export interface FundSourceBody {
  name?: null | string;
  type?: null | string;
}

export interface BeneficiaryBody {
  type?: null | string;
  id?: null | string;
  amount?: null | number;
  gift?: null | string;
}

export interface SupportRoundView {
  id: string;
  wardId: string;
  wardName: string;
  kind: string;
  kindName: string;
  name: string;
  fund: FundSource;
  fundTypeName: string;
  beneficiaries: BeneficiaryView[];
  total: number;
  note?: null | string;
  status: string;
  statusName: string;
  step?: null | string;
  stepName?: null | string;
  waitingFor?: Role | null;
  dueAt?: null | string;
  version: number;
  createdAt: string;
  createdByName: string;
  updatedAt: string;
  updatedByName: string;
  submittedAt?: null | string;
  approvedAt?: null | string;
  approvedByName?: null | string;
  lastComment?: null | string;
  signed?: SignedList | null;
  disbursedAt?: null | string;
  trail: SupportTrailEntry[];
  actions: WorkflowAction[];
  eTag: string;
}

export interface FundSource {
  name: string;
  type: string;
}

export interface BeneficiaryView {
  type: string;
  id: string;
  name: string;
  groupId: string;
  groupName: string;
  roleName?: null | string;
  address?: null | string;
  amount?: null | number;
  gift?: null | string;
}

export interface SignedList {
  name: string;
  blobName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}

export interface SupportTrailEntry {
  at: string;
  stepId: string;
  step: string;
  stepName: string;
  outcome: string;
  outcomeName: string;
  comment?: null | string;
  actorName: string;
}

export interface SupportRoundList {
  wardId: string;
  items: SupportRoundListItem[];
  create?: WorkflowAction | null;
  continuationToken?: null | string;
}

export interface SupportRoundListItem {
  id: string;
  kind: string;
  kindName: string;
  name: string;
  fundName: string;
  fundTypeName: string;
  beneficiaries: number;
  total: number;
  status: string;
  statusName: string;
  updatedAt: string;
  approvedAt?: null | string;
}

export interface SupportDecisionBody {
  outcome?: null | string;
  comment?: null | string;
}

export interface SupportSummary {
  wardId: string;
  year: number;
  thisYear: SupportYear;
  years: Record<string, SupportYear>;
  fundTypeNames: Record<string, string>;
  kindNames: Record<string, string>;
}

export interface SupportYear {
  rounds: number;
  beneficiaries: number;
  amount: number;
  amountByFundType: Record<string, number>;
  amountByKind: Record<string, number>;
  isZero?: boolean;
}

export interface PersonTrainingStatus {
  memberId: string;
  lastTrained?: null | string;
  trainedWithinPeriod: boolean;
  statusName: string;
}
