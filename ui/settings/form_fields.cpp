#include "ui/settings/form_fields.h"

#include <algorithm>

namespace frontseat::ui {

QSpinBox* makeSpinBox(IntRange range, const QString& object_name, const QString& tool_tip,
                      const QString& special_text) {
  auto* spin = new QSpinBox;
  spin->setRange(range.min, range.max);
  spin->setObjectName(object_name);
  spin->setToolTip(tool_tip);
  spin->setSpecialValueText(special_text);
  spin->setAccelerated(true);
  return spin;
}

QComboBox* makeComboBox(const std::vector<std::pair<QString, QVariant>>& items, const QString& object_name,
                        const QString& tool_tip) {
  auto* combo = new QComboBox;
  for (const auto& [label, value] : items) combo->addItem(label, value);
  combo->setObjectName(object_name);
  combo->setToolTip(tool_tip);
  return combo;
}

void selectValue(QComboBox* combo, const QVariant& value) {
  combo->setCurrentIndex(std::max(0, combo->findData(value)));
}

}  // namespace frontseat::ui
