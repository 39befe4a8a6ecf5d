<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataNotes</name>
    <message>
        <source>Labels with fewer than %1 training rows: %2. The model will hardly ever predict them.</source>
        <translation>训练数据少于 %1 行的标签：%2。模型几乎不会预测这些标签。</translation>
    </message>
    <message numerus="yes">
        <source>%n training row(s): on so few, fine-tuning varies much from one seed to another (BERT&apos;s authors restarted it several times on GLUE&apos;s smaller tasks). Train a few seeds before trusting a difference between runs.</source>
        <translation>
            <numerusform>%n 行训练数据：数据这么少时，微调结果随随机种子变化很大（BERT 的作者在 GLUE 较小的任务上多次重新开始微调）。在相信两次运行之间的差异之前，请多试几个种子。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n validation row(s): an accuracy measured on them is known to within ±%1 points (95%), so runs closer than that cannot be told apart.</source>
        <translation>
            <numerusform>%n 行验证数据：在这些数据上测得的准确率误差可达 ±%1 个百分点（95%），相差小于此值的运行无法区分。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetKindText</name>
    <message>
        <source>labelled sentence pairs</source>
        <translation>带标签的句对</translation>
    </message>
    <message>
        <source>labelled sentences</source>
        <translation>带标签的句子</translation>
    </message>
    <message>
        <source>tagged words</source>
        <translation>已标注的词语</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>纯文本</translation>
    </message>
</context>
<context>
    <name>DefaultWorkspace</name>
    <message>
        <source>Added the bundled SST-2 slice, “%1”, to this empty workspace.</source>
        <translation>已将随附的 SST-2 片段“%1”加入这个空工作区。</translation>
    </message>
</context>
<context>
    <name>DeviceText</name>
    <message>
        <source>%1: CPU (%2, %3)</source>
        <translation>%1：CPU（%2，%3）</translation>
    </message>
    <message numerus="yes">
        <source>%n thread(s)</source>
        <translation>
            <numerusform>%n 个线程</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n core(s)</source>
        <translation>
            <numerusform>%n 个核心</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2, %3 GiB</source>
        <translation>%1：%2，%3 GiB</translation>
    </message>
</context>
<context>
    <name>EvaluationTables</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
</context>
<context>
    <name>MetricMeaning</name>
    <message>
        <source>entity F1</source>
        <translation>实体 F1</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>entity precision</source>
        <translation>实体精确率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>entity recall</source>
        <translation>实体召回率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>entity types</source>
        <translation>实体类型</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>%1 of each of the %2, averaged with each counting the same</source>
        <translation>各%2的%1，按同等权重平均</translation>
    </message>
    <message>
        <source>%1 of each of the %2, averaged weighted by its gold count</source>
        <translation>各%2的%1，按其真实样本数加权平均</translation>
    </message>
    <message>
        <source>%1 pooled over every row&apos;s decision (equal to accuracy for one label per row)</source>
        <translation>汇总所有行的判定计算的%1（每行一个标签时等于准确率）</translation>
    </message>
    <message>
        <source>%1 pooled over all %2</source>
        <translation>汇总所有%2计算的%1</translation>
    </message>
    <message>
        <source>Share of labelled tokens given their gold tag (the same as token_accuracy), not of entities or sentences</source>
        <translation>标注正确的词元所占比例（同 token_accuracy），不是实体或句子的比例</translation>
    </message>
    <message>
        <source>Share of rows whose predicted class is the gold one</source>
        <translation>预测类别与真实类别相同的行所占比例</translation>
    </message>
    <message>
        <source>Share of labelled tokens given their gold tag</source>
        <translation>标注正确的词元所占比例</translation>
    </message>
    <message>
        <source>%1 over whole entities (a span counts only with the right type and both ends), micro over all entities, as seqeval computes it</source>
        <translation>按完整实体计算的%1（类型和两端都正确才算），对所有实体做微平均，与 seqeval 相同</translation>
    </message>
    <message>
        <source>F1 of the positive class (label 1) of a two-class task</source>
        <translation>二分类任务中正类（标签 1）的 F1</translation>
    </message>
    <message>
        <source>Matthews correlation of gold and predicted classes: 1 perfect, 0 chance, −1 inverse</source>
        <translation>真实与预测类别的马修斯相关系数：1 完美，0 随机，−1 完全相反</translation>
    </message>
    <message>
        <source>Share of rows whose whole set of labels is right</source>
        <translation>整组标签全部正确的行所占比例</translation>
    </message>
    <message>
        <source>Pearson correlation of predicted and gold values</source>
        <translation>预测值与真实值的皮尔逊相关系数</translation>
    </message>
    <message>
        <source>Spearman rank correlation of predicted and gold values</source>
        <translation>预测值与真实值的斯皮尔曼等级相关系数</translation>
    </message>
    <message>
        <source>Share of masked tokens predicted exactly</source>
        <translation>被准确预测的掩码词元所占比例</translation>
    </message>
    <message>
        <source>Share of sentence pairs whose next-sentence label is right</source>
        <translation>下一句标签正确的句对所占比例</translation>
    </message>
    <message>
        <source>Masked-LM plus next-sentence cross-entropy</source>
        <translation>掩码语言模型与下一句预测的交叉熵之和</translation>
    </message>
    <message>
        <source>Cross-entropy of the masked tokens</source>
        <translation>被掩码词元的交叉熵</translation>
    </message>
    <message>
        <source>Cross-entropy over the labelled tokens</source>
        <translation>有标注词元的交叉熵</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Binary cross-entropy over every label</source>
        <translation>各标签的二元交叉熵</translation>
    </message>
    <message>
        <source>Cross-entropy of the gold class</source>
        <translation>真实类别的交叉熵</translation>
    </message>
    <message>
        <source>Share of (row, label) decisions that are wrong</source>
        <translation>（行，标签）判定中错误的比例</translation>
    </message>
    <message>
        <source>Mean squared error of the predicted values</source>
        <translation>预测值的均方误差</translation>
    </message>
    <message>
        <source>Mean absolute error of the predicted values</source>
        <translation>预测值的平均绝对误差</translation>
    </message>
    <message>
        <source>exp(mlm_loss): how many tokens the model hesitates between</source>
        <translation>exp(mlm_loss)：模型在多少个词元之间犹豫</translation>
    </message>
    <message>
        <source>Next-sentence prediction cross-entropy</source>
        <translation>下一句预测的交叉熵</translation>
    </message>
    <message>
        <source>%1 (lower is better)</source>
        <translation>%1（越低越好）</translation>
    </message>
</context>
<context>
    <name>ModelInspection</name>
    <message>
        <source>New BERT (%1), randomly initialised</source>
        <translation>新建 BERT（%1），随机初始化</translation>
    </message>
    <message>
        <source>Layers × heads</source>
        <translation>层数 × 头数</translation>
    </message>
    <message>
        <source>Hidden / feed-forward size</source>
        <translation>隐藏层 / 前馈层维度</translation>
    </message>
    <message>
        <source>Max positions</source>
        <translation>最大位置数</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 不是文件夹</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>%1 tokens from %2 (%3)</source>
        <translation>%1 个词元，来自 %2（%3）</translation>
    </message>
    <message>
        <source>lower-cased</source>
        <translation>小写</translation>
    </message>
    <message>
        <source>cased</source>
        <translation>区分大小写</translation>
    </message>
</context>
<context>
    <name>ModelSummaryText</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重文件</translation>
    </message>
    <message>
        <source>Stored as</source>
        <translation>存储类型</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Unexpected</source>
        <translation>多余</translation>
    </message>
    <message>
        <source>Shape mismatch</source>
        <translation>形状不匹配</translation>
    </message>
    <message>
        <source>Newly initialised</source>
        <translation>新初始化</translation>
    </message>
    <message>
        <source>Renamed</source>
        <translation>已重命名</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Layers × heads</source>
        <translation>层数 × 头数</translation>
    </message>
    <message>
        <source>Hidden / feed-forward size</source>
        <translation>隐藏层 / 前馈层维度</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Loaded cleanly</source>
        <translation>加载完整，无异常</translation>
    </message>
    <message>
        <source>Load report</source>
        <translation>加载报告</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <source>%1, int8 (dynamic quantization)</source>
        <translation>%1，int8（动态量化）</translation>
    </message>
    <message>
        <source>none: no classification head</source>
        <translation>无：没有分类头</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误分析</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Unknown image type “%1”: use .png, .svg or .pdf.</source>
        <translation>未知的图像类型“%1”：请使用 .png、.svg 或 .pdf。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Save Plot</source>
        <translation>保存图表</translation>
    </message>
</context>
<context>
    <name>RunStatusText</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>SetupChecks</name>
    <message>
        <source>A model trained from scratch needs a vocabulary: choose a vocab.txt.</source>
        <translation>从头训练的模型需要词表：请选择一个 vocab.txt。</translation>
    </message>
    <message>
        <source>Choose a Hugging Face model folder (one with config.json and weights).</source>
        <translation>请选择一个 Hugging Face 模型文件夹（包含 config.json 和权重文件）。</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>无法使用此模型：%1</translation>
    </message>
    <message>
        <source>The model&apos;s vocabulary has no [MASK] token, which masked-LM training needs.</source>
        <translation>该模型的词表中没有 [MASK] 词元，而掩码语言模型训练需要它。</translation>
    </message>
    <message>
        <source>Choose a plain-text corpus file (one sentence per line, blank lines between documents).</source>
        <translation>请选择一个纯文本语料文件（每行一个句子，文档之间以空行分隔）。</translation>
    </message>
    <message>
        <source>%1 is not a readable file.</source>
        <translation>%1 不是可读取的文件。</translation>
    </message>
    <message>
        <source>Choose a dataset. The workspace&apos;s datasets are imported on the Data page.</source>
        <translation>请选择一个数据集。工作区的数据集在“数据”页面导入。</translation>
    </message>
    <message>
        <source>The workspace has no dataset named “%1”.</source>
        <translation>工作区中没有名为“%1”的数据集。</translation>
    </message>
    <message>
        <source>“%1” has no train split: import one on the Data page.</source>
        <translation>“%1”没有训练集：请在“数据”页面导入。</translation>
    </message>
    <message>
        <source>Token tagging needs a dataset of tagged words (CoNLL), but “%1” holds %2. Choose text classification, or a CoNLL dataset.</source>
        <translation>词元标注需要由已标注词语组成的数据集（CoNLL），但“%1”包含的是%2。请改选文本分类，或选择一个 CoNLL 数据集。</translation>
    </message>
    <message>
        <source>Classification needs labelled sentences, but “%1” holds %2.</source>
        <translation>分类任务需要带标签的句子，但“%1”包含的是%2。</translation>
    </message>
    <message>
        <source>A sentence-pair task needs a dataset with a second text column, but “%1” has one text per row. Choose text classification, or import the pairs with their second column.</source>
        <translation>句对任务需要包含第二个文本列的数据集，但“%1”每行只有一段文本。请改选文本分类，或连同第二列一起导入句对。</translation>
    </message>
    <message>
        <source>max length %1 is above the model&apos;s max_position_embeddings (%2): it has no position embeddings for the tokens past %2.</source>
        <translation>最大长度 %1 超过了模型的 max_position_embeddings（%2）：模型没有为第 %2 个之后的词元提供位置嵌入。</translation>
    </message>
    <message>
        <source>max length must be at least 8 tokens.</source>
        <translation>最大长度至少为 8 个词元。</translation>
    </message>
    <message>
        <source>metric_for_best_model “%1” is not computed for this task; choose one of: %2.</source>
        <translation>此任务不计算 metric_for_best_model 指定的“%1”；请从以下指标中选择：%2。</translation>
    </message>
    <message>
        <source>Choose an output folder for the checkpoints.</source>
        <translation>请为检查点选择输出文件夹。</translation>
    </message>
    <message>
        <source>“%1” has no validation split, so evaluation cannot run: hold out validation rows (Task and data page, or the Data page), import a validation split, or set evaluation_strategy to “no”.</source>
        <translation>“%1”没有验证集，无法评估：从训练集留出验证行（“任务与数据”页或“数据”页），导入验证集，或将 evaluation_strategy 设为“no”。</translation>
    </message>
    <message>
        <source>“%1” holds sentence pairs, and the model reads both texts of a row together. Choose Sentence pairs (or Sentence similarity for a score).</source>
        <translation>“%1”包含句对，模型会同时读取每行的两段文本。请选择“句对”（打分任务请选择“句子相似度”）。</translation>
    </message>
    <message numerus="yes">
        <source>A regression learns a number per row, but “%1” has %n label(s) that are not numbers: %2. Choose one class per example, or a dataset of numeric labels.</source>
        <translation>
            <numerusform>回归为每行学习一个数值，但“%1”有 %n 个标签不是数字：%2。请选择每个样本一个类别，或选择数值标签的数据集。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SplitTitle</name>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Bertwork: build, fine-tune and inspect BERT models.</source>
        <translation>Bertwork：构建、微调和检查 BERT 模型。</translation>
    </message>
    <message>
        <source>Open the workspace FILE (created when missing).</source>
        <translation>打开工作区文件 FILE（不存在时自动创建）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Use the model folder DIR.</source>
        <translation>使用模型文件夹 DIR。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>PAGE</source>
        <translation>PAGE</translation>
    </message>
    <message>
        <source>Save a picture of every page in DIR and quit.</source>
        <translation>将每个页面的截图保存到 DIR 后退出。</translation>
    </message>
    <message>
        <source>Show PAGE first: %1.</source>
        <translation>启动时显示页面 PAGE：%1。</translation>
    </message>
</context>
<context>
    <name>TaskCatalogue</name>
    <message>
        <source>Text classification / sentiment</source>
        <translation>文本分类 / 情感分析</translation>
    </message>
    <message>
        <source>one label per text (sequence classification)</source>
        <translation>每段文本一个标签（序列分类）</translation>
    </message>
    <message>
        <source>Sentence pairs</source>
        <translation>句对</translation>
    </message>
    <message>
        <source>one label per pair of texts: entailment, paraphrase, similarity</source>
        <translation>每对文本一个标签：蕴含、复述、相似度</translation>
    </message>
    <message>
        <source>Sentence similarity</source>
        <translation>句子相似度</translation>
    </message>
    <message>
        <source>a score per pair of texts: how close they are in meaning (STS-B)</source>
        <translation>每对文本一个分数：两段文本在语义上的接近程度（STS-B）</translation>
    </message>
    <message>
        <source>Token tagging</source>
        <translation>词元标注</translation>
    </message>
    <message>
        <source>one tag per word: named entities, parts of speech (token classification)</source>
        <translation>每个词一个标注：命名实体、词性（词元分类）</translation>
    </message>
    <message>
        <source>Masked language model</source>
        <translation>掩码语言模型</translation>
    </message>
    <message>
        <source>fill in masked words: adapt a model to your domain&apos;s text</source>
        <translation>填补被掩码的词：让模型适应你所在领域的文本</translation>
    </message>
    <message>
        <source>Pretraining (MLM + NSP)</source>
        <translation>预训练（MLM + NSP）</translation>
    </message>
    <message>
        <source>masked words and next-sentence prediction, as BERT was pretrained</source>
        <translation>掩码词预测和下一句预测，与 BERT 的预训练方式相同</translation>
    </message>
