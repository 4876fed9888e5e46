"""Which operator overloads do torchvision/torchaudio models use that tjit's registry lacks?

Scripts (torch.jit.script) and, where it works, traces (torch.jit.trace) each model below with
PyTorch 1.13 (random weights, eval mode), inlines the graphs, and collects every node's schema
(`node.schema()`) or, for nodes without one (most prim:: ops), its kind. Those are compared with
tjit's registry: the file SUPPORTED (one schema per line, as `tjit::supported_ops()` prints them;
`bazel run //tests/runtime:print_supported_ops > supported.txt`).

Usage: /usr/bin/python3 tests/runtime/missing_ops.py SUPPORTED [--quick] [--cache FILE]
(--cache: keep the collected schemas in FILE as JSON and reuse them on the next run.)
Prints, per missing schema, the models that use it. Not a test: a report for people.
"""

import json
import os
import re
import sys
import warnings

import torch

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

IMG = (1, 3, 224, 224)

# Node kinds without a schema that tjit's interpreter runs itself (runtime/detail/interpreter_impl.hpp).
INTERPRETER_KINDS = {
    "prim::CallFunction", "prim::CallMethod", "prim::Constant", "prim::CreateObject",
    "prim::DictConstruct", "prim::Enter", "prim::Exit", "prim::GetAttr", "prim::If",
    "prim::ListConstruct", "prim::ListUnpack", "prim::Loop", "prim::Param", "prim::Print",
    "prim::RaiseException", "prim::Return", "prim::SetAttr", "prim::TupleConstruct",
    "prim::TupleIndex", "prim::TupleSlice", "prim::TupleUnpack", "prim::Uninitialized",
    "prim::fork", "prim::isinstance", "prim::unchecked_cast",
}


def vision_models(quick):
    import torchvision.models as tm
    names = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "squeezenet1_1", "shufflenet_v2_x0_5",
             "efficientnet_b0", "densenet121", "convnext_tiny", "vit_b_16"]
    if not quick:
        names += ["alexnet", "vgg11", "googlenet", "inception_v3", "mnasnet0_5", "regnet_x_400mf",
                  "resnext50_32x4d", "efficientnet_v2_s", "swin_t", "maxvit_t"]
    for n in names:
        kw = {"aux_logits": False, "init_weights": False} if n in ("googlenet", "inception_v3") else {}
        shape = (1, 3, 299, 299) if n == "inception_v3" else IMG
        yield "torchvision." + n, lambda n=n, kw=kw: tm.get_model(n, weights=None, **kw), (torch.randn(shape),)
    if not quick:
        yield ("torchvision.lraspp_mobilenet_v3_large",
               lambda: tm.get_model("lraspp_mobilenet_v3_large", weights=None, weights_backbone=None),
               (torch.randn(IMG),))
        yield ("torchvision.r3d_18", lambda: tm.get_model("r3d_18", weights=None),
               (torch.randn(1, 3, 4, 56, 56),))


