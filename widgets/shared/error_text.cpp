#include "widgets/shared/error_text.h"

#include "core/runtime/error.h"
#include "core/runtime/user_message.h"

#include <QCoreApplication>

namespace bw::gui {

namespace {

// The control that chooses `setting`, in the window's words (the CLI names its flag instead).
QString settingAdvice(const SettingHintError& e) {
    if (e.setting() == "quoting" && e.value() == "rfc4180")
        return QCoreApplication::translate("bw::gui::ErrorText", "choose “Quotes: quoted fields (RFC 4180)” above the preview");
    return QCoreApplication::translate("bw::gui::ErrorText", "set %1 to %2")
        .arg(QString::fromStdString(e.setting()), QString::fromStdString(e.value()));
}

}  // namespace

QString errorText(const std::exception& e) {
    QString text = QString::fromStdString(userMessage(e));
    if (const auto* hinted = dynamic_cast<const SettingHintError*>(&e)) text += QStringLiteral(": ") + settingAdvice(*hinted);
    return text;
}

}  // namespace bw::gui
