#include "widgets/data/import_file_panel.h"

#include "core/data/column_guess.h"

#include "widgets/data/preview_table_model.h"
#include "widgets/shared/bad_rows_text.h"
#include "widgets/shared/elided_label.h"
#include "widgets/shared/error_text.h"
#include "widgets/shared/file_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace bw::gui {

namespace {

// Shown, and the rows the label preview and the column guesses look at: as many as the import's.
constexpr size_t kPreviewRows = data::kGuessRows;

QString formatTitle(data::DataFormat format, char delimiter) {
    switch (format) {
    case data::DataFormat::Csv:
        if (delimiter == ';') return ImportFilePanel::tr("CSV, semicolon-separated");
        if (delimiter == '|') return ImportFilePanel::tr("CSV, separated by |");
        return ImportFilePanel::tr("CSV, comma-separated");
    case data::DataFormat::Tsv: return ImportFilePanel::tr("TSV, tab-separated");
    case data::DataFormat::Jsonl: return ImportFilePanel::tr("JSON Lines");
    case data::DataFormat::Conll: return ImportFilePanel::tr("CoNLL (token per line)");
    case data::DataFormat::PlainText: return ImportFilePanel::tr("Plain text (corpus)");
    case data::DataFormat::Auto: break;
    }
    return ImportFilePanel::tr("Detect");
}

}  // namespace

ImportFilePanel::ImportFilePanel(QWidget* parent) : QWidget(parent), preview_model_(new PreviewTableModel(this)) {
    file_edit_ = new QLineEdit;
    file_edit_->setObjectName("fileEdit");
    file_edit_->setPlaceholderText(tr("CSV, TSV, JSON Lines, CoNLL or plain-text file"));
    browse_button_ = new QPushButton(tr("Browse…"));
    // Never the dialog's default button: Enter in the file field loads the typed path (eventFilter).
    browse_button_->setAutoDefault(false);
    format_combo_ = new QComboBox;
    format_combo_->setObjectName("formatCombo");
    header_check_ = new QCheckBox(tr("First row names the columns"));
    header_check_->setObjectName("headerCheck");
    // In that order: data::Quoting's values.
    quoting_combo_ = new QComboBox;
    quoting_combo_->setObjectName("quotingCombo");
    quoting_combo_->addItem(tr("Quotes: as usual (CSV quoted, TSV not)"), static_cast<int>(data::Quoting::Auto));
    quoting_combo_->addItem(tr("Quotes: quoted fields (RFC 4180)"), static_cast<int>(data::Quoting::Rfc4180));
    quoting_combo_->addItem(tr("Quotes: none, a quote is text"), static_cast<int>(data::Quoting::None));
    quoting_combo_->setToolTip(tr("Quoted fields may hold the delimiter and line breaks, and write a quote as \"\". "
                                  "Most TSV files (GLUE, IMDB) use quotes as plain text."));
    skip_bad_rows_check_ = new QCheckBox(tr("Skip malformed rows"));
    skip_bad_rows_check_->setObjectName("skipBadRowsCheck");
    skip_bad_rows_check_->setToolTip(
        tr("Import the file without its malformed rows (a row with the wrong number of fields, a line that is not a "
           "JSON object, a CoNLL sentence with a short line) instead of refusing it. The dataset's splits table "
           "says how many were skipped."));

    auto* file_row = new QHBoxLayout;
    file_row->addWidget(file_edit_, 1);
    file_row->addWidget(browse_button_);
    auto* format_row = new QHBoxLayout;
    format_row->addWidget(format_combo_, 1);
    format_row->addWidget(quoting_combo_);
    format_row->addWidget(header_check_);
    auto* file_form = new QFormLayout;
    file_form->addRow(tr("File:"), file_row);
    file_form->addRow(tr("Format:"), format_row);

    preview_view_ = new QTableView;
    preview_view_->setObjectName("previewTable");
    preview_view_->setModel(preview_model_);
    preview_view_->setSelectionMode(QAbstractItemView::NoSelection);
    preview_view_->setWordWrap(false);
    preview_view_->horizontalHeader()->setStretchLastSection(true);
    preview_view_->verticalHeader()->setDefaultSectionSize(preview_view_->fontMetrics().height() + 6);
    preview_view_->setMinimumHeight(200);
    auto* preview_box = new QGroupBox(tr("First rows (headed by their line in the file)"));
    // One line, always there: what was skipped comes and goes without moving the dialog's controls.
    skipped_label_ = new ElidedLabel;
    skipped_label_->setObjectName("skippedRowsLabel");
    // Under the rows it is about (the format row has no room left for it at the dialog's width).
    auto* skip_row = new QHBoxLayout;
    skip_row->addWidget(skip_bad_rows_check_);
    skip_row->addWidget(skipped_label_, 1);
    auto* preview_layout = new QVBoxLayout(preview_box);
    preview_layout->addWidget(preview_view_);
    preview_layout->addLayout(skip_row);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(file_form);
    layout->addWidget(preview_box, 1);

    connect(browse_button_, &QPushButton::clicked, this, &ImportFilePanel::browse);
    connect(file_edit_, &QLineEdit::editingFinished, this, [this] {
        if (file_edit_->text() != read_path_) setFile(file_edit_->text());
    });
    file_edit_->installEventFilter(this);
    connect(format_combo_, qOverload<int>(&QComboBox::activated), this, [this] {
        header_override_.reset();
        reloadPreview();
    });
    connect(quoting_combo_, qOverload<int>(&QComboBox::activated), this, [this] { reloadPreview(); });
    connect(header_check_, &QCheckBox::clicked, this, [this](bool checked) {
        header_override_ = checked;
        reloadPreview();
    });
    connect(skip_bad_rows_check_, &QCheckBox::clicked, this, [this] { reloadPreview(); });
}

