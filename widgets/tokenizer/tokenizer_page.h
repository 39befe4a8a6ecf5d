#pragma once
// The tokenizer inspector: type a text (and a second one), see the model's tokenizer split it into
// chips with ids and type ids, see where each token came from, and search the vocabulary.
#include "core/text/encoding.h"
#include "widgets/shared/model_page.h"
#include "widgets/tokenizer/token_text_map.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

namespace bw::gui {

class TokenChipView;
class VocabularyPanel;

class TokenizerPage : public ModelPage {
    Q_OBJECT
public:
    TokenizerPage(Workspace& workspace, QWidget* parent = nullptr);

    void setTexts(const QString& text, const QString& text_pair = {});
    void setMaxLength(int tokens);
    const text::Encoding& encoding() const { return encoding_; }
    TokenChipView* chipView() const { return chips_; }
    QPlainTextEdit* textEdit(int sequence) const;  // 0: the text, 1: the second text
    VocabularyPanel* vocabulary() const { return vocabulary_; }
    QString truncationNote() const;

    // Hovering: a token lights up its characters, a character lights up its token.
    void highlightToken(int index);
    void highlightTextPosition(int sequence, int position);  // position in UTF-16 units, -1: none

protected:
    void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildInputs();
    QWidget* buildLegend();
    void retokenize();

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    text::Encoding encoding_;
    TokenTextMap map_;
    QPlainTextEdit* text_;
    QPlainTextEdit* pair_;
    QSpinBox* max_length_;
    QComboBox* truncation_;
    QLabel* note_;
    TokenChipView* chips_;
    VocabularyPanel* vocabulary_;
    QTimer* debounce_;
};

}  // namespace bw::gui
