"""The rule families, on real sentences from the sample.

The rule-family tests (test_extract_names.py, test_extract_phrases.py,
test_extract_definitions.py, test_extract_lists.py, test_extract_context.py,
test_extract_titles.py, test_extract_introduced.py, test_extract_resolve.py) use
sentences from the development sets in tests/data/dev2-dev6 as well. The tests here
check the same families on sentences quoted verbatim from the sample listings that
ship with kgraph (kgraph/data/corpus). A sentence may be cut to the clause that
matters, but its words are not changed, and ``test_quotes_are_verbatim_sample_text``
checks that. Each case states the exact entities (name and type, and ``introduced``
where it matters) that the annotation guidelines expect from the sentence alone.

No sample sentence has the cue of these families (by the test module that covers them):

- test_extract_names.py: a known model before a patch-sized backbone ("CLIP
  ViT-L/14"); lowercase model ids on a known family stem ("phi-3-mini", "gpt-4o"); a
  glued gazetteer name written as two words ("Code Llama", "MS MARCO"; the sample's only
  instance, "MS MARCO DEV", is in a sentence the extractor gets wrong); "-Coder" names;
  a version alone ("v0.1"); a small item count ending a data name ("OpenVidHD-0.4M"); a
  competition's year ("AIME 2024"); a base model after a versioned name ("Llama 3.1 base
  models"); "-preview" variants; digit-led CamelCase names ("3RScan"); a plain plural
  title word that is a plural of a known name ("Pushing the Limits"); a two-digit decimal
  score after a versioned name ("GPT-3.5-Turbo 58.0").
- test_extract_phrases.py: a release number after capitalised words ("Stable Diffusion
  v1.5"; the sample's only "Word vN", "Vega v2", names a leaderboard "submission" the
  guidelines leave unclear); a lowercase checkpoint id in parentheses
  ("(code-davinci-002)"); a single word and a bare decimal ("Aegis 2.0").
- test_extract_definitions.py: "which we release as X".
- test_extract_lists.py: a plural assistant noun before a list ("3D assistants, A, B");
  a counted plural noun heading a list of sets ("On 31 held-out graphs, including ...";
  the sample's one "on several ... tasks, namely" lists tasks and is tested with
  "namely"); collections heading a list of datasets ("existing collections such as A,
  B"); a verb noun or coordinated clause next to a name ("MedSAM fine-tuning and reduces
  HD95"); an appositive list after a counted plural data noun and a comma ("4
  benchmarks, A, B and C"); networks/transformers heading a list of models
  ("message-passing networks (GIN, GAT)").
- test_extract_context.py: a class noun inside a hyphenated name before a comma and
  another name ("DCLM-Baseline, FineWeb-Edu"); "trained from X"/"tuned into X" (the
  sample has only "trained from scratch"); "-test"/"-val" splits ("miniF2F-test"); a
  made name described by a count of items ("We collect TutorDial, 3,214 dialogues").
- test_extract_introduced.py: "introduce X 7B, which ..." (the sample's one "introduce
  X, which", FactCheckMate, names a method); an introduced name typed only by a later
  mention ("presents E5, ... E5 is the first model").
- test_extract_resolve.py: a title benchmark outweighing an abstract dataset; a name
  with and without its type noun ("Belebele Benchmark"/"Belebele").
"""

import re

import pytest

from kgraph.corpus import sample_corpus_paths

from support.extract import found, found_intro

M, D, B = "Model", "Dataset", "Benchmark"


def check(text, expected):
    """A list states ``found(text)``; a dict states ``found_intro(text)`` (types and introduced)."""
    if isinstance(expected, dict):
        assert found_intro(text) == expected
    else:
        assert found(text) == expected


# --- names, sizes, versions and variants (test_extract_names.py) ------------------------

# a possessive owner is no part of a name: _POSSESSIVE in _trim_token and Recognizer._phrase_names
POSSESSIVE = [
    (
        "It covers the historical development of LLMs especially the advances enabled by transformer-based architectures "
        "like OpenAI's GPT series and Google's BERT, as well as the role of attention mechanisms in enhancing model performance.",
        [("GPT", M), ("BERT", M)],
    ),
    (
        "ModernBERT-Large-Instruct exhibits strong zero-shot performance on both classification and knowledge-based tasks, "
        "outperforming similarly sized LLMs on MMLU and achieving 93% of Llama3-1B's MMLU performance with 60% less parameters.",
        [("ModernBERT-Large-Instruct", M), ("MMLU", B), ("Llama3-1B", M)],
    ),
]