def audio_models(quick):
    import torchaudio.models as am
    wav = torch.randn(1, 16000)
    yield "torchaudio.Wav2Letter", lambda: am.Wav2Letter(num_classes=10, input_type="waveform"), (torch.randn(1, 1, 8000),)
    yield "torchaudio.DeepSpeech", lambda: am.DeepSpeech(n_feature=40, n_class=10), (torch.randn(1, 1, 50, 40),)
    yield ("torchaudio.ConvTasNet", lambda: am.ConvTasNet(num_sources=2, enc_num_feats=64, msk_num_feats=32,
                                                          msk_num_hidden_feats=64, msk_num_layers=2, msk_num_stacks=1),
           (torch.randn(1, 1, 4000),))
    yield ("torchaudio.wav2vec2", lambda: am.wav2vec2_model(
        extractor_mode="group_norm", extractor_conv_layer_config=None, extractor_conv_bias=False,
        encoder_embed_dim=64, encoder_projection_dropout=0.0, encoder_pos_conv_kernel=16,
        encoder_pos_conv_groups=4, encoder_num_layers=2, encoder_num_heads=4,
        encoder_attention_dropout=0.0, encoder_ff_interm_features=128,
        encoder_ff_interm_dropout=0.0, encoder_dropout=0.0, encoder_layer_norm_first=False,
        encoder_layer_drop=0.0, aux_num_out=10), (wav,))
    if not quick:
        yield ("torchaudio.Conformer", lambda: am.Conformer(input_dim=32, num_heads=4, ffn_dim=64, num_layers=2,
                                                           depthwise_conv_kernel_size=7),
               (torch.randn(2, 20, 32), torch.tensor([20, 15])))
        yield ("torchaudio.Emformer", lambda: am.Emformer(input_dim=32, num_heads=4, ffn_dim=64, num_layers=2,
                                                         segment_length=4, right_context_length=1),
               (torch.randn(2, 21, 32), torch.tensor([21, 18])))
        yield "torchaudio.WaveRNN", lambda: am.WaveRNN(upsample_scales=[5, 5], n_classes=16, hop_length=25,
                                                      n_res_block=2, n_rnn=32, n_fc=32, n_freq=20, n_hidden=16,
                                                      n_output=16), (torch.randn(1, 1, 250), torch.randn(1, 20, 14))


def graph_ops(graph, out):
    for node in graph.nodes():
        try:
            schema = node.schema()
        except RuntimeError:
            schema = "(no schema)"
        out.add(node.kind() if schema == "(no schema)" else schema)
        for b in node.blocks():
            graph_ops(b, out)


def inlined(fn_graph):
    g = fn_graph.copy()
    torch._C._jit_pass_inline(g)
    return g


def collect(name, make, inputs):
    used = {}
    model = make().eval()
    for how in ("script", "trace"):
        try:
            with torch.no_grad():
                m = torch.jit.script(model) if how == "script" else torch.jit.trace(model, inputs, check_trace=False)
            ops = set()
            graph_ops(inlined(m.forward.graph) if how == "script" else inlined(m.graph), ops)
            for op in ops:
                used.setdefault(op, set()).add(f"{name}({how})")
        except Exception as e:  # noqa: BLE001 — report and go on
            print(f"# {name}: {how} failed: {str(e).splitlines()[0][:120]}", file=sys.stderr)
    return used


def main():
    supported_path = sys.argv[1]
    quick = "--quick" in sys.argv
    supported = set(line.rstrip("\n") for line in open(supported_path) if line.strip())
    names = {re.split(r"[.(]", s, maxsplit=1)[0] if s.startswith(("aten::", "prim::")) else s for s in supported}
    names |= {s.split("(")[0].split(".")[0] for s in supported}
    names |= INTERPRETER_KINDS
    cache = sys.argv[sys.argv.index("--cache") + 1] if "--cache" in sys.argv else None
    used = {}
    if cache and os.path.exists(cache):
        used = {op: set(who) for op, who in json.load(open(cache)).items()}
    else:
        for source in (vision_models(quick), audio_models(quick)):
            for name, make, inputs in source:
                print(f"# {name}", file=sys.stderr)
                for op, who in collect(name, make, inputs).items():
                    used.setdefault(op, set()).update(who)
        if cache:
            json.dump({op: sorted(who) for op, who in used.items()}, open(cache, "w"), indent=0)
    missing = {}
    for op, who in used.items():
        if "(" in op:  # a schema: must be registered verbatim
            if op not in supported:
                missing[op] = who
        elif op not in names:  # a node kind without a schema
            missing[op] = who
    print(f"{len(used)} distinct schemas/kinds used; {len(missing)} not in tjit's registry:")
    for op in sorted(missing):
        models = sorted(missing[op])
        print(f"- `{op}` — {len(models)} graphs: {', '.join(models[:4])}{' ...' if len(models) > 4 else ''}")


if __name__ == "__main__":
    main()
