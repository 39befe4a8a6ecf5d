<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Show PAGE first: data, tokenizer, train, runs, attention or playground.</source>
        <translation>启动时显示页面 PAGE：data、tokenizer、train、runs、attention 或 playground。</translation>
    </message>
    <message>
        <source>PAGE</source>
        <translation>PAGE</translation>
    </message>
    <message>
        <source>Save a picture of every page in DIR and quit.</source>
        <translation>将每个页面的截图保存到 DIR 后退出。</translation>
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
        <translation>两个模型对这段文本的切分结果不同，因此无法逐格比较它们的注意力</translation>
    </message>
    <message>
        <source>Cannot show this view: %1</source>
        <translation>无法显示此视图：%1</translation>
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
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
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
        <translation>关于 &amp;Qt</translation>
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
        <source>The language changes when Bertwork starts next.</source>
        <translation>语言将在 Bertwork 下次启动时更改。</translation>
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
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
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
        <source>Mask at token %1</source>
        <translation>第 %1 个词元处的掩码</translation>
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
        <source>Characters %1–%2 of the %3 text, word %4</source>
        <translation>%3文本的第 %1–%2 个字符，第 %4 个词</translation>
    </message>
    <message>
        <source>second</source>
        <translation>第二段</translation>
    </message>
    <message>
        <source>first</source>
        <translation>第一段</translation>
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
        <translation>超出此长度的输入会被截断（包括 [CLS] 和 [SEP]）</translation>
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
    <message numerus="yes">
        <source>%n tokens in the vocabulary.</source>
        <translation>
            <numerusform>词表中共有 %n 个词元。</numerusform>
        </translation>
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
    <message numerus="yes">
        <source>%n token(s) start with “%1”.</source>
        <translation>
            <numerusform>有 %n 个词元以“%1”开头。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bw::gui::Workspace</name>
    <message>
        <source>No model is selected.</source>
        <translation>尚未选择模型。</translation>
    </message>
</context>
</TS>