# a resolution is no part of a name ("ImageNet 256*256"): _RESOLUTION_AFTER in Recognizer._extend_right
RESOLUTION_IS_NO_NAME = [
    (
        "Finally, our elucidated language model for image generation, termed as ELM, achieves state-of-the-art performance "
        "on the ImageNet 256*256 benchmark.",
        {"ELM": (M, True), "ImageNet": (B, False)},
    ),
]

# a parameter count ends a model name ("GPT-3 175B", "OPT-175B"): _PARAM_SIZE_END in Recognizer._morph_type
PARAMETER_COUNT_ENDS_A_NAME = [
    (
        "The resultant GLM-130B model offers significant outperformance over GPT-3 175B on a wide range of popular English "
        "benchmarks while the performance advantage is not observed in OPT-175B and BLOOM-176B.",
        [("GLM-130B", M), ("GPT-3 175B", M), ("OPT-175B", M), ("BLOOM-176B", M)],
    ),
    (
        "Notably, the FP32 version of GEB-1.3B achieves commendable inference times on CPUs, with ongoing efforts to further "
        "enhance speed through advanced quantization techniques.",
        [("GEB-1.3B", M)],
    ),
    ("The checkpoint of FLM-101B will be open-sourced at https://huggingface.co/CofeAI/FLM-101B.", {"FLM-101B": (M, True)}),
]

# variant words attach ("CamemBERT base") unless they spread over a family ("BERT base and large"):
# _VARIANTS in Recognizer._extend_right, _MORE_VARIANTS_AFTER
VARIANT_WORDS = [
    (
        "We plot extensive accuracy vs. pretraining speed Pareto curves and show that MosaicBERT base and large are "
        "consistently Pareto optimal when compared to a competitive BERT base and large.",
        [("MosaicBERT", M), ("BERT", M)],
    ),
    (
        "In this paper, we introduce two new versions of the CamemBERT base model-CamemBERTav2 and CamemBERTv2-designed to "
        "address these challenges.",
        {"CamemBERT base": (M, False), "CamemBERTav2": (M, True), "CamemBERTv2": (M, True)},
    ),
]


# --- plain-word names (test_extract_phrases.py) -----------------------------------------

# a parameter count in parentheses sizes a model ("GPT-2 (1.5B parameters)"): _PAREN_SIZE in Recognizer._type_from_context
PARAMETER_COUNT_IN_PARENTHESES = [
    (
        "Lastly, we show that GeDi can make GPT-2 (1.5B parameters) significantly less toxic without sacrificing linguistic "
        "quality, making it by far the most practical existing method for detoxifying large language models while "
        "maintaining a fast generation speed.",
        [("GPT-2", M)],
    ),
]


# --- defining phrases and abbreviations (test_extract_definitions.py) -------------------

# a plural abbreviation of a class in common nouns names no model: "(DDPMs)" in Recognizer._type_from_context
PLURAL_ABBREVIATION_OF_A_CLASS = [
    (
        "This survey paper addresses the absence of a comprehensive overview on Retrieval-Augmented Language Models (RALMs), "
        "both Retrieval-Augmented Generation (RAG) and Retrieval-Augmented Understanding (RAU), providing an in-depth "
        "examination of their paradigm, evolution, taxonomy, and applications.",
        [],
    ),
    ("Test-time alignment methods address this by using reward models (RMs) to guide frozen LLMs without retraining.", []),
    (
        "The work relies on a novel application of hierarchical Dirichlet processes (HDPs) for structured prediction, which "
        "we also present in this manuscript.",
        [],
    ),
    ("In recent times, Vision-Language Models (VLMs) have been trained under two predominant paradigms.", []),
]


# --- lists and coordination (test_extract_lists.py) -------------------------------------

