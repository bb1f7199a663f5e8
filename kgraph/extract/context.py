"""The type the words around a mention give it.

Strongest first (:meth:`_Cand.set_type` keeps the strongest evidence): "our
... X model" (the paper calls its artifact a model), a defining appositive or
phrase ("X, a new benchmark", "a new dataset, X", "a model called X", whose
head is the noun before the phrase's preposition), a cue word next to the name
("the X dataset", "X-based", "+4.9% on X"), what the name is trained on
(data), trained from (a model), evaluated on (a benchmark) or compared with (a
model), then the name's own morphemes and the gazetteers. "Framework/method"
phrases ("our approach, X") and lists of examples of methods ("approaches such
as X, Y") rule a name out. Last, a sentence that evaluates on a data set makes
it a benchmark, one that trains on it a dataset (:meth:`_type_by_use`).

The cheap exact pre-checks in front of some patterns (``_may_be_*``) return
False only where their pattern cannot match (tests/test_extract_speed_equivalence.py).
"""

from __future__ import annotations

import re

from .candidates import BENCHMARK, DATASET, MODEL, _Cand
from .definitions import _DEF_BEFORE_TAIL, _RELEASED_AS, _may_be_def_before_tail, _naming_before
from .lexicon import _DATA_SIZE_END, _PARAM_SIZE_END, Lexicon, _noun_types
from .lists import _data_list_evaluated
from .scan import _may_match
from .titles import _TITLE_NONE, _TITLE_NOUNS
from .tokens import _WORD, _Tok, _shape

# --- a defining appositive: "X, a new benchmark", "X is a model", "X (a corpus ...)", "X: a ..." ------------

_APPOSITIVE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:,|\(|\s+is|\s+are|,\s*which is|,\s*that is|\s+-+|\s+as)\s*(?:a|an|the|our|one|two|three|first|new|novel)\s+(.*)", re.I | re.S)
# (outside the title) "X: a benchmark for ..."
_COLON_APPOSITIVE_AFTER = re.compile(r"\s*:\s*(?:a|an|the|our|one|two|three|first|new)\s+(.*)", re.I | re.S)
_PAREN_APPOSITIVE_AFTER = re.compile(r"\),\s+an?\s")  # "DataComp for Language Models (DCLM), a testbed"
_AS_AFTER = re.compile(r"\s+as\s")  # "82.4 on BBH as a base language model": describes the scored model
_ARCHITECTURE_HEAD = re.compile(r"(?:[\w\-]+\s+){0,4}?architecture\b")  # "an encoder architecture"
_MODEL_CLASS_WORD = re.compile(r"[a-z]?[A-Z]{1,3}LMs?")  # "an mPLM", "LLMs": a model class
# "four benchmarks, namely X": namely names the noun right before it
_NAMELY_AFTER = re.compile(r"\bnamely\s*[:,]?\s*$", re.I)


# --- an abbreviation's long form: "Large Graph Generative Model (LGGM)" ---------------------------

# words of a long form that name a class, not one model ("large-scale language models (LSLMs)")
_GENERIC_WORDS = {
    "large", "small", "language", "languages", "model", "models", "generative", "multimodal", "multi-modal",
    "vision", "visual", "vision-language", "pre-trained", "pretrained", "neural", "deep", "retrieval-augmented",
    "foundation", "masked", "autoregressive", "diffusion", "transformer", "transformers", "network", "networks",
    "mixture", "of", "experts", "reward", "recurrent", "convolutional", "graph", "encoder", "decoder", "text",
    "speech", "audio", "image", "video", "code", "multilingual", "open", "general", "based", "state", "space",
    "large-scale", "small-scale", "auto-regressive", "discrete", "scale", "generation", "models", "llms",
}


# --- words right before or after the name ---------------------------------------------------

