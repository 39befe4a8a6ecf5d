// The attention page shows exactly what the model computed, and the math behind its views
// (head average, rollout, hidden special tokens, difference) is right on hand-computed matrices; a
// saved picture carries its title, and the save dialog remembers its folder.
#include "core/analysis/bert_pipeline.h"
#include "gui_test_support.h"
#include "widgets/attention/attention_heatmap.h"
#include "widgets/attention/attention_math.h"
#include "widgets/attention/attention_page.h"
#include "core/train/quickstart.h"
#include "widgets/shared/model_picker_dialog.h"
#include "widgets/attention/head_grid.h"
#include "widgets/shared/plot_export.h"
#include "widgets/workbench/workspace.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QTimer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QTemporaryDir>
#include <QImage>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTreeWidget>
#include <QtTest>

using namespace bw::gui;

namespace {

constexpr float kTolerance = 1e-6f;

// [2 layers, 2 heads, 2 tokens, 2 tokens], small enough to work out by hand.
AttentionStack handStack() {
    return AttentionStack({2, 2, 2, 2}, {1, 0, 0.5f, 0.5f,      // layer 0 head 0
                                         0, 1, 0.5f, 0.5f,      // layer 0 head 1
                                         1, 0, 0, 1,            // layer 1 head 0
                                         0.6f, 0.4f, 0.2f, 0.8f});  // layer 1 head 1
}

void compare(const AttentionMatrix& actual, const std::vector<float>& expected) {
    QCOMPARE(actual.values.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(std::fabs(actual.values[i] - expected[i]) < 1e-6f,
                 qPrintable(QStringLiteral("cell %1: %2 != %3").arg(i).arg(actual.values[i]).arg(expected[i])));
}

// The attention matrix of one head straight from the pipeline, [query][key].
float pipelineWeight(const bw::analysis::Prediction& p, int layer, int head, int row, int column) {
    const auto& shape = p.attentions.shape;
    const size_t index = ((static_cast<size_t>(layer) * shape[1] + head) * shape[2] + row) * shape[3] + column;
    return p.attentions.values[index];
}

bw::analysis::Prediction predictWithAttention(const QString& model, const std::string& text) {
    bw::analysis::PredictOptions options;
    options.output_attentions = true;
    return bw::analysis::BertPipeline::open(model.toStdString())->predict({{text, std::nullopt}}, options).at(0);
}

// Answers the next file dialog: notes the folder it opened in, then saves as `path` (absolute, or a
// name in that folder).
void answerFileDialog(const QString& path, QString* opened_in) {
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, poll, [poll, path, opened_in] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog) return;
        *opened_in = dialog->directory().absolutePath();
        // Typed, as the user would: selectFile() leaves a name field that has the focus alone.
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        if (name) name->setText(dialog->directory().absoluteFilePath(path));
        else dialog->selectFile(dialog->directory().absoluteFilePath(path));
        static_cast<QDialog*>(dialog)->accept();  // QFileDialog's own accept() (protected there) checks the name
        poll->deleteLater();
    });
    poll->start(20);
}

// The colour map's cell (column = key, row = query) as the user sees it.
float shown(const AttentionHeatmap& heatmap, int row, int column) {
    return static_cast<float>(heatmap.colorMap()->data()->cell(column, row));
}

}  // namespace

class TestAttentionPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { bw::test::isolateSettings("test_attention_page"); }

    void headIsTheSlice() { compare(handStack().head(1, 1), {0.6f, 0.4f, 0.2f, 0.8f}); }

    void averageOverHeads() {
        compare(handStack().headAverage(0), {0.5f, 0.5f, 0.5f, 0.5f});
        compare(handStack().headAverage(1), {0.8f, 0.2f, 0.1f, 0.9f});
    }

    void rolloutAddsResidualAndMultipliesUp() {
        // Layer 0: (A + I) / 2 = [[.75 .25] [.25 .75]]; layer 1: [[.9 .1] [.05 .95]].
        compare(handStack().rollout(0), {0.75f, 0.25f, 0.25f, 0.75f});
        // [[.9 .1] [.05 .95]] x [[.75 .25] [.25 .75]]
        compare(handStack().rollout(1), {0.7f, 0.3f, 0.275f, 0.725f});
    }

    void hidingTokensRenormalisesRows() {
        const AttentionMatrix m{3, {0.2f, 0.3f, 0.5f, 0.1f, 0.1f, 0.8f, 0.6f, 0.2f, 0.2f}};
        compare(keepTokens(m, {false, true, true}), {1.0f / 9, 8.0f / 9, 0.5f, 0.5f});
        const AttentionMatrix zero_row{2, {0, 0, 0.5f, 0.5f}};
        compare(keepTokens(zero_row, {true, true}), {0, 0, 0.5f, 0.5f});  // nothing to normalise: stays zero
    }

    void differenceIsElementWise() {
        compare(difference(handStack().head(1, 1), handStack().head(1, 0)), {-0.4f, 0.4f, 0.2f, -0.2f});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, difference(AttentionMatrix{1, {1}}, handStack().head(0, 0)));
        QCOMPARE(maxAbsolute(AttentionMatrix{2, {0.1f, -0.7f, 0.3f, 0}}), 0.7f);
    }

    void badShapesAndIndicesAreRefused() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AttentionStack({2, 2, 2}, {1, 2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AttentionStack({1, 1, 2, 2}, {1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, handStack().head(2, 0));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, handStack().head(0, -1));
    }

    void colourMapHoldsThePipelinesHead() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
        const std::string text = "it 's a charming and often affecting journey .";
        page.setInputs(QString::fromStdString(text));
        const bw::analysis::Prediction expected = predictWithAttention(bw::test::goldenModel("seqcls"), text);
        const int n = static_cast<int>(expected.encoding.size());
        QCOMPARE(page.attention().tokens(), n);
        QCOMPARE(page.headGrid()->thumbnailCount(), 2 * 4);  // seqcls: 2 layers x 4 heads

        for (const auto& [layer, head] : std::vector<std::pair<int, int>>{{0, 0}, {1, 2}, {1, 3}}) {
            page.setView({AttentionMode::Head, layer, head});
            QCOMPARE(page.heatmap()->colorMap()->data()->keySize(), n);
            QCOMPARE(page.heatmap()->colorMap()->data()->valueSize(), n);
            for (int r = 0; r < n; ++r)
                for (int c = 0; c < n; ++c)
                    QVERIFY2(std::fabs(shown(*page.heatmap(), r, c) - pipelineWeight(expected, layer, head, r, c)) < kTolerance,
                             qPrintable(QStringLiteral("layer %1 head %2 cell %3,%4").arg(layer).arg(head).arg(r).arg(c)));
        }
        // The tooltip names the query token first, then the key token.
        const QString tip = page.heatmap()->describeCell(0, n - 1);
        QVERIFY2(tip.contains(QStringLiteral("[CLS]")) && tip.indexOf(QStringLiteral("[CLS]")) < tip.indexOf(QStringLiteral("[SEP]")),
                 qPrintable(tip));

        // Clicking a thumbnail enlarges that head.
        emit page.headGrid()->headClicked(1, 1);
        QCOMPARE(shown(*page.heatmap(), 2, 3), pipelineWeight(expected, 1, 1, 2, 3));
    }

    void viewsFollowTheMath() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        page.setInputs(QStringLiteral("the cat sat on the mat"));
        const AttentionStack& stack = page.attention();

        page.setView({AttentionMode::HeadAverage, 1, 0});
        QCOMPARE(page.heatmap()->matrix().values, stack.headAverage(1).values);
        page.setView({AttentionMode::Rollout, 1, 0});
        QCOMPARE(page.heatmap()->matrix().values, stack.rollout(1).values);

        // Hiding [CLS] and [SEP]: two tokens fewer, every row sums to one again.
        page.setView({AttentionMode::Head, 0, 1});
        page.setHideSpecialTokens(true);
        const AttentionMatrix& hidden = page.heatmap()->matrix();
        QCOMPARE(hidden.size, stack.tokens() - 2);
        std::vector<bool> keep(static_cast<size_t>(stack.tokens()), true);
        keep.front() = keep.back() = false;
        QCOMPARE(hidden.values, keepTokens(stack.head(0, 1), keep).values);
        for (int r = 0; r < hidden.size; ++r) {
            float sum = 0;
            for (int c = 0; c < hidden.size; ++c) sum += shown(*page.heatmap(), r, c);
            QVERIFY(std::fabs(sum - 1.0f) < 1e-5f);
        }
    }

    void differenceBetweenTwoModels() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        page.setInputs(QStringLiteral("the quick brown fox"));
        page.setView({AttentionMode::Head, 1, 0});
        const AttentionMatrix mine = page.heatmap()->matrix();

        // Both golden models share their vocabulary, so their matrices line up token by token.
        page.setComparisonModel(bw::test::goldenModel("pretraining"));
        QVERIFY2(page.problem().isEmpty(), qPrintable(page.problem()));
        const bw::analysis::Prediction theirs = predictWithAttention(bw::test::goldenModel("pretraining"), "the quick brown fox");
        const AttentionMatrix& diff = page.heatmap()->matrix();
        QCOMPARE(diff.size, mine.size);
        for (int r = 0; r < diff.size; ++r)
            for (int c = 0; c < diff.size; ++c)
                QVERIFY(std::fabs(shown(*page.heatmap(), r, c) - (mine.at(r, c) - pipelineWeight(theirs, 1, 0, r, c))) < kTolerance);
        // The colour range is symmetric around zero, so white means "no difference".
        const QCPRange range = page.heatmap()->colorMap()->dataRange();
        QCOMPARE(range.lower, -range.upper);

        page.setComparisonModel(QStringLiteral("/nonexistent/model"));
        QVERIFY(page.problem().contains(QStringLiteral("/nonexistent/model")));
        QCOMPARE(page.heatmap()->matrix().values, mine.values);  // back to this model alone

        // "Model…" opens the window's model picker (checkpoints, the bundled model, a folder), not a
        // bare folder dialog; the model chosen there is the one compared with.
        QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("comparisonModelButton")), Qt::LeftButton);
        auto* picker = page.findChild<ModelPickerDialog*>();
        QVERIFY(picker && picker->isVisible());
        QVERIFY(picker->selectDir(bw::test::goldenModel("pretraining")) ||
                picker->selectDir(QString::fromStdString(bw::train::findBundledModel().string())));
        const QString chosen = picker->tree()->currentItem()->data(0, ModelPickerDialog::DirRole).toString();
        QTest::mouseClick(picker->findChild<QPushButton*>(QStringLiteral("modelChooseButton")), Qt::LeftButton);
        QTRY_VERIFY(!page.findChild<ModelPickerDialog*>());  // deleted on close
        QVERIFY2(page.viewTitle().contains(QFileInfo(chosen).fileName()) || page.problem().contains(chosen),
                 qPrintable(page.viewTitle() + " / " + page.problem()));
    }

    // A sentence pair of 30 tokens in a small heatmap: every token keeps its label (smaller ones), so
    // rows and columns can be told apart; the walkthrough saw every other one left out at this size.
    void aSentencePairNamesEveryToken() {
        constexpr int n = 30;
        QStringList tokens;
        for (int i = 0; i < n; ++i) tokens << QStringLiteral("w%1").arg(i);
        AttentionHeatmap heatmap;
        heatmap.resize(620, 560);  // cells of about 15 px, where 1.3 lines of the full font take about 18
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        heatmap.setMatrix(AttentionMatrix{n, std::vector<float>(static_cast<size_t>(n) * n, 1.0f / n)}, tokens,
                          AttentionHeatmap::Scale::Weights);
        heatmap.replot();
        QCoreApplication::processEvents();
        QCOMPARE(heatmap.tickStep(), 1);
        const double line = QFontMetricsF(heatmap.yAxis->tickLabelFont()).height();
        QVERIFY(heatmap.yAxis->tickLabelFont().pointSizeF() < heatmap.font().pointSizeF());  // it took smaller labels
        for (QCPAxis* axis : {heatmap.xAxis, heatmap.yAxis}) {
            const auto ticks = axis->ticker().staticCast<QCPAxisTickerText>()->ticks();
            QCOMPARE(ticks.size(), n);
            QCOMPARE(ticks.value(29), QStringLiteral("w29"));
            const double length = axis == heatmap.xAxis ? heatmap.axisRect()->width() : heatmap.axisRect()->height();
            QVERIFY2(ticks.size() * line <= length, qPrintable(QStringLiteral("%1 labels of %2 px in %3 px").arg(n).arg(line).arg(length)));
        }
        // A larger window gives the labels their full size back.
        heatmap.resize(1200, 1000);
        QCoreApplication::processEvents();
        heatmap.replot();
        QCoreApplication::processEvents();
        QCOMPARE(heatmap.yAxis->tickLabelFont().pointSizeF(), heatmap.font().pointSizeF());
        QCOMPARE(heatmap.tickStep(), 1);
    }

    // A pair had only its [SEP] to tell where sentence B starts. The map is parted at B's first token
    // (type id 1, as the tokenizer gives it) on both axes, A and B stand over the columns, and the
    // tooltip names each token's sentence; one text has no marks.
    void aSentencePairIsPartedIntoAAndB() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        const auto pipeline = bw::analysis::BertPipeline::open(bw::test::goldenModel("seqcls").toStdString());
        const bw::text::Encoding pair = pipeline->tokenizer().encodePair("the cat sat", "a dog ran away");
        const int b = static_cast<int>(std::find(pair.type_ids.begin(), pair.type_ids.end(), 1) - pair.type_ids.begin());
        QCOMPARE(pair.tokens[static_cast<size_t>(b) - 1], std::string("[SEP]"));  // A ends with its [SEP]
        page.setInputs(QStringLiteral("the cat sat"), QStringLiteral("a dog ran away"));
        AttentionHeatmap* heatmap = page.heatmap();
        QCOMPARE(heatmap->secondSentenceStart(), b);
        QCOMPARE(heatmap->sentenceMarks().size(), size_t(4));  // two lines, two letters
        const auto* down = dynamic_cast<const QCPItemLine*>(heatmap->sentenceMarks()[0]);
        QVERIFY(down);
        QCOMPARE(down->start->coords().x(), b - 0.5);
        const QString tip = heatmap->describeCell(1, b);
        QVERIFY2(tip.contains(QStringLiteral("(A) →")) && tip.contains(QStringLiteral("(B):")), qPrintable(tip));
        // Without [CLS] and [SEP], B starts two tokens earlier.
        page.setHideSpecialTokens(true);
        QCOMPARE(heatmap->secondSentenceStart(), b - 2);
        page.setHideSpecialTokens(false);
        page.setInputs(QStringLiteral("the cat sat"));
        QCOMPARE(heatmap->secondSentenceStart(), -1);
        QVERIFY(heatmap->sentenceMarks().empty());
        QVERIFY(!heatmap->describeCell(1, 2).contains(QStringLiteral("(A)")));
    }

    // What the window hands a page made again in another language: the texts and the view, set once
    // the model (loading in the background) says how many layers and heads there are.
    void theViewIsRestoredOnceTheModelHasLoaded() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        page.restoreViewState({{QStringLiteral("text"), QStringLiteral("the cat sat")},
                               {QStringLiteral("pair"), QStringLiteral("a dog ran")},
                               {QStringLiteral("mode"), static_cast<int>(AttentionMode::Head)},
                               {QStringLiteral("layer"), 1},
                               {QStringLiteral("head"), 2},
                               {QStringLiteral("hide_specials"), true}});
        bw::test::showAndWaitForModel(page, workspace);
        QTRY_VERIFY(page.heatmap()->secondSentenceStart() > 0);
        QVERIFY2(page.viewTitle().startsWith(QStringLiteral("Layer 2, head 3, without [CLS] and [SEP]")), qPrintable(page.viewTitle()));
        const QVariantMap state = page.viewState();
        QCOMPARE(state.value(QStringLiteral("layer")).toInt(), 1);
        QCOMPARE(state.value(QStringLiteral("text")).toString(), QStringLiteral("the cat sat"));
    }

    // 512 tokens: only as many labels as fit without overlapping, every cell still named on hover.
    void longInputsLabelOnlyWhatFits() {
        constexpr int n = 512;
        QStringList tokens;
        for (int i = 0; i < n; ++i) tokens << QStringLiteral("token%1").arg(i);
        AttentionHeatmap heatmap;
        heatmap.resize(600, 500);
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        heatmap.setMatrix(AttentionMatrix{n, std::vector<float>(static_cast<size_t>(n) * n, 1.0f / n)}, tokens,
                          AttentionHeatmap::Scale::Weights);
        heatmap.replot();
        QCoreApplication::processEvents();  // the queued replot with the thinned labels
        const double line = QFontMetricsF(heatmap.yAxis->tickLabelFont()).height();
        for (QCPAxis* axis : {heatmap.xAxis, heatmap.yAxis}) {
            const auto ticks = axis->ticker().staticCast<QCPAxisTickerText>()->ticks();
            QVERIFY(ticks.size() >= 2);
            const double length = axis == heatmap.xAxis ? heatmap.axisRect()->width() : heatmap.axisRect()->height();
            QVERIFY2(ticks.size() * line <= length, qPrintable(QStringLiteral("%1 labels in %2 px").arg(ticks.size()).arg(length)));
        }
        QVERIFY(heatmap.tickStep() > 1);
        // A picture for a human to look at: BW_SCREENSHOT_DIR=/tmp/shots-attention.
        if (const QString out = qEnvironmentVariable("BW_SCREENSHOT_DIR"); !out.isEmpty() && QDir().mkpath(out))
            QVERIFY(heatmap.grab().save(out + QStringLiteral("/attention-512-tokens.png")));
        QVERIFY(heatmap.describeCell(301, 7).contains(QStringLiteral("token301")));
        QVERIFY(heatmap.describeCell(301, 7).contains(QStringLiteral("token7")));
    }

    // A text longer than the model's positions is cut, and the page says so.
    void saysWhenTheTextWasTruncated() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        page.setInputs(QStringLiteral("the cat sat on the mat"));
        QVERIFY(page.note().isEmpty());
        page.setInputs(QStringLiteral("the cat sat on the mat ").repeated(60));  // 360 words, the model takes 128 tokens
        QCOMPARE(page.attention().tokens(), 128);
        QVERIFY2(page.note().contains(QStringLiteral("128")), qPrintable(page.note()));
    }

    void savesPngSvgAndPdf() {
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        page.resize(900, 600);
        bw::test::showAndWaitForModel(page, workspace);
        QTemporaryDir dir;
        for (const char* name : {"a.png", "a.svg", "a.pdf"}) {
            QString error;
            QVERIFY2(savePlot(*page.heatmap(), dir.filePath(QString::fromLatin1(name)), &error), qPrintable(error));
            QVERIFY(QFileInfo(dir.filePath(QString::fromLatin1(name))).size() > 500);
        }
        // Each file is the plot at its size: the PNG at twice the pixels (sharp in documents), the
        // SVG's view box the widget's, the PDF a page of the widget's proportions.
        const QSize size = page.heatmap()->size();
        QCOMPARE(QImage(dir.filePath(QStringLiteral("a.png"))).size(), size * 2);
        QFile svg(dir.filePath(QStringLiteral("a.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svg_text = svg.readAll();
        const QByteArray view_box = QStringLiteral("viewBox=\"0 0 %1 %2\"").arg(size.width()).arg(size.height()).toLatin1();
        QVERIFY2(svg_text.contains(view_box), svg_text.left(600).constData());
        QFile pdf(dir.filePath(QStringLiteral("a.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray pdf_bytes = pdf.readAll();
        QVERIFY(pdf_bytes.startsWith("%PDF-"));
        const QRegularExpression media_box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const QRegularExpressionMatch box = media_box.match(QString::fromLatin1(pdf_bytes));
        QVERIFY2(box.hasMatch(), "no /MediaBox in the PDF");
        const double page_ratio = box.captured(1).toDouble() / box.captured(2).toDouble();
        QVERIFY2(std::abs(page_ratio - double(size.width()) / size.height()) < 0.02,
                 qPrintable(QString("page %1 x %2 for a %3 x %4 plot").arg(box.captured(1), box.captured(2)).arg(size.width()).arg(size.height())));
        QString error;
        QVERIFY(!savePlot(*page.heatmap(), dir.filePath(QStringLiteral("a.bmp")), &error));
        QVERIFY(error.contains(QStringLiteral("bmp")));
    }

    // A saved picture says what it shows, drawn above the heatmap: the view, the model, hidden
    // special tokens. The save dialog opens where the last plot was saved.
    void savedImageCarriesItsTitleAndTheDialogItsFolder() {
        QSettings().remove(QStringLiteral("plots/saveFolder"));  // a folder from an earlier run of this test
        Workspace workspace;
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        AttentionPage page(workspace);
        page.resize(900, 600);
        bw::test::showAndWaitForModel(page, workspace);
        page.setInputs(QStringLiteral("the cat sat on the mat ."));
        page.setView({AttentionMode::Head, 1, 2});
        QCOMPARE(page.heatmap()->title(), QStringLiteral("Layer 2, head 3 — seqcls"));
        page.setView({AttentionMode::HeadAverage, 0, 0});
        QCOMPARE(page.heatmap()->title(), QStringLiteral("Layer 1, average of the heads — seqcls"));
        page.setHideSpecialTokens(true);
        page.setView({AttentionMode::Rollout, 1, 0});
        const QString title = QStringLiteral("Rollout up to layer 2, without [CLS] and [SEP], rows rescaled to 1 — seqcls");
        QCOMPARE(page.heatmap()->title(), title);

        QTemporaryDir dir;
        const QString figures = dir.filePath(QStringLiteral("figures"));
        QVERIFY(QDir().mkpath(figures));
        auto* save = page.findChild<QPushButton*>(QStringLiteral("saveImageButton"));
        QVERIFY(save);
        QString opened_in;
        answerFileDialog(QDir(figures).filePath(QStringLiteral("first.png")), &opened_in);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(QFileInfo::exists(QDir(figures).filePath(QStringLiteral("first.png"))));
        QVERIFY(opened_in != figures);  // nothing saved before: not there yet
        answerFileDialog(QStringLiteral("second.png"), &opened_in);  // a name alone: in the folder it opened in
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(opened_in, figures);
        QVERIFY(QFileInfo::exists(QDir(figures).filePath(QStringLiteral("second.png"))));

        // The title is in the picture: text-coloured pixels where the title element lies (at 2x).
        const QImage image(QDir(figures).filePath(QStringLiteral("first.png")));
        const QRect area(page.heatmap()->titleElement()->outerRect().topLeft() * 2, page.heatmap()->titleElement()->outerRect().size() * 2);
        QVERIFY2(area.height() > 10, qPrintable(QStringLiteral("%1 px high").arg(area.height())));
        const QRgb background = image.pixel(area.topLeft());
        int ink = 0;
        for (int y = area.top(); y <= area.bottom(); ++y)
            for (int x = area.left(); x <= area.right(); ++x) ink += image.pixel(x, y) != background ? 1 : 0;
        QVERIFY2(ink > 200, qPrintable(QStringLiteral("%1 pixels of title").arg(ink)));
    }

    void explainsAMissingModel() {
        Workspace workspace;
        AttentionPage page(workspace);
        bw::test::showAndWaitForModel(page, workspace);
        QVERIFY(page.message().contains(QStringLiteral("No model")));
        workspace.setModelDir(QStringLiteral("/nonexistent/model"));
        QVERIFY(bw::test::waitForModel(workspace));
        QVERIFY(page.message().contains(QStringLiteral("could not be loaded")));
        QVERIFY(page.message().contains(QStringLiteral("/nonexistent/model")));
        workspace.setModelDir(bw::test::goldenModel("seqcls"));
        QVERIFY(page.message().contains(QStringLiteral("Loading")));  // the window stays usable meanwhile
        QVERIFY(bw::test::waitForModel(workspace));
        QVERIFY(page.message().isEmpty());
        QVERIFY(!page.attention().empty());  // computed for the default sentence
    }
};

QTEST_MAIN(TestAttentionPage)
#include "test_attention_page.moc"