# a list headed by a plural type noun types its items whatever their shape: _LIST_HEAD in Recognizer._listed_names
LIST_HEADED_BY_PLURAL_NOUN = [
    (
        "While the model took over 184K GPU-hours to pretrain, we show that in about 1 GPU hour of finetuning, we "
        "effectively erase the model's ability to generate or recall Harry Potter-related content, while its performance "
        "on common benchmarks (such as Winogrande, Hellaswag, arc, boolq and piqa) remains almost unaffected.",
        [("Winogrande", B), ("Hellaswag", B), ("arc", B), ("boolq", B), ("piqa", B)],
    ),
]

# a list after "benchmarks such as/including": _LIST_HEAD in Recognizer._listed_names
LIST_AFTER_BENCHMARKS_SUCH_AS = [
    (
        "GEB-1.3B exhibits outstanding performance on general benchmarks such as MMLU, C-Eval, and CMMLU, outperforming "
        "comparative models such as MindLLM-1.3B and TinyLLaMA-1.1B.",
        [("GEB-1.3B", M), ("MMLU", B), ("C-Eval", B), ("CMMLU", B), ("MindLLM-1.3B", M), ("TinyLLaMA-1.1B", M)],
    ),
]

# a list of new datasets is introduced: _NEW_BEFORE_NOUN in Recognizer._listed_names, "X and Y are novel" in _introduced
NEW_DATASETS_ARE_INTRODUCED = [
    (
        "Drawing inspiration from the exceptional learning process of 3-4 year old children, who rely heavily on visual "
        "cues for understanding and communication, we introduce two novel datasets: ShortDesc (featuring concise image "
        "descriptions) and LongDesc (containing more detailed image descriptions).",
        {"ShortDesc": (D, True), "LongDesc": (D, True)},
    ),
    (
        "Out of those 6 metrics, AdvPromptSet and HolisticBiasR are novel datasets proposed in the paper.",
        {"AdvPromptSet": (D, True), "HolisticBiasR": (D, True)},
    ),
]

# a plural type noun after a list types every item ("on GLUE and SQuAD 2.0 benchmarks"): _LIST_TAIL in _listed_names
TYPE_NOUN_AFTER_A_LIST = [
    (
        "Experimental results show that our method significantly improves ELECTRA's average performance by 2.8% and 3.2% "
        "absolute points respectively on GLUE and SQuAD 2.0 benchmarks, and overshadows recent advanced ELECTRA-style "
        "models under the same settings.",
        [("ELECTRA", M), ("GLUE", B), ("SQuAD 2.0", B)],
    ),
]

# "resources, including ..." heads datasets only after a data word ("public resources"): _DATA_RESOURCES_BEFORE
RESOURCES_SUCH_AS = [
    ("We offer a comprehensive suite of resources, including 16 curated datasets, prompts, model checkpoints, and LLM outputs across 9 distinct tasks.", []),
]

# a data cue outweighs a "Net" name part ("knowledge from ConceptNet"): _DRAWN_FROM over the morpheme "Net"
DATA_CUE_OVER_NET_NAME_PART = [
    (
        "Using unstructured text from GlotCC and structured knowledge from ConceptNet, we show that small adaptation "
        "datasets (e.g., up to 1 GB of free-text or a few MB of knowledge graph data) yield gains in intrinsic (masked "
        "language modeling) and extrinsic tasks (topic classification, sentiment analysis, and named entity recognition).",
        [("GlotCC", D), ("ConceptNet", D)],
    ),
]

