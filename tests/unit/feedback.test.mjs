// claude.ai's thumbs-feedback dialog (facts §7) is known by its shape and the brand in
// its note, in every language and across the rewordings the catalogs show; the "Report
// content" form, popovers and other dialogs with a text box are not.
import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml as esc, loadExtension } from "./harness.mjs";

const ext = loadExtension();
const { PG, window } = ext;

// The note's words per language, base and override where the facts give both (§7).
const NOTES = {
  en: "Submitting this report will send the entire current conversation to Anthropic for future improvements to our models.",
  fr: "L’envoi de ce rapport transmettra l’intégralité de la conversation actuelle à Anthropic pour de futures améliorations de nos modèles.",
  de: "Durch das Einreichen dieses Berichts wird die gesamte aktuelle Konversation an Anthropic für zukünftige Verbesserungen unserer Modelle gesendet.",
  es: "Al enviar este informe, se enviará toda la conversación actual a Anthropic para futuras mejoras de nuestros modelos.",
  pt: "Ao enviar este relatório, toda a conversa atual será enviada à Anthropic para futuras melhorias em nossos modelos.",
  it: "L'invio di questa segnalazione invierà l'intera conversazione attuale ad Anthropic per futuri miglioramenti dei nostri modelli.",
  ja: "このレポートを送信すると、現在の会話全体がAnthropicに送信され、今後のモデル改善に使用されます。",
  ko: "이 보고서를 제출하면 현재 대화 전체가 Anthropic에 전송되어 향후 모델 개선에 사용됩니다.",
  "ko-base": "이 보고서를 제출하면 현재 대화 전체가 모델 개선을 위해 Anthropic으로 전송됩니다.",
  hi: "इस रिपोर्ट को सबमिट करने से फ़िलहाल की पूरी बातचीत Anthropic को भेज दी जाएगी।",
  "hi-base": "इस रिपोर्ट को सबमिट करने से वर्तमान संपूर्ण वार्तालाप Anthropic को भेज दिया जाएगा।",
  id: "Mengirimkan laporan ini akan mengirim seluruh percakapan saat ini ke Anthropic untuk peningkatan model kami.",
};

/** The dialog as the facts draw it; `describe`: Submit names the note (aria-describedby). */
function feedbackDialog(note, { describe = true, small = true, field = true } = {}) {
  const noteHtml = small ? `<p><small id="fb-n"><i>${esc(note)}</i></small></p>` : `<p id="fb-n">${esc(note)}</p>`;
  return (
    `<div class="cds-root" data-cds-portal=""><div role="dialog" data-cds="Dialog" data-open="" aria-labelledby="fb-t">` +
    `<h2 id="fb-t">Give negative feedback</h2>${field ? "<textarea></textarea>" : ""}${noteHtml}` +
    `<div><button type="button">Cancel</button><button type="button"${describe ? ' aria-describedby="fb-n"' : ""}>Submit</button></div>` +
    `</div></div>`
  );
}

const formIn = (html) => {
  window.document.body.innerHTML = html; // test input only
  return PG.detect.feedbackForm(window.document.querySelector('[role="dialog"]'));
};

for (const [lang, note] of Object.entries(NOTES)) {
  test(`${lang}: the feedback dialog is known by its note naming Anthropic`, () => {
    const form = formIn(feedbackDialog(note));
    assert.ok(form, "not recognised");
    assert.equal(form.submit.textContent, "Submit");
    // Without Submit's description, its small print alone still tells it.
    assert.ok(formIn(feedbackDialog(note, { describe: false })));
  });
}

test("the Report content form, a dialog with no text box, or no note naming Anthropic is not", () => {
  const report =
    `<div role="dialog" data-cds="Dialog" data-open=""><h2>Feedback</h2>` +
    `<p>Please use this form to report violative content.</p><textarea></textarea><button>Cancel</button></div>`;
  assert.equal(formIn(report), null);
  assert.equal(formIn(feedbackDialog(NOTES.en, { field: false })), null);
  assert.equal(formIn(feedbackDialog("Your message goes to the chat's owner.")), null);
  // A note in plain paragraphs, not small print nor Submit's description: not the form's.
  assert.equal(formIn(feedbackDialog(NOTES.en, { describe: false, small: false })), null);
});

test("a popover with a text box is not a dialog the warning goes in", () => {
  const popover = feedbackDialog(NOTES.en).replace('data-cds="Dialog"', 'data-cds="Popover"');
  assert.equal(formIn(popover), null);
});
