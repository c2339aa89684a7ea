// The words claude.ai shows, per language (detection.yaml's language keys) and
// generation, from /work/shared/claude-ui-facts.md §0, §1, §5 and detection.yaml's
// `evidence`. A pattern in detection.yaml that no wording here exercises fails the
// coverage test: add the real words it is for.

/** Training-switch names. `where`: the surface that shows it. */
export const TRAINING = [
  { lang: "en", gen: 2025, where: "popup", label: "You can help improve Claude" },
  { lang: "en", gen: 2025, where: "settings", label: "Help improve Claude" },
  { lang: "en", gen: 2026, where: "settings", label: "Help improve our AI models" },
  { lang: "en", gen: 2026, where: "onboarding", label: "Help improve our AI models" },
  // The description alone names it on the 2026 popup when the bold title is missing.
  {
    lang: "en",
    gen: 2026,
    where: "popup",
    label:
      "Allow the use of your chats and coding sessions to train and improve Anthropic AI models.",
  },
  { lang: "es", gen: 2025, where: "settings", label: "Ayudar a mejorar Claude" },
  { lang: "es", gen: 2025, where: "popup", label: "Puedes ayudar a mejorar Claude" },
  { lang: "es", gen: 2025, where: "popup", label: "Ayuda a mejorar a Claude" },
  { lang: "fr", gen: 2025, where: "popup", label: "Vous pouvez aider à améliorer Claude" },
  { lang: "fr", gen: 2025, where: "settings", label: "Aider à améliorer Claude" },
  // The real page uses a typographic apostrophe.
  { lang: "fr", gen: 2026, where: "settings", label: "Contribuez à améliorer nos modèles d’IA" },
  { lang: "de", gen: 2025, where: "settings", label: "Hilf dabei, Claude zu verbessern" },
  { lang: "de", gen: 2025, where: "popup", label: "Helfen Sie uns dabei, Claude zu verbessern" },
  { lang: "de", gen: 2026, where: "settings", label: "Hilf uns, unsere KI-Modelle zu verbessern" },
  // The no-break hyphen some German UIs use.
  { lang: "de", gen: 2026, where: "popup", label: "Hilf uns, unsere KI\u2011Modelle zu verbessern" },
  { lang: "pt", gen: 2025, where: "popup", label: "Você pode ajudar a melhorar o Claude" },
  { lang: "pt", gen: 2025, where: "settings", label: "Ajude a melhorar o Claude" },
  { lang: "ja", gen: 2025, where: "settings", label: "Claudeの改善にご協力ください" },
  { lang: "ja", gen: 2026, where: "settings", label: "AIモデルの改善にご協力ください" },
  // Full-width letters (NFKC folds them).
  { lang: "ja", gen: 2026, where: "popup", label: "ＡＩモデルの改善にご協力ください" },
  { lang: "zh", gen: 2025, where: "settings", label: "帮助改进 Claude" },
  { lang: "zh", gen: 2025, where: "settings", label: "幫助改進 Claude" },
];

/** Descriptions of the training row: they name Anthropic (the language-free signal). */
export const TRAINING_DESCRIPTIONS = {
  en: "Allow the use of your chats and coding sessions to train and improve Anthropic AI models.",
  es: "Permite el uso de tus chats y sesiones de código para entrenar y mejorar los modelos de IA de Anthropic.",
  fr: "Autorisez l’utilisation de vos conversations et sessions de code pour entraîner et améliorer les modèles d’IA d’Anthropic.",
  de: "Erlaube die Nutzung deiner Chats und Coding-Sitzungen, um die KI-Modelle von Anthropic zu trainieren und zu verbessern.",
  pt: "Permita o uso dos seus chats e sessões de código para treinar e melhorar os modelos de IA da Anthropic.",
  it: "Consenti l’uso delle tue chat e sessioni di codice per addestrare e migliorare i modelli di IA di Anthropic.",
  ja: "チャットとコーディングセッションを Anthropic AIモデルのトレーニングと改善に使用することを許可します。",
  ko: "채팅 및 코딩 세션을 Anthropic AI 모델 학습 및 개선에 사용하도록 허용합니다.",
  hi: "अपनी चैट और कोडिंग सत्रों का उपयोग Anthropic AI मॉडल को प्रशिक्षित और बेहतर बनाने के लिए करने दें।",
  id: "Izinkan penggunaan chat dan sesi coding Anda untuk melatih dan meningkatkan model AI Anthropic.",
  zh: "允许使用你的聊天和编程会话来训练和改进 Anthropic AI 模型。",
};

/**
 * Titles of the training row where no public wording exists (inferred translations of
 * "Help improve our AI models"); only the signal can pick the switch there.
 */
export const UNKNOWN_TITLES = {
  it: "Aiuta a migliorare i nostri modelli di IA",
  ko: "AI 모델 개선에 참여하기",
  hi: "हमारे AI मॉडल को बेहतर बनाने में मदद करें",
  id: "Bantu tingkatkan model AI kami",
};

/** The location switch on the same screens: never the training switch. */
export const LOCATION = {
  en: ["Location metadata", "Allow Claude to use coarse location metadata to improve your experience."],
  es: ["Metadatos de ubicación", "Permite que Claude use metadatos de ubicación aproximada."],
  fr: ["Métadonnées de localisation", "Autorisez Claude à utiliser des métadonnées de localisation approximative."],
  de: ["Standort-Metadaten", "Erlaube Claude, ungefähre Standort-Metadaten zu verwenden."],
  pt: ["Metadados de localização", "Permita que o Claude use metadados de localização aproximada."],
  it: ["Metadati sulla posizione", "Consenti a Claude di usare metadati sulla posizione approssimativa."],
  ja: ["ロケーションメタデータ", "Claude がおおよその位置情報を使用することを許可します。"],
  ko: ["위치 메타데이터", "Claude가 대략적인 위치 메타데이터를 사용하도록 허용합니다."],
  hi: ["स्थान मेटाडेटा", "Claude को अनुमानित स्थान मेटाडेटा का उपयोग करने दें।"],
  id: ["Metadata lokasi", "Izinkan Claude menggunakan metadata lokasi perkiraan."],
  zh: ["位置元数据", "允许 Claude 使用大致位置元数据。"],
}; // prettier-ignore