# a plural model-role noun heads a list of models ("models (e.g., A, B)", "models like A"): _MODEL_LIST_HEAD
MODEL_ROLE_NOUN_HEADS_A_LIST = [
    (
        "However, all previous graph generative models (e.g., GraphRNN, MDVAE, MoFlow, GDSS, and DiGress) have been "
        "trained only on one dataset each time, which cannot replicate the revolutionary success achieved by LGMs in "
        "other fields.",
        [("GraphRNN", M), ("MDVAE", M), ("MoFlow", M), ("GDSS", M), ("DiGress", M)],
    ),
    (
        "Smaller models, such as GIT and BLIP, exhibit marked limitations, often failing to generate coherent and "
        "consistent text beyond a few tokens, even with extensive training.",
        [("GIT", M), ("BLIP", M)],
    ),
    (
        "Recently, their effectiveness as embedding models has gained attention, marking a paradigm shift from traditional "
        "encoder-only models like ELMo and BERT to decoder-only, large-scale LLMs such as GPT, LLaMA, and Mistral.",
        [("ELMo", M), ("BERT", M), ("GPT", M), ("LLaMA", M), ("Mistral", M)],
    ),
    (
        "Furthermore, SPaR demonstrates promising scalability and transferability, greatly enhancing models like GLM-4-9B "
        "and LLaMA3-70B.",
        [("GLM-4-9B", M), ("LLaMA3-70B", M)],
    ),
    (
        "In particular, when compared to published models such as conformer-based wav2vec~2.0 and HuBERT, our model "
        r"shows~5\% to~10\% relative WER reduction on the test-clean and test-other subsets.",
        [("wav2vec 2.0", M), ("HuBERT", M)],
    ),
]

# a singular model-role noun names the model after it ("the ... model XGLM", "our model FLM-101B"): _MODEL_NOUN_NAMED
SINGULAR_MODEL_ROLE_NOUN = [
    ("Furthermore, we compared the classification tasks with the state-of-the-art multilingual model XGLM.", [("XGLM", M)]),
    (
        "Experimental results show that our model FLM-101B, trained with a budget of 100K, achieves comparable performance "
        "to powerful and well-known models, eg GPT-3 and GLM-130B",
        {"FLM-101B": (M, True), "GPT-3": (M, False), "GLM-130B": (M, False)},
    ),
]

# name extensions in lists of evaluation sets ("SQuAD 2.0"): _VERSION in Recognizer._extend_right
NAME_EXTENSIONS_IN_LISTS = [TYPE_NOUN_AFTER_A_LIST[0]]

# a list of data sets after "on" names evaluation sets: _DATA_LIST_ON, _data_list_evaluated
DATA_LIST_AFTER_ON = [
    (
        "Through extensive experiments on benchmark datasets such as BindingDB, DAVIS, and KIBA, we demonstrate the "
        "superior performance of our framework.",
        [("BindingDB", B), ("DAVIS", B), ("KIBA", B)],
    ),
    (
        "The proposed objectives also achieve state-of-the-art results on various benchmark datasets, including FEVER "
        "(dev set), ASNQ, WikiQA, and TREC-QA, as well as enhancing the quality of summaries.",
        [("FEVER", B), ("ASNQ", B), ("WikiQA", B), ("TREC-QA", B)],
    ),
]

# data sets named after "on" and a counted data noun ("on two well-benchmarked corpora: A and B"): _data_list_evaluated
COUNTED_DATA_NOUN_AFTER_ON = [
    (
        "We conduct fine-tuning experiments on two well-benchmarked corpora: LibriSpeech (matching the pre-training data) "
        "and Commonvoice, TED-LIUM, AMI and CHiME-6 (not matching the pre-training data).",
        [("LibriSpeech", B), ("Commonvoice", B), ("TED-LIUM", B), ("AMI", B), ("CHiME-6", B)],
    ),
]

# a list of data sets described or trained on stays data: _DATA_LIST_ON_TRAIN, _LIST_HEAD
DATA_LIST_TRAINED_ON_STAYS_DATA = [
    (
        "We use large corpora like Wikipedia and CC-News to train models to recognize if text spans originate from the same "
        "paragraph or document in several ways.",
        [("Wikipedia", D), ("CC-News", D)],
    ),
    (
        "learned through large-scale pre-training over four image-text datasets (COCO, Visual Genome, Conceptual Captions, "
        "and SBU Captions)",
        [("COCO", D), ("Visual Genome", D), ("Conceptual Captions", D), ("SBU Captions", D)],
    ),
]

# what a model-handling verb ("distill") takes as its object is a model: _MODEL_OBJECT_VERB in Recognizer._model_objects
MODEL_HANDLING_VERB_OBJECT = [
    (
        "Based on this dataset, we design innovative training strategies to effectively distill GPT-4o's evaluation "
        "capabilities into a 7B open-source MLLM, MiniCPM-V-2.6.",
        [("GPT-4o", M), ("MiniCPM-V-2.6", M)],
    ),
]

