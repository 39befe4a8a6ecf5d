#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus: small valid (and a few near-valid) inputs for each
harness, made by hand or cut from tests/fixtures (which holds slices of ../shared/assets).

    python3 tests/fuzz/make_seeds.py [--store-dir DIR]

The experiment store seeds are SQLite files made by bertwork-cli (an import and a two-step
fine-tune of the golden seqcls model; datasets_and_analysis: 12 SST-2 rows with 6 for validation,
6 CoNLL sentences, a two-step run from scratch and `analyse` of its checkpoint), shrunk to 512-byte
pages; with --store-dir they are taken from DIR/*.sqlite, otherwise the checked-in ones are kept. Harnesses whose first byte picks a mode get it
prefixed here (see each fuzz_<name>.cpp).
"""
import argparse
import json
import os
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
CORPUS = HERE / "corpus"


def put(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def head_lines(path, count, width=400):
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)[:count]
    return "".join(line if len(line) <= width else line[:width].rstrip() + "\n" for line in lines)


# --- safetensors -------------------------------------------------------------------------------
def safetensors(tensors, metadata=None):
    header, blobs, offset = {}, b"", 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, data in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs += data
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + blobs


def safetensors_seeds():
    put("safetensors", "two_tensors", safetensors(
        [("bert.pooler.dense.weight", "F32", [2, 3], struct.pack("<6f", *range(6))),
         ("bert.embeddings.position_ids", "I64", [1, 2], struct.pack("<2q", 0, 1))], {"format": "pt"}))
    put("safetensors", "every_dtype", safetensors(
        [("f16", "F16", [], b"\x00\x3c"), ("bf16", "BF16", [2], b"\x80\x3f\x00\x40"),
         ("f64", "F64", [1], struct.pack("<d", 0.5)), ("i32", "I32", [1], struct.pack("<i", -7)),
         ("i16", "I16", [1], b"\x01\x00"), ("i8", "I8", [2], b"\xff\x01"), ("u8", "U8", [0], b""),
         ("mask", "BOOL", [3], b"\x01\x00\x01")], {"format": "pt", "note": "seed"}))
    put("safetensors", "no_metadata", safetensors([("w", "F32", [1], struct.pack("<f", 1.0))]))


# --- pickles and pytorch_model.bin ----------------------------------------------------------------
class Pickle:
    def __init__(self, protocol=2):
        self.b = bytes([0x80, protocol])

    def op(self, code, payload=b""):
        self.b += bytes([code]) + payload
        return self

    def glob(self, module, name):
        return self.op(ord("c"), f"{module}\n{name}\n".encode())

    def str(self, s):
        data = s.encode()
        return self.op(ord("X"), struct.pack("<I", len(data)) + data)

    def int(self, v):
        return self.op(ord("J"), struct.pack("<i", v))

    def ints(self, values):
        self.op(ord("("))
        for v in values:
            self.int(v)
        return self.op(ord("t"))

    def ordered_dict(self):
        return self.glob("collections", "OrderedDict").op(ord(")")).op(ord("R"))

    def tensor(self, key, storage, numel, offset, size, stride):
        self.glob("torch._utils", "_rebuild_tensor_v2").op(ord("("))
        self.op(ord("(")).str("storage").glob("torch", storage).str(key).str("cpu").int(numel).op(ord("t"))
        self.op(ord("Q")).int(offset).ints(size).ints(stride).op(0x89).ordered_dict()
        return self.op(ord("t")).op(ord("R"))

    def stop(self):
        return self.op(ord(".")).b


def state_dict_pickle():
    """A state dict as torch.save writes one: _metadata set by BUILD, a tied weight sharing a
    storage, a transposed view, an expanded position_ids buffer (stride 0 on a size-1 dimension)."""
    p = Pickle().ordered_dict().op(ord("q"), b"\x00").op(ord("("))
    p.str("bert.embeddings.word_embeddings.weight").tensor("0", "FloatStorage", 6, 0, [3, 2], [2, 1])
    p.str("cls.predictions.decoder.weight").tensor("0", "FloatStorage", 6, 0, [3, 2], [2, 1])
    p.str("classifier.weight").tensor("0", "FloatStorage", 6, 0, [2, 3], [1, 2])
    p.str("bert.embeddings.position_ids").tensor("1", "LongStorage", 4, 0, [1, 4], [0, 1])
    p.op(ord("u"))
    p.op(ord("}")).str("_metadata").ordered_dict().str("").op(ord("}")).str("version").int(1)
    p.op(ord("s")).op(ord("s")).op(ord("s")).op(ord("b"))
    return p.stop()


def parameter_pickle():
    """Protocol 4 with framing, memoize, STACK_GLOBAL and an nn.Parameter wrapper."""
    body = Pickle(4)
    body.b = b""
    body.op(0x8C, b"\x0bcollections").op(0x94).op(0x8C, b"\x0bOrderedDict").op(0x94).op(0x93).op(0x94)
    body.op(ord(")")).op(ord("R")).op(0x94).op(ord("("))
    body.op(0x8C, b"\x06weight").op(0x94)
    body.glob("torch._utils", "_rebuild_parameter").op(ord("("))
    body.tensor("0", "HalfStorage", 4, 0, [4], [1]).op(0x88).ordered_dict().op(ord("t")).op(ord("R"))
    body.op(0x8C, b"\x04bias").tensor("1", "BFloat16Storage", 2, 1, [1], [1]).op(ord("u")).op(ord("."))
    return bytes([0x80, 4, 0x95]) + struct.pack("<Q", len(body.b)) + body.b


def torch_zip(pickle, storages):
    """The zip layout of torch.save: <name>/data.pkl, <name>/data/<key>, byteorder, version; stored."""
    import io
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", pickle)
        z.writestr("archive/byteorder", "little")
        for key, data in storages.items():
            z.writestr(f"archive/data/{key}", data)
        z.writestr("archive/version", "3\n")
    return out.getvalue()


def pickle_seeds():
    golden = zipfile.ZipFile(FIXTURES / "golden/seqcls/pytorch_model.bin").read("pytorch_model/data.pkl")
    put("torch_pickle", "golden_seqcls", golden)
    put("torch_pickle", "state_dict", state_dict_pickle())
    put("torch_pickle", "parameter_protocol4", parameter_pickle())
    put("pytorch_bin", "state_dict", torch_zip(state_dict_pickle(), {
        "0": struct.pack("<6f", *range(6)), "1": struct.pack("<4q", 0, 1, 2, 3)}))
    put("pytorch_bin", "parameter_protocol4", torch_zip(parameter_pickle(), {
        "0": b"\x00\x3c" * 4, "1": b"\x80\x3f\x00\x40"}))
    put("pytorch_bin", "legacy_format", b"\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.")


# --- model directory files --------------------------------------------------------------------------
def model_file_seeds():
    golden = FIXTURES / "golden"
    compact = lambda path: json.dumps(json.loads(Path(path).read_text()), separators=(",", ":"))
    put("model_files", "config_seqcls", "\x00" + (golden / "seqcls/config.json").read_text())
    put("model_files", "config_pretraining", "\x00" + compact(golden / "pretraining/config.json"))
    put("model_files", "config_problem_type", "\x00" + json.dumps({
        "model_type": "bert", "vocab_size": 15, "hidden_size": 8, "num_attention_heads": 2, "num_labels": 3,
        "problem_type": "multi_label_classification", "classifier_dropout": None, "hidden_act": "gelu_new",
        "torch_dtype": "float32", "max_position_embeddings": 16.0}))
    put("model_files", "tokenizer_config", "\x01" + json.dumps({
        "do_lower_case": False, "strip_accents": None, "tokenize_chinese_chars": True, "model_max_length": 1e30,
        "clean_up_tokenization_spaces": True, "unk_token": {"content": "[UNK]", "lstrip": False},
        "cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]", "mask_token": "[MASK]",
        "tokenizer_class": "BertTokenizer"}))
    put("model_files", "tokenizer_config_golden", "\x01" + (golden / "seqcls/tokenizer_config.json").read_text())
    put("model_files", "special_tokens_map", "\x02" + json.dumps({
        "cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]",
        "unk_token": "[UNK]"}))
    put("model_files", "tokenizer_json", "\x03" + tokenizer_json())
    put("model_files", "vocab_txt", "\x04" + (golden / "seqcls/vocab.txt").read_text())
    shards = {"bert.pooler.dense.bias": "model-00001-of-00002.safetensors",
              "classifier.bias": "model-00002-of-00002.safetensors"}
    put("model_files", "safetensors_index", "\x05" + json.dumps({"metadata": {"total_size": 16}, "weight_map": shards}))
    put("model_files", "bin_index", "\x06" + json.dumps({"metadata": {"total_size": 16}, "weight_map": {
        "bert.pooler.dense.bias": "pytorch_model-00001-of-00001.bin"}}))


def tokenizer_json():
    """What our writer (and the tokenizers library) puts in tokenizer.json, with a 15-token vocabulary."""
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "fuzz", "##ing", "##er", ",", ".", "!",
             "he", "##llo", "world"]
    special = lambda name: {"SpecialToken": {"id": name, "type_id": 0}}
    return json.dumps({
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(vocab[:5])],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
                           "single": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]")],
                           "pair": [special("[CLS]"), {"Sequence": {"id": "A", "type_id": 0}}, special("[SEP]"),
                                    {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                           "special_tokens": {}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(vocab)}},
    }, ensure_ascii=False, separators=(",", ":"))


# --- dataset files ------------------------------------------------------------------------------------
def dataset_seeds():
    data = FIXTURES / "data"
    # First byte: bits 0-2 format/extension, 3-4 quoting, 5 columns by index, 6 preview.
    put("dataset_readers", "sst2_auto_txt", "\x00" + head_lines(data / "sst2_train_head300.tsv", 12))
    put("dataset_readers", "csv_quoted_auto", "\x01" + 'text,label\n"a, quoted ""word""",1\n"two\nlines",0\nplain,1\n')
    put("dataset_readers", "csv_semicolon", "\x01" + "\ufefftext;label\r\n\"x; y\";pos\r\nz;neg\r\n")
    put("dataset_readers", "csv_by_index_preview", "\x62" + "good,1\nbad,0\n\"so-so\",1\n")
    put("dataset_readers", "tsv_chnsenticorp", "\x03" + head_lines(data / "chnsenticorp_train_930_960.tsv", 4, 300))
    put("dataset_readers", "tsv_imdb_rfc_quoting", "\x0b" + head_lines(data / "imdb_train_sample25.tsv", 3, 300))
    put("dataset_readers", "tsv_pairs", "\x03" + "sentence1\tsentence2\tlabel\nA man.\tA person.\t1\nA dog.\tA car.\t0\n")
    put("dataset_readers", "jsonl_entities", "\x04" + head_lines(data / "conll2003_train_entity_count.jsonl", 6))
    put("dataset_readers", "jsonl_preview_nested", "\x47" + '{"text": "a", "label": 1, "meta": {"k": [1, null]}}\n'
                                                             '\n{"text": "b", "label": true}\n{"label": 0, "text": null}\n')
    put("dataset_readers", "conll_head", "\x05" + "-DOCSTART- -X- -X- O\n\n" + head_lines(data / "conll2003_train_head40.txt", 16))
    put("dataset_readers", "conll_by_index", "\x25" + "EU B-ORG\nrejects O\n\nPeter B-PER\n")
    put("dataset_readers", "wikitext_text", "\x06" + head_lines(data / "wikitext2_test_head120.txt", 8, 300))
    put("dataset_readers", "wikitext_preview", "\x40" + head_lines(data / "wikitext2_test_head120.txt", 6, 200))


# --- WordPiece ----------------------------------------------------------------------------------------
def wordpiece_seeds():
    # First byte: bits 0-1 tokenizer, 2 pair (0xFF splits), 3 truncation, 4-5 strategy, 6 overflow, 7 no
    # special tokens. Second byte: bits 0-3 max_length - 1, 4-5 stride, 6 padding, 7 pad to a multiple of 8.
    put("wordpiece", "english", b"\x00\x00" + "Héllo, [MASK] world! Don't panic... naïve café 3.14 e-mail".encode())
    put("wordpiece", "uncased_kept", b"\x01\x00" + "İstanbul ﬁne ǅemal Straße ΣΊΣΥΦΟΣ".encode())
    put("wordpiece", "chinese", b"\x02\x00" + head_lines(FIXTURES / "data/chnsenticorp_train_930_960.tsv", 2, 120).encode())
    put("wordpiece", "raw_no_specials", b"\x83\x00" + "tab\there\u200bzero\u00adsoft \x7f\x01 ctrl \U0001F600 e\u0301".encode())
    put("wordpiece", "pair_overflow", b"\x6c\x2b" + "the first text is short".encode() + b"\xff" +
        "the second text is long enough to be cut into several overflowing windows".encode())
    put("wordpiece", "pair_padded", b"\x1c\xcf" + "short".encode() + b"\xff" + "pair [SEP] with [UNK] inside".encode())
    put("wordpiece", "long_words", b"\x03\x40" + ("a" * 40 + " supercalifragilistic " + "##ing").encode())


# --- experiment store -----------------------------------------------------------------------------------
def store_seeds(store_dir):
    # First byte: bit 0 verify integrity, bit 1 recover interrupted runs, bit 2 a text filter on the
    # rows browsed, bit 3 a label filter. A store with datasets gets a second seed with both filters.
    if store_dir:
        for path in sorted(Path(store_dir).glob("*.sqlite")):
            put("experiment_store", path.stem, b"\x02" + path.read_bytes())
            if path.stem.startswith("datasets"):
                put("experiment_store", path.stem + "_filtered", b"\x0e" + path.read_bytes())
    put("experiment_store", "not_sqlite", b"\x00" + b"SQLite format 2\x00 this is not a database\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store-dir", help="folder of *.sqlite stores to use as seeds")
    args = parser.parse_args()
    safetensors_seeds()
    pickle_seeds()
    model_file_seeds()
    dataset_seeds()
    wordpiece_seeds()
    store_seeds(args.store_dir)


if __name__ == "__main__":
    main()
