// Types for `tsc` (checkJs) only: the extension ships plain JavaScript and never these
// files (the builder ships what git tracks under extension/, and this folder is outside).
//
// The extension's scripts are classic scripts, one IIFE each. They meet through two
// properties of globalThis, set by files that the manifest and the pages list earlier:
// PRIVACY_GUARD_DATA (generated/policy-data.js) and PrivacyGuard (one member per file).

/**
 * What builder/render.py's extension_data() writes into generated/policy-data.js. The
 * content scripts get generated/content-data.js instead (render.py content_data): the
 * same shape with fewer members, no `version`, facts without `value` (only those the
 * callout states), and detection without watchedSwitches and lockNotes.
 */
interface PrivacyGuardData {
  readonly version: string;
  readonly policyVersion: number;
  /** policy_data/policy.yaml `facts`: dates as ISO text, lists of names, numbers, flags. */
  readonly facts: Readonly<Record<string, PrivacyGuardFact>>;
  readonly sources: Readonly<Record<string, PrivacyGuardSource>>;
  readonly detection: PrivacyGuardDetection;
  /** content-data.js only: per part of the UI on claude.ai, the sources it cites. */
  readonly explains: Readonly<Record<"callout" | "feedback", readonly string[]>>;
}

interface PrivacyGuardFact {
  readonly value: string | number | boolean | readonly string[] | null;
  /** Ids of `sources`. */
  readonly sources: readonly string[];
}

interface PrivacyGuardSource {
  readonly title: string;
  readonly publisher: string;
  readonly url?: string;
  /** ISO date. A source has a url, a date, or both. */
  readonly date?: string;
}

/**
 * policy_data/detection.yaml, flattened: `...Selectors`, `...Panels`, `...Rows` and the
 * like are CSS selectors; `...Labels`, `...Titles`, `...Buttons`, `...Paths`, `...Hashes`
 * are regular expression sources (compiled with the flags "iu", content/text.js).
 */
interface PrivacyGuardDetection {
  readonly switchSelectors: readonly string[];
  readonly watchedSwitches: readonly string[];
  readonly watchedContainers: readonly string[];
  readonly dialogSelectors: readonly string[];
  readonly notDialogs: readonly string[];
  readonly ignoreInside: readonly string[];
  readonly trainingLabels: readonly string[];
  readonly notLabels: readonly string[];
  readonly rowMentions: readonly string[];
  readonly popupTitles: readonly string[];
  readonly popupLinks: readonly string[];
  readonly acceptButtons: readonly string[];
  /** The note under a switch the account's email domain keeps off (facts §1). */
  readonly lockNotes: readonly string[];
  readonly onboardingPaths: readonly string[];
  readonly onboardingHeadings: readonly string[];
  readonly continueButtons: readonly string[];
  /** The Privacy screen's whole name in the settings nav or heading, anchored ^…$. */
  readonly privacyTabNames: readonly string[];
  /** Absolute URLs of the Privacy settings, the current design first. */
  readonly settingsUrls: readonly string[];
  readonly settingsPaths: readonly string[];
  readonly settingsHashes: readonly string[];
  readonly settingsSubScreens: readonly string[];
  readonly settingsPanels: readonly string[];
  readonly settingsScreens: readonly string[];
  readonly settingsSubScreenMarks: readonly string[];
  readonly settingsOverlays: readonly string[];
  readonly settingsCurrentTabs: readonly string[];
  readonly feedbackFields: readonly string[];
  readonly feedbackNotes: readonly string[];
  readonly settingsRows: readonly string[];
  readonly notFoundAfterMs: number;
}

type PrivacyGuardState = "on" | "off" | "unknown";
type PrivacyGuardSurface = "popup" | "settings" | "onboarding";

interface PrivacyGuardSettings {
  warnOnPopup: boolean;
  warnOnFeedback: boolean;
  warnOnSettings: boolean;
  keepReceipts: boolean;
  /** Days after which a state seen asks to be checked again (CHECK_AGAIN_DAYS bounds). */
  checkAgainDays: number;
}