# a type cue on one list member types the list ("AISHELL-1, AISHELL-2 benchmark"): Recognizer._coordination
CUE_ON_ONE_MEMBER_TYPES_THE_LIST = [
    ("Experiments using the public AISHELL-1, AISHELL-2 benchmark, and an industrial-level 20,000 hour task", [("AISHELL-1", B), ("AISHELL-2", B)]),
]

# "We evaluate/compare X": a single name is not enough to make X a system (X may be the paper's method):
# _EVALUATED_SYSTEMS in Recognizer._model_objects
EVALUATED_SYSTEMS = [
    (
        "We evaluate FactCheckMate over LMs of different scales and model families (including Llama, Mistral, and Gemma), "
        "across a variety of QA datasets from different domains.",
        [("Llama", M), ("Mistral", M), ("Gemma", M)],
    ),
    (
        "In a systematic study, we compare TrueTeacher to existing synthetic data generation methods and demonstrate its "
        "superiority and robustness to domain-shift.",
        [],
    ),
]


# --- the type the context gives (test_extract_context.py) -------------------------------

# the paper's own dataset stays a dataset in a sentence that evaluates: _OWN_DATASET
OWN_DATASET_STAYS_A_DATASET = [
    (
        "We introduce a new dataset, ChatGPT-RetrievalQA, and compare the effectiveness of models fine-tuned on "
        "LLM-generated and human-generated data.",
        {"ChatGPT-RetrievalQA": (D, True)},
    ),
]

# metric and task words before "on" cue evaluation sets ("accuracy on MMLU", "gain on ImageNet"): _EVALUATED_ON
METRIC_WORD_BEFORE_ON = [
    (
        "The resulting dataset, DCLM-Baseline enables training a 7B parameter language model from scratch to 64% 5-shot "
        "accuracy on MMLU with 2.6T training tokens.",
        {"DCLM-Baseline": (D, True), "MMLU": (B, False)},
    ),
    (
        "We find that this straightforward and general approach improves accuracy on a range of zero-shot image "
        "classification benchmarks, including over one percentage point gain on ImageNet.",
        [("ImageNet", B)],
    ),
]

# a sentence that opens on "On" names the evaluation set (one set here, with its type noun): _SENT_OPENS_ON
SENTENCE_OPENS_ON = [
    (
        "On the FLORES-101 machine translation benchmark, our model outperforms GPT-3 on 171 out of 182 directions with "
        "32 training examples, while surpassing the official supervised baseline in 45 directions.",
        [("FLORES-101", B), ("GPT-3", M)],
    ),
]

# a score right before "on" names a benchmark ("+4.9\% on MM-Vet"): _SCORE_BEFORE_ON
SCORE_BEFORE_ON = [
    (
        r"This enhancement in textual instruction proficiency correlates with boosted visual instruction performance "
        r"(+4.9\% on MM-Vet, +6\% on LLaVA-Bench), with minimal alignment tax on visual knowledge benchmarks compared to "
        r"previous RLHF approach.",
        [("MM-Vet", B), ("LLaVA-Bench", B)],
    ),
]

# "pretrained from scratch on X" names training data, plural encoders head models: _TRAINED_ON, _MODEL_LIST_HEAD
FROM_SCRATCH_ON_AND_PLURAL_ENCODERS = [
    (
        "When pretrained from scratch on the C4 dataset, this base model achieves a downstream average GLUE (dev) score of "
        "79.6 in 1.13 hours on 8 A100 80 GB GPUs at a cost of roughly $20.",
        [("C4", D), ("GLUE", B)],
    ),
    (
        "Most of the existing CLIP-alike works usually adopt relatively large image encoders like ResNet50 and ViT, while "
        "the lightweight counterparts are rarely discussed.",
        [("CLIP", M), ("ResNet50", M), ("ViT", M)],
    ),
]

