// The thumbs-feedback dialog: rating a reply sends the whole conversation for training
// even with the setting off (policy.yaml feedback_trains_even_off). A text box rendered in
// a dialog (the sentinel, a new portal, the sweep) is looked at: if that dialog is
// claude.ai's feedback form, a warning stays inside it while it shows, through re-renders.
// Nothing is recorded: rating a reply does not change the setting, and nothing of the chat
// is read.
import * as ui from "./callout.js";
import * as detect from "./detect.js";
import { every, guarded, onStop, stopTimer } from "./life.js";
import { lastState, onLastState, onSettings, settings } from "./settings.js";

// How often an open feedback dialog is looked at (the page may re-render it).
const KEEP_MS = 400;

/** Feedback dialog -> its warning (null while the option is off). */
const warnings = new Map();
let timer = 0;

const stateWord = () => {
  const last = lastState();
  return last === "on" || last === "off" ? last : "unknown";
};

/** A text box in a dialog: warn in that dialog if it is the feedback form. */
export function considerFeedback(field) {
  const dialog = field.closest(detect.DIALOG);
  if (!dialog || warnings.has(dialog) || !detect.feedbackForm(dialog)) return;
  warnings.set(dialog, null);
  keepWarnings();
  if (!timer) timer = every(KEEP_MS, guarded("feedback", keepWarnings));
}

/** Each feedback dialog's warning as it should be: drawn, redrawn, or gone with it. */
function keepWarnings() {
  for (const [dialog, warning] of warnings) {
    const form = dialog.isConnected ? detect.feedbackForm(dialog) : null;
    const wanted = form && settings().warnOnFeedback;
    if (warning && (!wanted || !warning.host.isConnected || warning.state !== stateWord())) {
      warning.remove();
      warnings.set(dialog, null);
    }
    if (!form) warnings.delete(dialog);
    else if (wanted && !warnings.get(dialog)) {
      warnings.set(dialog, ui.feedbackWarning(form, lastState()));
    }
  }
  if (!warnings.size) timer = stopTimer(timer);
}

/** How many feedback dialogs have a warning now. */
export const feedbackWarningsShown = () => [...warnings.values()].filter(Boolean).length;

/** Warnings fit their dialog again (a window resized). */
export function fitFeedbackWarnings() {
  for (const warning of warnings.values()) warning?.fit();
}

/** Keep the warnings in line with the options and the stored state; undo on stop. */
export function watchFeedback() {
  onSettings(keepWarnings);
  onLastState(keepWarnings);
  onStop(() => {
    for (const warning of warnings.values()) warning?.remove();
    warnings.clear();
  });
}
