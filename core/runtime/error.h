#pragma once
// The one exception type the engine throws for bad input. Its message is meant for the user as it
// stands: it names the file (and line/field where known) and says what was wrong.
#include <stdexcept>
#include <string>
#include <utility>

namespace bw {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input that a reader's setting cures (a TSV whose fields are quoted: quoting=rfc4180). The
// message says what was wrong; each front end adds how to choose the setting in its own words (the
// CLI its flag, the window its control), so that the window never shows a flag.
class SettingHintError : public Error {
public:
    SettingHintError(const std::string& message, std::string setting, std::string value)
        : Error(message), setting_(std::move(setting)), value_(std::move(value)) {}
    const std::string& setting() const { return setting_; }  // the CLI's name: "quoting"
    const std::string& value() const { return value_; }      // "rfc4180"

private:
    std::string setting_, value_;
};

}  // namespace bw