# what a system is compared with is a model ("outperforms ... like X and Y", "comparably to X"): _COMPARED_WITH
COMPARED_WITH_IS_A_MODEL = [
    (
        # ERNIE-Gram is "an explicitly n-gram masking method" in its abstract: no entity
        "Experimental results show that ERNIE-Gram outperforms previous pre-training models like XLNet and RoBERTa by a "
        "large margin, and achieves comparable results with state-of-the-art methods.",
        [("XLNet", M), ("RoBERTa", M)],
    ),
    (
        "Our approach also works well at scale, where it performs comparably to RoBERTa and XLNet while using less than 1/4 "
        "of their compute and outperforms them when using the same amount of compute.",
        [("RoBERTa", M), ("XLNet", M)],
    ),
    (
        "The gains are particularly strong for small models; for example, we train a model on one GPU for 4 days that "
        "outperforms GPT (trained using 30x more compute) on the GLUE natural language understanding benchmark.",
        [("GPT", M), ("GLUE", B)],
    ),
    (
        "Utilizing the machine translation task as a case study, we prompt the bidirectional mT5 model (Xue et al., 2021) "
        "with SAP and demonstrate its few-shot and zero-shot translations outperform the few-shot translations of "
        "unidirectional models like GPT-3 and XGLM (Lin et al., 2021), despite mT5's approximately 50% fewer parameters.",
        [("mT5", M), ("GPT-3", M), ("XGLM", M)],
    ),
]

# a part or split of a named set is data ("a subset of mOSCAR"): _PART_OF
PART_OR_SPLIT_OF_A_SET = [
    (
        "We additionally train two types of multilingual model to prove the benefits of mOSCAR: (1) a model trained on a "
        "subset of mOSCAR and captioning data and (2) a model train on captioning data only.",
        [("mOSCAR", D)],
    ),
]

# the verb "benchmark" ("we benchmark ...") is no type noun: _CLASS_NOUN_BEFORE ("(?<!\b[Ww]e )") in Recognizer._type_from_context
VERB_BENCHMARK = [
    (
        "Using these criteria, we benchmark how effectively eight popular unlearning algorithms on 7B-parameter LMs can "
        "unlearn Harry Potter books and news articles.",
        [],
    ),
]

# evaluation and source cues for data ("experiments on", "pre-trained on the X dataset"): _EVALUATED_ON, _TRAINED_ON
EVALUATION_AND_SOURCE_CUES = [
    ("We conduct experiments on eight datasets from the GLUE benchmark with BERT and RoBERTa.", [("GLUE", B), ("BERT", M), ("RoBERTa", M)]),
    (
        "To overcome the shortage of data, S2SNet is pre-trained on the whole Material Project dataset with "
        "Masked-Language Modeling (MLM).",
        [("S2SNet", M), ("Material Project", D)],
    ),
    (
        "Experiments on the TRUE benchmark show that a student model trained using our data, substantially outperforms both "
        "the state-of-the-art model with similar capacity, and the LLM teacher.",
        [("TRUE", B)],
    ),
]

# a score with its metric before "on" names an evaluation set ("a 6.73 score on MT-Bench"): _SCORE_BEFORE_ON
SCORE_WITH_METRIC_BEFORE_ON = [
    (
        "Our findings indicate that the with DPO we are able to surpass instruction-following capabilities of the language "
        "model, achieving a 6.73 score on MT-Bench, compared to Vicuna's 6.57 and LLaVA's 5.99 despite small data scale.",
        [("MT-Bench", B), ("Vicuna", M), ("LLaVA", M)],
    ),
]

# examples of methods, techniques and libraries are no entities (but a known model stays one): _METHOD_LIST
EXAMPLES_OF_METHODS = [
    (
        "Prior approaches such as Weights Magnitude, SparseGPT, and Wanda, either concentrated solely on weights or "
        "integrated weights with activations for sparsity.",
        [],
    ),
    (
        "Parameter-Efficient Fine-Tuning (PEFT) methods, such as Low-Rank Adaptation (LoRA), have emerged as a practical "
        "solution by approximating parameter updates with low-rank matrices.",
        [],
    ),
    (
        "We employ novel training techniques, including ROPE, Group-Query-Attention, and FlashAttention-2, to accelerate "
        "training while maintaining model performance.",
        [],
    ),
    ("Open source libraries such as HuggingFace have made these models easily available and accessible.", []),
    (
        "Masked language modeling (MLM) pre-training methods such as BERT corrupt the input by replacing some tokens with "
        "[MASK] and then train a model to reconstruct the original tokens.",
        [("BERT", M)],
    ),
]

