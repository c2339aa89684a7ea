// The words claude.ai shows, per language (detection.yaml's language keys) and
// generation, from /work/shared/claude-ui-facts.md §0, §1, §2, §5 and detection.yaml's
// `evidence`. The 2026 words are the web app's own catalogs (build 2026-08-11; es-419
// and es-ES both under "es", pt is pt-BR). A pattern in detection.yaml that no wording
// here exercises fails the coverage test: add the real words it is for.

/** Training-switch names. `where`: the surface that shows it. */
export const TRAINING = [
  { lang: "en", gen: 2025, where: "popup", label: "You can help improve Claude" },
  { lang: "en", gen: 2025, where: "settings", label: "Help improve Claude" },
  { lang: "en", gen: 2026, where: "settings", label: "Help improve our AI models" },
  { lang: "en", gen: 2026, where: "onboarding", label: "Help improve our AI models" },
  // The onboarding step's own catalog entry ends with a colon, in every language.
  { lang: "en", gen: 2026, where: "onboarding", label: "Help improve our AI models:" },
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
  { lang: "es", gen: 2026, where: "settings", label: "Ayuda a mejorar nuestros modelos de IA" },
  { lang: "es", gen: 2026, where: "popup", label: "Ayuda a mejorar nuestros modelos de IA" },
  { lang: "es", gen: 2026, where: "onboarding", label: "Ayuda a mejorar nuestros modelos de IA:" },
  { lang: "fr", gen: 2025, where: "popup", label: "Vous pouvez aider à améliorer Claude" },
  { lang: "fr", gen: 2025, where: "settings", label: "Aider à améliorer Claude" },
  // The real page uses a typographic apostrophe.
  { lang: "fr", gen: 2026, where: "settings", label: "Contribuez à améliorer nos modèles d’IA" },
  // French mixes apostrophes (facts §5): the same words with a straight one.
  { lang: "fr", gen: 2026, where: "popup", label: "Contribuez à améliorer nos modèles d'IA" },
  // The catalog puts a space before the colon; French typography often a no-break one.
  { lang: "fr", gen: 2026, where: "onboarding", label: "Contribuez à améliorer nos modèles d’IA :" },
  { lang: "fr", gen: 2026, where: "onboarding", label: "Contribuez à améliorer nos modèles d’IA\u00a0:" },
  { lang: "de", gen: 2025, where: "settings", label: "Hilf dabei, Claude zu verbessern" },
  { lang: "de", gen: 2025, where: "popup", label: "Helfen Sie uns dabei, Claude zu verbessern" },
  { lang: "de", gen: 2026, where: "settings", label: "Hilf uns, unsere KI-Modelle zu verbessern" },
  // The no-break hyphen some German UIs use.
  { lang: "de", gen: 2026, where: "popup", label: "Hilf uns, unsere KI\u2011Modelle zu verbessern" },
  { lang: "de", gen: 2026, where: "onboarding", label: "Hilf uns, unsere KI-Modelle zu verbessern:" },
  { lang: "pt", gen: 2025, where: "popup", label: "Você pode ajudar a melhorar o Claude" },
  { lang: "pt", gen: 2025, where: "settings", label: "Ajude a melhorar o Claude" },
  { lang: "pt", gen: 2026, where: "settings", label: "Ajude a melhorar nossos modelos de IA" },
  { lang: "pt", gen: 2026, where: "onboarding", label: "Ajude a melhorar nossos modelos de IA:" },
  // 2025, before the rename (facts §5); the review found them missing (round 4, F12).
  { lang: "it", gen: 2025, where: "settings", label: "Aiuta a migliorare Claude" },
  { lang: "it", gen: 2026, where: "settings", label: "Contribuisci a migliorare i nostri modelli AI" },
  { lang: "it", gen: 2026, where: "popup", label: "Contribuisci a migliorare i nostri modelli AI" },
  { lang: "it", gen: 2026, where: "onboarding", label: "Contribuisci a migliorare i nostri modelli AI:" },
  { lang: "ja", gen: 2025, where: "settings", label: "Claudeの改善にご協力ください" },
  { lang: "ja", gen: 2026, where: "settings", label: "AIモデルの改善にご協力ください" },
  // Full-width letters (NFKC folds them).
  { lang: "ja", gen: 2026, where: "popup", label: "ＡＩモデルの改善にご協力ください" },
  // A full-width colon (NFKC makes it ":").
  { lang: "ja", gen: 2026, where: "onboarding", label: "AIモデルの改善にご協力ください：" },
  { lang: "ko", gen: 2025, where: "settings", label: "Claude 개선에 도움 주기" },
  { lang: "ko", gen: 2026, where: "settings", label: "AI 모델 개선 돕기" },
  { lang: "ko", gen: 2026, where: "popup", label: "AI 모델 개선 돕기" },
  { lang: "ko", gen: 2026, where: "onboarding", label: "AI 모델 개선 돕기:" },
  { lang: "hi", gen: 2026, where: "settings", label: "हमारे AI मॉडल को बेहतर बनाने में मदद करें" },
  { lang: "hi", gen: 2026, where: "popup", label: "हमारे AI मॉडल को बेहतर बनाने में मदद करें" },
  { lang: "hi", gen: 2026, where: "onboarding", label: "हमारे AI मॉडल को बेहतर बनाने में मदद करें:" },
  { lang: "id", gen: 2026, where: "settings", label: "Bantu tingkatkan model AI kami" },
  { lang: "id", gen: 2026, where: "popup", label: "Bantu tingkatkan model AI kami" },
  { lang: "id", gen: 2026, where: "onboarding", label: "Bantu tingkatkan model AI kami:" },
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
 * Names of the training row that no pattern knows: NOT claude.ai's words but made-up
 * rewordings a later build could ship (the first two were once our guesses, wrong by
 * the catalogs; zh's 2026 wording is not public). Only the signal can pick the switch.
 */
export const UNKNOWN_TITLES = {
  it: "Aiuta a migliorare i nostri modelli di IA",
  ko: "AI 모델 개선에 참여하기",
  hi: "AI मॉडल को बेहतर बनाने में सहायता करें",
  id: "Bantu kami meningkatkan model AI",
  zh: "帮助改进我们的 AI 模型",
};

/** The location switch on the same screens: never the training switch. */
export const LOCATION = {
  en: ["Location metadata", "Allow Claude to use coarse location metadata to improve your experience."],
  es: ["Metadatos de ubicación", "Permite que Claude use metadatos de ubicación aproximada."],
  fr: ["Métadonnées de localisation", "Autorisez Claude à utiliser des métadonnées de localisation approximative."],
  de: ["Standortmetadaten", "Erlaube Claude, ungefähre Standortmetadaten zu verwenden."],
  pt: ["Metadados de localização", "Permita que o Claude use metadados de localização aproximada."],
  it: ["Metadati della posizione", "Consenti a Claude di usare metadati della posizione approssimativa."],
  ja: ["ロケーションメタデータ", "Claude がおおよその位置情報を使用することを許可します。"],
  ko: ["위치 메타데이터", "Claude가 대략적인 위치 메타데이터를 사용하도록 허용합니다."],
  hi: ["स्थान मेटाडेटा", "Claude को अनुमानित स्थान मेटाडेटा का उपयोग करने दें।"],
  id: ["Metadata lokasi", "Izinkan Claude menggunakan metadata lokasi perkiraan."],
  zh: ["位置元数据", "允许 Claude 使用大致位置元数据。"],
}; // prettier-ignore

/** Titles of the consent popup (es: es-419, then es-ES). */
export const POPUP_TITLES = {
  en: [
    "Updates to Consumer Terms and Policies",
    // The pattern's own words (detection.yaml, since the first commit): no public
    // source at hand shows them.
    "Consumer Terms and Policies Updates",
    // The popup's intro after and before the deadline (facts §1), curly ’ as shipped.
    "We’ve updated our Consumer Terms and Privacy Policy.",
    "An update to our Consumer Terms and Privacy Policy will take effect on October 8, 2025.",
  ],
  es: [
    "Actualizaciones a los Términos del consumidor y Políticas",
    "Actualizaciones de los Términos del Consumidor y Políticas",
  ],
  fr: ["Mises à jour des Conditions d'utilisation et Politiques"],
  de: ["Aktualisierungen der Verbraucherbestimmungen und Richtlinien"],
  pt: ["Atualizações dos Termos do Consumidor e Políticas"],
  it: ["Aggiornamenti ai Termini per i Consumatori e alle Politiche"],
  ja: ["利用規約とポリシーの更新"],
  ko: ["소비자 약관 및 정책 업데이트"],
  hi: ["उपभोक्ता नियम और नीतियों के अपडेट"],
  id: ["Pembaruan Ketentuan dan Kebijakan Konsumen"],
  // Help-centre vocabulary (inferred, detection.yaml says so).
  zh: ["消费者条款更新", "消費者條款更新"],
};

/** The note under a switch the account's email domain keeps off (es: es-419, es-ES). */
export const LOCK_NOTES = {
  en: ["Off for all emails using your domain"],
  fr: ["Désactivé pour tous les e-mails utilisant votre domaine."],
  de: ["Deaktiviert für alle E-Mails mit deiner Domain"],
  es: [
    "Desactivado para todos los correos que usen tu dominio",
    "Desactivado para todos los correos electrónicos que usen tu dominio",
  ],
  pt: ["Desativado para todos os e-mails usando seu domínio"],
  it: ["Disattivato per tutte le email che utilizzano il tuo dominio"],
  ja: ["お客様のドメインを使用するすべてのメールでオフ"],
  ko: ["귀하의 도메인을 사용하는 모든 이메일에 대해 비활성화"],
  hi: ["आपके डोमेन का उपयोग करने वाले सभी ईमेल के लिए बंद"],
  id: ["Nonaktif untuk semua email yang menggunakan domain Anda"],
};

/** The heading of the onboarding step that holds the switch ("Before your first chat"). */
export const ONBOARDING_HEADINGS = {
  en: "Before your first chat",
  es: "Antes de tu primer chat",
  fr: "Avant votre première discussion",
  de: "Vor deinem ersten Chat",
  pt: "Antes da sua primeira conversa",
  it: "Prima della tua prima chat",
  ja: "初回のチャットの前に",
  ko: "첫 채팅 전",
  hi: "अपनी पहली चैट से पहले",
  id: "Sebelum obrolan pertama Anda",
};

/** The Privacy screen's name in the settings nav and heading. */
export const PRIVACY_TAB_NAMES = {
  en: "Privacy", es: "Privacidad", fr: "Confidentialité", de: "Datenschutz", pt: "Privacidade",
  it: "Privacy", ja: "プライバシー", ko: "개인정보보호", hi: "गोपनीयता", id: "Privasi",
  zh: ["隐私", "隱私"], // inferred (detection.yaml): the Chinese UI's wording is not public
}; // prettier-ignore

/**
 * Other settings words that are never the Privacy screen's name: "General", "Settings",
 * the Privacy screen's "Preferences" (ja 「設定」 is also "Settings") and "Your data"
 * headings, and "Privacy Center" (es-ES "Ajustes" and es-419 "Configuración").
 */
export const NOT_TAB_NAMES = {
  en: ["General", "Settings", "Preferences", "Your data", "Privacy Center"],
  es: ["General", "Configuración", "Ajustes", "Preferencias", "Tus datos", "Centro de privacidad"],
  fr: ["Général", "Paramètres", "Préférences", "Vos données", "Centre de confidentialité"],
  de: ["Allgemein", "Einstellungen", "Deine Daten", "Datenschutzzentrum"],
  pt: ["Geral", "Configurações", "Preferências", "Seus dados", "Central de Privacidade"],
  it: ["Generale", "Impostazioni", "Preferenze", "I tuoi dati", "Centro Privacy"],
  ja: ["一般", "設定", "あなたのデータ", "プライバシーセンター"],
  ko: ["일반", "설정", "환경설정", "내 데이터", "개인정보 보호 센터"],
  hi: ["सामान्य", "सेटिंग्स", "प्राथमिकताएं", "आपका डेटा", "गोपनीयता केंद्र"],
  id: ["Umum", "Pengaturan", "Preferensi", "Data Anda", "Pusat Privasi"],
  zh: ["常规", "设置", "隐私中心", "隱私中心", "隐私政策"],
};