# "our approach, X", "a novel masking strategy, Long Form (X)": a method, not an entity
_NONE_BEFORE_TAIL = re.compile(
    r"\b(?:a|an|our|the proposed)\s+(?:[\w\-]+\s+){0,4}?(?:approach|method|framework|technique|algorithm|strategy|pipeline|system)\s*,\s*$", re.I
)
_MODEL_NOUN_AFTER = re.compile(r"\s+(?:model|models|llm|llms|lm|lms|network|checkpoints?)\b", re.I)  # "our ... X model"
_OUR_BEFORE = re.compile(r"\bour\s+(?:[\w\-]+\s+){0,3}$", re.I)  # "our self-supervised X model"
# a name that ends in its own type noun: "BabyLM Challenge", "Pile Corpus"
_NAME_TAIL_TYPE = _noun_types()["name_tail"]
_FAMILY_WORD_AFTER = re.compile(r"(?:-|\s)(based|like|style|series|family|sized|scale|generated|powered|driven|base|large|small|chat|instruct)\b", re.I)  # "X-based", "X series"
# the word or two after a name (past a citation), a type noun among them: "the X dataset", "X (Li et al., 2023) models"
_WORDS_AFTER = re.compile(r"(?:\s*\([^()]{0,60}?\d{4}[a-z]?\))?\s+((?:[\w\-]+\s+){0,1}[\w\-]+)")
# type nouns a lowercase modifier may come before: "the nuScenes planning benchmark"
_DATA_HEADS = ("benchmark", "dataset", "corpus", "benchmarks", "datasets", "corpora", "test set", "suite")
# a lowercase noun modifier between a name and its type noun (not a function word, verb form or plural)
_MODIFIER_WORD = re.compile(r"(?!(?:and|or|the|a|an|of|on|in|for|to|with|from|by|as|is|are|was|were|be|new|our|its|their|this|that|which|than|into|over|at)\s)[a-z]{3,}(?<!ed)(?<!s)\s")
# "Tidal-Small (38M)", "Gopher (280B)", "Self-RAG (7B and 13B parameters)": a parameter count in parentheses sizes a model
_PAREN_SIZE = re.compile(r" \((?:\d+(?:\.\d+)?[BM](?:\s*(?:,|and|or|to|-)\s*)?)+(?:\s+param(?:eter)?s)?\)")
# a cited name heads a longer noun phrase: "MusicLM (Agostinelli et al., 2023) text-to-music generative model"
_CITED_PHRASE = re.compile(r"\s*\([^()]{0,60}?(?:et al\.|\d{4}[a-z]?)[^()]{0,20}\)\s+(?:[\w\-]+\s+){1,3}?(model|models|dataset|benchmark|corpus)\b")
# "We collect TutorDial, 3,214 tutoring dialogues ...", "We also release X, 1.1 million polymers": a name the paper
# makes (a verb of making right before it) that a count of items describes is a data set
_MADE_NAME_BEFORE = re.compile(
    r"\bwe\s+(?:also\s+|further\s+|then\s+|first\s+|additionally\s+|newly\s+)?"
    r"(?:collect|releas|buil[dt]|construct|creat|curat|introduc|present|compil|assembl|gather|record|contribut)(?:e|es|ed|s|d)?\s+$",
    re.I,
)
# ", 3,214 tutoring dialogues": a count of items after the name
_COUNT_APPOSITIVE = re.compile(
    r",\s+(?:about\s+|over\s+|roughly\s+|nearly\s+|some\s+|almost\s+|more\s+than\s+)?\d[\d,.]*\s*(?:[kKM]|million|billion|thousand)?\s+"
    r"(?!(?:and|or|to|of|parameters?|params|layers|languages|models?|variants?|sizes?|checkpoints?|times|percent|points?)\b)[a-z][\w\-]*"
)


# --- what a model is trained on, from or into ---------------------------------------------------

# "data collected from X", "a corpus built from X": where data comes from is data
_DRAWN_FROM = re.compile(r"\b(?:data|text|texts|knowledge|corpus|documents|examples|samples|images|prompts|questions|tokens|articles|pages|conversations|dialogues|scenes|scans|videos|clips|recordings|graphs|trajectories|episodes|speech|summaries|notes|reports|records|sentences|passages|utterances|hours)\s+(?:(?:extracted|collected|sourced|drawn|crawled|scraped|taken|derived|mined|sampled)\s+)?from\s+(?:the\s+)?$|\b(?:extracted|collected|sourced|crawled|scraped|mined|sampled|drawn|aggregated|gathered|pooled)\s+from\s+(?:the\s+)?$"
                r"|\b(?:dataset|corpus|data)\s+(?:constructed|built|created|curated|derived)\s+(?:with|from|using)\s+(?:[a-z\-]+\s+){0,2}$", re.I)
# the words one of which ends the word before "from" in a match of _DRAWN_FROM (see _may_be_drawn_from)
_DRAWN_FROM_BEFORE = (
    "data", "text", "texts", "knowledge", "corpus", "documents", "examples", "samples", "images", "prompts", "questions", "tokens", "articles",
    "pages", "conversations", "dialogues", "scenes", "scans", "videos", "clips", "recordings", "graphs", "trajectories", "episodes", "speech",
    "summaries", "notes", "reports", "records", "sentences", "passages", "utterances", "hours", "extracted", "collected", "sourced", "drawn",
    "crawled", "scraped", "taken", "derived", "mined", "sampled", "aggregated", "gathered", "pooled", "constructed", "built", "created", "curated",
)


def _may_be_drawn_from(words: list[str]) -> bool:
    """Pre-check of ``_DRAWN_FROM.search(before)``: a match holds the whole word "from", "with" or "using", then at
    most two whole words, and the word before it ends in one of the words of the pattern (``_DRAWN_FROM_BEFORE``)."""
    for k in range(max(1, len(words) - 3), len(words)):
        if words[k] in ("from", "with", "using") and words[k - 1].endswith(_DRAWN_FROM_BEFORE):
            return True
    return False


