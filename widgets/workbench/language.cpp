#include "widgets/workbench/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace bw::gui {
namespace {
const char* const kKey = "ui/language";
}

QString languageSetting() { return QSettings().value(kKey).toString(); }

void setLanguageSetting(const QString& locale_name) {
    if (locale_name.isEmpty())
        QSettings().remove(kKey);
    else
        QSettings().setValue(kKey, locale_name);
}

void installTranslators(QCoreApplication& app) {
    const QString chosen = languageSetting();
    const QLocale locale = chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
    QLocale::setDefault(locale);

    // Installed first, so searched last: the chosen language's own translation wins over it.
    auto* plurals = new QTranslator(&app);
    if (plurals->load(QStringLiteral(":/i18n/bertwork_en.qm")))
        app.installTranslator(plurals);
    else
        delete plurals;
    auto* ours = new QTranslator(&app);
    if (locale.language() != QLocale::English &&
        ours->load(locale, QStringLiteral("bertwork"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(ours);
    else
        delete ours;
    // Qt's own strings (standard dialog buttons); absent when Debian's qt6-translations-l10n is not installed.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

void reinstallTranslators(QCoreApplication& app) {
    for (QTranslator* translator : app.findChildren<QTranslator*>(QString(), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installTranslators(app);
}

}  // namespace bw::gui
