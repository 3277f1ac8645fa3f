#include "ui/document/document_structure.h"

#include <algorithm>

namespace frontseat::ui {
namespace {

// Number of items whose start (`start_of(item)`) is at or before `byte_offset`;
// the items are in text order.
template <typename Item, typename StartOf>
int countStartingAtOrBefore(const std::vector<Item>& items, int64_t byte_offset, StartOf start_of) {
  const auto after = std::partition_point(items.begin(), items.end(), [&](const Item& item) {
    return static_cast<int64_t>(start_of(item)) <= byte_offset;
  });
  return static_cast<int>(after - items.begin());
}

}  // namespace

int pageIndexAt(const std::vector<DocumentPage>& pages, int64_t byte_offset) {
  if (pages.empty()) return -1;
  const int count = countStartingAtOrBefore(pages, byte_offset, [](const DocumentPage& p) { return p.begin; });
  return std::max(0, count - 1);
}

int headingIndexAt(const std::vector<DocumentHeading>& headings, int64_t byte_offset) {
  return countStartingAtOrBefore(headings, byte_offset, [](const DocumentHeading& h) { return h.offset; }) - 1;
}

}  // namespace frontseat::ui
