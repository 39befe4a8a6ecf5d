#include "widgets/shared/model_name.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace bw::gui {

QString modelName(const QString& dir) {
    const QFileInfo folder(QDir::cleanPath(dir));
    static const QRegularExpression checkpoint(QStringLiteral("^checkpoint-\\d+$"));
    if (!checkpoint.match(folder.fileName()).hasMatch()) return folder.fileName();
    const QString run = QFileInfo(folder.path()).fileName();
    return run.isEmpty() ? folder.fileName() : run + QLatin1Char('/') + folder.fileName();
}

}  // namespace bw::gui
