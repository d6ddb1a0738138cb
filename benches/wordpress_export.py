#!/usr/bin/env python3
"""A large WordPress export (WXR 1.2), for measuring `praxis import wordpress`.

    python3 benches/wordpress_export.py 5000 > /tmp/export.xml
    praxis init /tmp/site
    /usr/bin/time -v praxis --root /tmp/site import wordpress /tmp/export.xml --language nl

POSTS posts (default 5000) of a Dutch blog, as WordPress exports them: each
with a few paragraphs of classic-editor text (no <p>: the import adds them
as WordPress's wpautop does), a heading, a list, a link to an earlier post,
an image in a [caption], a category and tags, one in ten with a comment;
one page per 50 posts (a tenth of them child pages), an attachment per post
and a menu of the top-level pages. Deterministic: the same POSTS give the
same file.
"""

import random
import sys

WORDS = (
    "rouw verlies tijd ruimte gesprek luisteren zorg stilte herinnering "
    "afscheid groei kracht vertrouwen rust adem licht week dag samen "
    "kind ouder werk thuis weg vraag antwoord"
).split()


def sentence(rng, n=12):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))


def item(fields, extra=""):
    return (
        "\t<item>\n"
        + "".join(f"\t\t<{k}>{v}</{k.split(' ')[0]}>\n" for k, v in fields)
        + extra
        + "\t</item>\n"
    )


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rng = random.Random(35)
    base = "https://praktijk.example"
    out = sys.stdout
    out.write(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
        '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"\t<title>Praktijk</title>\n\t<link>{base}</link>\n\t<language>nl-BE</language>\n"
        "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        "\t<wp:author><wp:author_login><![CDATA[anna]]></wp:author_login></wp:author>\n"
    )
    next_id = 1
    pages = []
    for p in range(max(1, posts // 50)):
        pid = next_id
        next_id += 1
        parent = pages[rng.randrange(len(pages))] if pages and p % 10 == 9 else 0
        pages.append(pid)
        name = f"pagina-{p}"
        out.write(
            item(
                [
                    ("title", cdata(f"Pagina {p}")),
                    ("link", f"{base}/{name}/"),
                    ("content:encoded", cdata("\n\n".join(paragraph(rng) for _ in range(3)))),
                    ("wp:post_id", pid),
                    ("wp:post_date", cdata("2020-01-01 10:00:00")),
                    ("wp:post_date_gmt", cdata("2020-01-01 09:00:00")),
                    ("wp:post_name", cdata(name)),
                    ("wp:status", cdata("publish")),
                    ("wp:post_parent", parent),
                    ("wp:menu_order", p),
                    ("wp:post_type", cdata("page")),
                ]
            )
        )
    links = []
    for n in range(posts):
        post_id = next_id
        attachment_id = next_id + 1
        next_id += 2
        year, month, day = 2010 + n % 14, 1 + n % 12, 1 + n % 28
        name = f"bericht-{n}"
        link = f"{base}/{year}/{month:02}/{name}/"
        upload = f"{year}/{month:02}/foto-{n}.jpg"
        text = [paragraph(rng), f"<h2>Deel {n}</h2>", paragraph(rng)]
        text.append("<ul>\n" + "".join(f"<li>{sentence(rng, 4)}</li>\n" for _ in range(4)) + "</ul>")
        if links:
            text.append(f'Lees ook <a href="{rng.choice(links)}">een eerder bericht</a>.')
        text.append(
            f'[caption id="attachment_{attachment_id}" width="1024"]'
            f'<img src="{base}/wp-content/uploads/{upload[:-4]}-1024x768.jpg" alt="Foto {n}" /> '
            f"Foto {n}[/caption]"
        )
        text.append(paragraph(rng))
        links.append(link)
        comments = ""
        if n % 10 == 0:
            comments = (
                "\t\t<wp:comment><wp:comment_id>1</wp:comment_id>"
                "<wp:comment_author><![CDATA[Lezer]]></wp:comment_author>"
                "<wp:comment_content><![CDATA[Dank je.]]></wp:comment_content>"
                "<wp:comment_approved><![CDATA[1]]></wp:comment_approved></wp:comment>\n"
            )
        out.write(
            item(
                [
                    ("title", cdata(f"Bericht {n}: {sentence(rng, 4)[:-1]}")),
                    ("link", link),
                    ("content:encoded", cdata("\n\n".join(text))),
                    ("excerpt:encoded", cdata("")),
                    ("wp:post_id", post_id),
                    ("wp:post_date", cdata(f"{year}-{month:02}-{day:02} 10:00:00")),
                    ("wp:post_date_gmt", cdata(f"{year}-{month:02}-{day:02} 09:00:00")),
                    ("wp:post_name", cdata(name)),
                    ("wp:status", cdata("publish")),
                    ("wp:post_parent", 0),
                    ("wp:menu_order", 0),
                    ("wp:post_type", cdata("post")),
                    ('category domain="category" nicename="thema-%d"' % (n % 12), cdata(f"Thema {n % 12}")),
                    ('category domain="post_tag" nicename="tag-%d"' % (n % 40), cdata(f"tag {n % 40}")),
                ],
                comments,
            )
        )
        out.write(
            item(
                [
                    ("title", cdata(f"foto-{n}")),
                    ("link", f"{link}foto-{n}/"),
                    ("wp:post_id", attachment_id),
                    ("wp:post_name", cdata(f"foto-{n}")),
                    ("wp:status", cdata("inherit")),
                    ("wp:post_parent", post_id),
                    ("wp:post_type", cdata("attachment")),
                    ("wp:attachment_url", cdata(f"{base}/wp-content/uploads/{upload}")),
                ],
                "\t\t<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>"
                f"<wp:meta_value>{cdata(upload)}</wp:meta_value></wp:postmeta>\n",
            )
        )
    for order, pid in enumerate(pages[:8], 1):
        out.write(
            item(
                [
                    ("title", cdata("")),
                    ("wp:post_id", next_id),
                    ("wp:status", cdata("publish")),
                    ("wp:menu_order", order),
                    ("wp:post_type", cdata("nav_menu_item")),
                    ('category domain="nav_menu" nicename="hoofdmenu"', cdata("Hoofdmenu")),
                ],
                "".join(
                    f"\t\t<wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key><wp:meta_value>{cdata(str(v))}</wp:meta_value></wp:postmeta>\n"
                    for k, v in [
                        ("_menu_item_type", "post_type"),
                        ("_menu_item_object", "page"),
                        ("_menu_item_object_id", pid),
                        ("_menu_item_menu_item_parent", 0),
                    ]
                ),
            )
        )
        next_id += 1
    out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
