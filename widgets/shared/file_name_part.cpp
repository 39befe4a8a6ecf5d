#include "widgets/shared/file_name_part.h"

namespace bw::gui {

QString fileNamePart(QString name) {
    QString part;
    for (const QChar c : name) {
        const bool kept = c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_');
        // One dash for a run of other characters: 'a: "b" / c' -> 'a-b-c', not 'a---b----c'.
        if (kept) part += c;
        else if (!part.isEmpty() && !part.endsWith(QLatin1Char('-'))) part += QLatin1Char('-');
    }
    while (part.endsWith(QLatin1Char('-'))) part.chop(1);
    return part.isEmpty() ? QStringLiteral("unnamed") : part;
}

}  // namespace bw::gui
