#!/usr/bin/env python3
"""Writes issue 16's reproducers, one folder per row, each with a normal
file whose finding must survive (normal.md). Usage: gen.py OUTDIR.
PDF rows are written by the Go generators (extract/pdf, TestWriteHostilePDFs)."""
import os, sys, zipfile

out = sys.argv[1]
NORMAL = b"# Normal\n\nOur best-in-class product.\n"

def row(name, files, cfg=None):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "normal.md"), "wb") as f:
        f.write(NORMAL)
    for fn, data in files.items():
        p = os.path.join(d, fn)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    if cfg is not None:
        with open(os.path.join(d, "msglint.yaml"), "w") as f:
            f.write(cfg)

def docx(n):
    import io
    b = io.BytesIO()
    z = zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    head = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    with z.open("word/document.xml", "w") as f:
        f.write(head)
        chunk = b"<w:p/>" * 100000
        for _ in range(n // 100000):
            f.write(chunk)
        f.write(b"</w:body></w:document>")
    z.close()
    return b.getvalue()

row("docx-element-bomb-10M", {"bomb.docx": docx(10_000_000)})
row("docx-element-bomb-80M", {"bomb.docx": docx(80_000_000)})
for n, name in [(1_000_000, "1M"), (4_000_000, "4M"), (10_000_000, "10M")]:
    row("html-nested-" + name, {"deep.html": b"<html><body>" + b"<div>" * n + b"x" + b"</div>" * n + b"</body></html>"})
row("md-nested-links", {"links.md": b"[" * 1_000_000 + b"x" + b"](u)" * 1_000_000 + b"\n"})
row("md-nested-emphasis", {"emph.md": b"*a " * 500_000 + b"x" + b" a*" * 500_000 + b"\n"})
row("md-quote-gt", {"q.md": b">" * 1_000_000 + b" x\n"})
row("md-quote-gt-space", {"q.md": b"> " * 1_000_000 + b"x\n"})
row("md-list-dash", {"l.md": b"- " * 1_000_000 + b"x\n"})
row("md-gt-240k", {"q.md": b">" * 240_000 + b" x\n"})
for mb, n in [("1MB", 37_000), ("4MB", 150_000), ("49MB", 1_800_000)]:
    row("paragraph-forbidden-" + mb, {"long.md": b"the Acme best-in-class word " * n + b"\n"})
# many directives and many findings: the directives step was their product
row("directives-many-30k", {"many.md": b"Our best-in-class product. <!-- msglint-disable-line naming/variant -->\n\n" * 30_000})
# extends fan-out: each file extends the next three times
fan = {}
for i in range(13):
    nxt = "c%d.yaml" % (i + 1)
    fan["c%d.yaml" % i] = (("version: 1\nextends: [%s, %s, %s]\n" % (nxt, nxt, nxt)) if i < 12 else "version: 1\n").encode()
row("config-extends-fanout", fan, cfg="version: 1\nextends: [c0.yaml, c0.yaml, c0.yaml]\n")
words = ["w%05dx" % i for i in range(55_555)]
row("config-when-55555", {"page.md": b"acme roadmap " * 400}, cfg="version: 1\ndisclaimers:\n  - id: d\n    text: Terms apply.\n    when: ['%s']\n" % "|".join(words))
row("config-when-200-big", {"page.md": b"acme roadmap " * 400},
    cfg="version: 1\ndisclaimers:\n  - id: d\n    text: Terms apply.\n    when: [%s]\n" % ", ".join("'[a-z]{1,1000}x{1,1000}'" for _ in range(200)))
# the budget rows: patterns inside the size caps, on a big file
row("config-when-within-caps-1MB", {"page.md": (b"abcdefghij " * 9 + b"roadmap\n\n") * 10_000},
    cfg="version: 1\ndisclaimers:\n" + "".join("  - id: d%d\n    text: Terms apply %d.\n    when: ['roadmap[a-z]{1,200}x{1,40}%d']\n" % (i, i, i) for i in range(60)))
