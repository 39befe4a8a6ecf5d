#pragma once
// The window's words about malformed rows (data::BadRowError), wherever it speaks of them: the import
// dialog, its job, the Data page's splits table.
#include <QString>

#include <cstdint>

namespace bw::gui {

// What cures a malformed row at import: the import dialog's check box.
QString skipBadRowsAdvice();

// "(3 malformed rows of the file skipped)", after a file or an import's summary: "of the file", since
// a train and a validation split held out of one file both name its count.
QString skippedRowsNote(int64_t count);

}  // namespace bw::gui