# "fine-tuned from X", "continually pretrained from X", "initialised from X", "instruction-tuned into X":
# what a model is trained *from* (or tuned *into*) is a model, what it is trained *on* is data
_INIT_FROM = re.compile(
    r"\b(?:(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*|[\w\-]+-tun(?:ed|ing)|initiali[sz](?:ed|ing)|distill(?:ed|ing)|warm-?start(?:ed|ing))\s+(?:(?:directly|further|also)\s+)?from"
    r"|(?:fine-?|instruction-|chat-|[\w\-]+-)?tun(?:ed|ing)\s+(?:it\s+|them\s+)?into)\s+(?:the\s+|a\s+|an\s+)?(?:(?:open|public|pre-?trained|base|publicly\s+available|released|original)\s+)?$",
    re.I,
)
# the same pre-checks on text already lowercased (a scan for many words at once): see ContextRules._type_from_context
_INIT_FROM_WORDS = re.compile("train|tun|initiali|distill|warm")
# "initialized from COCO weights": the weights name the data they were trained on
_WEIGHTS_AFTER = re.compile(r"[\s\-]+(?:pre-?trained\s+)?(?:weights|features|statistics)\b", re.I)
# "trained on X", "fine-tuned with X", "train ... from scratch on X": what a model is trained on is data
_TRAINED_ON = re.compile(r"\b(?:(?:pre-?train\w*|train(?:ed|ing)|fine-?tun\w*)\s+(?:[\w\-]+\s+){0,3}?(?:on|with|using|over|from)|trains?\s+(?:[\w\-]+\s+){0,3}?on|train\s+(?:[\w\-/]+\s+){1,5}?from\s+scratch\s+on)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", re.I)


# --- where results are measured, and what a system is compared with ------------------------------

# "results on X", "accuracy across X", "outperforms ... on X": where results are measured is a benchmark
_EVALUATED_ON = re.compile(r"\b(?:evaluat\w*|test\w*|results?|experiments?|accuracy|performance|scores?|outperform\w*|achiev\w*|sota|state-of-the-art|"
                           r"f1|dice|recall|precision|psnr|ssim|miou|auroc|auc|bleu|rouge\w*|errors?|gains?|improv\w*|points|"
                           r"classification|retrieval|segmentation|detection|recognition|captioning|forecasting)\s+(?:[\w\-]+(?:\.\d+)?%?\s+){0,4}?(?:on|across)\s+(?:the\s+)?(?:[\w\-]+,\s+)*$", re.I)
# "On LEVIR-CD, WHU-CD and SYSU-CD, X achieves ...": a sentence that opens on a list of evaluation sets
_SENT_OPENS_ON = re.compile(r"(?:^|[.!?]\s+|\n)(?:On|Across)\s+(?:the\s+)?$")
# what may follow a scored-on acronym ("F1 on POPE by 2.8 points"); not a noun it modifies ("on NLP tasks")
_SCORED_NEXT = re.compile(r"[\s,;.)]*(?:$|[,;.)]|(?:and|or|by|with|while|at|in|for|across|than|under|using|when|where|which|to|from|as|respectively|compared|versus|vs)\b|\d)")
# "+4.9% on X", "1.4 dB on X", "0.87 kappa on X": a score (and its unit or metric) reported on a data set
_SCORE_BEFORE_ON = re.compile(
    r"(?:\d%|(?<![\w.\-])(?:\+\d+(?:\.\d+)?|\d+\.\d+))\s+"
    r"(?:points?\s+|(?!(?:hours?|days?|minutes?|seconds?|tokens?|times|GPUs?|million|billion|trillion|thousand|and|or|to)\b)[A-Za-z][\w\-@]{0,7}\s+)?on\s+(?:the\s+)?$"
)
# a class noun right before the name: "datasets such as X", "the baseline X", "models (e.g., X"
_CLASS_NOUN_BEFORE = re.compile(r"(?<![\w\-])(?<!\b[Ww]e )(?<!\bto )(?<!\bthey )(benchmarks?|datasets?|corpus|corpora|models?|llms?|baselines?|assistants?|encoders?|backbones?|resources|evaluations)[ ]*(?:,|:|\()?[ ]*(?:such as|like|including|e\.g\.,?|i\.e\.,?|namely)?[ ]*(?:the )?$", re.I)
# the type of each noun of _CLASS_NOUN_BEFORE (its last "s" cut: "corpus" is "corpu")
_CLASS_NOUN_TYPE = _noun_types()["class_noun"]
# _CLASS_NOUN_BEFORE without its look-behinds, read backwards (on the reversed text, from its start): the optional
# final newline, "the ", the cue, the mark and the noun, each reversed, in reverse order
_CLASS_NOUN_ENDS = ("benchmark", "benchmarks", "dataset", "datasets", "corpus", "corpora", "model", "models", "llm", "llms", "baseline",
                    "baselines", "assistant", "assistants", "encoder", "encoders", "backbone", "backbones", "resources", "evaluations")
_CLASS_NOUN_BEFORE_REVERSED = re.compile(
    r"\n?(?: eht)?[ ]*(?:sa hcus|ekil|gnidulcni|,?\.g\.e|,?\.e\.i|yleman)?[ ]*[,:(]?[ ]*(?:%s)"
    % "|".join(sorted((w[::-1] for w in _CLASS_NOUN_ENDS), key=len, reverse=True))
)


