#!/usr/bin/env python3
"""Scale the seed pages to a corpus of N articles for benchmarks.

Each seed page is cut into article-sized pieces (at sentence ends, 1,500-3,000 characters,
the length of a typical news article); article i is piece ``i mod pieces`` rewritten as
variant ``i div pieces``: the two characters in front of a park, place or company suffix
(``青岛``高新区, ``昆明``中药厂有限公司 …) are replaced by a synthetic name made of place-name
syllables, the same replacement throughout one variant. So documents are distinct (distinct ids
and hashes), entity counts grow with N, and cross-document merging still has work to do.

    python benchmarks/gen_corpus.py 10000 benchmarks/_work/corpus_10000
    python benchmarks/gen_corpus.py 100000 /tmp/tiny --tiny       # 100,000 one-line files

Files go into sub-directories of 1,000 (like a real archive by date); ``--encodings`` mixes in
GB18030 and UTF-16 copies so the loader's detection is measured too. Deterministic.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Syllables of Chinese place names (common characters of county and city names).
SYLLABLES = ("安 宁 华 泰 江 海 山 河 东 西 南 北 平 阳 昌 明 兴 隆 德 清 新 丰 永 嘉 盛 元 和 福 "
             "春 秋 金 银 云 川 湖 岭 峰 林 泉 溪 桥 宝 龙 凤 鹤 松 柏 桂 兰 荣 庆 广 长 通 武 "
             "文 信 义 仁 康 乐 瑞 祥 吉 富 恒 远 达 开 济 源 洲 岛 城 台 州 滨 营 港 庄").split()

SUFFIXES = ("高新技术产业开发区", "经济技术开发区", "高新区", "经开区", "开发区", "科学城", "产业园",
            "创新园", "新区", "自贸区", "科技城", "市", "省")
COMPANY = r"(?:科技|电子|生物|制药|智能|新材料|集团|控股|药业|能源|汽车|股份)*(?:股份)?有限公司"
PREFIX_RE = re.compile(r"([\u4e00-\u9fff]{2})(?=(?:" + "|".join(SUFFIXES) + r"|" + COMPANY + r"|集团))")


def pieces(text: str, lo: int = 1500, hi: int = 3000) -> list[str]:
    """Cut a page at line ends that close a sentence, into pieces of about lo..hi chars."""
    out, cur, size = [], [], 0
    for line in text.splitlines(keepends=True):
        cur.append(line)
        size += len(line.strip())
        if size >= hi or (size >= lo and line.rstrip().endswith(("。", "”", "！", "？"))):
            out.append("".join(cur))
            cur, size = [], 0
    if cur:
        if out and size < lo // 2:
            out[-1] += "".join(cur)
        else:
            out.append("".join(cur))
    return out


def synthetic(name: str, variant: int) -> str:
    h = hashlib.sha1(f"{name}/{variant}".encode("utf-8")).digest()
    return SYLLABLES[h[0] % len(SYLLABLES)] + SYLLABLES[h[1] % len(SYLLABLES)]


def rewrite(text: str, variant: int) -> str:
    if variant == 0:
        return text
    return PREFIX_RE.sub(lambda m: synthetic(m.group(1), variant), text)


def seed_pieces(seed_dir: Path = SEEDS) -> list[str]:
    out = []
    for f in sorted(seed_dir.glob("*.txt")):
        out.extend(pieces(f.read_text(encoding="utf-8")))
    return out


def generate(n: int, out: Path, tiny: bool = False, encodings: bool = False,
             seed_dir: Path = SEEDS) -> int:
    """Write n articles under out/; returns the number of characters written."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    if tiny:
        lines = [l.strip() for p in seed_pieces(seed_dir) for l in p.splitlines() if len(l.strip()) > 8]
    else:
        arts = seed_pieces(seed_dir)
    for i in range(n):
        sub = out / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        if tiny:
            text = rewrite(lines[i % len(lines)], i // len(lines)) + "\n"
        else:
            text = rewrite(arts[i % len(arts)], i // len(arts))
        chars += len(text)
        name = f"a{i:07d}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}.txt"
        enc = "utf-8"
        if encodings and i % 10 == 7:
            enc = "gb18030"
        elif encodings and i % 10 == 9:
            enc = "utf-16"
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        (sub / name).write_bytes(data)
    return chars


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="output directory (created)")
    ap.add_argument("--tiny", action="store_true", help="one line per file (for the many-files test)")
    ap.add_argument("--encodings", action="store_true", help="mix in GB18030 and UTF-16 files")
    ap.add_argument("--seeds", type=Path, default=SEEDS, help="seed directory (default: seeds/)")
    args = ap.parse_args(argv)
    chars = generate(args.n, args.out, tiny=args.tiny, encodings=args.encodings, seed_dir=args.seeds)
    print(f"{args.n} articles, {chars:,} characters -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