</context>
<context>
    <name>TrainCharts</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>eval</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Appears after the first logging_steps.</source>
        <translation>在第一个 logging_steps 间隔之后显示。</translation>
    </message>
    <message>
        <source>Appears after the first evaluation.</source>
        <translation>在第一次评估之后显示。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>MLM loss</source>
        <translation>MLM 损失</translation>
    </message>
    <message>
        <source>MLM accuracy (masked tokens)</source>
        <translation>MLM 准确率（被掩码的词元）</translation>
    </message>
    <message>
        <source>NSP loss</source>
        <translation>NSP 损失</translation>
    </message>
    <message>
        <source>NSP accuracy</source>
        <translation>NSP 准确率</translation>
    </message>
    <message>
        <source>Evaluation metrics</source>
        <translation>评估指标</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm (before clipping)</source>
        <translation>梯度范数（裁剪前）</translation>
    </message>
    <message>
        <source>This run does not evaluate (evaluation_strategy “no”).</source>
        <translation>此训练记录不做评估（evaluation_strategy 为 “no”）。</translation>
    </message>
</context>
<context>
    <name>bw::gui::AnalysisRequestDialog</name>
    <message>
        <source>Analyse errors of run #%1</source>
        <translation>分析运行 #%1 的错误</translation>
    </message>
    <message>
        <source>The checkpoint predicts every row of the split; each row&apos;s prediction, confidence and loss are kept in the workspace with the metrics of that pass.</source>
        <translation>检查点预测该划分的每一行；每行的预测、置信度和损失连同这次预测的指标一起保存在工作区中。</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最后</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>This dataset has no rows.</source>
        <translation>此数据集没有数据行。</translation>
    </message>
    <message>
        <source>%1 (not for this model)</source>
        <translation>%1（不适用于此模型）</translation>
    </message>
    <message>
        <source>No dataset of the workspace has rows this model can predict (hover over one for why).</source>
        <translation>工作区中没有此模型能预测的数据集（将鼠标悬停在某项上可查看原因）。</translation>
    </message>
    <message numerus="yes">
        <source>%n dataset(s) greyed: the model cannot predict their rows (hover over one for why).</source>
        <translation>
            <numerusform>%n 个数据集显示为灰色：模型无法预测其中的行（将鼠标悬停在某项上可查看原因）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The model tags words, but “%1” holds %2.</source>
        <translation>该模型对词语进行标注，但“%1”包含的是%2。</translation>
    </message>
    <message>
        <source>The model classifies texts, but “%1” holds %2.</source>
        <translation>该模型对文本进行分类，但“%1”包含的是%2。</translation>
    </message>
    <message numerus="yes">
        <source>“%1” has %n tag(s) the model does not: %2. The model&apos;s tags are %3.</source>
        <translation>
            <numerusform>“%1”有 %n 个模型没有的标记：%2。模型的标记为 %3。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” has %n label(s) the model does not: %2. The model&apos;s labels are %3.</source>
        <translation>
            <numerusform>“%1”有 %n 个模型没有的标签：%2。模型的标签为 %3。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The model predicts a score (regression), but “%1” has %n label(s) that are not numbers: %2.</source>
        <translation>
            <numerusform>该模型预测的是分数（回归），但“%1”有 %n 个标签不是数字：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Best (step %1)</source>
        <translation>最佳（第 %1 步）</translation>
    </message>
    <message>
        <source>Last (step %1)</source>
        <translation>最后（第 %1 步）</translation>
    </message>
    <message>
        <source>Step %1 (%2)</source>
        <translation>第 %1 步（%2）</translation>
    </message>
    <message numerus="yes">
        <source> and %Ln more</source>
        <translation>
            <numerusform> 等另外 %Ln 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) to predict</source>
        <translation>
            <numerusform>需预测 %Ln 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::AnalysisRowsModel</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Gold entities</source>
        <translation>真实实体</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>Predicted entities</source>
        <translation>预测实体</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行（划分中）</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
</context>
<context>
    <name>bw::gui::AttentionHeatmap</name>
    <message>
        <source>attends to (key)</source>
        <translation>关注的词元（键）</translation>
    </message>
    <message>
        <source>token (query)</source>
        <translation>词元（查询）</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>difference (this model − other)</source>
        <translation>差值（本模型 − 另一模型）</translation>
    </message>
    <message>
        <source>“%1” → “%2”: %3</source>
        <translation>“%1” → “%2”：%3</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>“%1” (%2) → “%3” (%4): %5</source>
        <translation>“%1”（%2）→“%3”（%4）：%5</translation>
    </message>
</context>
<context>
    <name>bw::gui::AttentionPage</name>
    <message>
        <source>All heads (click to enlarge)</source>
        <translation>所有注意力头（点击放大）</translation>
    </message>
    <message>
        <source>The cat sat on the mat because it was tired.</source>
        <translation>The cat sat on the mat because it was tired.</translation>
    </message>
    <message>
        <source>Optional: a second sentence</source>
        <translation>可选：第二个句子</translation>
    </message>
    <message>
        <source>Show Attention</source>
        <translation>显示注意力</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>One head</source>
        <translation>单个注意力头</translation>
    </message>
    <message>
        <source>Average over heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>Attention rollout</source>
        <translation>注意力展开（rollout）</translation>
    </message>
    <message>
        <source>Rollout follows attention through the layers up to the chosen one, counting the residual connections (Abnar &amp; Zuidema, 2020)</source>
        <translation>注意力展开沿各层逐层累积注意力，直到所选的层，并计入残差连接（Abnar 与 Zuidema，2020）</translation>
    </message>
    <message>
        <source>Layer </source>
        <translation>层 </translation>
    </message>
    <message>
        <source>Head </source>
        <translation>头 </translation>
    </message>
    <message>
        <source>Hide [CLS] and [SEP]</source>
        <translation>隐藏 [CLS] 和 [SEP]</translation>
    </message>
    <message>
        <source>Leave out the special tokens and renormalise each row to sum to 1</source>
        <translation>去掉特殊词元，并将每一行重新归一化，使其和为 1</translation>
    </message>
    <message>
        <source>Difference to:</source>
        <translation>与之比较：</translation>
    </message>
    <message>
        <source>no second model</source>
        <translation>未选择第二个模型</translation>
    </message>
    <message>
        <source>Model…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <source>Choose a second model to compare with</source>
        <translation>选择用于比较的第二个模型</translation>
    </message>
    <message>
        <source>Save Image…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>The second model could not be loaded: %1</source>
        <translation>无法加载第二个模型：%1</translation>
    </message>
    <message>
        <source>Model to Compare With</source>
        <translation>用于比较的模型</translation>
    </message>
    <message>
        <source>The model could not run on this text: %1</source>
        <translation>模型无法处理这段文本：%1</translation>
    </message>
    <message>
        <source>the two models split this text into different tokens, so their attention cannot be compared cell by cell</source>
        <translation>两个模型对这段文本的分词结果不同，因此无法逐格比较它们的注意力</translation>
    </message>
    <message>
        <source>Cannot show this view: %1</source>
        <translation>无法显示此视图：%1</translation>
    </message>
    <message numerus="yes">
        <source>The text is longer than the model&apos;s limit of %n tokens: only its first %n tokens are shown.</source>
        <translation>
            <numerusform>文本超过了模型 %n 个词元的上限：只显示前 %n 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <source>Layer %1, head %2</source>
        <translation>第 %1 层，第 %2 个头</translation>
    </message>
    <message>
        <source>Layer %1, average of the heads</source>
        <translation>第 %1 层，各头平均</translation>
    </message>
    <message>
        <source>Rollout up to layer %1</source>
        <translation>展开至第 %1 层</translation>
    </message>
    <message>
        <source>%1 — %2 minus %3</source>
        <translation>%1 — %2 减 %3</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Compare with this model</source>
        <translation>与此模型比较</translation>
    </message>
    <message>
        <source>%1, without [CLS] and [SEP], rows rescaled to 1</source>
        <translation>%1，不含 [CLS] 和 [SEP]，各行重新缩放为和为 1</translation>
    </message>
</context>
<context>
    <name>bw::gui::BadRows</name>
    <message>
        <source>Tick “Skip malformed rows” to import the file without them.</source>
        <translation>勾选“跳过格式错误的行”即可导入文件中除这些行以外的内容。</translation>
    </message>
    <message numerus="yes">
        <source>(%n malformed row(s) of the file skipped)</source>
        <translation>
            <numerusform>（已跳过文件中 %n 个格式错误的行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::BaseModelWizardPage</name>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Fine-tune a model that already knows the language, or start a new one from scratch to pretrain it.</source>
        <translation>微调一个已经掌握该语言的模型，或从头新建一个模型进行预训练。</translation>
    </message>
    <message>
        <source>The bundled model (not installed)</source>
        <translation>内置模型（未安装）</translation>
    </message>
    <message>
        <source>The bundled model: %1</source>
        <translation>内置模型：%1</translation>
    </message>
    <message>
        <source>A Hugging Face model folder:</source>
        <translation>Hugging Face 模型文件夹：</translation>
    </message>
    <message>
        <source>A new model, from scratch:</source>
        <translation>从头新建模型：</translation>
    </message>
    <message>
        <source>a folder with config.json, weights and vocab.txt</source>
        <translation>包含 config.json、权重文件和 vocab.txt 的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>vocab.txt</source>
        <translation>vocab.txt</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>WordPiece vocabulary (*.txt);;All files (*)</source>
        <translation>WordPiece 词表 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Train a vocabulary…</source>
        <translation>训练词表…</translation>
    </message>
    <message>
        <source>Learn a WordPiece vocabulary from a dataset of this workspace (the corpus you will pretrain on) or from text files</source>
        <translation>从本工作区的数据集（即将用于预训练的语料）或文本文件学习 WordPiece 词表</translation>
    </message>
</context>
<context>
    <name>bw::gui::BinaryCurvesPlot</name>
    <message>
        <source>false positive rate</source>
        <translation>假正例率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>真正例率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Precision-recall</source>
        <translation>精确率-召回率</translation>
    </message>
    <message>
        <source>ROC — AUC %2
positive: %1</source>
        <translation>ROC — AUC %2
正类：%1</translation>
    </message>
    <message>
        <source>Precision-recall — AP %2
positive: %1</source>
        <translation>精确率-召回率 — AP %2
正类：%1</translation>
    </message>
</context>
<context>
    <name>bw::gui::ColumnMappingPanel</name>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Text pair:</source>
        <translation>文本对：</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Token column:</source>
        <translation>词元列：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Tag column:</source>
        <translation>标注列：</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>None: the file becomes a pretraining corpus, or a test split to predict.</source>
        <translation>无：该文件将作为预训练语料，或作为待预测的测试集。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>second text</source>
        <translation>第二段文本</translation>
    </message>
    <message>
        <source>%1 from column “%2”</source>
        <translation>%1（来自列“%2”）</translation>
    </message>
    <message>
        <source>Join more columns after this one into the text</source>
        <translation>将更多列接在此列之后并入文本</translation>
    </message>
    <message>
        <source>Join more columns after this one into the second text</source>
        <translation>将更多列接在此列之后并入第二段文本</translation>
    </message>
    <message>
        <source>Join with:</source>
        <translation>连接符：</translation>
    </message>
    <message>
        <source>Put between joined columns (a space unless you type another); empty cells are left out</source>
        <translation>放在合并的列之间（默认为空格，可另行输入）；空单元格会被略过</translation>
    </message>
    <message>
        <source>First text:</source>
        <translation>第一条文本：</translation>
    </message>
    <message>
        <source>Join…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Join: +%1</source>
        <translation>合并：+%1</translation>
    </message>
    <message>
        <source>Second text: %1</source>
        <translation>第二段文本：%1</translation>
    </message>
    <message>
        <source>joined column “%1”</source>
        <translation>合并的列“%1”</translation>
    </message>
    <message>
        <source>No row to read labels from.</source>
        <translation>没有可读取标签的行。</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) in the first %1: %2</source>
        <translation>
            <numerusform>前 %1中有 %n 个标签：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>(nothing: the cells run together)</source>
        <translation>（无：各单元格直接相连）</translation>
    </message>
    <message numerus="yes">
        <source>(%n space(s))</source>
        <translation>
            <numerusform>（%n 个空格）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) without a label, at line(s) %1: training refuses them.</source>
        <translation>
            <numerusform>%Ln 行没有标签，位于第 %1 行：训练会拒绝这些行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ConfigDiffModel</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
</context>
<context>
    <name>bw::gui::ConfigDiffView</name>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export differences…</source>
        <translation>导出差异…</translation>
    </message>
    <message>
        <source>Export differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <source>Select two or more runs to see the settings in which they differ.</source>
        <translation>选择两个或更多训练记录，查看它们之间不同的设置。</translation>
    </message>
    <message>
        <source>The selected runs have the same configuration.</source>
        <translation>所选训练记录的配置相同。</translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) differ.</source>
        <translation>
            <numerusform>有 %n 项设置不同。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::CsvFile</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>bw::gui::CurveAxisCombo</name>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>bw::gui::CurvePlot</name>
    <message>
        <source>Paused following — click to follow the run again</source>
        <translation>已暂停跟随 — 点击重新跟随训练</translation>
    </message>
    <message>
        <source>Paused — follow again</source>
        <translation>已暂停 — 重新跟随</translation>
    </message>
    <message>
        <source>%1 (= %2)</source>
        <translation>%1（= %2）</translation>
    </message>
