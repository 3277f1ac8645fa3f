#include "ui/settings/attention_editor.h"

#include <QFormLayout>

#include "ui/settings/app_settings.h"
#include "ui/settings/form_fields.h"
#include "ui/settings/settings_limits.h"

namespace frontseat::ui {

namespace {

QComboBox* makeLevelsCombo() {
  // A combo rather than a spin box: 1 is not a valid level count.
  std::vector<std::pair<QString, QVariant>> items{{AttentionEditor::tr("By input length"), limits::kLevelsByLength},
                                                  {AttentionEditor::tr("2 (tokens and blocks)"), limits::kLevels.min}};
  for (int levels = limits::kLevels.min + 1; levels <= limits::kLevels.max; ++levels) {
    items.emplace_back(QString::number(levels), levels);
  }
  return makeComboBox(items, QStringLiteral("levelsCombo"),
                      AttentionEditor::tr("Resolutions including single tokens: each level above 2 merges "
                                          "blocks into parents of 'fanout' blocks, so long inputs compress "
                                          "further."));
}

}  // namespace

AttentionEditor::AttentionEditor(AttentionMode mode, const QString& preset, const VccOptions& custom, QWidget* parent)
    : QWidget(parent), custom_(custom) {
  mode_ = makeComboBox({{tr("Automatic (VCC for long inputs)"), QStringLiteral("auto")},
                        {tr("Full attention"), QStringLiteral("full")},
                        {tr("VCC compression"), QStringLiteral("vcc")}},
                       QStringLiteral("attentionCombo"),
                       tr("Full attention reads every token in every layer; VCC compresses the document "
                          "around the question so long inputs stay fast."));
  preset_ = makeComboBox({{tr("Fast"), QStringLiteral("fast")},
                          {tr("Balanced"), QStringLiteral("balanced")},
                          {tr("Accurate"), QStringLiteral("accurate")},
                          {tr("Custom"), QStringLiteral("custom")}},
                         QStringLiteral("vccPresetCombo"),
                         tr("Fast reads 40 blocks at full resolution; Balanced a share that grows with "
                            "the document's length; Accurate 800 blocks and twice the VIP tokens, the "
                            "closest to full attention; Custom lets you set every parameter."));
  num_vip_ = makeSpinBox(limits::kNumVip, QStringLiteral("numVipSpin"),
                         tr("Tokens kept at full resolution in every layer: the question and task "
                            "prefix, padded with the document's first tokens."));
  block_size_ = makeSpinBox(limits::kBlockSize, QStringLiteral("blockSizeSpin"),
                            tr("Tokens per finest block; a block that is not refined is read as the mean "
                               "of its tokens."));
  num_fine_blocks_ = makeSpinBox(limits::kNumFineBlocks, QStringLiteral("numFineBlocksSpin"),
                                 tr("Blocks ranked most relevant to the question and read token by token "
                                    "in each compressed layer; more is slower but closer to full attention. "
                                    "By input length: two fifths of the document's blocks, 90 to 400."),
                                 tr("By input length"));
  num_local_layers_ = makeSpinBox(limits::kNumLocalLayers, QStringLiteral("numLocalLayersSpin"),
                                  tr("Leading encoder layers that run on separate segments before "
                                     "compression starts; the minimum uses a third of the encoder."),
                                  tr("A third of the layers"));
  segment_size_ = makeSpinBox(limits::kSegmentSize, QStringLiteral("segmentSizeSpin"),
                              tr("Tokens per segment in the local layers; each segment attends only to "
                                 "itself."));
  levels_ = makeLevelsCombo();
  fanout_ = makeSpinBox(limits::kFanout, QStringLiteral("fanoutSpin"),
                        tr("Blocks merged into one parent block at each coarser level."));
  segment_size_->setSingleStep(64);
  num_fine_blocks_->setSingleStep(10);

  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->addRow(tr("Attention:"), mode_);
  form->addRow(tr("VCC preset:"), preset_);
  form->addRow(tr("VIP tokens:"), num_vip_);
  form->addRow(tr("Block size:"), block_size_);
  form->addRow(tr("Fine blocks:"), num_fine_blocks_);
  form->addRow(tr("Local layers:"), num_local_layers_);
  form->addRow(tr("Segment size:"), segment_size_);
  form->addRow(tr("Levels:"), levels_);
  form->addRow(tr("Fanout:"), fanout_);

  selectValue(mode_, QString::fromStdString(attentionModeName(mode)));
  selectValue(preset_, preset);
  onPresetChanged();
  connect(preset_, &QComboBox::currentIndexChanged, this, &AttentionEditor::onPresetChanged);
  connect(mode_, &QComboBox::currentIndexChanged, this, &AttentionEditor::updateEnabled);
}

AttentionMode AttentionEditor::mode() const {
  return parseAttentionMode(mode_->currentData().toString().toStdString());
}

QString AttentionEditor::preset() const { return preset_->currentData().toString(); }

VccOptions AttentionEditor::customOptions() const { return showing_custom_ ? shownOptions() : custom_; }

void AttentionEditor::onPresetChanged() {
  if (showing_custom_) custom_ = shownOptions();
  showing_custom_ = preset() == QLatin1String("custom");
  showOptions(vccPresetOptions(preset(), custom_));
  updateEnabled();
}

// The preset and its parameters mean nothing under full attention.
void AttentionEditor::updateEnabled() {
  const bool vcc_possible = mode() != AttentionMode::Full;
  preset_->setEnabled(vcc_possible);
  for (QWidget* field : std::initializer_list<QWidget*>{num_vip_, block_size_, num_fine_blocks_, num_local_layers_,
                                                        segment_size_, levels_, fanout_}) {
    field->setEnabled(vcc_possible && showing_custom_);
  }
}

void AttentionEditor::showOptions(const VccOptions& options) {
  num_vip_->setValue(options.num_vip);
  block_size_->setValue(options.block_size);
  num_fine_blocks_->setValue(options.num_fine_blocks);
  num_local_layers_->setValue(options.num_local_layers);
  segment_size_->setValue(options.segment_size);
  selectValue(levels_, options.levels);
  fanout_->setValue(options.fanout);
}

VccOptions AttentionEditor::shownOptions() const {
  VccOptions options;
  options.num_vip = num_vip_->value();
  options.block_size = block_size_->value();
  options.num_fine_blocks = num_fine_blocks_->value();
  options.num_local_layers = num_local_layers_->value();
  options.segment_size = segment_size_->value();
  options.levels = levels_->currentData().toInt();
  options.fanout = fanout_->value();
  return options;
}

}  // namespace frontseat::ui
