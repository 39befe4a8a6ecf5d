#include "widgets/data/tokenizer_audit_view.h"

#include "core/data/dataset_statistics.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bw::gui {

TokenizerAuditView::TokenizerAuditView(QWidget* parent) : QWidget(parent) {
    unk_rate_ = new QLabel;
    unk_rate_->setObjectName("unkRateLabel");
    pieces_per_word_ = new QLabel;
    pieces_per_word_->setObjectName("piecesPerWordLabel");
    for (QLabel* label : {unk_rate_, pieces_per_word_}) label->setWordWrap(true);
    unknown_words_ = new QTableWidget(0, 2);
    unknown_words_->setObjectName("unknownWordsTable");
    unknown_words_->setHorizontalHeaderLabels({tr("Word that became [UNK]"), tr("Times")});
    unknown_words_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    unknown_words_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    unknown_words_->verticalHeader()->setVisible(false);
    unknown_words_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    unknown_words_->setMinimumHeight(140);

    no_unknown_words_ = new QLabel(tr("Every word is in the vocabulary: no word became [UNK]."));
    no_unknown_words_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("[UNK] pieces:"), unk_rate_);
    form->addRow(tr("Pieces per word:"), pieces_per_word_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(no_unknown_words_);
    layout->addWidget(unknown_words_, 1);
    layout->addStretch(0);
    clear();
}

void TokenizerAuditView::clear() {
    unk_rate_->setText(QStringLiteral("–"));
    pieces_per_word_->setText(QStringLiteral("–"));
    unknown_words_->setRowCount(0);
    no_unknown_words_->setVisible(false);
}

void TokenizerAuditView::setStatistics(const data::DatasetStatistics& stats) {
    const QLocale locale;
    unk_rate_->setText(tr("%1 % (%2 of %3 pieces)")
                           .arg(locale.toString(stats.unk_rate * 100.0, 'f', 2))
                           .arg(locale.toString(static_cast<qulonglong>(stats.unk_pieces)))
                           .arg(locale.toString(static_cast<qulonglong>(stats.word_pieces))));
    pieces_per_word_->setText(tr("%1 (%2 words)")
                                  .arg(locale.toString(stats.pieces_per_word, 'f', 2))
                                  .arg(locale.toString(static_cast<qulonglong>(stats.words))));
    no_unknown_words_->setVisible(stats.top_unknown_words.empty());
    unknown_words_->setVisible(!stats.top_unknown_words.empty());
    unknown_words_->setRowCount(static_cast<int>(stats.top_unknown_words.size()));
    for (size_t i = 0; i < stats.top_unknown_words.size(); ++i) {
        const auto& [word, count] = stats.top_unknown_words[i];
        unknown_words_->setItem(static_cast<int>(i), 0, new QTableWidgetItem(QString::fromStdString(word)));
        auto* times = new QTableWidgetItem(locale.toString(static_cast<qulonglong>(count)));
        times->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        unknown_words_->setItem(static_cast<int>(i), 1, times);
    }
}

}  // namespace bw::gui