def _may_be_class_noun_before(low: str) -> bool:
    """Pre-check of ``_CLASS_NOUN_BEFORE.search(before)`` (``low`` is ``before.lower()``, ASCII): a match ends at
    the end (or before a final newline), so the reversed pattern matches the reversed text at its start."""
    return _CLASS_NOUN_BEFORE_REVERSED.match(low[::-1]) is not None


# "the test split of FSC-147", "the Khmer portions of CulturaX": a part of a named collection of data
_PART_OF = re.compile(r"\b(?:splits?|subsets?|portions?|partitions?|subsplits?|test sets?|dev sets?|validation sets?|training sets?|train sets?)\s+of\s+(?:the\s+)?$", re.I)
# a training verb in the sentence before a part ("fine-tuning on a subset of X": training data)
_TRAIN_VERB = re.compile(r"\b(?:pre-?train|train|fine-?tun|co-train)(?:ed|ing|s|e)?\b", re.I)
# one of which _COMPARED_WITH and _IMPROVED_OVER need (a pre-check for _may_match)
_COMPARED_WORDS = ("perform", "surpass", "beat", "exceed", "match", "rival", "than", "over", "relative", "compar", "competitive", "par with", "vs", "versus")
# "outperforming X", "lower WER than X": what a system is compared with is a model
_COMPARED_WITH = re.compile(
    r"\b(?:(?:out|under)perform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|exceed(?:s|ed|ing)?|match(?:es|ed|ing)|rival(?:s|ed|ing)?|than|"
    r"relative to|compared (?:to|with)|competitive with|on par with|versus|vs\.?)\s+(?:(?:the|fine-?tuned|strong|prior|original|vanilla|open|proprietary)\s+){0,2}$",
    re.I,
)
# "by 21% over X", "gains over X"
_IMPROVED_OVER = re.compile(r"(?:\bby\s+[\d.]+\s*(?:%|points?|pp|AP|dB)?|\bimprov\w*|\bgains?|\badvantages?|\bspeedups?)\s+(?:[\w\-%.]+\s+){0,3}?over\s+(?:the\s+)?$", re.I)
# Exact pre-checks on the end of an ASCII ``before`` for patterns that match only at its end (each ends in ``$``).
# ``words`` is ``before.lower().split()`` when ``before`` ends in whitespace, else ``()``: a pattern whose every
# match ends in ``\s+$`` cannot match then (``$`` matches at the end or before a final newline, itself
# whitespace). A check returns False only where its pattern cannot match (see the tests, which compare them).
_COMPARED_ENDS = ("perform", "performs", "performed", "performing", "surpass", "surpasses", "surpassed", "surpassing", "beat", "beats",
                  "beating", "exceed", "exceeds", "exceeded", "exceeding", "matches", "matched", "matching", "rival", "rivals", "rivaled",
                  "rivaling", "than", "versus", "vs", "vs.", "over")
_COMPARED_PHRASES = ("relative to", "compared to", "compared with", "competitive with", "par with")


def _may_be_compared(words: list[str], low: str) -> bool:
    """Pre-check of ``_COMPARED_WITH.search(before) or _IMPROVED_OVER.search(before)``.

    A match ends in its comparing word (or "over"), after whitespace or a word boundary, then at most
    two whole words (the modifiers, "the"), each after whitespace: one of the last three words ends
    in that word; "to" and "with" only as the end of a phrase of ``_COMPARED_PHRASES``.
    """
    tail = words[-3:]
    for w in tail:
        if w.endswith(_COMPARED_ENDS):
            return True
    return ("to" in tail or "with" in tail) and any(p in low for p in _COMPARED_PHRASES)


def _may_be_evaluated_on(words: list[str]) -> bool:
    """Pre-check of ``_EVALUATED_ON.search(before)``: a match ends in the whole words "on" or "across",
    an optional "the", then any number of words ending in ","."""
    k = len(words) - 1
    while k >= 0 and words[k][-1] == ",":
        k -= 1
    if k >= 0 and words[k] == "the":
        k -= 1
    return k >= 0 and words[k] in ("on", "across")


# a list of examples headed by a method word (the guidelines' non-entities)
_METHOD_LIST = re.compile(
    r"\b(?:approaches|techniques|algorithms|frameworks|strategies|(?<!general )(?<!common )(?<!standard )(?<!popular )(?<!benchmark )metrics|(?<!evaluation )(?<!benchmarking )platforms|toolkits|libraries|(?<![\w\-])(?!(?i:proprietary|commercial|closed|closed-source|open|open-source|state-of-the-art|sota|leading|competing|strong|other|baseline|deployed)\s)[A-Za-z][a-z\-]{2,} (?:methods|schemes|systems))\s*,?\s*\(?(?:such as|like|including|namely|e\.g\.,?)\s+"
    r"(?:[^,;.()]{1,40},\s+)*(?:(?:and|or)\s+)?$"
)
_SPLIT_NAME = re.compile(r"\w-(?:test|val)$")  # "miniF2F-test": the test split of a data set is a benchmark