</context>
<context>
    <name>bw::gui::DataPage</name>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the dataset and its rows (runs trained on it keep their records)</source>
        <translation>删除该数据集及其所有行（用它进行的训练仍保留其记录）</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Delete dataset</source>
        <translation>删除数据集</translation>
    </message>
    <message>
        <source>Delete the dataset “%1” and all its rows from the store? Runs trained on it keep their records.</source>
        <translation>要从工作区中删除数据集“%1”及其所有行吗？用它进行的训练仍保留其记录。</translation>
    </message>
    <message>
        <source>Add split…</source>
        <translation>添加划分…</translation>
    </message>
    <message>
        <source>Import a file as another split of the selected dataset, with its columns</source>
        <translation>将文件导入为所选数据集的另一个划分，沿用其列设置</translation>
    </message>
    <message>
        <source>Remove split…</source>
        <translation>移除划分…</translation>
    </message>
    <message>
        <source>Label names…</source>
        <translation>标签名称…</translation>
    </message>
    <message>
        <source>Name the labels of the selected dataset (1, 2, 3 → World, Sports, …): its rows, later splits and the models trained on it use the names</source>
        <translation>为所选数据集的标签命名（1、2、3 → World、Sports、…）：其各行、之后导入的划分以及在其上训练的模型都会使用这些名称</translation>
    </message>
    <message>
        <source>Hold out validation…</source>
        <translation>留出验证集…</translation>
    </message>
    <message>
        <source>Move a share of the train rows into a new validation split (each label keeps its share), for a dataset that has none</source>
        <translation>把训练集的一部分行移入新的验证集（各标签保持原有比例），用于尚无验证集的数据集</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Remove a split: its rows go back into train (undoing a hold-out) or leave the dataset; the other splits stay</source>
        <translation>移除一个划分：其行回到训练集（撤销留出）或离开数据集；其他划分保留</translation>
    </message>
</context>
<context>
    <name>bw::gui::DatasetListModel</name>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Token tagging</source>
        <translation>词元标注</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Rows of the %1 split</source>
        <translation>%1 划分的行数</translation>
    </message>
    <message>
        <source>Val.</source>
        <comment>the validation split, in a narrow column</comment>
        <translation>验证集</translation>
    </message>
</context>
<context>
    <name>bw::gui::DatasetRowsModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>文件行</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Second text</source>
        <translation>第二段文本</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符数</translation>
    </message>
</context>
<context>
    <name>bw::gui::DatasetRowsView</name>
    <message>
        <source>Search the text…</source>
        <translation>搜索文本…</translation>
    </message>
    <message>
        <source>Rows whose text (or second text) contains this; upper and lower case alike for Latin letters</source>
        <translation>文本（或第二段文本）包含此内容的行；拉丁字母不区分大小写</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Open in Playground</source>
        <translation>在试验场打开</translation>
    </message>
    <message>
        <source>Classify this row with the current model</source>
        <translation>用当前模型对这一行分类</translation>
    </message>
    <message>
        <source>Open in Attention</source>
        <translation>在注意力页打开</translation>
    </message>
    <message>
        <source>See the current model&apos;s attention over this row</source>
        <translation>查看当前模型在这一行上的注意力</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1（%2 行）</translation>
    </message>
    <message>
        <source>Only the sentences with this tag</source>
        <translation>只看含此标记的句子</translation>
    </message>
    <message>
        <source>Only the rows with this label</source>
        <translation>只看此标签的行</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>任意标记</translation>
    </message>
    <message>
        <source>Any label</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <source>No dataset selected</source>
        <translation>未选择数据集</translation>
    </message>
    <message>
        <source>No rows</source>
        <translation>没有行</translation>
    </message>
    <message>
        <source>Counting… (%1 shown)</source>
        <translation>正在计数…（已显示 %1 行）</translation>
    </message>
    <message>
        <source>%1 of %2 rows match</source>
        <translation>%2 行中有 %1 行匹配</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>Select a row to read it whole.</source>
        <translation>选择一行以查看全文。</translation>
    </message>
    <message>
        <source>document %1</source>
        <translation>第 %1 篇文档</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>In file order</source>
        <translation>按文件顺序</translation>
    </message>
    <message>
        <source>Shortest first</source>
        <translation>最短的在前</translation>
    </message>
    <message>
        <source>Longest first</source>
        <translation>最长的在前</translation>
    </message>
    <message>
        <source>By the characters of the text and its pair: the shortest show empty or stray rows, the longest those that truncation cuts</source>
        <translation>按文本及其配对文本的字符数：最短的能看出空行或杂行，最长的是会被截断的行</translation>
    </message>
</context>
<context>
    <name>bw::gui::DatasetView</name>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>导入来源</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Export statistics…</source>
        <translation>导出统计信息…</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>max_length:</source>
        <translation>max_length：</translation>
    </message>
    <message>
        <source>Label distribution</source>
        <translation>标签分布</translation>
    </message>
    <message>
        <source>Token lengths</source>
        <translation>词元长度</translation>
    </message>
    <message>
        <source>Tokenizer audit</source>
        <translation>分词器检查</translation>
    </message>
    <message>
        <source>No dataset selected</source>
        <translation>未选择数据集</translation>
    </message>
    <message>
        <source>Import a CSV, TSV, JSON Lines, CoNLL or plain-text file to start.</source>
        <translation>导入 CSV、TSV、JSON Lines、CoNLL 或纯文本文件即可开始。</translation>
    </message>
    <message>
        <source>Tokenizing the %1 split…</source>
        <translation>正在对%1进行分词…</translation>
    </message>
    <message>
        <source>Tokens per row: min %1, median %2, 95th percentile %3, max %4, mean %5</source>
        <translation>每行词元数：最小 %1，中位数 %2，第 95 百分位 %3，最大 %4，平均 %5</translation>
    </message>
    <message>
        <source>No row repeats an earlier row&apos;s text.</source>
        <translation>没有与前面某行文本重复的行。</translation>
    </message>
    <message>
        <source>max_length %1 truncates %2 of %3 rows (%4 %)</source>
        <translation>max_length 为 %1 时，%3 行中有 %2 行被截断（%4 %）</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计信息</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>The list shows the first %n repeated text(s) as examples.</source>
        <translation>
            <numerusform>列表仅显示前 %n 条重复文本作为示例。</numerusform>
        </translation>
    </message>
    <message>
        <source>No statistics to export yet.</source>
        <translation>尚无可导出的统计信息。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) repeat an earlier row&apos;s text; %1 of them with a different label.</source>
        <translation>
            <numerusform>有 %Ln 行与前面某行的文本重复，其中 %1 行的标签不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>Duplicate and empty rows</source>
        <translation>重复行与空文本行</translation>
    </message>
    <message numerus="yes">
        <source>the first %n at lines %1 of the file</source>
        <translation>
            <numerusform>前 %n 行位于文件第 %1 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>at line(s) %1 of the file</source>
        <translation>
            <numerusform>位于文件第 %1 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) have an empty text, %1: the model sees only [CLS] [SEP] for them. Fix the file and replace the split if they are not meant.</source>
        <translation>
            <numerusform>有 %Ln 行的文本为空（%1）：模型对这些行只能看到 [CLS] [SEP]。如非有意，请修正文件并替换该划分。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · no labels</source>
        <translation>%1 · %2 · 无标签</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n label(s): %3</source>
        <translation>
            <numerusform>%1 · %2 · %n 个标签：%3</numerusform>
        </translation>
    </message>
    <message>
        <source>At most %1: the model&apos;s max_position_embeddings.</source>
        <translation>最多 %1：模型的 max_position_embeddings。</translation>
    </message>
    <message>
        <source>A corpus has no labels: pretraining reads its text alone.</source>
        <translation>语料库没有标签：预训练只读取其文本。</translation>
    </message>
    <message>
        <source>(not known: %1)</source>
        <translation>（未知：%1）</translation>
    </message>
    <message>
        <source>Counting the %1 split…</source>
        <translation>正在统计%1…</translation>
    </message>
    <message>
        <source>Choose a model to see how its tokenizer reads this data: token lengths, truncation, [UNK].</source>
        <translation>选择一个模型，即可查看其分词器如何读取这些数据：词元长度、截断、[UNK]。</translation>
    </message>
    <message>
        <source>%1 · %2 · labels not numbered yet (a train split numbers them)</source>
        <translation>%1 · %2 · 标签尚未编号（导入训练集后编号）</translation>
    </message>
    <message>
        <source>No row of this split has a label: its rows can be predicted, not trained or scored on.</source>
        <translation>此划分中没有任何行带标签：其中的行可以用于预测，但不能用于训练或评分。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) have no label, %1: a classifier of one class per row, or a regression, can neither train nor be scored on them. Fill the labels in and replace the split if they are not meant.</source>
        <translation>
            <numerusform>%Ln 行没有标签，%1：单标签分类器或回归模型既不能用它们训练，也不能在它们上评分。如果并非有意，请补全标签并替换该划分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Token lengths (%1&apos;s tokenizer)</source>
        <translation>词元长度（%1 的分词器）</translation>
    </message>
    <message>
        <source>Tokenizer audit (%1&apos;s tokenizer)</source>
        <translation>分词器检查（%1 的分词器）</translation>
    </message>
</context>
<context>
    <name>bw::gui::ErrorAnalysisPage</name>
    <message>
        <source>New analysis…</source>
        <translation>新建分析…</translation>
    </message>
    <message>
        <source>Predict every row of a split with one of the run&apos;s checkpoints</source>
        <translation>用该运行的一个检查点预测某个划分的每一行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Every row of the analysis: text, gold, prediction, confidence, loss and probabilities</source>
        <translation>分析的每一行：文本、真实值、预测、置信度、损失和概率</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Analysis:</source>
        <translation>分析：</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Find text…</source>
        <translation>查找文本…</translation>
    </message>
    <message>
        <source>Only wrong rows</source>
        <translation>只看错误行</translation>
    </message>
    <message>
        <source>Highest loss first</source>
        <translation>损失最高的在前</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度最高的在前</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度最低的在前</translation>
    </message>
    <message>
        <source>Split order</source>
        <translation>按划分顺序</translation>
    </message>
    <message>
        <source>All cells</source>
        <translation>全部单元格</translation>
    </message>
    <message>
        <source>Open in Attention</source>
        <translation>在注意力页打开</translation>
    </message>
    <message>
        <source>Open in Playground</source>
        <translation>在试验场打开</translation>
    </message>
    <message>
        <source>Show this row on that page, with the checkpoint that predicted it</source>
        <translation>在该页面用做出此预测的检查点显示这一行</translation>
    </message>
    <message>
        <source>deleted dataset</source>
        <translation>已删除的数据集</translation>
    </message>
    <message>
        <source>No run to analyse yet: train a classifier or a tagger on the Train page. Its checkpoints are analysed here.</source>
        <translation>还没有可分析的运行：请在训练页训练一个分类或序列标注模型，它的检查点会在这里分析。</translation>
    </message>
    <message>
        <source>This run has no analysis yet. “New analysis…” predicts every row of a split with one of its checkpoints and keeps the predictions.</source>
        <translation>此运行还没有分析。“新建分析…”会用它的一个检查点预测某个划分的每一行并保存预测结果。</translation>
    </message>
    <message>
        <source>%1 rows of the %2 split predicted by the checkpoint of step %3: %4 wrong (%5%).</source>
        <translation>第 %3 步的检查点预测了%2的 %1 行：错误 %4 行（%5%）。</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Rows: true label; columns: predicted. Click a cell to list its rows.</source>
        <translation>行：真实标签；列：预测标签。点击单元格即可列出其中的行。</translation>
    </message>
    <message>
        <source>Per entity type</source>
        <translation>按实体类型</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>true %1, predicted %2</source>
        <translation>真实 %1，预测 %2</translation>
    </message>
    <message>
        <source>&lt;i&gt;No row matches.&lt;/i&gt;</source>
        <translation>&lt;i&gt;没有匹配的行。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Pair:</source>
        <translation>句对：</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>找到：</translation>
    </message>
    <message>
        <source>Missed:</source>
        <translation>漏掉：</translation>
    </message>
    <message>
        <source>Invented:</source>
        <translation>多出：</translation>
    </message>
    <message>
        <source>The grey words were cut off by the maximum sequence length.</source>
        <translation>灰色的词因最大序列长度被截断。</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Prediction:</source>
        <translation>预测：</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Loss %1 · confidence %2</source>
        <translation>损失 %1 · 置信度 %2</translation>
    </message>
    <message>
        <source>%1: the checkpoint directory no longer exists, so the row cannot be opened with it.</source>
        <translation>%1：检查点目录已不存在，无法用它打开这一行。</translation>
    </message>
    <message>
        <source>Wait for “%1” to finish: the workbench runs one job at a time.</source>
        <translation>请等待“%1”完成：工作台一次只运行一个任务。</translation>
    </message>
    <message>
        <source>Analysing run #%1 on %2</source>
        <translation>正在分析运行 #%1（%2）</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>导出预测</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Run #%1 has no checkpoint to analyse.</source>
        <translation>运行 #%1 没有可分析的检查点。</translation>
    </message>
    <message>
        <source>Loading the checkpoint…</source>
        <translation>正在加载检查点…</translation>
    </message>
    <message>
        <source>Predicting row %1 of %2</source>
        <translation>正在预测第 %1 / %2 行</translation>
    </message>
    <message>
        <source>Predicting row %1 of %2, %3 left</source>
        <translation>正在预测第 %1 / %2 行，还需 %3</translation>
    </message>
    <message>
        <source>Analysis cancelled</source>
        <translation>分析已取消</translation>
    </message>
    <message>
        <source>The class drawn against all the others (one-vs-rest, as scikit-learn does it)</source>
        <translation>与其他所有类别对比绘制的类别（一对其余，与 scikit-learn 的做法相同）</translation>
    </message>
    <message>
        <source>Positive class:</source>
        <translation>正类：</translation>
    </message>
    <message>
        <source>Precision-recall and ROC curves are drawn for single-label classification</source>
        <translation>精确率-召回率曲线和 ROC 曲线只为单标签分类绘制</translation>
    </message>
    <message>
        <source>&lt;i&gt;The model gets every row right. Untick “Only wrong rows” to see them.&lt;/i&gt;</source>
        <translation>&lt;i&gt;模型对每一行都预测正确。取消勾选“只看错误行”即可查看它们。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 rows of the %2 split predicted by the checkpoint of step %3.</source>
        <translation>第 %3 步的检查点预测了%2的 %1 行。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 · checkpoint %3 · %Ln row(s)</source>
        <translation>
            <numerusform>%2 的 %1 · 检查点 %3 · %Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Analysed %Ln row(s)</source>
        <translation>
            <numerusform>已分析 %Ln 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ErrorText</name>
    <message>
        <source>choose “Quotes: quoted fields (RFC 4180)” above the preview</source>
        <translation>请在预览上方选择“引号：带引号的字段（RFC 4180）”</translation>
    </message>
    <message>
        <source>set %1 to %2</source>
        <translation>将 %1 设为 %2</translation>
    </message>
