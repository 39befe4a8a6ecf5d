// The tokenizer page draws exactly the tokenizer's tokens and ids, and hovering links a chip to
// the characters it came from (offsets in code points, text boxes in UTF-16).
#include "core/analysis/bert_pipeline.h"
#include "core/text/vocab.h"
#include "gui_test_support.h"
#include "widgets/tokenizer/token_chip.h"
#include "widgets/tokenizer/token_chip_view.h"
#include "widgets/tokenizer/token_text_map.h"
#include "widgets/tokenizer/tokenizer_page.h"
#include "widgets/tokenizer/vocabulary_panel.h"
#include "widgets/workbench/workspace.h"

#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QtTest>

using namespace bw::gui;

namespace {

// The UTF-16 range highlighted in a text box, or {-1, -1}.
QPair<int, int> highlightedRange(QPlainTextEdit* edit) {
    const QList<QTextEdit::ExtraSelection> selections = edit->extraSelections();
    if (selections.isEmpty()) return {-1, -1};
    return {selections.first().cursor.selectionStart(), selections.first().cursor.selectionEnd()};
}

void hover(QWidget* widget) {
    QEnterEvent enter(QPointF(2, 2), QPointF(2, 2), widget->mapToGlobal(QPointF(2, 2)));
    QApplication::sendEvent(widget, &enter);
}

}  // namespace

class TestTokenizerPage : public QObject {
    Q_OBJECT
    Workspace* workspace_ = nullptr;
    TokenizerPage* page_ = nullptr;
    std::unique_ptr<bw::analysis::BertPipeline> pipeline_;

private slots:
    void initTestCase() {
        bw::test::isolateSettings("test_tokenizer_page");
        workspace_ = new Workspace(this);
        workspace_->setModelDir(bw::test::goldenModel("seqcls"));
        page_ = new TokenizerPage(*workspace_);
        page_->resize(1100, 700);
        bw::test::showAndWaitForModel(*page_, *workspace_);
        QVERIFY2(page_->message().isEmpty(), qPrintable(page_->message()));
        pipeline_ = bw::analysis::BertPipeline::open(bw::test::goldenModel("seqcls").toStdString());
    }
    void cleanupTestCase() { delete page_; }

    void chipsMatchTheTokenizer() {
        const QString text = QStringLiteral("Hello world, the quick brown fox jumped over the lazy dog's growth!");
        page_->setTexts(text);
        bw::text::EncodeOptions options;
        options.max_length = pipeline_->summary().max_length;
        const bw::text::Encoding expected = pipeline_->tokenizer().encode(text.toStdString(), options);
        const QList<TokenChip*>& chips = page_->chipView()->chips();
        QCOMPARE(chips.size(), static_cast<int>(expected.size()));
        QVERIFY(expected.size() > 10);
        bool saw_unknown = false;
        for (int i = 0; i < chips.size(); ++i) {
            const ChipToken& chip = chips[i]->token();
            QCOMPARE(chip.text, QString::fromStdString(expected.tokens[i]));
            QCOMPARE(chip.id, expected.ids[i]);
            QCOMPARE(chip.type_id, expected.type_ids[i]);
            const bool special = expected.special_tokens_mask[i] != 0;
            QCOMPARE(chip.kind == ChipToken::Kind::Special, special);
            QCOMPARE(chip.kind == ChipToken::Kind::Unknown, !special && expected.ids[i] == pipeline_->tokenizer().unkId());
            saw_unknown |= chip.kind == ChipToken::Kind::Unknown;
        }
        // The golden vocabulary has odd special ids: [CLS] = 11, [SEP] = 13, [UNK] = 7.
        QCOMPARE(chips.first()->token().id, 11);
        QCOMPARE(chips.last()->token().id, 13);
        QVERIFY(saw_unknown);  // "hello" is in the 196-token vocabulary; "fox" is not
        // An [UNK] chip's tooltip names what it stands for.
        int unknown_tips = 0;
        for (const TokenChip* chip : chips) unknown_tips += chip->toolTip().contains(QStringLiteral("In the text: “fox”"));
        QCOMPARE(unknown_tips, 1);
    }