# "general metrics such as MMLU" lists benchmarks; plain metrics are no entities: _METHOD_LIST ("general metrics")
EXAMPLES_OF_METRICS = [
    (
        "Evaluations show that GLM-4 1) closely rivals or outperforms GPT-4 in terms of general metrics such as MMLU, GSM8K, "
        "MATH, BBH, GPQA, and HumanEval, 2) gets close to GPT-4-Turbo in instruction following as measured by IFEval, 3) "
        "matches GPT-4 Turbo (128K) and Claude 3 for long context tasks, and 4) outperforms GPT-4 in Chinese alignments as "
        "measured by AlignBench.",
        [
            ("GLM-4", M), ("GPT-4", M), ("MMLU", B), ("GSM8K", B), ("MATH", B), ("BBH", B), ("GPQA", B), ("HumanEval", B),
            ("GPT-4-Turbo", M), ("IFEval", B), ("Claude 3", M), ("AlignBench", B),
        ],
    ),
    (
        "Second, we adopt a multi-metric approach: We measure 7 metrics (accuracy, calibration, robustness, fairness, bias, "
        "toxicity, and efficiency) for each of 16 core scenarios when possible (87.5% of the time).",
        [],
    ),
]

# "trained on X" names training data: _TRAINED_ON
TRAINED_ON_NAMES_DATA = [
    (
        "The model additionally trained on mOSCAR shows a strong boost in few-shot learning performance across various "
        "multilingual image-text tasks and benchmarks, confirming previous findings for English-only mLLMs.",
        [("mOSCAR", D)],
    ),
    (
        "We interleave this report with analyses and experimental results from training language models on intermediate "
        "states of Dolma to share what we have learned about important data curation practices, including the role of "
        "content or quality filters, deduplication, and multi-source mixing.",
        [("Dolma", D)],
    ),
]


# --- introduced (test_extract_introduced.py) --------------------------------------------

# "namely" after a plural lists what exists (here objectives and tasks: no entities): _PLURAL_NAMELY in _introduced
NAMELY_AFTER_A_PLURAL = [
    (
        "In the first part, we introduce three alternative pre-training objectives to BERT's Masked Language Modeling "
        "(MLM), namely Random Token Substitution (RTS), Cluster-based Random Token Substitution (C-RTS), and Swapped "
        "Language Modeling (SLM).",
        [("BERT", M)],
    ),
    ("We perform an experimental evaluation on several generative tasks, namely summarization and a new task of summary expansion.", []),
]

# more introducing verb forms ("release", "develop and open-source", "train"): _INTRO_VERB in Recognizer._introduced
INTRODUCING_VERB_FORMS = [
    (
        "To facilitate open research on language model pretraining, we release Dolma, a three trillion tokens English corpus, "
        "built from a diverse mixture of web content, scientific papers, code, public-domain books, social media, and "
        "encyclopedic materials.",
        {"Dolma": (D, True)},
    ),
    (
        "Leveraging these findings, we develop and open-source Tele-LLMs, the first series of language models ranging from "
        "1B to 8B parameters, specifically tailored for telecommunications.",
        {"Tele-LLMs": (M, True)},
    ),
    (
        "Specifically, we train GPT-3, an autoregressive language model with 175 billion parameters, 10x more than any "
        "previous non-sparse language model, and test its performance in the few-shot setting.",
        {"GPT-3": (M, True)},
    ),
]


# --- one type per name (test_extract_resolve.py) ----------------------------------------

# a hyphenated variant of a typed name shares its type ("JetMoE-8B-Chat" after "JetMoE-8B"): Recognizer._variant_types
HYPHENATED_VARIANT = [
    (
        "Despite its low cost, the JetMoE-8B demonstrates impressive performance, with JetMoE-8B outperforming the "
        "Llama2-7B model and JetMoE-8B-Chat surpassing the Llama2-13B-Chat model.",
        [("JetMoE-8B", M), ("Llama2-7B", M), ("JetMoE-8B-Chat", M), ("Llama2-13B-Chat", M)],
    ),
]