</context>
<context>
    <name>bw::gui::ExportPage</name>
    <message>
        <source>float32 (exact)</source>
        <translation>float32（精确）</translation>
    </message>
    <message>
        <source>float16 (half the size, loads as float32)</source>
        <translation>float16（体积减半，加载为 float32）</translation>
    </message>
    <message>
        <source>bfloat16 (half the size, loads as float32)</source>
        <translation>bfloat16（体积减半，加载为 float32）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重精度：</translation>
    </message>
    <message>
        <source>Target folder:</source>
        <translation>目标文件夹：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Use this model in the workbench</source>
        <translation>在工作台中使用此模型</translation>
    </message>
    <message>
        <source>The Tokenizer, Attention and Playground pages then use the exported model</source>
        <translation>之后“分词器”“注意力”和“试验场”页面将使用导出的模型</translation>
    </message>
    <message>
        <source>Files written:</source>
        <translation>已写入的文件：</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Choose the target folder.</source>
        <translation>请选择目标文件夹。</translation>
    </message>
    <message>
        <source>%1 is not empty and holds no model: the export replaces its target whole, so choose an empty or new folder.</source>
        <translation>%1 不为空且其中没有模型：导出会整体替换目标文件夹，请选择一个空文件夹或新文件夹。</translation>
    </message>
    <message>
        <source>Replace model?</source>
        <translation>替换模型？</translation>
    </message>
    <message>
        <source>%1 already holds a model. Replace it?</source>
        <translation>%1 中已有模型。要替换它吗？</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <source>Export failed, nothing was changed: %1</source>
        <translation>导出失败，未做任何更改：%1</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s), %1, to %2.</source>
        <translation>
            <numerusform>已将 %n 个文件（共 %1）写入 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Any kept checkpoint of the workspace&apos;s runs, the bundled model or a model folder</source>
        <translation>工作区各次运行保留的任一检查点、内置模型或某个模型文件夹</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Writes a run&apos;s checkpoint, or any model folder, as a Hugging Face model directory: &lt;code&gt;AutoModel.from_pretrained(folder)&lt;/code&gt; loads it.</source>
        <translation>将一次运行的检查点或任意模型文件夹写成 Hugging Face 模型目录：&lt;code&gt;AutoModel.from_pretrained(folder)&lt;/code&gt; 即可加载。</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <source>Open a workspace to export its runs, or choose a model folder.</source>
        <translation>打开一个工作区以导出其运行，或选择一个模型文件夹。</translation>
    </message>
    <message>
        <source>No run of this workspace has a checkpoint yet: train one on the Train page, or choose a model folder.</source>
        <translation>此工作区还没有带检查点的运行：请在训练页训练一个，或选择一个模型文件夹。</translation>
    </message>
    <message>
        <source>Export this model</source>
        <translation>导出此模型</translation>
    </message>
    <message>
        <source>%1 has no config.json: choose a Hugging Face model folder.</source>
        <translation>%1 中没有 config.json：请选择一个 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <source>Choose a run with a checkpoint, or a model folder.</source>
        <translation>请选择一个带检查点的运行，或一个模型文件夹。</translation>
    </message>
    <message>
        <source>%1 is the model being exported: choose another folder.</source>
        <translation>%1 是正在导出的模型：请选择另一个文件夹。</translation>
    </message>
    <message>
        <source>No run has a checkpoint: Choose… any model</source>
        <translation>没有带检查点的运行：用“选择…”挑选任意模型</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder: choose a new or empty folder.</source>
        <translation>%1 是文件而不是文件夹：请选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>%1 holds %2, which is not part of a model: the export replaces its target whole, so choose an empty or new folder.</source>
        <translation>%1 中有 %2，它不属于模型：导出会整体替换目标文件夹，因此请选择一个空的或新的文件夹。</translation>
    </message>
    <message>
        <source>%1 is checkpoint %2 of run %3: choose another folder.</source>
        <translation>%1 是运行 %3 的检查点 %2：请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>bw::gui::FileDialog</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 is one of the files of this workspace&apos;s store (%2). Bertwork keeps them open: reading one as something else, or writing over it, would damage the store. Choose another file.</source>
        <translation>%1 是此工作区存储（%2）的文件之一。Bertwork 一直打开着这些文件：把它当作其他文件读取或覆盖它都会损坏存储。请选择其他文件。</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
</context>
<context>
    <name>bw::gui::HParamsPanel</name>
    <message>
        <source>best checkpoint</source>
        <translation>最佳检查点</translation>
    </message>
    <message>
        <source>last evaluation</source>
        <translation>最后一次评估</translation>
    </message>
    <message>
        <source>step (or the last evaluation before it)</source>
        <translation>指定步数（或其之前的最后一次评估）</translation>
    </message>
    <message>
        <source>Which evaluation of each run gives its metrics: the one of its best checkpoint (metric_for_best_model), its last one, or the one at a step (else the last one before it)</source>
        <translation>每个训练记录的指标取自哪次评估：最佳检查点的评估（metric_for_best_model）、最后一次评估，或指定步数的评估（没有则取其之前的最后一次）</translation>
    </message>
    <message>
        <source>The metric of the plot&apos;s last axis, which colours the lines</source>
        <translation>图表最后一根轴上的指标，折线按它着色</translation>
    </message>
    <message>
        <source>Only hyperparameters that differ</source>
        <translation>只显示不同的超参数</translation>
    </message>
    <message>
        <source>Filter runs…</source>
        <translation>筛选训练记录…</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save plot…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Metrics at:</source>
        <translation>指标取自：</translation>
    </message>
    <message>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <source>Comparing the first %1 of the %2 runs in the table above; select two or more runs to compare only those.</source>
        <translation>正在比较上表 %2 个训练记录中的前 %1 个；选择两个或更多训练记录，则只比较它们。</translation>
    </message>
    <message>
        <source>No runs to compare.</source>
        <translation>没有可比较的训练记录。</translation>
    </message>
    <message>
        <source>One run: nothing to compare.</source>
        <translation>只有一个训练记录：无可比较。</translation>
    </message>
    <message>
        <source>These runs have the same hyperparameters.</source>
        <translation>这些训练记录的超参数相同。</translation>
    </message>
    <message>
        <source>These runs have no evaluation to compare.</source>
        <translation>这些训练记录没有可比较的评估。</translation>
    </message>
    <message>
        <source>Export HParams table</source>
        <translation>导出超参数表</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>No run matches the filter.</source>
        <translation>没有与筛选条件匹配的训练记录。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing the %Ln selected run(s).</source>
        <translation>
            <numerusform>正在比较选中的 %Ln 个训练记录。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing all %Ln run(s) in the table above; select two or more runs to compare only those.</source>
        <translation>
            <numerusform>正在比较上表中的全部 %Ln 个训练记录；选择两个或更多训练记录，则只比较它们。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::HParamsTableModel</name>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>The step of the evaluation the metrics come from</source>
        <translation>指标所取自的评估的步数</translation>
    </message>
    <message>
        <source>Hyperparameter: differs between these runs</source>
        <translation>超参数：这些训练记录之间不同</translation>
    </message>
    <message>
        <source>Hyperparameter: the same in every run</source>
        <translation>超参数：所有训练记录都相同</translation>
    </message>
    <message>
        <source>At the evaluation the Step column names.</source>
        <translation>取自“步数”列所示的那次评估。</translation>
    </message>
    <message>
        <source>Not the same measure for every run here:</source>
        <translation>此处各运行的这一指标含义不同：</translation>
    </message>
    <message>
        <source>• %1: %2.</source>
        <translation>• %1：%2。</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
</context>
<context>
    <name>bw::gui::HeadGrid</name>
    <message>
        <source>Layer %1, head %2: click to enlarge</source>
        <translation>第 %1 层，第 %2 个头：点击放大</translation>
    </message>
    <message>
        <source>H%1</source>
        <translation>头%1</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>层%1</translation>
    </message>
</context>
<context>
    <name>bw::gui::HoldOutDialog</name>
    <message>
        <source>Hold out validation rows</source>
        <translation>留出验证行</translation>
    </message>
    <message>
        <source>The same seed holds out the same rows (as at import with --validation-fraction)</source>
        <translation>相同的种子留出相同的行（与导入时的 --validation-fraction 一致）</translation>
    </message>
    <message>
        <source>Hold out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>Share of the train rows:</source>
        <translation>训练行的比例：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>whole documents move, so no sentence pair straddles the two</source>
        <translation>整篇文档一起移动，句子对不会跨越两个划分</translation>
    </message>
    <message>
        <source>sentences are drawn at random</source>
        <translation>句子随机抽取</translation>
    </message>
    <message>
        <source>Moves about %1 of the %2 train rows of “%3” into a new validation split (%4). The rows keep their order and file lines; runs already trained keep their records.</source>
        <translation>把“%3”的 %2 行训练数据中约 %1 行移入新的验证集（%4）。各行保留原有顺序和文件行号；已训练的运行保留其记录。</translation>
    </message>
    <message>
        <source>each label keeps its share in both splits, and a label with two or more rows has at least one in each, so a small dataset moves more</source>
        <translation>每个标签在两个划分中保持其比例，且有两行或以上的标签在每个划分中至少有一行，因此小数据集会移出更多行</translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportDatasetBox</name>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>New dataset</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <source>Add a split to</source>
        <translation>添加划分到</translation>
    </message>
    <message>
        <source>Name the dataset.</source>
        <translation>请为数据集命名。</translation>
    </message>
    <message>
        <source>A dataset named “%1” exists: choose another name, or add a split to it.</source>
        <translation>已存在名为“%1”的数据集：请换一个名称，或向其添加划分。</translation>
    </message>
    <message numerus="yes">
        <source>Replace its %1 split (%Ln row(s))</source>
        <translation>
            <numerusform>替换其 %1 划分（%Ln 行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportDialog</name>
    <message>
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>The import failed; nothing was stored.
%1</source>
        <translation>导入失败，未存储任何内容。
