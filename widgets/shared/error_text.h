#pragma once
// An exception as the window shows it (bw::userMessage: no LibTorch backtrace), and where the error
// names a setting that cures it (bw::SettingHintError), which of the window's controls sets it.
#include <QString>

#include <exception>

namespace bw::gui {

QString errorText(const std::exception& e);

}  // namespace bw::gui
