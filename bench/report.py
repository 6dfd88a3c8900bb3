"""The Markdown tables of a benchmark run (``bench/results/*.md``); conclusions are in RESULTS.md."""
from __future__ import annotations

from typing import Any

__all__ = ["render_markdown"]


def fmt(x: Any, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, bool):
        return "yes" if x else "NO"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def render_markdown(res: dict[str, Any]) -> str:
    """The tables of a run, in Markdown."""
    m = res["machine"]
    lines = [
        f"Measured {m['date']} on commit `{m['commit']}` ({m['commit_subject']})"
        + (f"; uncommitted changes in {', '.join(m['dirty_kg_files'])}" if m["dirty_kg_files"] else "") + ".",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}, {m['platform']}.",
        "Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v) + ".",
        f"Command: `{res['command']}`",
        "",
        "### Build, by corpus size (end to end: `kg build DIR -f nq -o FILE --report R -j J [--validate]`)",
        "",
        "| articles | MB in | triples | run | wall s | ms/article | articles/s | triples/s | CPU s | peak RSS largest MB | peak RSS parent+workers MB | failed | violations | warnings |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in res["sizes"].items():
        for key in ("build_j1", "build_jN", "build_jN_validate"):
            b = r.get(key)
            if not b:
                continue
            label = f"{b['jobs']} job{'s' if b['jobs'] > 1 else ''}" + (" + validate" if b["validate"] else "")
            lines.append(
                f"| {int(n):,} | {r['corpus_mb']:.1f} | {b['triples']:,} | {label} | {b['wall_s']:.2f} | {b['ms_per_article']:.2f} | "
                f"{b['articles_per_s']:,.0f} | {b['triples_per_s']:,} | {b['cpu_s']:.1f} | {b['peak_rss_max_mb']:.0f} | "
                f"{b['peak_rss_sum_mb']:.0f} | {b['failed']} | {fmt(b['violations']) if b['validate'] else '—'} | "
                f"{fmt(b['warnings']) if b['validate'] else '—'} |"
            )
    lines += [
        "",
        "### The floor: pyoxigraph on the same N-Quads (best of 3), and our ratios to it",
        "",
        "| articles | quads | parse nq s | serialize nq s | serialize TriG s | serialize Turtle s | bulk load (memory) s | bulk load (disk) s | floor s (ser. nq + load mem.) | build all cores / floor | build+validate all cores / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in res["sizes"].items():
        o = r["oxigraph"]
        b, v = r["build_jN"], r.get("build_jN_validate")
        lines.append(
            f"| {int(n):,} | {o['quads']:,} | {o['parse_nq_s']:.3f} | {o['serialize_nq_s']:.3f} | {o['serialize_trig_s']:.3f} | "
            f"{o['serialize_turtle_s']:.3f} | {o['bulk_load_mem_s']:.3f} | {o['bulk_load_disk_s']:.3f} | {o['floor_s']:.3f} | "
            f"{b['wall_s'] / o['floor_s']:.1f}x | {(v['wall_s'] / o['floor_s']) if v else float('nan'):.1f}x |"
        )
    ref = res.get("reference")
    if ref:
        n = ref["size"]
        r = res["sizes"][str(n)] if str(n) in res["sizes"] else res["sizes"][n]
        o, rd = r["oxigraph"], ref["rdflib"]
        lines += [
            "",
            f"### Writers on the same triples ({int(n):,} articles: {o['quads']:,} quads, {rd['triples']:,} distinct triples)",
            "",
            "| what | seconds | triples/s | vs pyoxigraph |",
            "|---|---:|---:|---:|",
        ]
        t = rd["triples"]

        def row(label: str, s: float | None, base: float | None) -> None:
            if s is None:
                lines.append(f"| {label} | timed out | — | — |")
                return
            lines.append(f"| {label} | {s:.3f} | {t / s:,.0f} | {(s / base) if base else float('nan'):.0f}x |")

        row("kg build, all cores (read, extract, map, write N-Quads)", r["build_jN"]["wall_s"], o["floor_s"])
        if "build_j1" in r:
            row("kg build, 1 core", r["build_j1"]["wall_s"], o["floor_s"])
        row("rdflib: Turtle serializer (one graph)", rd["serialize_turtle_s"], o["serialize_turtle_s"])
        row("rdflib: N-Quads writer", rd["serialize_nq_s"], o["serialize_nq_s"])
        row("rdflib: parse N-Quads", rd["parse_nq_s"], o["parse_nq_s"])
        row("pyoxigraph: serialize Turtle", o["serialize_turtle_s"], o["serialize_turtle_s"])
        row("pyoxigraph: serialize N-Quads", o["serialize_nq_s"], o["serialize_nq_s"])
        row("pyoxigraph: bulk load, memory", o["bulk_load_mem_s"], o["bulk_load_mem_s"])
        row("pyoxigraph: bulk load, disk", o["bulk_load_disk_s"], o["bulk_load_mem_s"])

        sh = ref["shacl"]
        lines += [
            "",
            f"### SHACL validation ({int(n):,} articles, {sh['triples']:,} triples, kg's shapes, both tiers)",
            "",
            "| how | seconds | ms/article | violations | warnings | note |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for case in sh["cases"]:
            for name in ("pyshacl", "pyshacl-turbo"):
                f = case.get(name, {})
                label = f"{name}, {case['case']}, 1 process"
                if not f.get("installed"):
                    lines.append(f"| {label} | — | — | — | — | not installed |")
                    continue
                note = "timed out" if f["timed_out"] else (f["error"] or "")
                if name == "pyshacl-turbo" and "same_findings" in case:
                    note += ("same findings as pySHACL" if case["same_findings"] else
                             f"DIFFERENT findings: {case['only_pyshacl_count']} only in pySHACL, "
                             f"{case['only_turbo_count']} only in turbo")
                s = f["seconds"]
                lines.append(f"| {label} | {fmt(s) if not f['error'] else '—'} | "
                             f"{fmt(1000 * s / int(n)) if s and not f['error'] else '—'} | "
                             f"{fmt(f.get('violations'))} | {fmt(f.get('warnings'))} | {note} |")
        bv, b = r.get("build_jN_validate"), r["build_jN"]
        if bv:
            extra = bv["wall_s"] - b["wall_s"]
            lines.append(f"| kg per article, {bv['jobs']} processes (`kg build --validate` minus `kg build`) | {extra:.2f} | "
                         f"{1000 * extra / int(n):.2f} | {fmt(bv['violations'])} | {fmt(bv['warnings'])} | engine: "
                         f"{ref['engines']['engine_info']['corpus_call']} |")
        for engine, f in ref["engines"].get("runs", {}).items():
            if "error" in f:
                lines.append(f"| kg.validate engine={engine}, per article, 1 core | — | — | — | — | {f['error']} |")
                continue
            same = f.get("same_findings_as_first")
            note = "" if same is None else ("same findings as the first engine" if same else
                                            f"findings differ in {f['articles_differing']} articles")
            label = engine if "per article" in engine else f"kg.validate engine={engine}, per article, 1 core"
            lines.append(f"| {label} | {f['seconds']:.2f} | {f['ms_per_article']:.2f} | {fmt(f.get('violations'))} | "
                         f"{fmt(f.get('warnings'))} | {note} |")

        lines += [
            "",
            f"### Stored queries ({int(n):,} articles): embedded store (pyoxigraph, on disk) vs rdflib in memory",
            "",
            "| query | rows | pyoxigraph ms (warm) | pyoxigraph ms (first) | rdflib s | rdflib / pyoxigraph | same answer |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for name, q in ref["queries"].items():
            rdf = "timed out" if q["rdflib_timed_out"] else (fmt(q["rdflib_s"]) if not q["rdflib_error"] else "error")
            lines.append(f"| {name} | {q['rows']:,} | {q['oxigraph_ms']:.1f} | {q['oxigraph_cold_ms']:.1f} | {rdf} | "
                         f"{fmt(q.get('ratio'), 0)}x | {fmt(q.get('same_answer'))} |")
    big = res.get("big")
    if big:
        n0 = next(iter(res["sizes"]))
        normal = res["sizes"][n0]["build_j1"]
        per_mb = normal["library_s"] / res["sizes"][n0]["corpus_mb"]
        lines += [
            "",
            "### One big article vs normal ones (1 core, library time)",
            "",
            "| input | MB | seconds | s per MB | triples | peak RSS MB |",
            "|---|---:|---:|---:|---:|---:|",
            f"| {int(n0):,} normal articles | {res['sizes'][n0]['corpus_mb']:.1f} | {normal['library_s']:.2f} | {per_mb:.3f} | "
            f"{normal['triples']:,} | {normal['peak_rss_max_mb']:.0f} |",
            (f"| one article, prose concatenated | {big['mb']:.2f} | killed after {big['wall_s']:.0f} | — | — | "
             f"{big['peak_rss_max_mb']:.0f} |") if big.get("timed_out") else
            (f"| one article, prose concatenated | {big['mb']:.2f} | {big['library_s']:.2f} | {big['s_per_mb']:.3f} | "
             f"{big['triples']:,} | {big['peak_rss_max_mb']:.0f} |"),
        ]
    return "\n".join(lines) + "\n"