%1</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was stored.</source>
        <translation>导入已取消，未存储任何内容。</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Open or create an experiment store first.</source>
        <translation>请先打开或创建工作区。</translation>
    </message>
    <message>
        <source>Choose a file to import.</source>
        <translation>请选择要导入的文件。</translation>
    </message>
    <message>
        <source>The file cannot be read as %1.</source>
        <translation>无法按“%1”格式读取该文件。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Dataset “%1” reads its %2, which this file does not have (its columns: %3).</source>
        <translation>数据集“%1”需要读取其%2，但此文件中没有该列（文件的列：%3）。</translation>
    </message>
    <message>
        <source> and its </source>
        <translation>以及</translation>
    </message>
    <message numerus="yes">
        <source>Dataset “%1” already has a %2 split (%Ln row(s)): tick “Replace” to replace it.</source>
        <translation>
            <numerusform>数据集“%1”已有 %2 划分（%Ln 行）：勾选“替换”以替换它。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln row(s) into %1</source>
        <translation>
            <numerusform>已将 %Ln 行导入 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportFilePanel</name>
    <message>
        <source>CSV, semicolon-separated</source>
        <translation>CSV，分号分隔</translation>
    </message>
    <message>
        <source>CSV, comma-separated</source>
        <translation>CSV，逗号分隔</translation>
    </message>
    <message>
        <source>TSV, tab-separated</source>
        <translation>TSV，制表符分隔</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>CoNLL (token per line)</source>
        <translation>CoNLL（每行一个词元）</translation>
    </message>
    <message>
        <source>Plain text (corpus)</source>
        <translation>纯文本（语料）</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>%1 (detected)</source>
        <translation>%1（自动检测）</translation>
    </message>
    <message>
        <source>CSV, TSV, JSON Lines, CoNLL or plain-text file</source>
        <translation>CSV、TSV、JSON Lines、CoNLL 或纯文本文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>First row names the columns</source>
        <translation>首行为列名</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>First rows (headed by their line in the file)</source>
        <translation>前几行（行标题为其在文件中的行号）</translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>Datasets (*.csv *.tsv *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.txt);;All files (*)</source>
        <translation>数据集 (*.csv *.tsv *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV, separated by |</source>
        <translation>CSV，以 | 分隔</translation>
    </message>
    <message>
        <source>Quotes: as usual (CSV quoted, TSV not)</source>
        <translation>引号：按惯例（CSV 有引号，TSV 没有）</translation>
    </message>
    <message>
        <source>Quotes: quoted fields (RFC 4180)</source>
        <translation>引号：带引号的字段（RFC 4180）</translation>
    </message>
    <message>
        <source>Quotes: none, a quote is text</source>
        <translation>引号：无，引号是普通文字</translation>
    </message>
    <message>
        <source>Quoted fields may hold the delimiter and line breaks, and write a quote as &quot;&quot;. Most TSV files (GLUE, IMDB) use quotes as plain text.</source>
        <translation>带引号的字段可以包含分隔符和换行，引号本身写作 &quot;&quot;。大多数 TSV 文件（GLUE、IMDB）把引号当作普通文字。</translation>
    </message>
    <message>
        <source>Skip malformed rows</source>
        <translation>跳过格式错误的行</translation>
    </message>
    <message>
        <source>Import the file without its malformed rows (a row with the wrong number of fields, a line that is not a JSON object, a CoNLL sentence with a short line) instead of refusing it. The dataset&apos;s splits table says how many were skipped.</source>
        <translation>导入文件时跳过格式错误的行（字段数不对的行、不是 JSON 对象的行、含有缺列行的 CoNLL 句子），而不是拒绝整个文件。数据集的划分表会显示跳过了多少行。</translation>
    </message>
    <message numerus="yes">
        <source>Every row of the file is malformed (%Ln row(s)): there is nothing to import.</source>
        <translation>
            <numerusform>文件的每一行都格式错误（共 %Ln 行）：没有可导入的内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped among the first rows; the first: %1</source>
        <translation>
            <numerusform>前几行中跳过了 %Ln 行；第一行：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… 另有 %Ln 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::ImportSplitBox</name>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>The whole file is the split</source>
        <translation>整个文件作为划分：</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Train, holding out for validation</source>
        <translation>训练集，并留出一部分作为验证集</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <source>The held-out share keeps each label&apos;s proportion (stratified).</source>
        <translation>留出的部分保持各标签的比例（分层抽样）。</translation>
    </message>
</context>
<context>
    <name>bw::gui::JobStatusWidget</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the background job</source>
        <translation>停止后台任务</translation>
    </message>
    <message>
        <source>%1: cancelling…</source>
        <translation>%1：正在取消…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>bw::gui::LabelDistributionPlot</name>
    <message>
        <source>tag</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>words</source>
        <translation>词数</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2 %）</translation>
    </message>
</context>
<context>
    <name>bw::gui::LabelNamesDialog</name>
    <message>
        <source>Label names of “%1”</source>
        <translation>“%1”的标签名称</translation>
    </message>
    <message>
        <source>Give the labels the names training, the views and exported models show (id2label). The label ids stay as they are.</source>
        <translation>为标签指定名称，训练、各视图和导出的模型（id2label）都会显示这些名称。标签编号保持不变。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>原标签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>bw::gui::LengthHistogram</name>
    <message>
        <source>kept whole</source>
        <translation>完整保留</translation>
    </message>
    <message>
        <source>truncated</source>
        <translation>被截断</translation>
    </message>
    <message>
        <source>tokens per example ([CLS] … [SEP])</source>
        <translation>每个样本的词元数（[CLS] … [SEP]）</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Drag to move max_length</source>
        <translation>拖动以调整 max_length</translation>
    </message>
    <message>
        <source>max_length %1</source>
        <translation>max_length %1</translation>
    </message>
    <message>
        <source>%1 to %2 tokens</source>
        <translation>%1 到 %2 个词元</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>max_length %1 →</source>
        <translation>max_length %1 →</translation>
    </message>
    <message>
        <source>rows per %1 tokens</source>
        <translation>每 %1 个词元的行数</translation>
    </message>
</context>
<context>
    <name>bw::gui::MainWindow</name>
    <message>
        <source>Bertwork workspace (*.sqlite *.db);;All files (*)</source>
        <translation>Bertwork 工作区 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Bertwork</source>
        <translation>关于 Bertwork(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>No workspace</source>
        <translation>无工作区</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>%1 — Bertwork</source>
        <translation>%1 — Bertwork</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>%1 could not be opened:

%2

The current workspace stays open.</source>
        <translation>无法打开 %1：

%2

当前工作区保持打开。</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>%1 already exists. Use File ▸ Open Workspace… to open it.</source>
        <translation>%1 已存在。请使用“文件 ▸ 打开工作区…”打开它。</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>%1 has no config.json: choose a Hugging Face model folder.</source>
        <translation>%1 中没有 config.json：请选择一个 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>About Bertwork</source>
        <translation>关于 Bertwork</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bertwork %1&lt;/h3&gt;&lt;p&gt;A workbench for building and fine-tuning BERT models on your own computer: import data, inspect the tokenizer, pretrain or fine-tune, compare runs, look at attention and export models that Hugging Face Transformers loads.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, QCustomPlot and SQLite.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bertwork %1&lt;/h3&gt;&lt;p&gt;在你自己的电脑上构建和微调 BERT 模型的工作台：导入数据、检查分词器、预训练或微调、比较训练记录、查看注意力，并导出 Hugging Face Transformers 可直接加载的模型。&lt;/p&gt;&lt;p&gt;基于 Qt %2、LibTorch、QCustomPlot 和 SQLite 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>%1 could not be loaded:

%2

No model is in use.</source>
        <translation>无法加载 %1：

%2

当前未使用任何模型。</translation>
    </message>
    <message>
        <source>%1 could not be loaded:

%2

%3 stays in use.</source>
        <translation>无法加载 %1：

%2

继续使用 %3。</translation>
    </message>
    <message>
        <source>Quit Bertwork</source>
        <translation>退出 Bertwork</translation>
    </message>
    <message>
        <source>%1 is still running.</source>
        <translation>%1 仍在运行。</translation>
    </message>
    <message>
        <source>Stop it and quit? A training run stops after its current step and saves a checkpoint: it can be resumed later from the Train page.</source>
        <translation>停止并退出吗？训练会在当前步结束后停止并保存检查点，之后可在“训练”页面继续。</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <source>Stopping %1; Bertwork quits when it has stopped.</source>
        <translation>正在停止 %1；停止后 Bertwork 将退出。</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>Devices on this machine:
%1</source>
        <translation>本机的设备：
%1</translation>
    </message>
    <message>
        <source>Choose &amp;Model…</source>
        <translation>选择模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>Choose Model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>The new language or theme applies fully when “%1” ends.</source>
        <translation>新的语言或主题将在“%1”结束后完全生效。</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Run the Model in &amp;Int8 (Faster, Approximate)</source>
        <translation>以 Int8 运行模型（更快，近似）(&amp;I)</translation>
    </message>
    <message>
        <source>The encoder&apos;s Linear layers dynamically quantized to int8: faster on the CPU, probabilities a little less exact</source>
        <translation>编码器的线性层动态量化为 int8：在 CPU 上更快，概率略欠精确</translation>
    </message>
    <message>
        <source>%1 · int8</source>
        <translation>%1 · int8</translation>
    </message>
    <message>
        <source>Train With Fewer &amp;Threads While Other Programs Are Busy</source>
        <translation>其他程序繁忙时以较少线程训练(&amp;T)</translation>
    </message>
    <message>
        <source>Every second, training measures how many cores other programs keep busy and leaves them those: a run beside a busy program keeps its speed instead of waiting for the busy core. A rerun is then not bit-identical. Applies to the next run.</source>
        <translation>训练每秒测量其他程序占用了多少个核心，并把这些核心留给它们：与繁忙程序并行的训练保持速度，而不必等待被占用的核心。此时重新运行的结果不再逐位相同。从下一次训练起生效。</translation>
    </message>
    <message>
        <source>%1
%2
Click to choose another model</source>
        <translation>%1
%2
点击以选择其他模型</translation>
    </message>
</context>
<context>
    <name>bw::gui::MaxLengthWizardPage</name>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Longer inputs are truncated to this many tokens. Time and memory grow with it: pick the shortest length that keeps most rows whole.</source>
        <translation>超过此词元数的输入会被截断。耗时和内存占用随之增长：请选择能让大多数行保持完整的最短长度。</translation>
    </message>
    <message>
        <source>max_seq_length:</source>
        <translation>max_seq_length：</translation>
    </message>
    <message>
        <source>Tokenizing the training data…</source>
        <translation>正在对训练数据进行分词…</translation>
    </message>
    <message>
        <source>The token lengths could not be computed: %1</source>
        <translation>无法计算词元长度：%1</translation>
    </message>
    <message>
        <source>truncates %1 of %2 training rows (%3 %); the model takes up to %4 tokens</source>
        <translation>%2 行训练数据中有 %1 行被截断（%3 %）；模型最多接受 %4 个词元</translation>
    </message>
    <message>
        <source>Tokens per row: min %1, median %2, 95th percentile %3, max %4.</source>
        <translation>每行词元数：最小 %1，中位数 %2，第 95 百分位 %3，最大 %4。</translation>
    </message>
    <message>
        <source>Pretraining packs consecutive sentences of a document into sequences of up to max length, so only sentences longer than it are cut.</source>
        <translation>预训练会把同一文档中的连续句子打包成不超过最大长度的序列，因此只有比最大长度更长的句子才会被截断。</translation>
    </message>
</context>
<context>
    <name>bw::gui::MetricChart</name>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>best checkpoint · step %1</source>
        <translation>最佳检查点 · 第 %1 步</translation>
    </message>
    <message>
        <source>%1: %2 (raw %3)</source>
        <translation>%1：%2（原始值 %3）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1:%2:%3 of training</source>
        <translation>训练 %1:%2:%3</translation>
    </message>
</context>
<context>
    <name>bw::gui::ModelName</name>
    <message>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>run %1 “%2” · %3</source>
        <translation>运行 %1“%2” · %3</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>bw::gui::ModelPage</name>
    <message>
        <source>No model is selected.
Choose a model folder with File ▸ Open Model…</source>
        <translation>尚未选择模型。
请通过“文件 ▸ 打开模型…”选择一个模型文件夹。</translation>
    </message>
    <message>
        <source>The model in %1 could not be loaded:

%2</source>
        <translation>无法加载 %1 中的模型：

%2</translation>
    </message>
    <message>
        <source>Loading the model in %1…</source>
        <translation>正在加载 %1 中的模型…</translation>
    </message>
</context>
<context>
    <name>bw::gui::ModelPickerDialog</name>
    <message>
        <source>Choose Model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Filter by run name, id, task or folder…</source>
        <translation>按运行名称、编号、任务或文件夹筛选…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Metric at the step</source>
        <translation>该步的指标</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Any Hugging Face model folder (config.json with its weights and tokenizer)</source>
        <translation>任意 Hugging Face 模型文件夹（含 config.json、权重和分词器）</translation>
    </message>
    <message>
        <source>Bundled: %1</source>
        <translation>内置：%1</translation>
    </message>
    <message>
        <source>The workspace&apos;s runs cannot be read: %1</source>
        <translation>无法读取工作区的运行：%1</translation>
    </message>
    <message>
        <source>Run %1 “%2” · %3</source>
        <translation>运行 %1“%2” · %3</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>checkpoint (%1)</source>
        <translation>检查点（%1）</translation>
    </message>
    <message>
        <source>The folder was deleted: this checkpoint can no longer be loaded</source>
        <translation>文件夹已被删除：此检查点无法再加载</translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <source>The best checkpoint&apos;s folder was deleted: this row opens the latest checkpoint left</source>
        <translation>最佳检查点的文件夹已被删除：此行打开剩下的最新检查点</translation>
    </message>
</context>
<context>
    <name>bw::gui::ParallelCoordinatesPlot</name>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source> (log)</source>
        <translation>（对数）</translation>
    </message>
</context>
<context>
    <name>bw::gui::PlaygroundPage</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>This model has no classification or masked-LM head, so there is nothing to try here yet: fine-tune it on the Train page.</source>
        <translation>该模型没有分类头或掩码语言模型头，这里暂时没有可试用的功能：请先在“训练”页面对它进行微调。</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>A charming and often affecting journey.</source>
        <translation>A charming and often affecting journey.</translation>
    </message>
    <message>
        <source>Optional: a second sentence, for sentence-pair models</source>
        <translation>可选：第二个句子，用于句对模型</translation>
    </message>
    <message>
        <source>Fill in the blank</source>
        <translation>完形填空</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>The cat sat on the %1.</source>
        <translation>The cat sat on the %1.</translation>
    </message>
    <message>
        <source>The model could not run: %1</source>
        <translation>模型无法运行：%1</translation>
    </message>
    <message>
        <source>Predicted value: %1</source>
        <translation>预测值：%1</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>One label per token:</source>
        <translation>每个词元一个标签：</translation>
    </message>
    <message>
        <source>No label is above 50%.</source>
        <translation>没有标签的概率超过 50%。</translation>
    </message>
    <message>
        <source>Prediction: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>预测：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The second sentence: this model reads pairs</source>
        <translation>第二个句子：此模型读取句对</translation>
    </message>
    <message>
        <source>#%1 “%2”</source>
        <translation>#%1“%2”</translation>
    </message>
    <message>
        <source>Run %1 trained this model on sentence pairs: with one sentence only, its prediction means little. Give the second sentence.</source>
        <translation>训练 %1 用句对训练了此模型：只给一个句子时，其预测意义不大。请输入第二个句子。</translation>
    </message>
    <message numerus="yes">
        <source>The text is longer than the model reads: the prediction is of its first %n token(s) only.</source>
        <translation>
            <numerusform>文本超出了模型能读取的长度：预测只针对其前 %n 个词元。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tag each token</source>
        <translation>为每个词元标注</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标注</translation>
    </message>
    <message numerus="yes">
        <source>The text is longer than the model reads: the masks are filled from its first %n token(s) only.</source>
        <translation>
            <numerusform>文本超出模型能读取的长度：仅根据其前 %n 个词元填充掩码。</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a text first: an empty one is [CLS] [SEP] alone, which the model would answer all the same.</source>
        <translation>请先输入文本：空文本只有 [CLS] [SEP]，模型同样会给出回答。</translation>
    </message>
    <message>
        <source>Text with it</source>
        <translation>填入后的文本</translation>
    </message>
    <message>
        <source>[MASK]</source>
        <translation>[MASK]</translation>
    </message>
    <message>
        <source>[MASK] %1 of %2</source>
        <translation>[MASK] 第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>Token %1 of the model&apos;s input, counting [CLS] as 0</source>
        <translation>模型输入中的第 %1 个词元（[CLS] 记为 0）</translation>
    </message>
</context>
<context>
    <name>bw::gui::PlotSaveMenu</name>
    <message>
        <source>Save plot as…</source>
        <translation>图表另存为…</translation>
    </message>
</context>
<context>
    <name>bw::gui::PreviewTableModel</name>
    <message>
        <source>column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>text pair</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>text, joined</source>
        <translation>文本，已合并</translation>
    </message>
    <message>
        <source>text pair, joined</source>
        <translation>第二段文本，已合并</translation>
    </message>
</context>
<context>
    <name>bw::gui::ProbabilityChart</name>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>bw::gui::ProbeView</name>
    <message>
        <source>&lt;b&gt;Probe&lt;/b&gt;: the model&apos;s guesses for [MASK] after each checkpoint</source>
        <translation>&lt;b&gt;探针&lt;/b&gt;：每个检查点之后模型对 [MASK] 的预测</translation>
    </message>
    <message>
        <source>The movie was [MASK], and I would watch it again.</source>
        <translation>The movie was [MASK], and I would watch it again.</translation>
    </message>
    <message>
        <source>The top guesses of the earlier checkpoints, newest first</source>
        <translation>之前各检查点概率最高的预测，最新的在前</translation>
    </message>
    <message>
        <source>Earlier checkpoints:</source>
        <translation>之前的检查点：</translation>
    </message>
    <message>
        <source>Loading step %1…</source>
        <translation>正在加载第 %1 步…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 (step %2)</source>
        <translation>%1（第 %2 步）</translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>bw::gui::RemoveSplitDialog</name>
    <message>
        <source>Remove split</source>
        <translation>移除划分</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1（%2 行）</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Return its %1 rows to train</source>
        <translation>将其 %1 行放回训练集</translation>
    </message>
    <message>
        <source>Delete its %1 rows from the dataset</source>
        <translation>从数据集中删除其 %1 行</translation>
    </message>
    <message>
        <source>The %1 rows of “%2” join its train rows: in the file&apos;s order when they came from the same file (a validation split held out of train), else after them. Train then has %3 rows. Runs keep their records.</source>
        <translation>“%2”的 %1 行并入其训练集：若来自同一文件（从训练集留出的验证集划分）则按文件顺序，否则排在其后。之后训练集共 %3 行。各运行保留其记录。</translation>
    </message>
    <message>
        <source>The %1 rows of “%2” leave the store; its other splits stay, and runs keep their records. Only importing the file again brings them back.</source>
        <translation>“%2”的 %1 行将从存储中移除；其他划分保留，各运行保留其记录。只有重新导入该文件才能找回它们。</translation>
    </message>
    <message>
        <source>Return to train</source>
        <translation>放回训练集</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>bw::gui::ReviewWizardPage</name>
    <message>
        <source>the bundled model (%1)</source>
        <translation>内置模型（%1）</translation>
    </message>
    <message>
        <source>new %1 model, vocabulary %2</source>
        <translation>新建 %1 模型，词表 %2</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>检查设置</translation>
    </message>
    <message>
        <source>The whole configuration, and the run&apos;s duration measured on a few real training steps.</source>
        <translation>完整配置，以及根据几个实际训练步测得的训练时长。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Model and data</source>
        <translation>模型与数据</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message numerus="yes">
        <source>Timing %n training step(s) on this model and data…</source>
        <translation>
            <numerusform>正在用此模型和数据对 %n 个训练步计时…</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine refuses this run: %1</source>
        <translation>训练引擎拒绝了此次训练：%1</translation>
    </message>
    <message>
        <source>%1 parameters · %2</source>
        <translation>参数量 %1 · %2</translation>
    </message>
    <message>
        <source>labels: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>not set: the seed</source>
        <translation>未设置：使用 seed</translation>
    </message>
    <message>
        <source>not set: the evaluation loss</source>
        <translation>未设置：使用评估损失</translation>
    </message>
    <message>
        <source>not set: from the metric</source>
        <translation>未设置：根据指标判断</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>TrainingArguments (in bold: different from Hugging Face&apos;s defaults)</source>
        <translation>TrainingArguments（粗体：与 Hugging Face 默认值不同）</translation>
    </message>
    <message>
        <source>Hugging Face&apos;s default: %1</source>
        <translation>Hugging Face 默认值：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;About %1 for the run&lt;/b&gt;: %2 steps (%3, %4 per epoch at %5 sequences/s)</source>
        <translation>&lt;b&gt;整个运行约需 %1&lt;/b&gt;：%2 步（%3，每轮 %4，每秒 %5 条序列）</translation>
    </message>
    <message numerus="yes">
        <source>, up to %n checkpoint(s) (%1)</source>
        <translation>
            <numerusform>，最多 %n 个检查点（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source> and %1 to load the data and the model.</source>
        <translation>，加载数据和模型 %1。</translation>
    </message>
    <message numerus="yes">
        <source>, %n evaluation(s) (%1, counting a last one of the model kept at the end)</source>
        <translation>
            <numerusform>，%n 次评估（%1，含最后对保留模型的一次）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::RowPlace</name>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Line %1 of the file (row %2 of the split)</source>
        <translation>文件第 %1 行（划分中的第 %2 行）</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunBrowser</name>
    <message>
        <source>#%1 %2 · %3</source>
        <translation>#%1 %2 · %3</translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation>尚无训练记录</translation>
    </message>
    <message>
        <source>%1 · %2 · from %3</source>
        <translation>%1 · %2 · 基于 %3</translation>
    </message>
    <message>
        <source>This run was interrupted; Resume continues it from its latest checkpoint.</source>
        <translation>此次训练已中断；点击“继续”将从最新的检查点接着训练。</translation>
    </message>
    <message>
        <source>This run was interrupted before its first checkpoint, so it cannot be resumed. Start again trains it anew with the same model, data and settings.</source>
        <translation>此次训练在第一个检查点之前就已中断，因此无法继续。点击“重新开始”将以相同的模型、数据和设置重新训练。</translation>
    </message>
    <message>
        <source>Cause: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>This run failed: %1</source>
        <translation>此次训练失败：%1</translation>
    </message>
    <message>
        <source>Resume continues it from its latest checkpoint.</source>
        <translation>点击“继续”将从最新的检查点接着训练。</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunCurvesPanel</name>
    <message>
        <source>Export curves…</source>
        <translation>导出曲线…</translation>
    </message>
    <message>
        <source>Every metric of the selected runs, one row per run, metric and step</source>
        <translation>所选训练的全部指标，每个训练、指标和步数各占一行</translation>
    </message>
    <message>
        <source>Save plot…</source>
        <translation>保存图表…</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>All metrics</source>
        <translation>全部指标</translation>
    </message>
    <message>
        <source>A small plot per metric, side by side, with the same smoothing and x axis</source>
        <translation>每个指标一幅小图，并排显示，平滑和横轴相同</translation>
    </message>
    <message>
        <source>The first %1 of %2 metrics; choose any one with “All metrics” unticked.</source>
        <translation>仅显示 %2 个指标中的前 %1 个；取消勾选“全部指标”后可任选其一。</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunCurvesPlot</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training time, stops left out (h:min:s)</source>
        <translation>训练时长，不含停止时间（时:分:秒）</translation>
    </message>
    <message>
        <source>Select runs in the table to see their curves.</source>
        <translation>在表格中选择训练记录以查看其曲线。</translation>
    </message>
    <message>
        <source>The selected runs have logged no metrics yet.</source>
        <translation>所选训练记录尚未记录任何指标。</translation>
    </message>
    <message>
        <source>The selected runs have no %1 points yet.</source>
        <translation>所选训练记录尚无 %1 的数据点。</translation>
    </message>
    <message>
        <source>training time, stops left out (min:s)</source>
        <translation>训练时长，不含停止时间（分:秒）</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunEvaluationsView</name>
    <message>
        <source>Select runs to compare their final evaluations.</source>
        <translation>选择训练记录以比较其最终评估结果。</translation>
    </message>
    <message>
        <source>No evaluation yet.</source>
        <translation>尚无评估结果。</translation>
    </message>
    <message>
        <source>Step %1 · epoch %2 · %3 split</source>
        <translation>第 %1 步 · 轮次 %2 · 划分：%3</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true label, columns: predicted)</source>
        <translation>混淆矩阵（行：真实标签，列：预测标签）</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>各类别</translation>
    </message>
    <message>
        <source>Per entity type</source>
        <translation>各实体类型</translation>
    </message>
    <message>
        <source>the best checkpoint, which the run loaded at its end (it evaluated up to step %1)</source>
        <translation>最佳检查点，运行结束时加载了它（评估进行到第 %1 步）</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunProgressRow</name>
    <message>
        <source>step %1 / %2 · epoch %3</source>
        <translation>第 %1 / %2 步 · 轮次 %3</translation>
    </message>
    <message>
        <source>%1 sequences/s</source>
        <translation>%1 序列/秒</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计剩余 %1</translation>
    </message>
    <message>
        <source>last logged step %1</source>
        <translation>最后记录于第 %1 步</translation>
    </message>
    <message>
        <source>ETA %1 · about %2 in all (%3 estimated before the start)</source>
        <translation>预计剩余 %1 · 总计约 %2（开始前估计 %3）</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunView</name>
    <message>
        <source>&lt;h3&gt;No run to show yet&lt;/h3&gt;&lt;p&gt;Start one with &lt;b&gt;New training run…&lt;/b&gt;: choose a model, a task and a dataset, and its curves draw here while it trains.&lt;/p&gt;&lt;p&gt;Runs started before (here or with bertwork-cli) are in the run list above.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;暂无可显示的训练&lt;/h3&gt;&lt;p&gt;点击&lt;b&gt;新建训练…&lt;/b&gt;开始训练：选择模型、任务和数据集，训练过程中的曲线会实时绘制在这里。&lt;/p&gt;&lt;p&gt;之前启动的训练（在此处或通过 bertwork-cli）都在上方的训练记录列表中。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunsPage</name>
    <message>
        <source>Filter runs: name, status, task, dataset, tags, notes…</source>
        <translation>筛选训练记录：名称、状态、任务、数据集、标记、备注…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Notes…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Configuration differences</source>
        <translation>配置差异</translation>
    </message>
    <message>
        <source>Final evaluations</source>
        <translation>最终评估</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Run notes</source>
        <translation>训练备注</translation>
    </message>
    <message>
        <source>Notes for %1:</source>
        <translation>%1 的备注：</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除训练记录</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with their curves and evaluations? Checkpoint files on disk stay.

%1</source>
        <translation>
            <numerusform>要删除这 %n 个训练记录及其曲线和评估结果吗？磁盘上的检查点文件会保留。

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出训练记录</translation>
    </message>
    <message>
        <source>Clone…</source>
        <translation>克隆…</translation>
    </message>
    <message>
        <source>Open the training wizard on this run&apos;s model, data and settings, to train it again with changes.</source>
        <translation>以此运行的模型、数据和设置打开训练向导，修改后再训练一次。</translation>
    </message>
    <message>
        <source>Errors…</source>
        <translation>错误分析…</translation>
    </message>
    <message>
        <source>Where this run&apos;s model goes wrong: its analyses on the Errors page.</source>
        <translation>此运行的模型错在哪里：在错误分析页查看它的分析。</translation>
    </message>
    <message>
        <source>HParams</source>
        <translation>超参数</translation>
    </message>
</context>
<context>
    <name>bw::gui::RunsTableModel</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>(from scratch)</source>
        <translation>（从头训练）</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Best metric</source>
        <translation>最佳指标</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1（已删除）</translation>
    </message>
    <message>
        <source>under 0.1 s</source>
        <translation>不到 0.1 秒</translation>
    </message>
    <message>
        <source>%1 (text file)</source>
        <translation>%1（文本文件）</translation>
    </message>
</context>
<context>
    <name>bw::gui::SettingsWizardPage</name>
    <message>
        <source>Training settings</source>
        <translation>训练设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Run name:</source>
        <translation>训练名称：</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Hugging Face&apos;s TrainingArguments, by its names. A few defaults differ from its own (the review shows them in bold). Basic shows what most runs change.</source>
        <translation>使用 Hugging Face TrainingArguments 的名称。少数默认值与其不同（复核页以粗体显示）。“基本”只显示大多数训练会修改的设置。</translation>
    </message>
</context>
<context>
    <name>bw::gui::SmoothingSlider</name>
    <message>
        <source>Exponential moving average of the train curves, as TensorBoard&apos;s smoothing; the raw curve stays faint behind.</source>
        <translation>对训练曲线做指数移动平均（EMA），与 TensorBoard 的平滑方式相同；原始曲线以淡色显示在后面。</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
</context>
<context>
    <name>bw::gui::StoreConnection</name>
    <message>
        <source>No experiment store is open.</source>
        <translation>尚未打开工作区。</translation>
    </message>
</context>
<context>
    <name>bw::gui::TaskWizardPage</name>
    <message>
        <source>Task and data</source>
        <translation>任务与数据</translation>
    </message>
    <message>
        <source>What the model learns, and from which examples.</source>
        <translation>模型学习什么，以及从哪些样本中学习。</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <source>one class per example</source>
        <translation>每个样本一个类别</translation>
    </message>
    <message>
        <source>several classes per example (multi-label)</source>
        <translation>每个样本多个类别（多标签）</translation>
    </message>
    <message>
        <source>a number (regression)</source>
        <translation>一个数值（回归）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>A dataset of the workspace:</source>
        <translation>工作区中的数据集：</translation>
    </message>
    <message>
        <source>A plain-text corpus file:</source>
        <translation>纯文本语料文件：</translation>
    </message>
    <message>
        <source>one sentence per line, a blank line between documents</source>
        <translation>每行一个句子，文档之间空一行</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The workspace has no dataset yet: import one on the Data page.</source>
        <translation>工作区中还没有数据集：请在“数据”页面导入。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1, … (%2 in all)</source>
        <translation>%1，…（共 %2 个）</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Splits</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Labels (%1)</source>
        <translation>标签（%1）</translation>
    </message>
    <message>
        <source>Text pairs</source>
        <translation>文本对</translation>
    </message>
    <message>
        <source>yes: two texts per row</source>
        <translation>是：每行两段文本</translation>
    </message>
    <message>
        <source>no: one text per row</source>
        <translation>否：每行一段文本</translation>
    </message>
    <message>
        <source>Hold out validation rows…</source>
        <translation>留出验证行…</translation>
    </message>
    <message>
        <source>Move a share of the train rows into a validation split, so that the run can be evaluated and its best checkpoint chosen</source>
        <translation>把训练集的一部分行移入验证集，以便评估本次运行并选出最佳检查点</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %Ln row(s))</source>
        <translation>
            <numerusform>%1（%2，%Ln 行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TokenChip</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>bw::gui::TokenChipView</name>
    <message>
        <source>“%1”: id %2, type id %3</source>
        <translation>“%1”：ID %2，类型 ID %3</translation>
    </message>
    <message>
        <source>Added by the tokenizer</source>
        <translation>由分词器添加</translation>
    </message>
    <message>
        <source>second</source>
        <translation>第二段</translation>
    </message>
    <message>
        <source>first</source>
        <translation>第一段</translation>
    </message>
    <message>
        <source>Character %1 of the %2 text</source>
        <translation>%2文本的第 %1 个字符</translation>
    </message>
    <message>
        <source>Characters %1–%2 of the %3 text</source>
        <translation>%3文本的第 %1–%2 个字符</translation>
    </message>
    <message>
        <source>%1, word %2</source>
        <translation>%1，第 %2 个词</translation>
    </message>
    <message>
        <source>In the text: “%1”, which the vocabulary cannot spell</source>
        <translation>原文：“%1”，词表无法拼出它</translation>
    </message>
