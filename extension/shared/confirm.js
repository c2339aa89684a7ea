// A confirm step inside the page (window.confirm is unreliable in extension popups):
// the trigger reveals a box with "yes" and "no"; focus goes to the safe answer first.
(() => {
  const PG = (globalThis.PrivacyGuard ??= {});
  if (PG.confirmStep) return;

  PG.confirmStep = ({ trigger, box, yes, no, onYes }) => {
    const close = () => {
      box.hidden = true;
      trigger.focus();
    };
    trigger.addEventListener("click", () => {
      box.hidden = false;
      no.focus();
    });
    no.addEventListener("click", close);
    yes.addEventListener("click", async () => {
      await onYes();
      close();
    });
  };
})();
