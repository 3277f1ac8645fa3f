// The accepted range of every numeric setting. AppSettings::load falls back to
// the default for a stored value outside its range, and the settings dialog
// uses the same ranges for its spin boxes, so the two can never disagree.
#pragma once

namespace frontseat::ui {

struct IntRange {
  int min, max;
  bool contains(int value) const { return value >= min && value <= max; }
};

namespace limits {

inline constexpr IntRange kThreads{0, 256};  // 0 = every core
inline constexpr IntRange kMaxNewTokens{1, 2048};
inline constexpr IntRange kNumBeams{1, 16};       // 1 = greedy
inline constexpr IntRange kNoRepeatNgram{0, 16};  // 0 = off
inline constexpr double kMaxLengthPenalty = 4.0;  // accepted: [-kMax, kMax]

inline constexpr IntRange kNumVip{1, 4096};
inline constexpr IntRange kBlockSize{2, 256};
inline constexpr IntRange kNumFineBlocks{0, 8192};  // 0 = by input length
inline constexpr IntRange kNumLocalLayers{-1, 64};  // -1 = a third of the encoder
inline constexpr IntRange kSegmentSize{16, 16384};
// 0 = chosen by input length, otherwise 2..8 (resolveVcc rejects 1).
inline constexpr int kLevelsByLength = 0;
inline constexpr IntRange kLevels{2, 8};
inline constexpr IntRange kFanout{2, 16};

inline bool validLevels(int levels) { return levels == kLevelsByLength || kLevels.contains(levels); }

}  // namespace limits
}  // namespace frontseat::ui