// Enter in the file field reads the typed path and goes no further: the dialog would otherwise take
// it for its default button and start the import of a file the user has not seen yet.
bool ImportFilePanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == file_edit_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (file_edit_->text() != read_path_) setFile(file_edit_->text());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ImportFilePanel::browse() {
    const QString path = FileDialog::getOpenFileName(
        window(), tr("Import dataset"), QFileInfo(file_edit_->text()).path(),
        tr("Datasets (*.csv *.tsv *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.txt);;All files (*)"));
    if (!path.isEmpty()) setFile(path);
}

void ImportFilePanel::setFile(const QString& path) {
    file_edit_->setText(path);
    read_path_ = path;
    header_override_.reset();
    quoting_combo_->setCurrentIndex(0);
    skip_bad_rows_check_->setChecked(false);  // another file: its rows are refused until asked otherwise
    emit fileChosen(path);
    resetFormatChoices();
    reloadPreview();
}

QString ImportFilePanel::path() const { return file_edit_->text(); }

const data::DatasetPreview& ImportFilePanel::preview() const { return preview_model_->preview(); }

QString ImportFilePanel::formatTitle() const { return format_combo_->currentText(); }

bool ImportFilePanel::skipsBadRows() const { return skip_bad_rows_check_->isChecked(); }

QString ImportFilePanel::rowProblem() const {
    const data::DatasetPreview& shown = preview();
    // Skipping reads on to the end of the file for its first rows: none means none at all.
    if (skipsBadRows() && shown.rows.empty() && shown.skipped.count > 0)
        return tr("Every row of the file is malformed (%Ln row(s)): there is nothing to import.", "",
                  static_cast<int>(shown.skipped.count));
    if (shown.bad_row.empty() || skipsBadRows()) return {};
    return QString::fromStdString(shown.bad_row) + QLatin1Char('\n') + skipBadRowsAdvice();
}

// The count and the first reason in the line, every reason kept in its tooltip.
void ImportFilePanel::showSkippedRows(const data::SkippedRows& skipped) {
    if (skipped.count == 0) {
        skipped_label_->setFullText({});
        skipped_label_->setToolTip({});
        return;
    }
    skipped_label_->setFullText(tr("%Ln skipped among the first rows; the first: %1", "", static_cast<int>(skipped.count))
                                    .arg(QString::fromStdString(skipped.first.front())));
    QStringList reasons;
    for (const std::string& message : skipped.first) reasons << QString::fromStdString(message);
    if (skipped.count > skipped.first.size())
        reasons << tr("… and %Ln more", "", static_cast<int>(skipped.count - skipped.first.size()));
    skipped_label_->setToolTip(reasons.join(QLatin1Char('\n')));
}

void ImportFilePanel::setRoles(const ColumnRoles& roles) {
    preview_model_->setRoles(roles);
    widenColumnsToHeaders();
}

// A mapped column's header grows ("label (label)", in bold) after the columns were fitted to the
// file: widen those it no longer fits, or its centred title is cut at both ends ("el (lab").
void ImportFilePanel::widenColumnsToHeaders() {
    const QHeaderView* header = preview_view_->horizontalHeader();
    for (int c = 0; c < preview_model_->columnCount(); ++c)
        if (preview_view_->columnWidth(c) < header->sectionSizeHint(c))
            preview_view_->setColumnWidth(c, header->sectionSizeHint(c));
}

