// The large table, on the consent popup and the onboarding step: every wording of the
// training switch there (language x generation), in every switch markup and way of
// labelling it, beside the location switch.
import { loadExtension } from "./harness.mjs";
import { testWording } from "./wording-sweep.mjs";
import { TRAINING } from "./wordings.mjs";

const ext = loadExtension();

for (const w of TRAINING) if (w.where !== "settings") testWording(ext, w);
