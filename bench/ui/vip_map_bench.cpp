#include "bench/ui/vip_map_bench.h"

#include <QApplication>
#include <QPixmap>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <vector>

#include "engine/vcc/vcc_trace.h"
#include "ui/vipmap/vip_map_renderer.h"
#include "ui/vipmap/vip_map_widget.h"

namespace frontseat::bench {
namespace {

constexpr double kTargetMs = 50;
constexpr int64_t kVip = 48, kBlock = 16, kFanout = 4, kFineBlocks = 90;

// Template and question tokens first (the VIP tokens), then the document, then EOS.
std::shared_ptr<VccTrace> syntheticTrace(int64_t tokens, int layers) {
  std::mt19937 random(7);
  auto trace = std::make_shared<VccTrace>();
  trace->attention = "vcc";
  trace->tokens = tokens;
  trace->num_vip = kVip;
  trace->block_size = kBlock;
  trace->fanout = kFanout;
  trace->levels = 2;
  trace->num_fine_blocks = kFineBlocks;
  trace->num_local_layers = layers / 3;
  for (int64_t t = 0; t < tokens; ++t) {
    const bool document = t >= kVip && t < tokens - 1;
    trace->roles.push_back(t < 3      ? TokenRole::Template
                           : t < kVip ? TokenRole::Question
                           : document ? TokenRole::Document
                                      : TokenRole::End);
    trace->spans.push_back(document ? TokenSpanRange{(t - kVip) * 5, (t - kVip) * 5 + 4} : TokenSpanRange{});
  }
  std::uniform_real_distribution<float> score(0.0f, 1.0f);
  for (int layer = 0; layer < layers; ++layer) {
    if (layer < trace->num_local_layers) {
      trace->layers.push_back(denseLayerTrace("local", tokens));
      continue;
    }
    LayerTrace vcc{"vcc", std::vector<uint8_t>(tokens, kResolutionVip), std::vector<float>(tokens, 0.0f)};
    auto paint = [&](int64_t first, int64_t count, uint8_t code, float value) {
      const int64_t last = std::min(tokens, first + count);
      if (first >= last) return;
      std::fill(vcc.resolution.begin() + first, vcc.resolution.begin() + last, code);
      std::fill(vcc.score.begin() + first, vcc.score.begin() + last, value);
    };
    // A quarter of the level-2 blocks refined into level-1 blocks, each with its own score.
    for (int64_t first = kVip; first < tokens; first += kBlock * kFanout) {
      if (random() % 4 == 0) {
        for (int64_t sub = first; sub < first + kBlock * kFanout; sub += kBlock) {
          paint(sub, kBlock, coarseResolution(1), 0.002f * score(random));
        }
      } else {
        paint(first, kBlock * kFanout, coarseResolution(2), 0.001f * score(random));
      }
    }
    for (int64_t i = 0; i < kFineBlocks; ++i) {
      const int64_t block = static_cast<int64_t>(random() % static_cast<uint32_t>((tokens - kVip) / kBlock));
      paint(kVip + block * kBlock, kBlock, kResolutionFine, 0.004f + 0.01f * score(random));
    }
    trace->layers.push_back(std::move(vcc));
  }
  return trace;
}

struct Timing {
  double median_ms, max_ms;
};

Timing timeRepeats(int repeats, const std::function<void(int)>& redraw) {
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    redraw(i);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

void printRow(const char* what, int64_t tokens, int layers, int width, const Timing& timing) {
  std::printf("%-9s %8lld %7d %6d %10.2f %8.2f %10.0f\n", what, static_cast<long long>(tokens), layers, width,
              timing.median_ms, timing.max_ms, kTargetMs);
}

}  // namespace

int runVipMapBench(int64_t tokens, int layers, int width, int repeats) {
  if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
    std::fprintf(stderr, "vipmap bench: needs a QApplication (QT_QPA_PLATFORM=offscreen will do)\n");
    return 2;
  }
  tokens = std::max<int64_t>(tokens, kVip + kBlock * kFanout);
  layers = std::max(layers, 1);
  width = std::max(width, 1);
  repeats = std::max(repeats, 1);
  const std::shared_ptr<const VccTrace> trace = syntheticTrace(tokens, layers);

  const ui::VipMapRenderer renderer(trace);
  const ui::VipMapBands bands;
  const Timing bands_only = timeRepeats(repeats, [&](int) { renderer.render(renderer.allTokens(), width, bands); });

  // The widget, sized so its bands are `width` pixels wide; alternating views
  // of the whole trace defeat its image cache, so every grab redraws everything.
  ui::VipMapWidget widget;
  widget.setAttribute(Qt::WA_DontShowOnScreen);
  widget.setTrace(trace, nullptr);
  widget.resize(width + 120, widget.sizeHint().height());
  widget.show();
  widget.resize(width + (widget.width() - widget.bandsRect().width()), widget.height());
  const Timing whole_widget = timeRepeats(repeats, [&](int i) {
    widget.showTokens({0, tokens - i % 2});
    widget.grab();
  });

  std::printf("%-9s %8s %7s %6s %10s %8s %10s\n", "redraw", "tokens", "layers", "width", "median_ms", "max_ms",
              "target_ms");
  printRow("bands", tokens, layers, width, bands_only);
  printRow("widget", tokens, layers, widget.bandsRect().width(), whole_widget);
  return 0;
}

}  // namespace frontseat::bench
