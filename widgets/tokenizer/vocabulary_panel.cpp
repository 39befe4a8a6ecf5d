#include "widgets/tokenizer/vocabulary_panel.h"

#include "core/text/vocab.h"
#include "widgets/tokenizer/vocabulary_filter.h"
#include "widgets/tokenizer/vocabulary_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace bw::gui {

VocabularyPanel::VocabularyPanel(QWidget* parent) : QWidget(parent) {
    query_ = new QLineEdit(this);
    query_->setPlaceholderText(tr("Token, ##piece, prefix or id"));
    query_->setClearButtonEnabled(true);
    answer_ = new QLabel(this);
    answer_->setWordWrap(true);
    answer_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    model_ = new VocabularyModel(this);
    matches_ = new VocabularyFilter(this);
    matches_->setSourceModel(model_);
    view_ = new QTableView(this);
    view_->setModel(matches_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setSectionResizeMode(VocabularyModel::TokenColumn, QHeaderView::Stretch);
    view_->horizontalHeader()->setSectionResizeMode(VocabularyModel::IdColumn, QHeaderView::ResizeToContents);
    view_->setShowGrid(false);
    view_->setAlternatingRowColors(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(query_);
    layout->addWidget(answer_);
    layout->addWidget(view_, 1);

    connect(query_, &QLineEdit::textChanged, this, &VocabularyPanel::lookUp);
    lookUp();
}

void VocabularyPanel::setVocabulary(const text::Vocab* vocab, bool strip_accents) {
    vocab_ = vocab;
    strip_accents_ = strip_accents;
    model_->setVocabulary(vocab, strip_accents);
    lookUp();
}

void VocabularyPanel::search(const QString& query) { query_->setText(query); }

QString VocabularyPanel::answer() const { return answer_->text(); }
int VocabularyPanel::matchCount() const { return matches_->rowCount(); }
QString VocabularyPanel::matchAt(int row) const { return matches_->index(row, VocabularyModel::TokenColumn).data().toString(); }

void VocabularyPanel::lookUp() {
    const QString query = query_->text().trimmed();
    // An empty query lists the whole vocabulary; otherwise the tokens that start with it.
    matches_->setQuery(query, strip_accents_);
    if (!vocab_) {
        answer_->setText(QString());
        return;
    }
    if (query.isEmpty()) {
        answer_->setText(tr("%Ln tokens in the vocabulary.", nullptr, static_cast<int>(vocab_->size())));  // 30,522
        return;
    }
    QStringList lines;
    // "Paris" in an uncased vocabulary is "paris": the form the tokenizer would look up.
    const QString normalized = foldForSearch(query, strip_accents_);
    if (const auto id = vocab_->id(query.toStdString()))
        lines << tr("“%1” has id %2.").arg(query).arg(*id);
    else if (const auto folded_id = vocab_->id(normalized.toStdString()))
        lines << tr("“%1” is not in the vocabulary, “%2” has id %3.").arg(query, normalized).arg(*folded_id);
    else
        lines << tr("“%1” is not in the vocabulary.").arg(query);
    bool is_number = false;
    const qlonglong number = query.toLongLong(&is_number);
    const bool known_id = is_number && number >= 0 && number < static_cast<qlonglong>(vocab_->size());
    if (known_id)
        lines << tr("Id %1 is “%2”.").arg(number).arg(QString::fromStdString(vocab_->token(static_cast<int32_t>(number))));
    else if (is_number)
        lines << tr("Id %1 is outside the vocabulary (0 to %2).").arg(number).arg(vocab_->size() - 1);
    int starting = matches_->rowCount();
    if (known_id && !matches_->startsWithQuery(static_cast<int>(number))) --starting;  // listed for its id only
    // The list matches the folded form (any case; "cafe" for "café" in an uncased vocabulary): say so.
    lines << (normalized.isEmpty() || normalized == query
                  ? tr("%Ln token(s) start with “%1”.", nullptr, starting).arg(query)
                  : tr("%Ln token(s) start with “%1”, searched as “%2”.", nullptr, starting)
                        .arg(query, normalized));
    answer_->setText(lines.join(QLatin1Char('\n')));
}

}  // namespace bw::gui