/** One observation as stored: the last state seen, or a receipt (shared/store.js). */
interface PrivacyGuardObservation {
  time: string;
  state: PrivacyGuardState;
  surface: PrivacyGuardSurface;
  locked: boolean;
  confirmed: boolean;
  policyVersion: number;
  path: string;
}

/** Everything in storage.local, validated (store.normalise). */
interface PrivacyGuardStored {
  schemaVersion: number;
  settings: PrivacyGuardSettings;
  last: PrivacyGuardObservation | null;
  receipts: PrivacyGuardObservation[];
  seenPolicyVersion: number | undefined;
}

/** content/text.js */
interface PrivacyGuardText {
  normalize(text: unknown): string;
  compile(patterns: readonly string[]): RegExp[];
  matchesAny(regexes: readonly RegExp[], text: string): boolean;
}

/** shared/store.js */
interface PrivacyGuardStore {
  readonly SCHEMA_VERSION: number;
  readonly DEFAULT_SETTINGS: Readonly<PrivacyGuardSettings>;
  readonly MAX_RECEIPTS: number;
  readonly STATES: readonly string[];
  readonly SURFACES: readonly string[];
  readonly CHECK_AGAIN_DAYS: Readonly<{ min: number; max: number }>;
  /** Milliseconds in a day. */
  readonly DAY_MS: number;
  observation(raw: unknown): PrivacyGuardObservation | null;
  receiptList(raw: unknown): PrivacyGuardObservation[];
  settingsOf(raw: unknown): PrivacyGuardSettings;
  normalise(raw: Record<string, unknown>): PrivacyGuardStored;
  read(keys: string | string[] | null): Promise<PrivacyGuardStored>;
  settings(): Promise<PrivacyGuardSettings>;
  receipts(): Promise<PrivacyGuardObservation[]>;
  /** "current", or "stale" once settings.checkAgainDays have passed since `iso`. */
  freshness(iso: string, settings: PrivacyGuardSettings, now?: number): "current" | "stale";
  /** When a state seen at `iso` turns stale (ms since the epoch). */
  staleAt(iso: string, settings: PrivacyGuardSettings): number;
  /** Asks the background, the only writer, to change storage. */
  command(type: string, extra?: object): Promise<void>;
}

/** Where a switch is (content/detect.js surfaceOf). */
interface PrivacyGuardPlace {
  kind: PrivacyGuardSurface | null;
  container: Element | null;
}

/** content/detect.js */
interface PrivacyGuardDetect {
  readonly SWITCH: string;
  readonly DIALOG: string;
  isEnabled(button: Element): boolean;
  identify(el: Element): "wording" | "signal" | null;
  /** Runs detection once on a detached copy, at idle, so the first real popup is warm. */
  warmUp(): void;
  isPerceivable(el: Element): boolean;
  /** What a person sees and clicks for switch `el` (itself or a visible track), or null. */
  controlOf(el: Element): Element | null;
  /** True inside chat content, where no switch is ever the setting. */
  isChatContent(el: Element): boolean;
  /** The dialog, else the settings panel, that holds `el`. */
  holderOf(el: Element): Element | null;
  stateOf(el: Element): PrivacyGuardState;
  isLocked(el: Element): boolean;
  isSettingsUrl(loc?: Location | URL): boolean;
  isOnboardingUrl(loc?: Location | URL): boolean;
  surfaceOf(el: Element): PrivacyGuardPlace;
  reportedSurface(place: PrivacyGuardPlace): PrivacyGuardSurface;
  privacyScreen(): Element | null;
  inPrivacyPanel(el: Element): boolean;
  holdsPrivacyPanel(node: Element): boolean;
  onboardingStep(): Element | null;
  visibleDialog(): Element | null;
  anchorOf(el: Element): Element;
  /** claude.ai's feedback form in `dialog`: its note and Submit, or null. */
  feedbackForm(dialog: Element): { note: Element; submit: Element | null } | null;
  confirmButtonFor(el: Element, kind: string): Element | null;
  isConfirmButton(button: Element, kind: string): boolean;
}