</context>
<context>
    <name>bw::gui::TokenizerAuditView</name>
    <message>
        <source>Word that became [UNK]</source>
        <translation>变成 [UNK] 的词</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Every word is in the vocabulary: no word became [UNK].</source>
        <translation>所有词都在词表中：没有词变成 [UNK]。</translation>
    </message>
    <message>
        <source>[UNK] pieces:</source>
        <translation>[UNK] 子词：</translation>
    </message>
    <message>
        <source>Pieces per word:</source>
        <translation>每词子词数：</translation>
    </message>
    <message>
        <source>%1 % (%2 of %3 pieces)</source>
        <translation>%1 %（%3 个子词中的 %2 个）</translation>
    </message>
    <message>
        <source>%1 (%2 words)</source>
        <translation>%1（%2 个词）</translation>
    </message>
</context>
<context>
    <name>bw::gui::TokenizerPage</name>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Type a sentence</source>
        <translation>输入一个句子</translation>
    </message>
    <message>
        <source>Bertwork splits unfamiliar words like “tokenization” into WordPiece units.</source>
        <translation>Bertwork splits unfamiliar words like “tokenization” into WordPiece units.</translation>
    </message>
    <message>
        <source>Optional: a second sentence, for sentence-pair tasks</source>
        <translation>可选：第二个句子，用于句对任务</translation>
    </message>
    <message>
        <source>Longer inputs are truncated to this many tokens, [CLS] and [SEP] included</source>
        <translation>超过此词元数（含 [CLS] 和 [SEP]）的输入会被截断</translation>
    </message>
    <message>
        <source>Longest first</source>
        <translation>优先截断较长的文本</translation>
    </message>
    <message>
        <source>Only the first text</source>
        <translation>只截断第一段文本</translation>
    </message>
    <message>
        <source>Only the second text</source>
        <translation>只截断第二段文本</translation>
    </message>
    <message>
        <source>Truncation:</source>
        <translation>截断方式：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Second text:</source>
        <translation>第二段文本：</translation>
    </message>
    <message>
        <source>Max length:</source>
        <translation>最大长度：</translation>
    </message>
    <message>
        <source>first text</source>
        <translation>第一段文本</translation>
    </message>
    <message>
        <source>second text</source>
        <translation>第二段文本</translation>
    </message>
    <message>
        <source>added by the tokenizer</source>
        <translation>由分词器添加</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知词元</translation>
    </message>
    <message>
        <source>Each chip shows its id · type id. A line joins the pieces of one word.</source>
        <translation>每个方块显示 ID · 类型 ID。同一个词的各个子词由下方的横线连接。</translation>
    </message>
    <message>
        <source>Truncated: %1 of %2 tokens kept.</source>
        <translation>已截断：保留了 %2 个词元中的 %1 个。</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s), nothing truncated.</source>
        <translation>
            <numerusform>共 %n 个词元，未截断。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not truncated: %1</source>
        <translation>未截断：%1</translation>
    </message>
    <message>
        <source>Train a vocabulary…</source>
        <translation>训练词表…</translation>
    </message>
    <message>
        <source>Use the model&apos;s tokenizer</source>
        <translation>使用模型的分词器</translation>
    </message>
    <message>
        <source>Could not load the tokenizer in %1: %2</source>
        <translation>无法加载 %1 中的分词器：%2</translation>
    </message>
    <message>
        <source>No tokenizer: open a model or train a vocabulary.</source>
        <translation>没有分词器：请打开模型或训练词表。</translation>
    </message>
    <message>
        <source>Trained vocabulary in %1 · %2 tokens</source>
        <translation>%1 中训练的词表 · %2 个词元</translation>
    </message>
    <message>
        <source>The model&apos;s tokenizer (%1) · %2 tokens</source>
        <translation>模型的分词器（%1）· %2 个词元</translation>
    </message>
    <message>
        <source>Learn a WordPiece vocabulary from your own text files or a dataset of the workspace</source>
        <translation>从您自己的文本文件或工作区的数据集学习 WordPiece 词表</translation>
    </message>
    <message>
        <source>Open a vocabulary…</source>
        <translation>打开词表…</translation>
    </message>
    <message>
        <source>Look at a tokenizer folder (vocab.txt, tokenizer.json) instead of the model&apos;s tokenizer</source>
        <translation>查看一个分词器文件夹（vocab.txt、tokenizer.json），而不是模型的分词器</translation>
    </message>
    <message>
        <source>Open a vocabulary</source>
        <translation>打开词表</translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainPage</name>
    <message>
        <source>New training run…</source>
        <translation>新建训练…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step; a checkpoint is saved, and Resume continues from it.</source>
        <translation>在当前步结束后停止；会保存一个检查点，“继续”将从该检查点接着训练。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue this stopped or interrupted run from its latest checkpoint.</source>
        <translation>从最新的检查点继续这次已停止或已中断的训练。</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>训练记录：</translation>
    </message>
    <message>
        <source>A run is training already: stop it, or wait for it to end.</source>
        <translation>已有训练正在进行：请先停止它，或等待其结束。</translation>
    </message>
    <message>
        <source>Open or create a workspace first (File menu).</source>
        <translation>请先打开或创建工作区（“文件”菜单）。</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Train this run&apos;s model, data and settings again, as a new run.</source>
        <translation>以相同的模型、数据和设置重新训练，作为一次新的训练。</translation>
    </message>
    <message>
        <source>Run #%1 cannot be started again: %2</source>
        <translation>训练 #%1 无法重新开始：%2</translation>
    </message>
    <message>
        <source>Clone…</source>
        <translation>克隆…</translation>
    </message>
    <message>
        <source>Open the wizard on this run&apos;s model, data and settings, to train it again with changes.</source>
        <translation>以此运行的模型、数据和设置打开向导，修改后再训练一次。</translation>
    </message>
    <message>
        <source>There is no run #%1 in this workspace.</source>
        <translation>此工作区中没有运行 #%1。</translation>
    </message>
    <message>
        <source>Run #%1 cannot be cloned: %2</source>
        <translation>无法克隆运行 #%1：%2</translation>
    </message>
    <message>
        <source>Run #%1 cannot be resumed: only a stopped, interrupted or failed run with a checkpoint can.</source>
        <translation>训练 #%1 无法继续：只有已停止、已中断或失败且有检查点的训练才能继续。</translation>
    </message>
    <message>
        <source>Find errors…</source>
        <translation>查找错误…</translation>
    </message>
    <message>
        <source>Where this run&apos;s model goes wrong: its predictions on the validation split, on the Errors page.</source>
        <translation>此运行的模型错在哪里：在错误分析页查看它在验证集上的预测。</translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainVocabularyDialog</name>
    <message>
        <source>Train a vocabulary</source>
        <translation>训练词表</translation>
    </message>
    <message>
        <source>A folder for vocab.txt, tokenizer.json and their settings</source>
        <translation>存放 vocab.txt、tokenizer.json 及其设置的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save in:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>The training failed; nothing was written.
