// Small builders for the settings dialog's form fields, so every spin box and
// combo box gets its range, object name (what the tests look it up by) and
// tooltip the same way.
#pragma once

#include <QComboBox>
#include <QSpinBox>
#include <QString>
#include <QVariant>
#include <utility>
#include <vector>

#include "ui/settings/settings_limits.h"

namespace frontseat::ui {

// A spin box over `range`; `special_text` is shown instead of the minimum
// when that value means something ("All cores", "A third").
QSpinBox* makeSpinBox(IntRange range, const QString& object_name, const QString& tool_tip,
                      const QString& special_text = {});

// A combo box of (label, value) items.
QComboBox* makeComboBox(const std::vector<std::pair<QString, QVariant>>& items, const QString& object_name,
                        const QString& tool_tip);

// Selects the item whose value is `value`; the first item when none is.
void selectValue(QComboBox* combo, const QVariant& value);

}  // namespace frontseat::ui