# --- the use a sentence makes of a data set: evaluation or training ------------------------------

# words of a sentence that evaluates (and that trains) on the data sets it names
_EVAL_WORDS = re.compile(
    r"\b(?:evaluat\w*|benchmark\w*|outperform\w*|achiev\w*|accuracy|results?|state-of-the-art|sota|"
    r"score[sd]?|test(?:ed|ing)?|experiments?|performance|surpass\w*|improv\w*|gains?|f1|exact match|leaderboard)\b",
    re.I,
)
_TRAIN_WORDS = re.compile(
    r"\b(?:pre-?train\w*|train(?:ed|ing)? (?:on|with|over)|corpus|corpora|tokens|crawl\w*|fine-?tun\w* on|"
    r"training (?:data|set|corpus)|pretraining data|collect\w*|scrap\w*|synthesi[sz]\w*|generated|sources?)\b",
    re.I,
)
# "we introduce the X dataset": the paper's own data stays what it says
_OWN_DATASET = re.compile(r"\bwe\s+(?:\w+\s+)?(?:introduce|present|release|build|construct|create|curate|collect)s?\s+(?:the|a|our)\s+(?:new\s+)?\S+\s+dataset\b", re.I)
_EVAL_MORPHEME = re.compile(r"Bench|bench|Eval|EVAL|Arena")  # "Tele-Eval, a question-and-answer dataset": data for evaluation
_CORPUS_WORD = re.compile(r"corpus|corpora|crawl|pile|web|wiki|database", re.I)  # a corpus stays a dataset under evaluation words
_EVAL_WORD_IN_NAME = re.compile(r"bench|eval|arena|challenge", re.I)  # a benchmark stays one under training words