%1</source>
        <translation>训练失败，未写入任何文件。
%1</translation>
    </message>
    <message>
        <source>The training was cancelled; nothing was written.</source>
        <translation>训练已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Text to learn from</source>
        <translation>用于学习的文本</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Entries in vocab.txt, special tokens included (BERT&apos;s: 30,522)</source>
        <translation>vocab.txt 的条目数，含特殊词元（BERT 的为 30,522）</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Two pieces are joined only when they occur side by side at least this often</source>
        <translation>两个词片至少相邻出现这么多次才会合并</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Keep only the most frequent characters; rarer ones become [UNK]. Chinese or Japanese text needs a higher limit, or none.</source>
        <translation>只保留最常见的字符，更少见的变为 [UNK]。中文或日文文本需要更高的上限，或不设上限。</translation>
    </message>
    <message>
        <source>Lower-case</source>
        <translation>转为小写</translation>
    </message>
    <message>
        <source>Strip accents</source>
        <translation>去除重音符号</translation>
    </message>
    <message>
        <source>The first ids, in this order, separated by spaces; [UNK], [CLS] and [SEP] are needed</source>
        <translation>最前面的 ID，按此顺序，以空格分隔；必须包含 [UNK]、[CLS] 和 [SEP]</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Join pairs seen at least:</source>
        <translation>合并出现至少：</translation>
    </message>
    <message>
        <source>Alphabet limit:</source>
        <translation>字母表上限：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <source>Special tokens:</source>
        <translation>特殊词元：</translation>
    </message>
    <message>
        <source>Save the tokenizer in</source>
        <translation>将分词器保存到</translation>
    </message>
    <message>
        <source>Add the text files to learn from.</source>
        <translation>请添加用于学习的文本文件。</translation>
    </message>
    <message>
        <source>Choose a folder for the tokenizer files.</source>
        <translation>请为分词器文件选择一个文件夹。</translation>
    </message>
    <message>
        <source>%1 holds a model (config.json): a new vocabulary would no longer match its weights. Choose another folder.</source>
        <translation>%1 中有一个模型（config.json）：新词表将不再与其权重匹配。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>Reading the text…</source>
        <translation>正在读取文本…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Learnt %1 tokens from %2 words (%3 MB) in %4 s; saved in %5.</source>
        <translation>用 %4 秒从 %2 个词（%3 MB）学到 %1 个词元；已保存到 %5。</translation>
    </message>
    <message>
        <source>The more text, the better the pieces: BERT&apos;s own vocabulary came from billions of words. Learn it from the text the model will be pretrained on.</source>
        <translation>文本越多，子词越好：BERT 自己的词表来自数十亿个词。请用模型将要预训练的文本来学习。</translation>
    </message>
    <message>
        <source>Text files, one text per line:</source>
        <translation>文本文件，每行一段文本：</translation>
    </message>
    <message>
        <source>A dataset of this workspace:</source>
        <translation>本工作区的数据集：</translation>
    </message>
    <message>
        <source>Choose the dataset to learn from.</source>
        <translation>请选择用于学习的数据集。</translation>
    </message>
    <message>
        <source>é becomes e, as in BERT&apos;s uncased vocabularies. It follows Lower-case unless you change it afterwards, as --no-lower-case and --strip-accents do.</source>
        <translation>é 变为 e，与 BERT 的 uncased 词表相同。除非之后单独更改，它会跟随“转为小写”，与 --no-lower-case 和 --strip-accents 一致。</translation>
    </message>
    <message>
        <source>%1: each line is read whole, with its delimiters, keys and labels. To learn from the texts alone, import the file on the Data page and choose it as a dataset here.</source>
        <translation>%1：每一行会被整行读取，包括其中的分隔符、键和标签。若只想从文本中学习，请在“数据”页导入该文件，然后在此处将其作为数据集选择。</translation>
    </message>
    <message>
        <source>Text files (*.txt *.text *.raw *.tokens);;All files (*)</source>
        <translation>文本文件 (*.txt *.text *.raw *.tokens);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln row(s))</source>
        <translation>
            <numerusform>%1（%Ln 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace vocabulary?</source>
        <translation>替换词表？</translation>
    </message>
    <message>
        <source>%1 already holds a tokenizer (%2). Training writes a new one over it. Replace it?</source>
        <translation>%1 中已有一个分词器（%2）。训练会用新的分词器覆盖它。要替换吗？</translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainingArgumentsForm</name>
    <message>
        <source>Basic</source>
        <translation>基本</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Essentials</source>
        <translation>基本参数</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Warmup ratio</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Steps and schedule</source>
        <translation>步数与调度</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>off: epochs decide</source>
        <translation>关闭：由训练轮数决定</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>0: use the ratio</source>
        <translation>0：使用预热比例</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Gradient accumulation</source>
        <translation>梯度累积</translation>
    </message>
    <message>
        <source>Gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Logging steps</source>
        <translation>日志间隔步数</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>Evaluation and checkpoints</source>
        <translation>评估与检查点</translation>
    </message>
    <message>
        <source>Evaluation batch size</source>
        <translation>评估批大小</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估策略</translation>
    </message>
    <message>
        <source>Evaluation steps</source>
        <translation>评估间隔步数</translation>
    </message>
    <message>
        <source>Save every</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>Save steps</source>
        <translation>保存间隔步数</translation>
    </message>
    <message>
        <source>Checkpoints kept</source>
        <translation>保留检查点数</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Load the best model at the end</source>
        <translation>训练结束时加载最佳模型</translation>
    </message>
    <message>
        <source>Early stopping patience</source>
        <translation>早停耐心值</translation>
    </message>
    <message>
        <source>Early stopping threshold</source>
        <translation>早停阈值</translation>
    </message>
    <message>
        <source>Batches and loss</source>
        <translation>批次与损失</translation>
    </message>
    <message>
        <source>Group by length</source>
        <translation>按长度分组</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Masking probability</source>
        <translation>掩码概率</translation>
    </message>
    <message>
        <source>Whole-word masking</source>
        <translation>全词掩码</translation>
    </message>
    <message>
        <source>Short sequence probability</source>
        <translation>短序列概率</translation>
    </message>
    <message>
        <source>Next-sentence probability</source>
        <translation>下一句概率</translation>
    </message>
    <message>
        <source>Best model by</source>
        <translation>最佳模型依据</translation>
    </message>
    <message>
        <source>from the metric</source>
        <translation>根据指标判断</translation>
    </message>
    <message>
        <source>higher is better</source>
        <translation>越高越好</translation>
    </message>
    <message>
        <source>lower is better</source>
        <translation>越低越好</translation>
    </message>
    <message>
        <source>Better is</source>
        <translation>优化方向</translation>
    </message>
    <message>
        <source>%1 is not a number: write it as 0.00005 or 5e-5.</source>
        <translation>%1 不是数字：请写成 0.00005 或 5e-5 的形式。</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Hugging Face&apos;s default: %1</source>
        <translation>Hugging Face 默认值：%1</translation>
    </message>
    <message>
        <source>Bertwork&apos;s own: Hugging Face&apos;s TrainingArguments has no %1.</source>
        <translation>Bertwork 自有设置：Hugging Face 的 TrainingArguments 中没有 %1。</translation>
    </message>
    <message>
        <source>Passes over the training data (a fraction stops part way through the last one); max_steps overrides it.</source>
        <translation>遍历训练数据的轮数（小数表示在最后一轮中途停止）；max_steps 会覆盖此设置。</translation>
    </message>
    <message>
        <source>Training examples per batch.</source>
        <translation>每批的训练样本数。</translation>
    </message>
    <message>
        <source>AdamW&apos;s peak learning rate: the schedule warms up to it, then moves as lr_scheduler_type says.</source>
        <translation>AdamW 的峰值学习率：学习率先预热到此值，再按 lr_scheduler_type 指定的方式变化。</translation>
    </message>
    <message>
        <source>Share of the training steps that warm the learning rate up from 0 (when warmup_steps is 0).</source>
        <translation>训练步数中用于将学习率从 0 开始预热的比例（warmup_steps 为 0 时生效）。</translation>
    </message>
    <message>
        <source>AdamW&apos;s decoupled weight decay (1e-4 to 0.01 is common).</source>
        <translation>AdamW 的解耦权重衰减（常用值为 1e-4 到 0.01）。</translation>
    </message>
    <message>
        <source>Seeds the new weights and dropout, and the batch order and masks unless data_seed is set.</source>
        <translation>新初始化权重和 dropout 的随机种子；未设置 data_seed 时，也用于批次顺序和掩码。</translation>
    </message>
    <message>
        <source>Train this many optimizer steps, whatever num_train_epochs says.</source>
        <translation>训练指定数量的优化器步，不论 num_train_epochs 如何设置。</translation>
    </message>
    <message>
        <source>Steps that warm the learning rate up from 0; 0 uses warmup_ratio (transformers 5 reads a value below 1 as the ratio).</source>
        <translation>将学习率从 0 开始预热的步数；为 0 时使用 warmup_ratio（transformers 5 会把小于 1 的值视为比例）。</translation>
    </message>
    <message>
        <source>Batches whose gradients add up to one optimizer step: a batch that many times larger in the memory of one.</source>
        <translation>累加梯度构成一个优化器步的批次数：只占一个批次的内存，效果相当于批次大了这么多倍。</translation>
    </message>
    <message>
        <source>Scales the gradients down to this global norm before each step (0: no clipping).</source>
        <translation>每步之前将梯度按比例缩小到此全局范数（0：不裁剪）。</translation>
    </message>
    <message>
        <source>Steps between the points of the training loss and learning rate curves.</source>
        <translation>训练损失曲线和学习率曲线上相邻两点之间的步数。</translation>
    </message>
    <message>
        <source>AdamW&apos;s decay of the gradients&apos; running mean.</source>
        <translation>AdamW 中梯度滑动平均的衰减率。</translation>
    </message>
    <message>
        <source>AdamW&apos;s decay of the squared gradients&apos; running mean.</source>
        <translation>AdamW 中梯度平方滑动平均的衰减率。</translation>
    </message>
    <message>
        <source>Added to AdamW&apos;s denominator, for numerical stability.</source>
        <translation>加到 AdamW 的分母上，以保证数值稳定。</translation>
    </message>
    <message>
        <source>Validation examples per batch.</source>
        <translation>每批的验证样本数。</translation>
    </message>
    <message>
        <source>When the validation split is evaluated: never, every eval_steps steps, or after each epoch.</source>
        <translation>何时在验证集上进行评估：从不、每 eval_steps 步，或每轮结束后。</translation>
    </message>
    <message>
        <source>Steps between evaluations.</source>
        <translation>两次评估之间的步数。</translation>
    </message>
    <message>
        <source>When a checkpoint is saved: never, every save_steps steps, or after each epoch.</source>
        <translation>何时保存检查点：从不、每 save_steps 步，或每轮结束后。</translation>
    </message>
    <message>
        <source>Steps between checkpoints.</source>
        <translation>两次保存检查点之间的步数。</translation>
    </message>
    <message>
        <source>Checkpoints kept besides the best one, the oldest deleted first (0 or less: all).</source>
        <translation>除最佳检查点外保留的检查点数，最早的先删除（0 或更小：全部保留）。</translation>
    </message>
    <message>
        <source>The evaluation metric that picks the best checkpoint, with or without eval_ (empty: the evaluation loss).</source>
        <translation>用于选出最佳检查点的评估指标，可带或不带 eval_ 前缀（留空：使用评估损失）。</translation>
    </message>
    <message>
        <source>Whether a higher metric_for_best_model is better (unset: not for a loss, an error (mse, mae) or perplexity, else yes).</source>
        <translation>metric_for_best_model 是否越高越好（未设置：损失、误差（mse、mae）和困惑度为否，其他指标为是）。</translation>
    </message>
    <message>
        <source>The run ends with its best checkpoint&apos;s weights rather than its last ones.</source>
        <translation>训练结束时使用最佳检查点的权重，而不是最后的权重。</translation>
    </message>
    <message>
        <source>Stop after this many evaluations without a better best metric (Hugging Face&apos;s EarlyStoppingCallback).</source>
        <translation>连续这么多次评估最佳指标都没有提升时停止训练（Hugging Face 的 EarlyStoppingCallback）。</translation>
    </message>
    <message>
        <source>How much the metric must beat the best one by to count as better.</source>
        <translation>指标须比当前最佳值至少好多少才算作提升。</translation>
    </message>
    <message>
        <source>Batches of examples of similar length, each padded only to its longest: faster.</source>
        <translation>将长度相近的样本组成批次，每批只填充到其中最长的样本：速度更快。</translation>
    </message>
    <message>
        <source>Share of each target&apos;s probability the loss spreads over the other labels.</source>
        <translation>损失函数把每个目标标签的概率分摊给其他标签的比例。</translation>
    </message>
    <message>
        <source>balanced: the loss weighs each label by its inverse frequency in the train split.</source>
        <translation>balanced：损失函数按各标签在训练集中频率的倒数为其加权。</translation>
    </message>
    <message>
        <source>Share of the tokens masked for the model to predict (the data collator&apos;s).</source>
        <translation>被掩码、供模型预测的词元所占比例（data collator 的参数）。</translation>
    </message>
    <message>
        <source>Masks all the pieces of a word together.</source>
        <translation>将一个词的所有子词一起掩码。</translation>
    </message>
    <message>
        <source>Chance that a pretraining pair is cut shorter than max_seq_length, as BERT&apos;s pretraining data was.</source>
        <translation>预训练句对被截得比 max_seq_length 更短的概率，与 BERT 预训练数据的做法相同。</translation>
    </message>
    <message>
        <source>Chance that a pair&apos;s second part comes from another document (next-sentence prediction&apos;s negatives).</source>
        <translation>句对的第二部分取自另一文档的概率（下一句预测的负样本）。</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Tokens per input; longer inputs are truncated.</source>
        <translation>每个输入的词元数；更长的输入会被截断。</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据随机种子</translation>
    </message>
    <message>
        <source>Seeds the batch order, masks and next-sentence pairs (unset: seed).</source>
        <translation>批次顺序、掩码和下一句句对的随机种子（未设置：使用 seed）。</translation>
    </message>
    <message>
        <source>auto (here: %1)</source>
        <translation>自动（本机：%1）</translation>
    </message>
    <message>
        <source>%1 (not on this machine)</source>
        <translation>%1（本机没有）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where the model trains: auto (the first GPU where there is one, else the CPU), cpu, cuda or cuda:N.</source>
        <translation>模型在哪里训练：auto（有 GPU 时用第一块 GPU，否则用 CPU）、cpu、cuda 或 cuda:N。</translation>
    </message>
    <message>
        <source>Use the CPU</source>
        <translation>使用 CPU</translation>
    </message>
    <message>
        <source>Train on the CPU even where a GPU is found.</source>
        <translation>即使找到 GPU 也在 CPU 上训练。</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>Mixed precision: matrix products in bfloat16, weights and optimizer state in float32.</source>
        <translation>混合精度：矩阵乘法用 bfloat16，权重和优化器状态保持 float32。</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>Mixed precision in float16 with dynamic loss scaling (a step whose gradients overflow is skipped and the scale lowered); weights and optimizer state stay float32.</source>
        <translation>float16 混合精度，带动态损失缩放（梯度溢出的一步会被跳过并降低缩放系数）；权重和优化器状态保持 float32。</translation>
    </message>
    <message>
        <source>Data-parallel backend</source>
        <translation>数据并行后端</translation>
    </message>
    <message>
        <source>The collective library of a multi-process run: gloo or nccl (empty: gloo on the CPU, nccl on CUDA).</source>
        <translation>多进程训练使用的集合通信库：gloo 或 nccl（留空：CPU 上用 gloo，CUDA 上用 nccl）。</translation>
    </message>
    <message>
        <source>Device and precision</source>
        <translation>设备与精度</translation>
    </message>
    <message>
        <source>off (e.g. 45m, 8h)</source>
        <translation>关闭（例如 45m、8h）</translation>
    </message>
    <message>
        <source>The learning rate after the warmup: linear or cosine decay to 0, or constant (constant itself has no warmup); one_cycle rises to the peak half way (or where the warmup ends) and falls to 0, as the budget pretraining recipes train.</source>
        <translation>预热后的学习率：线性或余弦衰减到 0，或保持不变（constant 本身没有预热）；one_cycle 在一半处（或预热结束处）升到峰值再降到 0，低预算预训练方案即如此训练。</translation>
    </message>
    <message>
        <source>Time budget</source>
        <translation>时间预算</translation>
    </message>
    <message>
        <source>Wall-clock budget such as 8h, 45m or 1h30m: training stops when it is spent (or at the epochs or max_steps, if sooner), and the schedule follows the clock.</source>
        <translation>挂钟时间预算，如 8h、45m 或 1h30m：用完即停止训练（若轮数或 max_steps 先到则更早），学习率调度随时间推进。</translation>
    </message>
    <message>
        <source>Budget checkpoints</source>
        <translation>预算检查点</translation>
    </message>
    <message>
        <source>With a time budget: checkpoints (and evaluations, unless evaluation_strategy is no) at each 1/N of it, the last when it is spent.</source>
        <translation>设有时间预算时：在每 1/N 预算处保存检查点（并评估，除非 evaluation_strategy 为 no），最后一个在预算用完时。</translation>
    </message>
    <message>
        <source>Sequence packing</source>
        <translation>序列打包</translation>
    </message>
    <message>
        <source>Lays short windows of text end to end in one row instead of padding each: attention and positions stay within each window, so the model learns the same, with less padding to compute.</source>
        <translation>把较短的文本窗口首尾相接放进一行，而不是逐个填充：注意力和位置都限于各自窗口内，模型学到的相同，需计算的填充更少。</translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainingCharts</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to fit, right-click to save a plot.</source>
        <translation>拖动平移、滚轮缩放，双击恢复全图，右键保存图表。</translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainingController</name>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>Preparing “%1”: tokenizing the data, building the model…</source>
        <translation>正在准备“%1”：对数据进行分词，构建模型…</translation>
    </message>
    <message>
        <source>Training “%1”</source>
        <translation>正在训练“%1”</translation>
    </message>
    <message>
        <source>Stopping “%1” after this step and saving a checkpoint…</source>
        <translation>将在本步结束后停止“%1”并保存检查点…</translation>
    </message>
    <message>
        <source>Training #%1 “%2”</source>
        <translation>正在训练 #%1“%2”</translation>
    </message>
    <message>
        <source>step %1 of %2, %3 left</source>
        <translation>第 %1 / %2 步，剩余 %3</translation>
    </message>
    <message>
        <source>Run #%1 stopped at step %2; Resume continues it.</source>
        <translation>训练 #%1 已在第 %2 步停止；点击“继续”可接着训练。</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n new weight(s) initialised (%1)</source>
        <translation>
            <numerusform>新初始化了 %n 个权重（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n checkpoint weight(s) unused (%1)</source>
        <translation>
            <numerusform>检查点中有 %n 个权重未使用（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n weight(s) of another shape</source>
        <translation>
            <numerusform>%n 个权重形状不同</numerusform>
        </translation>
    </message>
    <message>
        <source>base model: %1</source>
        <translation>基础模型：%1</translation>
    </message>
    <message>
        <source>every weight loaded</source>
        <translation>所有权重均已加载</translation>
    </message>
    <message>
        <source>Run #%1 completed: %2.</source>
        <translation>训练 #%1 已完成：%2。</translation>
    </message>
    <message>
        <source>completed: %1.</source>
        <translation>已完成：%1。</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) in %1</source>
        <translation>
            <numerusform>共 %n 步，用时 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>共 %n 步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::TrainingWizard</name>
    <message>
        <source>New training run</source>
        <translation>新建训练</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
