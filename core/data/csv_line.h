#pragma once
// One line of CSV as every table Bertwork writes it (the CLI's --format csv, the window's exports):
// RFC 4180 quoting (a field with a comma, a quote or a line break is quoted, its quotes doubled),
// lines ended by "\n" as pandas and Hugging Face datasets write them. The one rule, so that a table
// exported from the window and the same table from the CLI are the same bytes.
#include <string>
#include <string_view>
#include <vector>

namespace bw::data {

std::string csvField(std::string_view text);
// The fields joined by commas, with the line's "\n".
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace bw::data
