#pragma once
// The interface language: the system's, or one the user picked (View ▸ Language), stored in
// QSettings; applied at start, and at once when changed (the window rebuilds its pages).
#include <QString>

class QCoreApplication;

namespace bw::gui {

// "" follows the system locale; otherwise a locale name such as "en" or "zh_CN".
QString languageSetting();
void setLanguageSetting(const QString& locale_name);

// Installs Bertwork's translation (embedded as :/i18n/bertwork_<locale>.qm) and Qt's own for the
// chosen language. Under them, always, the English plurals (bertwork_en.qm: "1 row", "300 rows" for
// the source's "%n row(s)"), which a language without a translation of its own falls back to.
void installTranslators(QCoreApplication& app);
// Takes out the translators installed before and installs those of the language chosen now.
void reinstallTranslators(QCoreApplication& app);

}  // namespace bw::gui
