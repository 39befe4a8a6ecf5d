<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DataNotes</name>
    <message numerus="yes">
        <source>%n training row(s): on so few, fine-tuning varies much from one seed to another (BERT&apos;s authors restarted it several times on GLUE&apos;s smaller tasks). Train a few seeds before trusting a difference between runs.</source>
        <translation>
            <numerusform>%n training row: on so few, fine-tuning varies much from one seed to another (BERT&apos;s authors restarted it several times on GLUE&apos;s smaller tasks). Train a few seeds before trusting a difference between runs.</numerusform>
            <numerusform>%n training rows: on so few, fine-tuning varies much from one seed to another (BERT&apos;s authors restarted it several times on GLUE&apos;s smaller tasks). Train a few seeds before trusting a difference between runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation row(s): an accuracy measured on them is known to within ±%1 points (95%), so runs closer than that cannot be told apart.</source>
        <translation>
            <numerusform>%n validation row: an accuracy measured on it is known to within ±%1 points (95%), so runs closer than that cannot be told apart.</numerusform>
            <numerusform>%n validation rows: an accuracy measured on them is known to within ±%1 points (95%), so runs closer than that cannot be told apart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n core</numerusform>
            <numerusform>%n cores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupChecks</name>
    <message numerus="yes">
        <source>A regression learns a number per row, but “%1” has %n label(s) that are not numbers: %2. Choose one class per example, or a dataset of numeric labels.</source>
        <translation>
            <numerusform>A regression learns a number per row, but “%1” has %n label that is not a number: %2. Choose one class per example, or a dataset of numeric labels.</numerusform>
            <numerusform>A regression learns a number per row, but “%1” has %n labels that are not numbers: %2. Choose one class per example, or a dataset of numeric labels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::AnalysisRequestDialog</name>
    <message numerus="yes">
        <source>%n dataset(s) greyed: the model cannot predict their rows (hover over one for why).</source>
        <translation>
            <numerusform>%n dataset greyed: the model cannot predict its rows (hover over it for why).</numerusform>
            <numerusform>%n datasets greyed: the model cannot predict their rows (hover over one for why).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” has %n tag(s) the model does not: %2. The model&apos;s tags are %3.</source>
        <translation>
            <numerusform>“%1” has %n tag the model does not: %2. The model&apos;s tags are %3.</numerusform>
            <numerusform>“%1” has %n tags the model does not: %2. The model&apos;s tags are %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” has %n label(s) the model does not: %2. The model&apos;s labels are %3.</source>
        <translation>
            <numerusform>“%1” has %n label the model does not: %2. The model&apos;s labels are %3.</numerusform>
            <numerusform>“%1” has %n labels the model does not: %2. The model&apos;s labels are %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model predicts a score (regression), but “%1” has %n label(s) that are not numbers: %2.</source>
        <translation>
            <numerusform>The model predicts a score (regression), but “%1” has %n label that is not a number: %2.</numerusform>
            <numerusform>The model predicts a score (regression), but “%1” has %n labels that are not numbers: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %Ln more</source>
        <translation>
            <numerusform> and %Ln more</numerusform>
            <numerusform> and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) to predict</source>
        <translation>
            <numerusform>%Ln row to predict</numerusform>
            <numerusform>%Ln rows to predict</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::AttentionPage</name>
    <message numerus="yes">
        <source>The text is longer than the model&apos;s limit of %n tokens: only its first %n tokens are shown.</source>
        <translation>
            <numerusform>The text is longer than the model&apos;s limit of %n token: only its first token is shown.</numerusform>
            <numerusform>The text is longer than the model&apos;s limit of %n tokens: only its first %n tokens are shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::BadRows</name>
    <message numerus="yes">
        <source>(%n malformed row(s) of the file skipped)</source>
        <translation>
            <numerusform>(%n malformed row of the file skipped)</numerusform>
            <numerusform>(%n malformed rows of the file skipped)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ColumnMappingPanel</name>
    <message numerus="yes">
        <source>%n label(s) in the first %1: %2</source>
        <translation>
            <numerusform>%n label in the first %1: %2</numerusform>
            <numerusform>%n labels in the first %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n space(s))</source>
        <translation>
            <numerusform>(%n space)</numerusform>
            <numerusform>(%n spaces)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) without a label, at line(s) %1: training refuses them.</source>
        <translation>
            <numerusform>%Ln row without a label, at line %1: training refuses it.</numerusform>
            <numerusform>%Ln rows without a label, at lines %1: training refuses them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ConfigDiffView</name>
    <message numerus="yes">
        <source>%n setting(s) differ.</source>
        <translation>
            <numerusform>%n setting differs.</numerusform>
            <numerusform>%n settings differ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::DatasetView</name>
    <message numerus="yes">
        <source>The list shows the first %n repeated text(s) as examples.</source>
        <translation>
            <numerusform>The list shows the first %n repeated text as examples.</numerusform>
            <numerusform>The list shows the first %n repeated texts as examples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) repeat an earlier row&apos;s text; %1 of them with a different label.</source>
        <translation>
            <numerusform>%Ln row repeats an earlier row&apos;s text; %1 of them with a different label.</numerusform>
            <numerusform>%Ln rows repeat an earlier row&apos;s text; %1 of them with a different label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the first %n at lines %1 of the file</source>
        <translation>
            <numerusform>the first at line %1 of the file</numerusform>
            <numerusform>the first %n at lines %1 of the file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at line(s) %1 of the file</source>
        <translation>
            <numerusform>at line %1 of the file</numerusform>
            <numerusform>at lines %1 of the file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) have an empty text, %1: the model sees only [CLS] [SEP] for them. Fix the file and replace the split if they are not meant.</source>
        <translation>
            <numerusform>%Ln row has an empty text, %1: the model sees only [CLS] [SEP] for it. Fix the file and replace the split if it is not meant.</numerusform>
            <numerusform>%Ln rows have an empty text, %1: the model sees only [CLS] [SEP] for them. Fix the file and replace the split if they are not meant.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n label(s): %3</source>
        <translation>
            <numerusform>%1 · %2 · %n label: %3</numerusform>
            <numerusform>%1 · %2 · %n labels: %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) have no label, %1: a classifier of one class per row, or a regression, can neither train nor be scored on them. Fill the labels in and replace the split if they are not meant.</source>
        <translation>
            <numerusform>%Ln row has no label, %1: a classifier of one class per row, or a regression, can neither train nor be scored on it. Fill the label in and replace the split if it is not meant.</numerusform>
            <numerusform>%Ln rows have no label, %1: a classifier of one class per row, or a regression, can neither train nor be scored on them. Fill the labels in and replace the split if they are not meant.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ErrorAnalysisPage</name>
    <message numerus="yes">
        <source>%1 of %2 · checkpoint %3 · %Ln row(s)</source>
        <translation>
            <numerusform>%1 of %2 · checkpoint %3 · %Ln row</numerusform>
            <numerusform>%1 of %2 · checkpoint %3 · %Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Analysed %Ln row(s)</source>
        <translation>
            <numerusform>Analysed %Ln row</numerusform>
            <numerusform>Analysed %Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ExportPage</name>
    <message numerus="yes">
        <source>Wrote %n file(s), %1, to %2.</source>
        <translation>
            <numerusform>Wrote %n file, %1, to %2.</numerusform>
            <numerusform>Wrote %n files, %1, to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::HParamsPanel</name>
    <message numerus="yes">
        <source>Comparing the %Ln selected run(s).</source>
        <translation>
            <numerusform>Comparing the %Ln selected run.</numerusform>
            <numerusform>Comparing the %Ln selected runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing all %Ln run(s) in the table above; select two or more runs to compare only those.</source>
        <translation>
            <numerusform>Comparing all %Ln run in the table above; select two or more runs to compare only those.</numerusform>
            <numerusform>Comparing all %Ln runs in the table above; select two or more runs to compare only those.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportDatasetBox</name>
    <message numerus="yes">
        <source>Replace its %1 split (%Ln row(s))</source>
        <translation>
            <numerusform>Replace its %1 split (%Ln row)</numerusform>
            <numerusform>Replace its %1 split (%Ln rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportDialog</name>
    <message numerus="yes">
        <source>Dataset “%1” already has a %2 split (%Ln row(s)): tick “Replace” to replace it.</source>
        <translation>
            <numerusform>Dataset “%1” already has a %2 split (%Ln row): tick “Replace” to replace it.</numerusform>
            <numerusform>Dataset “%1” already has a %2 split (%Ln rows): tick “Replace” to replace it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln row(s) into %1</source>
        <translation>
            <numerusform>Imported %Ln row into %1</numerusform>
            <numerusform>Imported %Ln rows into %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportFilePanel</name>
    <message numerus="yes">
        <source>Every row of the file is malformed (%Ln row(s)): there is nothing to import.</source>
        <translation>
            <numerusform>The file&apos;s only row is malformed: there is nothing to import.</numerusform>
            <numerusform>Every row of the file is malformed (%Ln rows): there is nothing to import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped among the first rows; the first: %1</source>
        <translation>
            <numerusform>%Ln skipped among the first rows: %1</numerusform>
            <numerusform>%Ln skipped among the first rows; the first: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::PlaygroundPage</name>
    <message numerus="yes">
        <source>The text is longer than the model reads: the prediction is of its first %n token(s) only.</source>
        <translation>
            <numerusform>The text is longer than the model reads: the prediction is of its first %n token only.</numerusform>
            <numerusform>The text is longer than the model reads: the prediction is of its first %n tokens only.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The text is longer than the model reads: the masks are filled from its first %n token(s) only.</source>
        <translation>
            <numerusform>The text is longer than the model reads: the masks are filled from its first token only.</numerusform>
            <numerusform>The text is longer than the model reads: the masks are filled from its first %n tokens only.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ReviewWizardPage</name>
    <message numerus="yes">
        <source>Timing %n training step(s) on this model and data…</source>
        <translation>
            <numerusform>Timing %n training step on this model and data…</numerusform>
            <numerusform>Timing %n training steps on this model and data…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, up to %n checkpoint(s) (%1)</source>
        <translation>
            <numerusform>, up to %n checkpoint (%1)</numerusform>
            <numerusform>, up to %n checkpoints (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n evaluation(s) (%1, counting a last one of the model kept at the end)</source>
        <translation>
            <numerusform>, %n evaluation (%1, counting a last one of the model kept at the end)</numerusform>
            <numerusform>, %n evaluations (%1, counting a last one of the model kept at the end)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::RunsPage</name>
    <message numerus="yes">
        <source>Delete %n run(s) with their curves and evaluations? Checkpoint files on disk stay.

%1</source>
        <translation>
            <numerusform>Delete %n run with its curves and evaluations? Checkpoint files on disk stay.

%1</numerusform>
            <numerusform>Delete %n runs with their curves and evaluations? Checkpoint files on disk stay.

%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TaskWizardPage</name>
    <message numerus="yes">
        <source>%1 (%2, %Ln row(s))</source>
        <translation>
            <numerusform>%1 (%2, %Ln row)</numerusform>
            <numerusform>%1 (%2, %Ln rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TokenizerPage</name>
    <message numerus="yes">
        <source>%n token(s), nothing truncated.</source>
        <translation>
            <numerusform>%n token, nothing truncated.</numerusform>
            <numerusform>%n tokens, nothing truncated.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainVocabularyDialog</name>
    <message numerus="yes">
        <source>%1 (%Ln row(s))</source>
        <translation>
            <numerusform>%1 (%Ln row)</numerusform>
            <numerusform>%1 (%Ln rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainingController</name>
    <message numerus="yes">
        <source>%n new weight(s) initialised (%1)</source>
        <translation>
            <numerusform>%n new weight initialised (%1)</numerusform>
            <numerusform>%n new weights initialised (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checkpoint weight(s) unused (%1)</source>
        <translation>
            <numerusform>%n checkpoint weight unused (%1)</numerusform>
            <numerusform>%n checkpoint weights unused (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n weight(s) of another shape</source>
        <translation>
            <numerusform>%n weight of another shape</numerusform>
            <numerusform>%n weights of another shape</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) in %1</source>
        <translation>
            <numerusform>%n step in %1</numerusform>
            <numerusform>%n steps in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::VocabularyPanel</name>
    <message numerus="yes">
        <source>%Ln tokens in the vocabulary.</source>
        <translation>
            <numerusform>%Ln token in the vocabulary.</numerusform>
            <numerusform>%Ln tokens in the vocabulary.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s) start with “%1”.</source>
        <translation>
            <numerusform>%Ln token starts with “%1”.</numerusform>
            <numerusform>%Ln tokens start with “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s) start with “%1”, searched as “%2”.</source>
        <translation>
            <numerusform>%Ln token starts with “%1”, searched as “%2”.</numerusform>
            <numerusform>%Ln tokens start with “%1”, searched as “%2”.</numerusform>
        </translation>
    </message>
</context>
</TS>
