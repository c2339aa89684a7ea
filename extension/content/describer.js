// The report describer, loaded only when a report is copied (the toolbar popup's or the
// notice's "Copy a report"): chrome.scripting.executeScript runs this bundle in the tab
// (builder/bundle.py), and the value of its last statement, the build's footer calling
// report(), is the result. Kept out of content/content.js, which every claude.ai page
// loads: the page-load budget (bench/) has no room for code used once in a while.
import * as describe from "./describe.js";

/** The redacted description of the page (describe.js). */
export const report = () => describe.describePage();
