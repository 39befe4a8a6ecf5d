#pragma once
// The interface language: the system's, or one the user picked (View ▸ Language), stored in
// QSettings and applied at the next start.
#include <QString>

class QCoreApplication;

namespace bw::gui {

// "" follows the system locale; otherwise a locale name such as "en" or "zh_CN".
QString languageSetting();
void setLanguageSetting(const QString& locale_name);

// Installs Bertwork's translation (embedded as :/i18n/bertwork_<locale>.qm) and Qt's own for the
// chosen language. English, the source language, needs none.
void installTranslators(QCoreApplication& app);

}  // namespace bw::gui