</context>
<context>
    <name>bw::gui::VocabularyModel</name>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>bw::gui::VocabularyPanel</name>
    <message>
        <source>Token, ##piece, prefix or id</source>
        <translation>词元、##子词、前缀或 ID</translation>
    </message>
    <message>
        <source>“%1” has id %2.</source>
        <translation>“%1”的 ID 是 %2。</translation>
    </message>
    <message>
        <source>“%1” is not in the vocabulary.</source>
        <translation>“%1”不在词表中。</translation>
    </message>
    <message>
        <source>Id %1 is “%2”.</source>
        <translation>ID %1 对应“%2”。</translation>
    </message>
    <message>
        <source>Id %1 is outside the vocabulary (0 to %2).</source>
        <translation>ID %1 超出词表范围（0 到 %2）。</translation>
    </message>
    <message>
        <source>“%1” is not in the vocabulary, “%2” has id %3.</source>
        <translation>“%1”不在词表中，“%2”的 ID 是 %3。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tokens in the vocabulary.</source>
        <translation>
            <numerusform>词表中共有 %Ln 个词元。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s) start with “%1”.</source>
        <translation>
            <numerusform>有 %Ln 个词元以“%1”开头。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s) start with “%1”, searched as “%2”.</source>
        <translation>
            <numerusform>%Ln 个词元以“%1”开头（按“%2”搜索）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::VocabularyTrainingJob</name>
    <message>
        <source>Counting words: %1 of %2 MB</source>
        <translation>统计词频：%1 / %2 MB</translation>
    </message>
    <message>
        <source>Learning word pieces: %1 of %2 tokens</source>
        <translation>学习词片：%1 / %2 个词元</translation>
    </message>
    <message>
        <source>Counting words: %1 of %2 rows</source>
        <translation>统计词数：第 %1 行，共 %2 行</translation>
    </message>
    <message>
        <source>%1 of the %2 tokens asked for: no other pair of pieces occurs %3 times or more in this text (the minimum pair count). More text, or a lower minimum, gives more.</source>
        <translation>得到 %1 个词元（要求 %2 个）：这段文本中没有其他片段对出现 %3 次或以上（最小片段对次数）。更多的文本或更低的最小次数可以得到更多词元。</translation>
    </message>
    <message>
        <source>The alphabet limit of %1 left out %2 of the text&apos;s %3 characters, %4% of the characters it holds: they read as [UNK]. Chinese or Japanese text needs a higher limit, or none (0).</source>
        <translation>字母表上限 %1 舍弃了文本 %3 个字符中的 %2 个，占文本字符总数的 %4%：它们会被读作 [UNK]。中文或日文文本需要更高的上限，或不设上限（0）。</translation>
    </message>
</context>
<context>
    <name>bw::gui::Workspace</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
</TS>
