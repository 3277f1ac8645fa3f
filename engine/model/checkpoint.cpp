// T5 weights <-> Hugging Face checkpoint folders (config.json + safetensors).
#include <sstream>

#include "engine/core/errors.h"
#include "engine/model/safetensors.h"
#include "engine/model/t5_model.h"

namespace frontseat {

namespace {

std::string shapeText(c10::IntArrayRef shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << ']';
  return out.str();
}

torch::ScalarType torchType(DType dtype) {
  switch (dtype) {
    case DType::F32: return torch::kFloat32;
    case DType::F16: return torch::kHalf;
    case DType::BF16: return torch::kBFloat16;
  }
  return torch::kFloat32;
}

DType fileType(torch::ScalarType type) {
  switch (type) {
    case torch::kFloat32: return DType::F32;
    case torch::kHalf: return DType::F16;
    case torch::kBFloat16: return DType::BF16;
    default: throw CheckpointError("cannot save tensors of type " + std::string(c10::toString(type)));
  }
}

void visitAttention(const std::string& prefix, T5Attention& a, const T5Config& c, const WeightVisitor& visit) {
  const int64_t inner = c.num_heads * c.d_kv;
  visit(prefix + ".q.weight", a.q, {inner, c.d_model});
  visit(prefix + ".k.weight", a.k, {inner, c.d_model});
  visit(prefix + ".v.weight", a.v, {inner, c.d_model});
  visit(prefix + ".o.weight", a.o, {c.d_model, inner});
}

void visitFeedForward(const std::string& prefix, T5FeedForward& f, const T5Config& c, const WeightVisitor& visit) {
  if (c.gated_ffn) {
    visit(prefix + ".wi_0.weight", f.wi_0, {c.d_ff, c.d_model});
    visit(prefix + ".wi_1.weight", f.wi_1, {c.d_ff, c.d_model});
  } else {
    visit(prefix + ".wi.weight", f.wi, {c.d_ff, c.d_model});
  }
  visit(prefix + ".wo.weight", f.wo, {c.d_model, c.d_ff});
}

}  // namespace

void forEachWeight(T5Weights& w, const WeightVisitor& visit) {
  const auto& c = w.config;
  w.encoder.resize(c.num_layers);
  w.decoder.resize(c.num_decoder_layers);
  visit("shared.weight", w.shared, {c.vocab_size, c.d_model});
  const std::vector<int64_t> norm{c.d_model};
  const std::vector<int64_t> bias{c.relative_attention_num_buckets, c.num_heads};
  for (int64_t i = 0; i < c.num_layers; ++i) {
    const std::string p = "encoder.block." + std::to_string(i) + ".layer.";
    auto& l = w.encoder[i];
    visitAttention(p + "0.SelfAttention", l.attn, c, visit);
    if (i == 0) visit(p + "0.SelfAttention.relative_attention_bias.weight", w.encoder_rel_bias, bias);
    visit(p + "0.layer_norm.weight", l.attn_norm, norm);
    visitFeedForward(p + "1.DenseReluDense", l.ff, c, visit);
    visit(p + "1.layer_norm.weight", l.ff_norm, norm);
  }
  visit("encoder.final_layer_norm.weight", w.encoder_final_norm, norm);
  for (int64_t i = 0; i < c.num_decoder_layers; ++i) {
    const std::string p = "decoder.block." + std::to_string(i) + ".layer.";
    auto& l = w.decoder[i];
    visitAttention(p + "0.SelfAttention", l.self_attn, c, visit);
    if (i == 0) visit(p + "0.SelfAttention.relative_attention_bias.weight", w.decoder_rel_bias, bias);
    visit(p + "0.layer_norm.weight", l.self_norm, norm);
    visitAttention(p + "1.EncDecAttention", l.cross_attn, c, visit);
    visit(p + "1.layer_norm.weight", l.cross_norm, norm);
    visitFeedForward(p + "2.DenseReluDense", l.ff, c, visit);
    visit(p + "2.layer_norm.weight", l.ff_norm, norm);
  }
  visit("decoder.final_layer_norm.weight", w.decoder_final_norm, norm);
  if (!c.tie_word_embeddings) visit("lm_head.weight", w.lm_head, {c.vocab_size, c.d_model});
}

std::vector<std::pair<std::string, torch::Tensor>> T5Weights::named() const {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  forEachWeight(const_cast<T5Weights&>(*this),  // visits without modifying
                [&](const std::string& name, torch::Tensor& slot, const std::vector<int64_t>&) {
                  out.emplace_back(name, slot);
                });
  return out;
}

T5Weights loadT5Weights(const T5Config& config, std::shared_ptr<const SafetensorsCheckpoint> files,
                        torch::Device device, torch::ScalarType dtype) {
  const auto& checkpoint = *files;
  T5Weights w;
  w.config = config;
  // The weights decide whether the head is its own matrix, as in transformers 5,
  // which writes tie_word_embeddings true even for Flan-T5's untied head.
  // The scaling is the config's, fixed before the tie changes what it defaults to.
  w.config.scale_decoder_outputs = config.scalesDecoderOutputs();
  w.config.tie_word_embeddings = checkpoint.find("lm_head.weight") == nullptr;
  w.storage = files;
  auto find = [&](const std::string& name) -> const TensorView* {
    if (const auto* t = checkpoint.find(name)) return t;
    // Checkpoints may carry only a tied copy of the embedding.
    if (name == "shared.weight") {
      for (const char* alt : {"encoder.embed_tokens.weight", "decoder.embed_tokens.weight"}) {
        if (const auto* t = checkpoint.find(alt)) return t;
      }
    }
    return nullptr;
  };
  forEachWeight(w, [&](const std::string& name, torch::Tensor& slot, const std::vector<int64_t>& shape) {
    const TensorView* view = find(name);
    if (!view) {
      throw CheckpointError("model weights: tensor '" + name + "' is missing (config.json: " +
                            config.summary() + ")");
    }
    if (view->shape != shape) {
      throw CheckpointError(checkpoint.describe(view->name) + " has shape " + shapeText(view->shape) +
                            ", but config.json implies " + shapeText(shape));
    }
    // Zero-copy view of the mapped file; the copy below happens only when the
    // device or dtype differs. Weights are never written in place.
    auto mapped = torch::from_blob(const_cast<std::byte*>(view->data), view->shape,
                                   torch::TensorOptions().dtype(torchType(view->dtype)));
    const bool alias = device.is_cpu() && mapped.scalar_type() == dtype && view->aligned();
    slot = alias ? mapped : mapped.to(device, dtype, /*non_blocking=*/false, /*copy=*/true);
  });
  if (w.config.tie_word_embeddings) w.lm_head = w.shared;
  return w;
}

void saveT5Weights(const T5Weights& weights, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  std::vector<torch::Tensor> keep;  // owns the CPU copies while they are written
  std::vector<TensorToWrite> tensors;
  for (auto& [name, tensor] : weights.named()) {
    auto cpu = tensor.to(torch::kCPU).contiguous();
    if (cpu.scalar_type() != torch::kFloat32 && cpu.scalar_type() != torch::kBFloat16 &&
        cpu.scalar_type() != torch::kHalf) {
      cpu = cpu.to(torch::kFloat32);
    }
    keep.push_back(cpu);
    tensors.push_back({name, fileType(cpu.scalar_type()), cpu.sizes().vec(), cpu.data_ptr(),
                       static_cast<size_t>(cpu.numel()) * cpu.element_size()});
  }
  writeSafetensors(dir / "model.safetensors", tensors, {{"format", "pt"}});
  weights.config.save(dir / "config.json");
}

}  // namespace frontseat
