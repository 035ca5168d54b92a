"""The trained line model: gradient-boosted trees stored as plain arrays, read lazily.

The model is trained with scikit-learn's ``HistGradientBoostingClassifier`` (see
:mod:`.train`) and shipped as a NumPy ``.npz`` file of arrays (node features,
thresholds, children, leaf values), never as a pickle: loading it runs no code
(``numpy.load(..., allow_pickle=False)``). Prediction walks every tree at once with
NumPy, a few array operations per tree level, so that scoring a page costs about as
much as computing its features.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .sequence import RunParameters

#: The shipped model, inside the package.
MODEL_PATH = Path(__file__).with_name("line_model.npz")
#: Format of the file: a model written by another format version is refused.
FORMAT_VERSION = 1
_ARRAYS = ("feature", "threshold", "left", "right", "value", "roots")


@dataclass
class LineModel:
    """Trees of a binary gradient-boosting model as flat arrays, and the sequence costs.

    Attributes
    ----------
    feature, threshold, left, right, value : numpy.ndarray
        One entry per node of every tree. An inner node sends a row left when its
        ``feature`` is ``<= threshold``; a leaf points to itself and holds ``value``.
    roots : numpy.ndarray
        The node index of each tree's root.
    baseline : float
        The raw score before any tree (log-odds of the positive class).
    depth : int
        The deepest path of any tree.
    feature_names : tuple of str
        The features the model reads, in column order (see :mod:`.features`).
    run : RunParameters
        Costs of the sequence step.
    info : dict
        How the model was trained (benchmarks, pages, lines, parameters, library versions).
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    baseline: float
    depth: int
    feature_names: tuple[str, ...]
    run: RunParameters = field(default_factory=RunParameters)
    info: dict = field(default_factory=dict)

    @classmethod
    def from_estimator(cls, estimator, feature_names, run: RunParameters, info: dict) -> "LineModel":
        """Take the trees out of a fitted ``HistGradientBoostingClassifier`` (binary, numeric)."""
        parts, roots, offset, depth = [], [], 0, 0
        for (predictor,) in estimator._predictors:  # one tree per iteration for a binary task
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ValueError("categorical splits are not supported by LineModel")
            n = len(nodes)
            own = np.arange(offset, offset + n)
            leaf = nodes["is_leaf"].astype(bool)
            parts.append({
                "feature": np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32),
                "threshold": np.where(leaf, np.inf, nodes["num_threshold"]).astype(np.float64),
                "left": np.where(leaf, own, nodes["left"].astype(np.int64) + offset).astype(np.int32),
                "right": np.where(leaf, own, nodes["right"].astype(np.int64) + offset).astype(np.int32),
                "value": np.where(leaf, nodes["value"], 0.0).astype(np.float64),
            })
            roots.append(offset)
            depth = max(depth, int(nodes["depth"].max()))
            offset += n
        arrays = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
        baseline = float(np.ravel(estimator._baseline_prediction)[0])
        return cls(**arrays, roots=np.array(roots, dtype=np.int32), baseline=baseline, depth=depth,
                   feature_names=tuple(feature_names), run=run, info=info)

    def decision(self, features: np.ndarray) -> np.ndarray:
        """Raw scores (log-odds) of the rows of ``features``."""
        n = len(features)
        if n == 0:
            return np.zeros(0)
        split_feature, split_threshold, leaf_value = self._complete_trees()
        n_trees, width = split_feature.shape
        flat = np.ascontiguousarray(features, dtype=np.float64).ravel()
        row_start = (np.arange(n) * features.shape[1])[:, None]
        tree_start = (np.arange(n_trees) * width)[None, :]
        position = np.zeros((n, n_trees), dtype=np.int64)  # node index inside each tree
        for _ in range(self.depth):
            at = tree_start + position
            goes_right = flat[row_start + split_feature.ravel()[at]] > split_threshold.ravel()[at]
            position = 2 * position + 1 + goes_right
        leaves = position - (width)  # the last level holds width + 1 leaves
        return self.baseline + leaf_value.ravel()[np.arange(n_trees) * (width + 1) + leaves].sum(axis=1)

    def _complete_trees(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The trees as complete binary trees of depth :attr:`depth` (built once).

        Node ``i``'s children are ``2i+1`` and ``2i+2``, so a walk needs no child
        arrays; a leaf above the last level becomes a chain of nodes that always go
        left (threshold +inf) down to a last-level leaf holding its value.
        """
        cached = getattr(self, "_complete", None)
        if cached is not None:
            return cached
        depth, n_trees = self.depth, len(self.roots)
        width = 2 ** depth - 1  # inner nodes of a complete tree
        split_feature = np.zeros((n_trees, max(width, 1)), dtype=np.int64)
        split_threshold = np.full((n_trees, max(width, 1)), np.inf)
        leaf_value = np.zeros((n_trees, width + 1))
        for tree, root in enumerate(self.roots):
            stack = [(int(root), 0, 0)]  # (node, position in the complete tree, level)
            while stack:
                node, position, level = stack.pop()
                is_leaf = self.left[node] == node
                if level == depth or is_leaf:
                    # walk left down to the last level
                    while level < depth:
                        position, level = 2 * position + 1, level + 1
                    leaf_value[tree, position - width] = self.value[node]
                    continue
                split_feature[tree, position] = self.feature[node]
                split_threshold[tree, position] = self.threshold[node]
                stack.append((int(self.left[node]), 2 * position + 1, level + 1))
                stack.append((int(self.right[node]), 2 * position + 2, level + 1))
        self._complete = (split_feature, split_threshold, leaf_value)
        return self._complete

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Probability that each line (row) is article text."""
        return 1.0 / (1.0 + np.exp(-self.decision(features)))

    def save(self, path: str | Path) -> None:
        """Write the model as an ``.npz`` of arrays; the same model gives the same bytes."""
        meta = {"format": FORMAT_VERSION, "baseline": self.baseline, "depth": self.depth,
                "feature_names": list(self.feature_names), "run": self.run.__dict__,
                "info": self.info}
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        # numpy.savez stamps each member with the current time; a fixed date keeps the
        # file identical when the model is.
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, buffer.getvalue())
        tmp.replace(path)

    @classmethod
    def load(cls, path: str | Path) -> "LineModel":
        """Read a model written by :meth:`save` (no pickles are read)."""
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(stored["meta"].item())
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(
                    f"{path} is a line model of format {meta.get('format')!r}; this version of "
                    f"corpus_tools reads format {FORMAT_VERSION}. Retrain it with "
                    "`python -m corpus_tools.ingest.pagetext.train`."
                )
            arrays = {name: stored[name] for name in _ARRAYS}
        return cls(**arrays, baseline=meta["baseline"], depth=meta["depth"],
                   feature_names=tuple(meta["feature_names"]), run=RunParameters(**meta["run"]),
                   info=meta["info"])


@lru_cache(maxsize=1)
def default_model() -> LineModel:
    """The shipped line model, read from the package on first use."""
    if not MODEL_PATH.exists():
        raise FileNotFoundError(
            f"{MODEL_PATH} is missing from the installed package; reinstall corpus_tools or "
            "train one with `python -m corpus_tools.ingest.pagetext.train`."
        )
    return LineModel.load(MODEL_PATH)
