#!/usr/bin/env python3
"""Rebuild the gazetteers in kgraph/extract/patterns/ from public packages.

Sources (downloaded as wheels with ``pip download --no-deps``; nothing is
imported or installed, the files are read from the wheel archives):

* ``transformers`` -- model types and config class names in
  ``transformers/models/auto/auto_mappings.py`` (``CONFIG_MAPPING_NAMES``), or
  ``configuration_auto.py`` in older releases          -> models.tsv
* ``timm`` -- architecture entry points (``@register_model`` functions in
  ``timm/models/*.py``), cut to their family prefix      -> models.tsv
* ``lm-eval`` -- the evaluation harness task registry: task folder names and
  the ``# Title`` of each ``lm_eval/tasks/*/README.md``  -> benchmarks.tsv
* ``tensorflow-datasets`` -- dataset builder names (``tensorflow_datasets/
  datasets/*`` folders and the category modules)          -> datasets.tsv /
  benchmarks.tsv (corpus-like names are datasets, the rest evaluation sets)
* ``torchvision`` / ``torchaudio`` -- ``datasets.__all__`` class names
* ``litellm`` -- ``model_prices_and_context_window_backup.json``, the ids of
  thousands of hosted models (``anthropic.claude-3-5-haiku-...``,
  ``together_ai/meta-llama/Llama-3-70b``); each id is cut to its family stem
  (the leading word(s) before a version or size: ``claude``, ``vicuna``,
  ``stable-diffusion``)                                   -> models.tsv
* ``mteb`` -- benchmark suite names (``mteb/benchmarks/benchmarks/*.py``) and
  task names (``TaskMetadata(name=...)`` in ``mteb/tasks``, task-type suffix
  such as ``Retrieval`` cut)                              -> benchmarks.tsv
* ``ir_datasets`` -- the ``pretty_name`` of each documented IR collection
  (``ir_datasets/docs/*.yaml``)                           -> benchmarks.tsv
  (corpus-like names -> datasets.tsv)
* Debian ``wamerican`` (``/usr/share/dict/american-english``) -- English
  words, used to drop lowercase names that are ordinary words and written to
  english.txt for the names that need a capital to count.

Each output file starts with ``#`` lines naming the package, version and file
of its sources; ``sources.json`` records the same. Run:

    python scripts/build_gazetteers.py [--wheels DIR]

with network access to PyPI (or ``--wheels`` pointing at downloaded wheels).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kgraph" / "extract" / "patterns"
PACKAGES = ["transformers", "timm", "lm-eval", "tensorflow-datasets", "torchvision", "torchaudio", "litellm", "mteb", "ir_datasets"]
DICT = Path("/usr/share/dict/american-english")

# Generic words that are not names, whatever a package calls them
# (general vocabulary, not taken from any annotated data).
GENERIC = {
    "auto", "encoder", "decoder", "encoder-decoder", "vision-encoder-decoder", "speech-encoder-decoder",
    "vision-text-dual-encoder", "text", "image", "audio", "video", "vision", "speech", "model", "models",
    "benchmark", "benchmarks", "task", "tasks", "task-name", "dataset", "datasets", "arithmetic", "click",
    "openai", "tokenizer", "translation", "summarization", "classification", "detection", "segmentation",
    "generation", "reasoning", "math", "code", "bias", "toxicity", "truthfulness", "ethics", "logic",
    "leaderboard", "benchmarks", "eval", "evaluation", "test", "glue-like", "mt", "qa", "nli", "squad-like",
    "mnist-like", "sentiment", "hate", "fairness", "robustness", "commonsense", "paws-x", "arc mt",
    "nq", "timm", "template", "mutual", "unscramble", "wikitext-like", "lambada-like", "dummy", "fake",
    "fakedata", "imagefolder", "datasetfolder", "visiondataset", "lsunclass", "folder", "librispeechbiasing",
    "cmuarctic", "cmudict", "quesst14", "snips", "iemocap", "musdb_hq", "fluentspeechcommands", "voxceleb1identification",
    "voxceleb1verification", "librilightlimited", "librimix", "speechcommands", "yesno", "dr_vctk",
    "general", "generic", "base", "small", "large", "tiny", "mini", "new", "test", "train", "basic", "simple",
    "paper", "title", "readme", "overview", "introduction", "description", "abstract", "citation",
    # words that head hosted-model ids or task names without naming a model or data set
    "rerank", "embed", "embedding", "embeddings", "tts", "stt", "ft", "global", "us", "eu", "apac", "hd", "sd",
    "standard", "low", "high", "medium", "max", "steps", "latest", "preview", "exp", "experimental",
    "multimodalembedding", "container", "prebuilt", "playground", "together", "fireworks", "azure", "bedrock",
    "vertex", "openrouter", "databricks", "snowflake", "meta", "nvidia", "microsoft", "google", "amazon",
    "anthropic", "openai", "cohere", "mistralai", "deepinfra", "ollama", "groq", "perplexity", "novita",
    "aihubmix", "dashscope", "cloudflare", "sambanova", "cerebras", "baseten", "replicate", "hyperbolic",
    "nebius", "lambda", "wandb", "voyage", "jina", "nomic", "labs", "accounts", "models", "community",
    "inpaint", "outpaint", "diarize", "redact", "keyterm", "english", "transcription", "codex", "nano", "omni", "morph",
    "mining", "pair", "instruction", "reranking", "retrieval", "clustering", "sts", "bitext", "multilabel",
}
SUBCONFIG = re.compile(r"(?:Text|Vision|Encoder|Decoder|Audio|Tokenizer|Perceiver|QFormer|Codebook|Image|Multimodal|VQVAE|Patcher|Speech|Video|Unified|Assistant|Edge|Omni|Plus|Model|-model)$|_model|_encoder|_decoder")
CORPUS_LIKE = re.compile(r"corpus|crawl|pile|wiki|web|books?$|c4|news|pajama|dolma|oscar|pretrain|common_voice|commoncrawl|text$|openwebtext|gigaword", re.I)


def _download(tmp: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(tmp), *PACKAGES],
        check=True,
    )


def _wheel(wheels: Path, dist: str) -> tuple[zipfile.ZipFile, str]:
    stem = dist.replace("-", "_")
    found = sorted(wheels.glob(f"{stem}-*.whl"))
    if not found:
        raise SystemExit(f"no wheel for {dist} in {wheels}")
    path = found[-1]
    version = path.name.split("-")[1]
    return zipfile.ZipFile(path), version


def _english() -> set[str]:
    if not DICT.exists():
        raise SystemExit(f"{DICT} missing: apt-get install wamerican")
    # lowercase entries only: capitalised ones are proper nouns ("Bert")
    return {w.strip() for w in DICT.read_text(encoding="utf-8", errors="ignore").splitlines() if w.strip() and w.strip().islower()}


def _key(name: str) -> str:
    return re.sub(r"[\s\-_.'~^]+", "", name.casefold())


def from_transformers(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: list[str] = []
    path = next(
        (n for n in ("transformers/models/auto/auto_mappings.py", "transformers/models/auto/configuration_auto.py") if n in zf.namelist()),
        None,
    )
    tree = ast.parse(zf.read(path).decode("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CONFIG_MAPPING_NAMES" for t in node.targets):
            for elt in ast.walk(node.value):
                if isinstance(elt, ast.Tuple) and len(elt.elts) == 2 and all(isinstance(e, ast.Constant) for e in elt.elts):
                    model_type, config = elt.elts[0].value, elt.elts[1].value
                    if not isinstance(config, str) or not config.endswith("Config"):
                        continue
                    stem = config.removesuffix("Config")
                    if SUBCONFIG.search(stem) or "_" in stem:
                        continue  # a part of a model (its text tower, its decoder), not a model
                    names.append(stem)
                    if _key(model_type) != _key(stem) and "_" not in model_type and not SUBCONFIG.search(model_type):
                        names.append(model_type)
    return names, f"{path}: CONFIG_MAPPING_NAMES (model types and config class names)"


def from_timm(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: set[str] = set()
    for n in zf.namelist():
        if re.match(r"timm/models/[a-z0-9_]+\.py$", n):
            src = zf.read(n).decode("utf-8", "ignore")
            for m in re.finditer(r"@register_model\s*\ndef\s+([a-z0-9_]+)\(", src):
                fn = m.group(1)
                head = fn.split("_")[0]
                if re.search(r"[a-z]", head) and len(head) >= 3:
                    names.add(head)
    return sorted(names), "timm/models/*.py: @register_model entry points, cut at the first '_'"


def from_lm_eval(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: set[str] = set()
    for n in zf.namelist():
        m = re.match(r"lm_eval/tasks/([^/]+)/README\.md$", n)
        if not m:
            continue
        folder = m.group(1)
        if "_" not in folder:
            names.add(folder)
        text = zf.read(n).decode("utf-8", "ignore")
        title = re.search(r"^#\s+(.+)$", text, re.M)
        if title:
            t = re.split(r"[:(\[]|\s[-\u2013]\s", title.group(1))[0].strip()
            abbr = re.search(r"\(([A-Za-z0-9\-]{2,12})\)", title.group(1))
            if abbr:
                names.add(abbr.group(1))
            if 1 <= len(t.split()) <= 4:
                names.add(t)
    return sorted(names), "lm_eval/tasks/*/README.md: task folder names and '# Title' lines"


def from_tfds(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: set[str] = set()
    for n in zf.namelist():
        m = re.match(r"tensorflow_datasets/datasets/([a-z0-9_]+)/__init__\.py$", n)
        if m:
            names.add(m.group(1))
            continue
        m = re.match(r"tensorflow_datasets/(?:audio|image|image_classification|text|question_answering|summarization|translate|video|vision_language|object_detection|structured|ranking)/([a-z0-9_]+)\.py$", n)
        if m and not m.group(1).endswith("_test") and not m.group(1).startswith("_"):
            names.add(m.group(1))
    return sorted(names), "tensorflow_datasets/datasets/*/ and tensorflow_datasets/<category>/*.py: builder module names"


def from_torch_all(zf: zipfile.ZipFile, module: str) -> tuple[list[str], str]:
    path = f"{module}/datasets/__init__.py"
    tree = ast.parse(zf.read(path).decode("utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            names = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    clean = []
    for n in names:
        n = re.sub(r"(Detection|Captions|Segmentation|Classification|Class|Folder)$", "", n) or n
        clean.append(n)
    return clean, f"{path}: __all__ (dataset class names)"


def from_litellm(zf: zipfile.ZipFile, english: set[str]) -> tuple[list[str], str]:
    """Cut hosted-model ids to family stems: the leading word(s) before a version or size."""
    path = "litellm/model_prices_and_context_window_backup.json"
    data = json.loads(zf.read(path).decode("utf-8"))
    orgs: set[str] = set()
    cased: dict[str, str] = {}
    stems: dict[str, int] = {}
    for model_id in data:
        if not isinstance(data[model_id], dict) or "/" in model_id and model_id.split("/")[0].count("-x-"):
            continue
        parts = model_id.split("/")
        orgs.update(p.casefold() for p in parts[:-1])
        last = parts[-1]
        dotted = re.match(r"^([a-z0-9\-]+)\.(?=[a-z])", last)
        if dotted:
            orgs.add(dotted.group(1))
            last = last[dotted.end() :]
        toks = [t for t in re.split(r"[-_:@]", last) if t]
        lead: list[str] = []
        for t in toks:
            glued = re.fullmatch(r"([A-Za-z]{3,})(\d+(?:\.\d+)?[a-z]?)", t)
            if t.isalpha() and len(lead) < 2 and (len(t) > 1 or lead):
                lead.append(t)
                continue
            if glued and not lead:
                lead.append(glued.group(1))  # "qwen3" -> "qwen", "llama3" -> "llama"
                lead.append("#")
            elif re.search(r"\d", t) and lead:
                lead.append("#")
            break
        versioned = lead[-1:] == ["#"]
        lead = [t for t in lead if t != "#"]
        if not lead or (not versioned and len(toks) > 1):
            continue  # a bare multi-word id ("text-embedding-large") names no family
        if re.fullmatch(r"[a-z]\d+", toks[0]) and len(toks[0]) <= 3:
            lead = [toks[0]]  # reasoning models named by letter and number ("o1")
        words = [w.casefold() for w in lead]
        if any(w in GENERIC or (w in english and len(w) > 1) for w in words):
            lead = lead[:1]
            words = words[:1]
            if words[0] in GENERIC or words[0] in english:
                continue
        name = "-".join(lead)
        k = _key(name)
        stems[k] = stems.get(k, 0) + 1
        if any(c.isupper() for c in name) or k not in cased:
            cased[k] = name
    names = [
        cased[k]
        for k in stems
        if (k not in orgs or stems[k] >= 3)
        and (len(k) >= 4 or re.fullmatch(r"[a-z]\d+", k))
        and sum(c.isupper() for c in cased[k]) <= 2
    ]
    return sorted(names), f"{path}: model ids cut to their family stem (leading words before a version or size)"


def from_mteb(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: set[str] = set()
    suffix = re.compile(
        r"(?:BitextMining|InstructionRetrieval|InstructionReranking|MultilabelClassification|PairClassification|"
        r"Classification|ClusteringP2P|ClusteringS2S|Clustering|Retrieval|Reranking|Summarization|STS|P2P|S2S|RR|"
        r"Questions|QAs)+$"
    )
    for n in zf.namelist():
        if n.startswith("mteb/benchmarks/benchmarks/") and n.endswith(".py"):
            for m in re.finditer(r'^\s*name="([^"]+)",', zf.read(n).decode("utf-8", "ignore"), re.M):
                t = m.group(1)
                if "(" in t:
                    t = t.split("(")[0].strip()  # "MTEB(eng, v2)" -> "MTEB"
                names.add(t)
        elif n.startswith("mteb/tasks/") and n.endswith(".py"):
            for m in re.finditer(r'^\s*name="([^"]+)",', zf.read(n).decode("utf-8", "ignore"), re.M):
                t = re.sub(r"\.v\d+$", "", m.group(1))
                cut = suffix.sub("", t).rstrip("-_")
                if _name_shaped(cut):
                    names.add(cut)
    return sorted(names), "mteb/benchmarks/benchmarks/*.py names and mteb/tasks/**.py TaskMetadata names (task-type suffix cut)"


def _name_shaped(name: str) -> bool:
    """Keep task names that look like names: digits, inner capitals, or 4+ capitals.

    Plain capitalised words in a task registry are mostly descriptions
    ("News", "Legal", "Emotion"), and short acronyms collide with other uses.
    """
    if len(name) < 3 or " " in name:
        return False
    if re.search(r"\d", name) and re.search(r"[A-Za-z]{2}", name):
        return True
    letters = re.sub(r"[^A-Za-z]", "", name)
    if letters.isupper():
        return len(letters) >= 4
    return any(c.isupper() for c in name[1:]) and sum(c.isupper() for c in name) <= 3


def from_ir_datasets(zf: zipfile.ZipFile) -> tuple[list[str], str]:
    names: set[str] = set()
    for n in zf.namelist():
        if n.startswith("ir_datasets/docs/") and n.endswith(".yaml"):
            for m in re.finditer(r"pretty_name:\s*['\"]([^'\"]+)['\"]", zf.read(n).decode("utf-8", "ignore")):
                t = re.sub(r"\s*\(.*$", "", m.group(1)).strip()
                if any(_name_shaped(w) for w in t.split()) and len(t.split()) <= 3:
                    names.add(t)
    return sorted(names), "ir_datasets/docs/*.yaml: pretty_name of each collection (parenthesised part cut)"


def _keep(name: str, english: set[str], cased_source: bool = False) -> bool:
    if not name or len(_key(name)) < 2 or name.casefold() in GENERIC or _key(name) in {_key(g) for g in GENERIC}:
        return False
    if not re.search(r"[A-Za-z]", name):
        return False
    has_shape = bool(re.search(r"\d", name)) or any(c.isupper() for c in name[1:])
    words = re.split(r"[\s_\-]+", name.casefold())
    if cased_source and name[:1].isupper():
        return True  # a deliberate name ("Llama"); english.txt makes it need its capital
    if not has_shape and all(w in english or len(w) <= 2 for w in words):
        return False  # an ordinary word or phrase ("beans", "civil comments")
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheels", type=Path, help="folder with the downloaded wheels (default: download now)")
    args = ap.parse_args()
    english = _english()
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels
        if wheels is None:
            wheels = Path(tmp)
            _download(wheels)
        lists: dict[str, dict[str, str]] = {"models": {}, "benchmarks": {}, "datasets": {}}
        sources: dict[str, list[dict[str, str]]] = {k: [] for k in lists}

        def add(kind: str, names: list[str], package: str, version: str, where: str, cased: bool = False) -> None:
            sources[kind].append({"package": package, "version": version, "file": where})
            for name in names:
                name = name.strip()
                if _keep(name, english, cased):
                    lists[kind].setdefault(name, f"{package}=={version}")

        def add_split(names: list[str], package: str, version: str, where: str, other: str, cased: bool = False) -> None:
            # a data-set registry: corpus-like names are datasets, the rest evaluation sets
            add("datasets", [n for n in names if CORPUS_LIKE.search(n)], package, version, where + " (corpus-like names)", cased)
            add("benchmarks", [n for n in names if not CORPUS_LIKE.search(n)], package, version, where + f" ({other})", cased)

        zf, v = _wheel(wheels, "transformers")
        names, where = from_transformers(zf)
        add("models", names, "transformers", v, where, cased=True)
        zf, v = _wheel(wheels, "timm")
        names, where = from_timm(zf)
        add("models", names, "timm", v, where)
        zf, v = _wheel(wheels, "lm_eval")
        names, where = from_lm_eval(zf)
        add("benchmarks", names, "lm-eval", v, where, cased=True)
        zf, v = _wheel(wheels, "tensorflow_datasets")
        names, where = from_tfds(zf)
        add_split(names, "tensorflow-datasets", v, where, "other names: evaluation sets")
        for dist, module in (("torchvision", "torchvision"), ("torchaudio", "torchaudio")):
            zf, v = _wheel(wheels, dist)
            names, where = from_torch_all(zf, module)
            add_split(names, dist, v, where, "other names", cased=True)

        zf, v = _wheel(wheels, "litellm")
        names, where = from_litellm(zf, english)
        add("models", names, "litellm", v, where)
        zf, v = _wheel(wheels, "mteb")
        names, where = from_mteb(zf)
        add("benchmarks", names, "mteb", v, where, cased=True)
        zf, v = _wheel(wheels, "ir_datasets")
        names, where = from_ir_datasets(zf)
        add_split(names, "ir_datasets", v, where, "other names", cased=True)

        # corpus-like benchmark names are datasets; task folders named after a model are not benchmarks
        model_stems = {re.sub(r"\d+$", "", _key(n)) for n in lists["models"]}
        for name in list(lists["benchmarks"]):
            if CORPUS_LIKE.search(name) and " " in name:
                lists["datasets"].setdefault(name, lists["benchmarks"].pop(name))
            elif re.sub(r"\d+$", "", _key(name)) in model_stems:
                del lists["benchmarks"][name]
        # a name in several lists keeps the first: benchmarks, then models, then datasets
        seen: set[str] = set()
        for kind in ("benchmarks", "models", "datasets"):
            for name in list(lists[kind]):
                k = _key(name)
                if k in seen and kind != "benchmarks":
                    del lists[kind][name]
            seen |= {_key(n) for n in lists[kind]}
        OUT.mkdir(parents=True, exist_ok=True)
        for kind, entries in lists.items():
            header = [f"# {kind} gazetteer, generated by scripts/build_gazetteers.py; do not edit.", "# Sources:"]
            header += [f"#   {s['package']}=={s['version']}: {s['file']}" for s in sources[kind]]
            header.append("# name<TAB>source")
            lines = [f"{n}\t{src}" for n, src in sorted(entries.items(), key=lambda kv: kv[0].casefold())]
            (OUT / f"{kind}.tsv").write_text("\n".join(header + lines) + "\n", encoding="utf-8")
        # English words that are also names: they need a capital, and are ignored sentence-initially
        all_names = {n for entries in lists.values() for n in entries}
        eng = sorted({n for n in all_names if n.casefold() in english})
        (OUT / "english.txt").write_text(
            f"# Gazetteer names that are also English words (Debian wamerican, {DICT}); generated.\n" + "\n".join(eng) + "\n",
            encoding="utf-8",
        )
        (OUT / "sources.json").write_text(
            json.dumps({"generated_by": "scripts/build_gazetteers.py", "sources": sources, "english_words": f"Debian wamerican: {DICT}"}, indent=2) + "\n",
            encoding="utf-8",
        )
        counts = {k: len(v) for k, v in lists.items()}
    print(f"wrote {OUT}: {counts}, {len(eng)} English-word names")


if __name__ == "__main__":
    main()
