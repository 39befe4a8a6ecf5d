#pragma once
// One "name   value" row of the small HTML tables the wizard shows in labels and text browsers.
#include <QString>

namespace bw::gui {

inline QString htmlTableRow(const QString& name, const QString& value) {
    return QStringLiteral("<tr><td style='padding-right:12px'>%1</td><td>%2</td></tr>").arg(name, value);
}

}  // namespace bw::gui
