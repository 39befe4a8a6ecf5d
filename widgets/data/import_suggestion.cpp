#include "widgets/data/import_suggestion.h"

#include <QDir>
#include <QFileInfo>

namespace bw::gui {

namespace {

// The split a file's name stands for; empty when the name is not a split's.
QString splitNamed(const QString& stem) {
    const QString name = stem.toLower();
    if (name == QLatin1String("train")) return QStringLiteral("train");
    if (name == QLatin1String("dev") || name == QLatin1String("valid") || name == QLatin1String("validation") ||
        name == QLatin1String("val"))
        return QStringLiteral("validation");
    if (name == QLatin1String("test")) return QStringLiteral("test");
    return {};
}

}  // namespace

ImportSuggestion suggestImport(const QString& path) {
    const QFileInfo file(path);
    const QString stem = file.completeBaseName();
    const QString split = splitNamed(stem);
    const QString folder = file.absoluteDir().dirName();
    if (split.isEmpty() || folder.isEmpty()) return {stem, split};
    return {folder, split};
}

}  // namespace bw::gui