# a bare name whose sized forms are models is the model family: Recognizer._family_of_sized (and _title_head)
FAMILY_OF_SIZED_MODELS = [
    (
        "JetMoE: Reaching Llama2 Performance with 0.1M Dollars\n\n"
        "This report introduces JetMoE-8B, a new LLM trained with less than $0.1 million, using 1.25T tokens from "
        "carefully mixed open-source corpora and 30,000 H100 GPU hours.",
        {"JetMoE": (M, True), "Llama2": (M, False), "JetMoE-8B": (M, True)},
    ),
]



FAMILIES = {
    "list_headed_by_plural_noun": LIST_HEADED_BY_PLURAL_NOUN,
    "list_after_benchmarks_such_as": LIST_AFTER_BENCHMARKS_SUCH_AS,
    "new_datasets_are_introduced": NEW_DATASETS_ARE_INTRODUCED,
    "namely_after_a_plural": NAMELY_AFTER_A_PLURAL,
    "possessive": POSSESSIVE,
    "resolution_is_no_name": RESOLUTION_IS_NO_NAME,
    "plural_abbreviation_of_a_class": PLURAL_ABBREVIATION_OF_A_CLASS,
    "parameter_count_ends_a_name": PARAMETER_COUNT_ENDS_A_NAME,
    "introducing_verb_forms": INTRODUCING_VERB_FORMS,
    "own_dataset_stays_a_dataset": OWN_DATASET_STAYS_A_DATASET,
    "type_noun_after_a_list": TYPE_NOUN_AFTER_A_LIST,
    "hyphenated_variant": HYPHENATED_VARIANT,
    "metric_word_before_on": METRIC_WORD_BEFORE_ON,
    "sentence_opens_on": SENTENCE_OPENS_ON,
    "score_before_on": SCORE_BEFORE_ON,
    "resources_such_as": RESOURCES_SUCH_AS,
    "data_cue_over_net_name_part": DATA_CUE_OVER_NET_NAME_PART,
    "from_scratch_on_and_plural_encoders": FROM_SCRATCH_ON_AND_PLURAL_ENCODERS,
    "model_role_noun_heads_a_list": MODEL_ROLE_NOUN_HEADS_A_LIST,
    "singular_model_role_noun": SINGULAR_MODEL_ROLE_NOUN,
    "variant_words": VARIANT_WORDS,
    "compared_with_is_a_model": COMPARED_WITH_IS_A_MODEL,
    "part_or_split_of_a_set": PART_OR_SPLIT_OF_A_SET,
    "verb_benchmark": VERB_BENCHMARK,
    "name_extensions_in_lists": NAME_EXTENSIONS_IN_LISTS,
    "evaluation_and_source_cues": EVALUATION_AND_SOURCE_CUES,
    "data_list_after_on": DATA_LIST_AFTER_ON,
    "counted_data_noun_after_on": COUNTED_DATA_NOUN_AFTER_ON,
    "data_list_trained_on_stays_data": DATA_LIST_TRAINED_ON_STAYS_DATA,
    "model_handling_verb_object": MODEL_HANDLING_VERB_OBJECT,
    "score_with_metric_before_on": SCORE_WITH_METRIC_BEFORE_ON,
    "examples_of_methods": EXAMPLES_OF_METHODS,
    "cue_on_one_member_types_the_list": CUE_ON_ONE_MEMBER_TYPES_THE_LIST,
    "parameter_count_in_parentheses": PARAMETER_COUNT_IN_PARENTHESES,
    "evaluated_systems": EVALUATED_SYSTEMS,
    "family_of_sized_models": FAMILY_OF_SIZED_MODELS,
    "examples_of_metrics": EXAMPLES_OF_METRICS,
    "trained_on_names_data": TRAINED_ON_NAMES_DATA,
}
CASES = [
    pytest.param(text, expected, id=f"{family}-{k}")
    for family, cases in FAMILIES.items()
    for k, (text, expected) in enumerate(cases)
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extract_sample_family(text, expected):
    check(text, expected)


def test_quotes_are_verbatim_sample_text():
    listings = " ".join(re.sub(r"\s+", " ", p.read_text(encoding="utf-8")) for p in sample_corpus_paths())
    for param in CASES:
        for part in param.values[0].split("\n\n"):  # a title, a blank line, then abstract text
            assert part in listings, part
