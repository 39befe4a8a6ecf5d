#include "widgets/workbench/language.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace bw::gui {
namespace {
const char* const kKey = "ui/language";

// Chinese drawn with a fallback CJK font sits in lines the Latin font sized, which clips the top of
// its glyphs (table headers, the status bar). In Chinese a CJK font leads, as on Chinese desktops,
// and its own Latin letters serve the rest; in any other language the application's font again.
void useFontFor(const QLocale& locale) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) return;
    static const QFont original = QGuiApplication::font();
    QFont font = original;
    if (locale.language() == QLocale::Chinese)
        for (const QString& family : QFontDatabase::families(QFontDatabase::SimplifiedChinese))
            if (!family.contains(QStringLiteral("Mono"), Qt::CaseInsensitive)) {
                font.setFamilies({family, original.family()});
                break;
            }
    if (font != QGuiApplication::font()) QGuiApplication::setFont(font);
}

}  // namespace

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
    useFontFor(locale);

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
