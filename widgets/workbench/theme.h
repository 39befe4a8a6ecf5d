#pragma once
// The window's colours: the system's (its style and palette as the platform gives them), or light
// or dark on Qt's Fusion style whatever the platform. Chosen under View ▸ Theme, kept in QSettings,
// applied at start and at once when changed (the window then rebuilds its pages, whose plots and
// icons take their colours when made).
#include <QString>

class QApplication;

namespace bw::gui {

enum class Theme { System, Light, Dark };

Theme themeSetting();
void setThemeSetting(Theme theme);
QString themeKey(Theme theme);  // "system", "light", "dark": the settings' spelling

// Sets the application's style and palette. The first call remembers the platform's own, which
// Theme::System brings back.
void applyTheme(QApplication& app, Theme theme);

}  // namespace bw::gui
