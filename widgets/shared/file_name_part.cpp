#include "widgets/shared/file_name_part.h"

namespace bw::gui {

QString fileNamePart(QString name) {
    for (QChar& c : name)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_')) c = QLatin1Char('-');
    return name;
}

}  // namespace bw::gui