    // A word split into more pieces than a line holds wraps inside itself (its underline on each row)
    // instead of widening the view: the walkthrough's long word pushed every line past the window.
    void aLongWordWrapsWithinTheView() {
        // 98 characters (BERT makes a word of more than 100 one [UNK]) in 39 pieces of the golden vocabulary.
        page_->setTexts(QStringLiteral("a the") + QStringLiteral("inged").repeated(19) + QStringLiteral(" b"));
        QTest::qWait(50);
        const QList<TokenChip*>& chips = page_->chipView()->chips();
        QCOMPARE(chips.size(), 43);
        auto* scroll = qobject_cast<QScrollArea*>(page_->chipView()->parentWidget()->parentWidget());
        QVERIFY(scroll);
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());
        const int width = scroll->viewport()->width();
        QSet<int> rows;
        for (TokenChip* chip : chips) {
            const QRect r(chip->mapTo(page_->chipView(), QPoint(0, 0)), chip->size());
            QVERIFY2(r.right() < width, qPrintable(QString("%1 at %2, view %3").arg(chip->token().text).arg(r.right()).arg(width)));
            rows.insert(r.top());
        }
        QVERIFY(rows.size() >= 2);
        // As text wraps: "a" on the first row, the long word from the next one on, "b" after it.
        const auto rowOf = [&](int chip) { return chips[chip]->mapTo(page_->chipView(), QPoint(0, 0)).y(); };
        QCOMPARE(rowOf(0), rowOf(1));
        QVERIFY(rowOf(2) > rowOf(1));
        QVERIFY(rowOf(41) > rowOf(2));
        QVERIFY(rowOf(42) >= rowOf(40));
    }

    void hoveringAChipHighlightsItsCharacters() {
        // The emoji is one code point but two UTF-16 units: offsets must be converted.
        const QString text = QStringLiteral("😀 the cat");
        page_->setTexts(text);
        const bw::text::Encoding& encoding = page_->encoding();
        QCOMPARE(QString::fromStdString(encoding.tokens[2]), QStringLiteral("the"));
        QCOMPARE(encoding.offsets[2].start, 2);  // code points
        hover(page_->chipView()->chips()[2]);
        QCOMPARE(highlightedRange(page_->textEdit(0)), qMakePair(3, 6));  // UTF-16 units
        QCOMPARE(page_->textEdit(0)->toPlainText().mid(3, 3), QStringLiteral("the"));
        QVERIFY(page_->chipView()->chips()[2]->isHighlighted());
        // The tooltip counts as people do: "the" is characters 3 to 5 and the second word.
        QVERIFY2(page_->chipView()->chips()[2]->toolTip().endsWith(QStringLiteral("Characters 3–5 of the first text, word 2")),
                 qPrintable(page_->chipView()->chips()[2]->toolTip()));
        QVERIFY2(page_->chipView()->chips()[1]->toolTip().endsWith(QStringLiteral("Character 1 of the first text, word 1")),
                 qPrintable(page_->chipView()->chips()[1]->toolTip()));

        hover(page_->chipView()->chips()[1]);  // the emoji, an [UNK]
        QCOMPARE(highlightedRange(page_->textEdit(0)), qMakePair(0, 2));
        hover(page_->chipView()->chips()[0]);  // [CLS] has no characters
        QCOMPARE(highlightedRange(page_->textEdit(0)), qMakePair(-1, -1));
    }

    void hoveringTheTextHighlightsTheChip() {
        page_->setTexts(QStringLiteral("😀 the cat"), QStringLiteral("a dog"));
        page_->highlightTextPosition(0, 8);  // the "a" of "cat"
        QCOMPARE(page_->chipView()->highlighted(), 3);
        page_->highlightTextPosition(0, 2);  // the space: no token
        QCOMPARE(page_->chipView()->highlighted(), -1);

        // A real mouse move over the second text box finds "dog" and highlights it there.
        QPlainTextEdit* pair = page_->textEdit(1);
        QTextCursor cursor(pair->document());
        cursor.setPosition(3);
        const QPoint point = pair->cursorRect(cursor).center() + QPoint(3, 0);
        QMouseEvent move(QEvent::MouseMove, point, pair->viewport()->mapToGlobal(point), Qt::NoButton, Qt::NoButton,
                         Qt::NoModifier);
        QApplication::sendEvent(pair->viewport(), &move);
        const int dog = page_->chipView()->highlighted();
        QVERIFY(dog > 0);
        QCOMPARE(page_->chipView()->chips()[dog]->token().text, QStringLiteral("dog"));
        QCOMPARE(page_->chipView()->chips()[dog]->token().type_id, 1);
        QCOMPARE(highlightedRange(pair), qMakePair(2, 5));
        QCOMPARE(highlightedRange(page_->textEdit(0)), qMakePair(-1, -1));
    }

    void truncationIsShown() {
        page_->setTexts(QStringLiteral("the cat sat on the mat with the dog"));
        const int all = static_cast<int>(page_->encoding().size());
        page_->setMaxLength(6);
        QCOMPARE(static_cast<int>(page_->encoding().size()), 6);
        QVERIFY(page_->encoding().truncated);
        QVERIFY2(page_->truncationNote().contains(QStringLiteral("6 of %1").arg(all)), qPrintable(page_->truncationNote()));
        page_->setMaxLength(128);
    }

    void mapClampsAndFindsTokens() {
        bw::text::Encoding encoding = pipeline_->tokenizer().encode("a b");
        const TokenTextMap map(encoding, QStringLiteral("a b"), QString());
        QCOMPARE(map.tokenAt(0, 2), 2);
        QCOMPARE(map.tokenAt(1, 0), -1);
        QVERIFY(map.rangeOf(0).isEmpty());    // [CLS]
        QVERIFY(map.rangeOf(99).isEmpty());   // out of range
    }

    void vocabularySearch() {
        VocabularyPanel* vocabulary = page_->vocabulary();
        vocabulary->search(QStringLiteral("cat"));
        QVERIFY2(vocabulary->answer().contains(QStringLiteral("id %1").arg(*pipeline_->tokenizer().vocab().id("cat"))),
                 qPrintable(vocabulary->answer()));
        vocabulary->search(QStringLiteral("11"));
        QVERIFY2(vocabulary->answer().contains(QStringLiteral("[CLS]")), qPrintable(vocabulary->answer()));
        vocabulary->search(QStringLiteral("##"));
        int pieces = 0;
        for (const std::string& token : pipeline_->tokenizer().vocab().tokens()) pieces += token.rfind("##", 0) == 0;
        QCOMPARE(vocabulary->matchCount(), pieces);
        for (int row = 0; row < vocabulary->matchCount(); ++row) QVERIFY(vocabulary->matchAt(row).startsWith(QStringLiteral("##")));
        vocabulary->search(QStringLiteral("zzzz"));
        QCOMPARE(vocabulary->matchCount(), 0);
        QVERIFY(vocabulary->answer().contains(QStringLiteral("not in the vocabulary")));
    }

    // An id lists its token; a search ignores case, and accents where the vocabulary is uncased.
    void vocabularySearchFindsIdsAndFoldsText() {
        const bw::text::Vocab vocab({"[PAD]", "this", "muller", "##ller", "Müller", "paris", "café"});
        VocabularyPanel uncased;
        uncased.setVocabulary(&vocab, true);
        uncased.search(QStringLiteral("1"));
        QVERIFY2(uncased.answer().contains(QStringLiteral("Id 1 is “this”")), qPrintable(uncased.answer()));
        QCOMPARE(uncased.matchCount(), 1);
        QCOMPARE(uncased.matchAt(0), QStringLiteral("this"));
        QVERIFY2(uncased.answer().contains(QStringLiteral("0 token(s) start")), qPrintable(uncased.answer()));
        uncased.search(QStringLiteral("Müll"));
        QCOMPARE(uncased.matchCount(), 2);
        QCOMPARE(uncased.matchAt(0), QStringLiteral("muller"));
        QCOMPARE(uncased.matchAt(1), QStringLiteral("Müller"));
        uncased.search(QStringLiteral("PARIS"));
        QCOMPARE(uncased.matchCount(), 1);
        QVERIFY2(uncased.answer().contains(QStringLiteral("“paris” has id 5")), qPrintable(uncased.answer()));
        uncased.search(QStringLiteral("cafe"));
        QCOMPARE(uncased.matchCount(), 1);
        // The count names the form the list matches (it said "start with “café”" over cafe, cafes).
        uncased.search(QStringLiteral("Café"));
        QCOMPARE(uncased.matchCount(), 1);
        QVERIFY2(uncased.answer().endsWith(QStringLiteral("1 token(s) start with “Café”, searched as “cafe”.")),
                 qPrintable(uncased.answer()));

        VocabularyPanel cased;  // a cased vocabulary keeps its accents apart, but not its case
        cased.setVocabulary(&vocab, false);
        cased.search(QStringLiteral("müll"));
        QCOMPARE(cased.matchCount(), 1);
        QCOMPARE(cased.matchAt(0), QStringLiteral("Müller"));
        cased.search(QStringLiteral("cafe"));
        QCOMPARE(cased.matchCount(), 0);
    }
};

QTEST_MAIN(TestTokenizerPage)
#include "test_tokenizer_page.moc"