/** Something content/callout.js put in the page. */
interface PrivacyGuardShown {
  host: HTMLElement;
  remove(): void;
}

/** The warning by "Accept" (content/callout.js). */
interface PrivacyGuardWarning extends PrivacyGuardShown {
  /** Above the button row, or below it when even the warning would push "Accept" out. */
  place(where: "before" | "after"): void;
}

/** The warning in claude.ai's feedback dialog (content/callout.js). */
interface PrivacyGuardFeedbackWarning extends PrivacyGuardShown {
  /** What it says of the setting: "on", "off" or "unknown". */
  readonly state: string;
  /** Above the button row, or below it where it would push Submit out of view. */
  fit(): void;
}

/** content/callout.js */
interface PrivacyGuardUi {
  callout(
    anchor: Element,
    onTurnOff: (() => void) | null,
  ): PrivacyGuardShown & {
    update(state: "on" | "off", locked: boolean, surface: PrivacyGuardSurface): void;
    /** Shrinks the callout (and moves `warning` below the row) until `button` shows. */
    keepInView(button: Element | null, warning?: PrivacyGuardWarning | null): void;
  };
  acceptWarning(button: Element, onTurnOff: (() => void) | null): PrivacyGuardWarning;
  feedbackWarning(
    form: { note: Element; submit: Element | null },
    state: string | null | undefined,
  ): PrivacyGuardFeedbackWarning;
  notFound(
    container: Element,
    settingsUrl: string,
    onDismiss: () => void,
    describe?: () => string,
  ): PrivacyGuardShown;
  updatedNote(container: Element): PrivacyGuardShown;
  applyTheme(): void;
  removeLeftovers(): void;
  /** Reads the UI strings ahead of the first callout (main.js calls it at idle). */
  warmUp(): void;
}

/** content/describe.js */
interface PrivacyGuardDescribe {
  /** The redacted description of the open panel, dialog or page, as plain text lines. */
  describePage(): string;
  /** `text` with e-mail addresses masked. */
  redact(text: string): string;
}

/** shared/i18n.js */
interface PrivacyGuardI18n {
  message(key: string, ...subs: unknown[]): string;
  /** The language of the messages shown (BCP 47), for <html lang> and Intl. */
  language(): string;
  localize(root?: ParentNode): void;
  dateTime(iso: string, dateStyle?: "full" | "long" | "medium" | "short"): string;
}

/** shared/confirm.js */
type PrivacyGuardConfirmStep = (parts: {
  trigger: HTMLElement;
  box: HTMLElement;
  yes: HTMLElement;
  no: HTMLElement;
  onYes: () => unknown;
}) => void;

/**
 * globalThis.PrivacyGuard. Each member is there once its file ran; which files run where
 * is the manifest's content_scripts and background lists and each page's <script> tags.
 */
interface PrivacyGuardModules {
  text?: PrivacyGuardText;
  store?: PrivacyGuardStore;
  detect?: PrivacyGuardDetect;
  ui?: PrivacyGuardUi;
  describe?: PrivacyGuardDescribe;
  i18n?: PrivacyGuardI18n;
  confirmStep?: PrivacyGuardConfirmStep;
}

// `var`, not `let`: these are properties of globalThis.
declare var PRIVACY_GUARD_DATA: PrivacyGuardData;
declare var PrivacyGuard: PrivacyGuardModules;
/** content/main.js's guard against running twice in one page. */
declare var __privacyGuardStarted: boolean | undefined;
/** Only in Chrome's background service worker (background/service-worker.js); ESLint's
 * globals keep it out of every other file. */
declare function importScripts(...urls: string[]): void;
