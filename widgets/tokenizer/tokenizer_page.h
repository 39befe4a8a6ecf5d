#pragma once
// The tokenizer inspector: type a text (and a second one), see the model's tokenizer split it into
// chips with ids and type ids, see where each token came from, and search the vocabulary. A
// vocabulary trained here ("Train a vocabulary…") is shown the same way, with or without a model.
#include "core/text/bert_tokenizer.h"
#include "core/text/encoding.h"
#include "widgets/shared/model_page.h"
#include "widgets/tokenizer/token_text_map.h"
#include "widgets/workbench/page_state.h"

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

namespace bw::gui {

class TokenChipView;
class TrainVocabularyDialog;
class VocabularyPanel;

class TokenizerPage : public ModelPage, public PageState {
    Q_OBJECT
public:
    TokenizerPage(Workspace& workspace, QWidget* parent = nullptr);

    // The texts and the max length.
    QVariantMap viewState() const override;
    void restoreViewState(const QVariantMap& state) override;

    void setTexts(const QString& text, const QString& text_pair = {});
    void setMaxLength(int tokens);
    const text::Encoding& encoding() const { return encoding_; }
    TokenChipView* chipView() const { return chips_; }
    QPlainTextEdit* textEdit(int sequence) const;  // 0: the text, 1: the second text
    VocabularyPanel* vocabulary() const { return vocabulary_; }
    QString truncationNote() const;

    // The tokenizer shown: the model's, or a trained vocabulary's; null when there is neither.
    const text::BertTokenizer* tokenizer() const { return tokenizer_.get(); }
    QString tokenizerSource() const;  // the line above the text boxes that says which one it is
    QAction* trainVocabularyAction() const { return train_action_; }
    QAction* openVocabularyAction() const { return open_action_; }  // a folder chosen, then showTokenizerDirectory
    // Opens the training dialog (window-modal, deleted on close); once it has trained, the page
    // shows the new vocabulary.
    TrainVocabularyDialog* openTrainVocabularyDialog();
    // A tokenizer directory (vocab.txt, tokenizer.json, ...) instead of the model's tokenizer. False,
    // with the reason in tokenizerSource(), when it cannot be loaded.
    // `note`: said under the source bar while this vocabulary is shown (a training's note).
    bool showTokenizerDirectory(const QString& dir, const QString& note = {});
    QString trainingNote() const;
    void showModelTokenizer();

    // Hovering: a token lights up its characters, a character lights up its token.
    void highlightToken(int index);
    void highlightTextPosition(int sequence, int position);  // position in UTF-16 units, -1: none

protected:
    void modelLoaded(const std::shared_ptr<const analysis::BertPipeline>& pipeline) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildSourceBar();
    QWidget* buildInputs();
    QWidget* buildLegend();
    void useTokenizer(std::shared_ptr<const text::BertTokenizer> tokenizer, int max_length);
    void updateSource();
    void retokenize();

    std::shared_ptr<const analysis::BertPipeline> pipeline_;
    std::shared_ptr<const text::BertTokenizer> tokenizer_;  // the pipeline's, or a trained one
    QString trained_dir_;  // the directory tokenizer_ came from, "" for the model's
    QString source_error_;
    QLabel* source_;
    QLabel* training_note_;
    QPushButton* use_model_;
    QAction* train_action_;
    QAction* open_action_;
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
