// Types for `tsc` (checkJs) only: the extension ships plain JavaScript and never these
// files (the builder ships what git tracks under extension/, and this folder is outside).
//
// The content script and the background are ES modules (typed from their source; the
// build bundles each into one script). The pages' scripts are classic scripts, one IIFE
// each, that meet through two properties of globalThis, set by files that the pages list
// earlier: PRIVACY_GUARD_DATA (generated/policy-data.js) and PrivacyGuard (one member per
// file).

/**
 * What builder/render.py's extension_data() writes into generated/policy-data.js. The
 * content scripts get generated/content-data.js instead (render.py content_data): the
 * same shape with fewer members, no `version`, facts without `value` (only those the
 * callout states), and detection without lockNotes.
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

/** Where a switch is (detect.surfaceOf): the surface rules recognise, and its container. */
interface PrivacyGuardWhere {
  kind: PrivacyGuardSurface | null;
  container: Element | null;
  /** In any settings dialog, whichever screen its nav names (detect.reportedSurface). */
  inSettings?: boolean;
}

/** What detect.identify() knew a training switch by, for track(). */
interface PrivacyGuardFound {
  /** Its labels, own words and row as one string (detect.wordsOf). */
  words: string;
  surface: PrivacyGuardWhere;
}

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
  /** shared/store.js, an ES module the build also makes a classic script of. */
  store?: typeof import("../extension/shared/store.js");
  /** shared/messages.js: every runtime message's name, built into a classic script too. */
  messages?: typeof import("../extension/shared/messages.js");
  i18n?: PrivacyGuardI18n;
  confirmStep?: PrivacyGuardConfirmStep;
}

/** The messages the extension's pages send the background (store.command). */
type PrivacyGuardCommand = (typeof import("../extension/shared/messages.js"))[
  "CLEAR_RECEIPTS" | "RESET" | "SAVE_SETTINGS" | "REFRESH_BADGES"
];

// `var`, not `let`: these are properties of globalThis.
declare var PRIVACY_GUARD_DATA: PrivacyGuardData;
declare var PrivacyGuard: PrivacyGuardModules;
/** content/main.js's guard against running twice in one page. */
declare var __privacyGuardStarted: boolean | undefined;
/** What content/content.js heard of the sentinel before core.js ran (find.js takes it). */
declare var __privacyGuardEarly:
  | { announced: Element[]; overflowed: boolean; stop(): void }
  | null
  | undefined;
/** Only in Chrome's background service worker (background/service-worker.js); ESLint's
 * globals keep it out of every other file. */
declare function importScripts(...urls: string[]): void;