void ImportFilePanel::setImporting(bool importing) {
    for (QWidget* w : std::initializer_list<QWidget*>{file_edit_, browse_button_, format_combo_, quoting_combo_,
                                                      header_check_, skip_bad_rows_check_})
        w->setEnabled(!importing);
}

void ImportFilePanel::resetFormatChoices() {
    format_choices_.clear();
    format_combo_->clear();
    // A path typed in: the store's own files are never opened (file_dialog.h says why).
    if (const QString refused = FileDialog::refusal({file_edit_->text()}); !refused.isEmpty()) {
        emit readProblem(refused);
        return;
    }
    data::FormatGuess guess;
    try {
        guess = data::detectFormat(file_edit_->text().toStdString());
    } catch (const std::exception& e) {
        emit readProblem(errorText(e));
        return;
    }
    const std::vector<std::pair<data::DataFormat, char>> all = {
        {data::DataFormat::Csv, ','},   {data::DataFormat::Csv, ';'},   {data::DataFormat::Csv, '|'},
        {data::DataFormat::Tsv, '\t'}, {data::DataFormat::Jsonl, 0}, {data::DataFormat::Conll, 0},
        {data::DataFormat::PlainText, 0}};
    for (const auto& [format, delimiter] : all) {
        const bool detected = format == guess.format && (delimiter == guess.delimiter || !delimiter);
        format_choices_.push_back({format, delimiter, detected});
        const QString title = bw::gui::formatTitle(format, delimiter);
        format_combo_->addItem(detected ? tr("%1 (detected)").arg(title) : title);
        if (detected) format_combo_->setCurrentIndex(format_combo_->count() - 1);
    }
}

data::DataFormat ImportFilePanel::shownFormat() const {
    const int i = format_combo_->currentIndex();
    return i < 0 ? data::DataFormat::Auto : format_choices_[static_cast<size_t>(i)].format;
}

// The detected choice is imported as Auto, so the reader detects the same delimiter the preview used.
data::DataFormat ImportFilePanel::requestFormat() const {
    const int i = format_combo_->currentIndex();
    if (i < 0 || format_choices_[static_cast<size_t>(i)].detected) return data::DataFormat::Auto;
    return format_choices_[static_cast<size_t>(i)].format;
}

char ImportFilePanel::requestDelimiter() const {
    const int i = format_combo_->currentIndex();
    if (i < 0 || format_choices_[static_cast<size_t>(i)].detected) return 0;
    return format_choices_[static_cast<size_t>(i)].delimiter;
}

data::Quoting ImportFilePanel::requestQuoting() const {
    const data::DataFormat format = shownFormat();
    if (format != data::DataFormat::Csv && format != data::DataFormat::Tsv) return data::Quoting::Auto;
    return static_cast<data::Quoting>(quoting_combo_->currentData().toInt());
}

void ImportFilePanel::reloadPreview() {
    readable_ = false;
    data::DatasetPreview preview;
    const data::DataFormat shown = shownFormat();
    quoting_combo_->setVisible(shown == data::DataFormat::Csv || shown == data::DataFormat::Tsv);
    if (!file_edit_->text().isEmpty() && format_combo_->currentIndex() >= 0) {
        data::ColumnMapping mapping;
        mapping.has_header = header_override_;
        data::ReadOptions options;
        options.delimiter = requestDelimiter();
        options.quoting = requestQuoting();
        options.skip_bad_rows = skipsBadRows();
        try {
            preview = data::previewRows(file_edit_->text().toStdString(), requestFormat(), kPreviewRows, mapping, options);
            readable_ = true;
        } catch (const std::exception& e) {
            emit readProblem(errorText(e));
        }
    }
    showSkippedRows(preview.skipped);
    const bool delimited = preview.format == data::DataFormat::Csv || preview.format == data::DataFormat::Tsv;
    header_check_->setVisible(delimited);
    header_check_->setChecked(preview.has_header);
    preview_model_->setPreview(std::move(preview), shownFormat() == data::DataFormat::Conll);
    if (readable_) emit readProblem(rowProblem());  // after setPreview: rowProblem reads the model's
    preview_view_->resizeColumnsToContents();
    for (int c = 0; c < preview_model_->columnCount(); ++c)
        preview_view_->setColumnWidth(c, std::min(preview_view_->columnWidth(c), 480));
    emit previewChanged();
}

}  // namespace bw::gui
