#pragma once
// What the import dialog proposes for a file before the user says otherwise: the dataset's name
// and the split the file holds. A file named after its split (train.tsv, dev.tsv, test.txt, as in
// GLUE or CoNLL releases) is named after its folder, and its split follows from its name.
#include <QString>

namespace bw::gui {

struct ImportSuggestion {
    QString name;   // "sst2" for sst2/dev.tsv, "reviews" for reviews.csv
    QString split;  // "train", "validation" or "test"; empty when the name is no split's
};

ImportSuggestion suggestImport(const QString& path);

}  // namespace bw::gui
