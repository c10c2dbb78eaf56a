"""Fit the event-type classifier on the example sentences and save its weights.

    python -m newsloom.events.train [--out PATH] [--l2 X]

Embeds every sentence of ``events/data/examples/*.tsv`` with multilingual-e5-small,
reports leave-one-language-out accuracy (how well examples in the other languages
carry over), picks the softmax temperature on those held-out predictions, fits on
everything and writes ``events/data/classifier.npz``.
"""

from __future__ import annotations

import argparse
from importlib import resources

import numpy as np

from newsloom.events.classifier import WEIGHTS_FILE, EventClassifier, fit_classifier, read_examples
from newsloom.nlp.embed import E5Embedder

TEMPERATURES = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


def held_out(vectors: np.ndarray, labels: list[str], languages: list[str], l2: float) -> tuple[float, np.ndarray, np.ndarray]:
    """Leave-one-language-out: accuracy, and the held-out logits with their true type indexes."""
    logits: list[np.ndarray] = []
    truth: list[int] = []
    classes = None
    for language in sorted(set(languages)):
        train = [i for i, lang in enumerate(languages) if lang != language]
        test = [i for i, lang in enumerate(languages) if lang == language]
        model = fit_classifier(vectors[train], [labels[i] for i in train], l2=l2)
        classes = model.types
        logits.append(vectors[test] @ model.weights + model.bias)
        truth.extend(classes.index(labels[i]) for i in test)
    scores, gold = np.vstack(logits), np.array(truth)
    return float((scores.argmax(axis=1) == gold).mean()), scores, gold


def best_scale(scores: np.ndarray, gold: np.ndarray) -> float:
    """The temperature that minimises the held-out negative log-likelihood."""
    def nll(scale: float) -> float:
        z = scores * scale
        z = z - z.max(axis=1, keepdims=True)
        return float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(axis=1))).mean())
    return min(TEMPERATURES, key=nll)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="where to write the weights (default: the package's events/data)")
    parser.add_argument("--l2", type=float, default=1e-4)
    args = parser.parse_args()
    examples = read_examples()
    vectors = E5Embedder().embed([e.text for e in examples])
    labels = [e.type for e in examples]
    languages = [e.language for e in examples]
    accuracy, scores, gold = held_out(vectors, labels, languages, args.l2)
    scale = best_scale(scores, gold)
    model = fit_classifier(vectors, labels, l2=args.l2)
    model = EventClassifier(model.weights, model.bias, model.types, scale)
    out = args.out or str(resources.files("newsloom.events.data").joinpath(WEIGHTS_FILE))
    model.save(out)
    print(f"{len(examples)} examples in {len(set(languages))} languages; leave-one-language-out accuracy "
          f"{accuracy:.3f}; temperature {scale}; weights written to {out}")


if __name__ == "__main__":
    main()
