#!/usr/bin/env python3
"""Parity fixtures from Hugging Face transformers (../shared/GPU.md item 1).

Builds small random T5 models with transformers, saves them in the Hugging Face
folder layout, and saves inputs and the outputs transformers computes, so the C++
parity test (tests/engine/golden_parity_test.cpp) can check that Frontseat computes
the same thing. Run it wherever transformers is installed (no network needed):

    python3 tests/golden/make_t5_golden.py tests/golden/fixtures

Each case is a folder: model/ (config.json, model.safetensors) and io.safetensors
with float32 tensors (token ids stored as float32; they are small integers):
  input_ids (n), encoder_hidden (n, d_model), decoder_input_ids (t),
  decoder_logits (t, vocab), greedy_ids (k), beam_ids (k2).
"""
import os
import sys

import torch
from safetensors.torch import save_file
from transformers import T5Config, T5ForConditionalGeneration

CASES = {
    # T5 v1.0 style: ReLU FFN, tied embeddings (decoder output scaled by d_model**-0.5).
    "t5v1_relu_tied": dict(feed_forward_proj="relu", tie_word_embeddings=True),
    # T5 v1.1 style: gated-GELU FFN, decoder output not scaled. transformers 4
    # gives it an untied lm_head; transformers 5 (which wrote the committed
    # fixtures) ties the head anyway and writes scale_decoder_outputs false.
    "t5v11_gated_unscaled": dict(feed_forward_proj="gated-gelu", tie_word_embeddings=False),
}


def make_case(name, extra, out_dir, seed):
    torch.manual_seed(seed)
    config = T5Config(vocab_size=160, d_model=64, d_kv=16, d_ff=128, num_layers=3,
                      num_decoder_layers=2, num_heads=4, relative_attention_num_buckets=32,
                      relative_attention_max_distance=128, dropout_rate=0.0,
                      decoder_start_token_id=0, pad_token_id=0, eos_token_id=1, **extra)
    model = T5ForConditionalGeneration(config).eval().float()
    case_dir = os.path.join(out_dir, name)
    model.save_pretrained(os.path.join(case_dir, "model"), safe_serialization=True)

    # Long enough (300 tokens) to reach the logarithmic position buckets.
    input_ids = torch.randint(2, config.vocab_size, (1, 300))
    input_ids[0, -1] = config.eos_token_id
    decoder_input_ids = torch.cat([torch.tensor([[0]]), torch.randint(2, config.vocab_size, (1, 11))], dim=1)
    with torch.no_grad():
        enc = model.encoder(input_ids=input_ids).last_hidden_state
        logits = model(input_ids=input_ids, decoder_input_ids=decoder_input_ids).logits
        greedy = model.generate(input_ids, max_new_tokens=12, num_beams=1, do_sample=False)
        beam = model.generate(input_ids, max_new_tokens=12, num_beams=3, do_sample=False,
                              length_penalty=1.0, early_stopping=False)
    tensors = {
        "input_ids": input_ids[0].float(),
        "encoder_hidden": enc[0].float().contiguous(),
        "decoder_input_ids": decoder_input_ids[0].float(),
        "decoder_logits": logits[0].float().contiguous(),
        "greedy_ids": greedy[0, 1:].float(),  # without the decoder start token
        "beam_ids": beam[0, 1:].float(),
    }
    save_file(tensors, os.path.join(case_dir, "io.safetensors"))
    print(f"{name}: greedy {greedy[0, 1:].tolist()} beam {beam[0, 1:].tolist()}")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "fixtures")
    os.makedirs(out_dir, exist_ok=True)
    for seed, (name, extra) in enumerate(CASES.items()):
        make_case(name, extra, out_dir, seed)


if __name__ == "__main__":
    main()