class ContextRules(Lexicon):
    """Types from the words around each mention (a part of :class:`~kgraph.extract.rules.Recognizer`)."""

    def _type_from_context(self, c: _Cand, toks: list[_Tok], work: str) -> None:
        if self._stopped(c.text):
            c.none = True
            return
        after = work[c.end : c.end + 120]
        before = work[max(0, c.start - 60) : c.start]
        low = before.lower() if before.isascii() else None  # for exact word pre-checks of regexes (None: no pre-check)
        # its words, for the pre-checks of patterns that end in whitespace at its end (see _may_be_compared)
        before_words = None if low is None else low.split() if low[-1:].isspace() else ()
        # "DataComp for Language Models (DCLM), a testbed ...": the appositive follows the parenthesis
        app = after
        if after[:1] == ")" and before[-1:] == "(" and c.long_form is not None and _PAREN_APPOSITIVE_AFTER.match(after):
            app = after[1:]
        # defining appositive: "X, a new benchmark ..." / "X is a model" / "X (a corpus ...)"
        colon_ok = c.start > self._title_end
        m = _APPOSITIVE_AFTER.match(app)
        if m is None and colon_ok:
            m = _COLON_APPOSITIVE_AFTER.match(app)
        if m:
            etype, found = self._noun_after(m.group(1)[:90])
            if found and c.gaz and etype != self._gaz_family_type(c.text) and _AS_AFTER.match(app):
                found = False  # "82.4 on BBH as a base language model": "as" describes the scored model
            if found and not (etype is None and self._known_model(c.text)):
                # "an encoder architecture" is weaker than the guidelines' "a framework/method"
                weak = etype is None and _ARCHITECTURE_HEAD.match(m.group(1)[:90]) is not None
                c.set_type(etype, 4 if weak else 5)
        if c.long_form is not None:
            words = _WORD.findall(work[c.long_form[0] : c.long_form[1]].casefold())
            # the head noun comes before the first preposition: "Customized Prompts via Language models"
            cut = next((k for k, w in enumerate(words[1:], 1) if w in ("of", "for", "via", "with", "from", "by", "to", "on", "in")), len(words))
            head = words[cut - 1]
            etype = _TITLE_NOUNS.get(head)
            lf_text = work[c.long_form[0] : c.long_form[1]]
            if etype is not None:
                generic = all(w in _GENERIC_WORDS for w in words)
                if _naming_before(work[max(0, c.long_form[0] - 40) : c.long_form[0]]):
                    c.set_type(etype, 3)  # "called Large Graph Generative Model (LGGM)": named, not generic
                elif c.text.endswith("s") and c.text[:-1].isupper() and words[-1] in ("models", "networks") and (
                    words[-2:] == ["language", "models"] or lf_text.islower() or words[-2].endswith("-language")
                ) and not c.gaz and not self._known_model(c.text):
                    # "GPT-3 family large language models (GLLMs)", "denoising diffusion probabilistic
                    # models (DDPMs)": a plural abbreviation of a class in common nouns names no model
                    c.set_type(None, 4)
                elif not generic:
                    c.set_type(etype, 3)
                elif not self._known_model(c.text):
                    c.set_type(None, 5)  # "large-scale language models (LSLMs)": a class
            elif head in _TITLE_NONE or self.noun_type.get(head, 0) is None:
                c.set_type(None, 3)
            elif lf_text.islower() and not c.gaz and not self._known_model(c.text):
                c.set_type(None, 3)  # "label replacement (LR)": a term in plain words
        # "our approach, X", "a novel masking strategy, Long Form (X)": a method, not an entity
        lf_before = work[max(0, c.long_form[0] - 60) : c.long_form[0]] if c.long_form is not None else before
        if lf_before.rstrip().endswith(",") and _NONE_BEFORE_TAIL.search(lf_before) and not self._known_model(c.text):
            c.set_type(None, 5)
        # "our self-supervised Mirror-BERT model": the paper calls its own artifact a model
        if "our" in before[-40:] and _MODEL_NOUN_AFTER.match(after) and _OUR_BEFORE.search(before):
            c.set_type(MODEL, 6)
            if not c.gaz and not self._known_model(c.text):
                c.introduced = True  # not "our miniature BERT models": a known family is used, not made
        # a name ending in its own type noun: "BabyLM Challenge", "Pile Corpus"
        last = c.text.rsplit(" ", 1)[-1] if " " in c.text else ""
        if last in _NAME_TAIL_TYPE:
            c.set_type(_NAME_TAIL_TYPE[last], 3)
        # a type noun right after the name: "the X dataset", "X models", "X-based"
        m = _FAMILY_WORD_AFTER.match(after)
        if m and m.group(1).casefold() in ("based", "like", "style", "series", "family", "sized", "scale", "generated", "powered", "driven", "base", "large", "small", "chat", "instruct"):
            if not (c.strength == 1 and m.group(1).casefold() in ("based", "driven", "powered", "generated", "style", "like") and self._morph_type(c.text) is None and not c.gaz) and not (
                m.group(1).casefold() in ("sized", "scale") and (_DATA_SIZE_END.search(c.text) or self._gaz_family_type(c.text) in (DATASET, BENCHMARK))
            ):  # but "at ImageNet-1K scale": the size of a data set
                c.set_type(MODEL, 3)
        m = _WORDS_AFTER.match(after)
        if m:
            words = m.group(1).casefold().split()
            tries = words[:1] + ([" ".join(words[:2])] if len(words) > 1 else [])
            if len(words) > 1 and words[1] in _DATA_HEADS and words[0] not in self.noun_type and _MODIFIER_WORD.match(m.group(1)):
                tries.append(words[1])  # "the nuScenes planning benchmark", "the AMI meeting corpus"
            for w in tries:
                if w in self.noun_type:
                    etype = self.noun_type[w]
                    if etype is None and w in ("framework", "method", "approach", "technique", "algorithm", "pipeline", "toolkit", "library", "metric", "system", "strategy", "attack", "score", "loss", "objective", "module", "architecture", "paradigm", "prompting", "decoding"):
                        if (c.strength == 1 or not self._morph_type(c.text)) and not self._known_model(c.text):
                            c.set_type(None, 3)
                    elif etype is not None:
                        if etype == DATASET and w == "data" and not c.text[:1].isupper():
                            continue
                        c.set_type(etype, 3)
                    break
        if c.score < 3 and not c.none and after[:2] == " (" and _PAREN_SIZE.match(after) and self._gaz_family_type(c.text) not in (DATASET, BENCHMARK):
            c.set_type(MODEL, 3)
        # a cited name heads a longer noun phrase: "MusicLM (Agostinelli et al., 2023) text-to-music generative model"
        if c.score < 3 and not c.none and after[:2] == " (":
            m = _CITED_PHRASE.match(after)
            if m and m.group(1).casefold() in self.noun_type and self.noun_type[m.group(1).casefold()] is not None:
                c.set_type(self.noun_type[m.group(1).casefold()], 3)
        # "a new corpus of generics, X": the name follows its defining noun phrase
        m = _DEF_BEFORE_TAIL.search(before) if before.rstrip().endswith((",", "namely")) and _may_be_def_before_tail(before) else None
        if m:
            noun = (m.group(1) or m.group(2)).casefold()
            etype = self.noun_type.get(noun, MODEL if noun in ("language model",) else None)
            if etype is not None and not (etype == MODEL and c.type in (DATASET, BENCHMARK) and c.score >= 2):
                c.set_type(etype, 5)
        # "a new benchmark called X", "the X" preceded by a type noun: "benchmark X"
        if _naming_before(before[-40:]):
            etype, found = self._named_by(work[max(0, c.start - 160) : c.start])
            if found:
                c.set_type(etype, 5)
        if before[-3:].rstrip().endswith("as") and _RELEASED_AS.search(before) and not c.gaz and not self._known_model(c.text):
            etype, found = self._named_by(work[max(0, c.start - 160) : c.start])
            c.set_type(etype if found and etype is not None else DATASET, 5)
        elif before[-1:] == " " and after[:1] == "," and c.score < 5 and not c.gaz and _MADE_NAME_BEFORE.search(before) and _COUNT_APPOSITIVE.match(after) and not self._known_model(c.text):
            c.set_type(DATASET, 5)
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3 and c.type != MODEL or (c.type == MODEL and c.score <= 2 and not self._known_model(c.text)):
            if (before_words is None or _may_be_drawn_from(before_words)) and not (c.gaz and c.type == BENCHMARK) and _DRAWN_FROM.search(before) and (not _PARAM_SIZE_END.search(c.text) or _DATA_SIZE_END.search(c.text)):
                c.set_type(DATASET, 4)
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3 and (c.type is None or c.type == MODEL or not c.gaz) and (
            (low is None or (("from" in low[-30:] or "into" in low[-30:]) and _INIT_FROM_WORDS.search(low) is not None)) and _INIT_FROM.search(before) and not _WEIGHTS_AFTER.match(after)
        ):
            c.set_type(MODEL, 3)  # "fine-tuned from Qwen2.5-Coder-7B" (not "initialized from COCO weights")
        if (c.strength >= 1 or c.gaz) and not c.none and c.score < 3:
            if (low is None or "train" in low or "tun" in low) and _TRAINED_ON.search(before):
                if c.type in (DATASET, BENCHMARK, None) and (c.type is not None or c.strength >= 1):
                    c.set_type(DATASET, 3)
            elif ((before_words is None or _may_be_evaluated_on(before_words)) and _EVALUATED_ON.search(before)) or (
                before[-7:].rstrip().endswith(("On", "Across", "the")) and _SENT_OPENS_ON.search(before) and _EVAL_WORDS.search(work, c.end, work.find(". ", c.end) % (len(work) + 1))
            ):
                if (c.type in (DATASET, BENCHMARK) or (c.type is None and c.strength == 2 and (self._morph_type(c.text) in (None, BENCHMARK) or _DATA_SIZE_END.search(c.text)))) and not self._known_model(c.text):
                    c.set_type(BENCHMARK, 3)
                elif c.type is None and c.strength == 1 and _SCORED_NEXT.match(after) and not self._morph_type(c.text):
                    c.set_type(BENCHMARK, 2)  # "F1 on POPE by 2.8 points": weaker than a term its long form spells out
        if c.type is None and not c.none and c.long_form is None:  # "... Language models (CuPL)": its own long form
            m = _CLASS_NOUN_BEFORE.search(before) if low is None or _may_be_class_noun_before(low) else None
            if m:
                w = m.group(1).casefold().rstrip("s")
                etype = _CLASS_NOUN_TYPE.get(w)
                if etype == DATASET and _data_list_evaluated(work, c.start - len(before) + m.start(1)):
                    etype = BENCHMARK  # "evaluate them on two real clinical datasets, A and B": evaluation sets
                if etype and (c.strength >= 1 or c.gaz):
                    c.set_type(etype, 2)
        # "the test split of FSC-147", "the Khmer portions of CulturaX": a part of a named collection of data
        if (c.type is None or c.score < 3) and not c.none and (c.strength >= 1 or c.gaz) and " of " in before[-24:] and _may_match(before[-30:], ("split", "subset", "portion", "partition", " set")) and _PART_OF.search(before) and not self._known_model(c.text) and self._morph_type(c.text) != MODEL:
            sent = work[max(0, work.rfind(". ", 0, c.start)) : c.start]
            tv = None
            for tv in _TRAIN_VERB.finditer(sent):
                pass
            train = tv is not None and not _EVAL_WORDS.search(sent, tv.end())  # not "models trained on X improve on the portions of Y"
            c.set_type(DATASET if train else BENCHMARK, 3)  # "fine-tuning on a subset of DROID": training data
        # "outperforming MiniCheck-FT5 and ...", "lower WER than F5-TTS", "by 21% over DGMR": what a system is compared with is a model
        if c.type is None and not c.none and (c.strength >= 2 or c.gaz or (c.strength == 1 and not c.text.isupper())) and c.long_form is None and (
            (before_words is None or _may_be_compared(before_words, low)) and _may_match(before[-40:], _COMPARED_WORDS) and (_COMPARED_WITH.search(before) or _IMPROVED_OVER.search(before))
        ) and self._gaz_family_type(c.text) not in (DATASET, BENCHMARK) and self._morph_type(c.text) in (None, MODEL):
            c.set_type(MODEL, 2)
        # "+4.9% on MM-Vet": a score reported on a benchmark
        if c.score < 3 and not c.none and (c.strength >= 1 or c.gaz) and c.type in (None, BENCHMARK, DATASET) and ("%" in before[-12:] or " on " in before[-10:]):
            if _SCORE_BEFORE_ON.search(before.replace("\\%", "%")) and not self._known_model(c.text):
                c.set_type(BENCHMARK, 3)
        # examples of methods: "prior approaches such as Weights Magnitude, SparseGPT, and Wanda"
        if c.score < 3 and ("such as" in before or "like" in before or "includ" in before or "e.g." in before or "namely" in before) and _METHOD_LIST.search(before) and not c.gaz and not self._known_model(c.text):
            c.set_type(None, 3)
        # "miniF2F-test": the test or validation split of a data set is where results are measured
        if c.score < 3 and not c.none and c.text[-2:] in ("st", "al") and _SPLIT_NAME.search(c.text):
            c.set_type(BENCHMARK, 3)
        # morphology and gazetteer
        if c.type is None and not c.none:
            mt = self._morph_type(c.text)
            if mt is not None:
                c.set_type(mt, 2)
        if c.type is None and not c.none:
            gt = self._gaz_family_type(c.text) if c.strength or _shape(c.text.replace(" ", "")) or c.gaz else None
            if gt:
                c.set_type(gt, 1)

    def _noun_after(self, s: str) -> tuple[str | None, bool]:
        """Return the type of the first type noun in ``s`` and whether one was found."""
        raw = _WORD.findall(s)[:9]
        words = [w.casefold() for w in raw]
        for k, w in enumerate(words):
            if k == 0 and _MODEL_CLASS_WORD.fullmatch(raw[k]) and (k + 1 >= len(words) or words[k + 1] not in self.noun_type):
                return MODEL, True  # "Glot500-m, an mPLM pretrained on ...": a model class names a model
            two = " ".join(words[k : k + 2])
            if two in self.noun_type:
                return self.noun_type[two], True
            if w in self.noun_type:
                # "language model evaluation": the last noun of a compound heads it
                if k + 1 < len(words) and words[k + 1] in self.noun_type and words[k + 1] not in ("data",):
                    continue
                return self.noun_type[w], True
            if w in ("that", "which", "who", "to", "with", "by", "in", "on", "from", "using", "where", "while"):
                break
        return None, False

    def _named_by(self, before: str) -> tuple[str | None, bool]:
        """Return the type noun of the phrase a naming word ("called", "named") names.

        The head of "a unified MLLM with the MoE architecture, named X" is the
        last type noun between the article and the first preposition (MLLM);
        failing that, the nearest type noun before the naming word.
        """
        back = _WORD.findall(before.casefold())[:-1]
        if _NAMELY_AFTER.search(before):
            # "four benchmarks, namely X, Y": "namely" names the noun right before it, or nothing
            noun = back[-1] if back else ""
            etype = self.noun_type.get(noun, 0) if noun in self.noun_type else self.noun_type.get(noun[:-1], 0) if noun.endswith("s") else 0
            return (None, False) if etype == 0 else (etype, True)
        if back and back[-1] in ("to", "as"):  # "refer to the resulting model as"
            back = back[:-1]
        for k in range(len(back) - 1, max(-1, len(back) - 14), -1):
            if back[k] in ("a", "an"):
                head = None
                for w in back[k + 1 :]:
                    if w == "of" and head is None:
                        continue  # "a new set of models ... which we call X"
                    if w in ("with", "of", "for", "on", "in", "that", "which", "to", "from", "by", "based"):
                        break
                    if w in self.noun_type:
                        head = w
                if head is not None:
                    return self.noun_type[head], True
                return None, False  # "a lightweight evaluator termed X": the head is no type noun
        for w in reversed(back):
            if w in self.noun_type:
                return self.noun_type[w], True
        return None, False

    def _usage(self, c: _Cand, work: str) -> str | None:
        """Return ``"eval"`` or ``"train"`` from the words of the mention's sentence."""
        s = max(work.rfind(". ", 0, c.start), work.rfind("\n", 0, c.start)) + 1
        e = work.find(". ", c.end)
        # memoised per sentence of the text (names listed together share one)
        if self._usage_text is not work:
            self._usage_text, self._usage_memo = work, {}
        key = (s, e)
        usage = self._usage_memo.get(key, 0)
        if usage != 0:
            return usage
        sent = work[s : e if e >= 0 else len(work)]
        ev = _EVAL_WORDS.search(sent) is not None
        tr = _TRAIN_WORDS.search(sent) is not None
        usage = "train" if tr and not ev else "eval" if ev and not tr else None
        self._usage_memo[key] = usage
        return usage

    def _type_by_use(self, cands: list[_Cand], work: str) -> None:
        """Tell a benchmark from a dataset by what the mention's sentence does with it: evaluates or trains."""
        for c in cands:
            if c.type == DATASET and not c.none and _EVAL_MORPHEME.search(c.text):
                c.type = BENCHMARK  # "Tele-Eval, a question-and-answer dataset": data for evaluation
            elif c.type in (DATASET, BENCHMARK) and c.score <= 3 and not c.none:
                usage = self._usage(c, work)
                if usage == "eval" and c.type == DATASET and not _CORPUS_WORD.search(c.text + work[c.end : c.end + 12]) and self._morph_type(c.text) != DATASET:
                    if not _OWN_DATASET.search(work, max(0, c.start - 40), c.end + 9):
                        c.type = BENCHMARK  # but "we introduce the X dataset": the paper's own data is what it says
                elif usage == "train" and c.type == BENCHMARK and not _EVAL_WORD_IN_NAME.search(c.text):
                    c.type = DATASET
