# The translator's view (praxis serve, /_praxis/translations/): Dutch.
tv-title = Vertalingen
tv-preview = voorvertoning, alleen op deze computer
tv-intro = Per pagina de staat van elke taalversie: bijgewerkt, verouderd sinds een andere versie veranderde, ontbrekend of nog een concept.
tv-language-switch = Taal van dit overzicht
tv-summary = Samenvatting
tv-count-in-step = { $count ->
    [one] 1 versie bijgewerkt
   *[other] { $count } versies bijgewerkt
}
tv-count-out-of-date = { $count ->
    [one] 1 versie verouderd
   *[other] { $count } versies verouderd
}
tv-count-missing = { $count ->
    [one] 1 versie ontbreekt
   *[other] { $count } versies ontbreken
}
tv-count-draft = { $count ->
    [one] 1 concept
   *[other] { $count } concepten
}
tv-table-caption = Elke pagina en haar taalversies
tv-col-page = Pagina
tv-state-in-step = Bijgewerkt
tv-state-ahead = Gewijzigd, de vertaling moet volgen
tv-state-out-of-date = Verouderd
tv-state-missing = Ontbreekt
tv-state-draft = Concept
tv-changed-since = { $file } is sindsdien gewijzigd: { $what }
tv-what-paragraphs = { $count ->
    [one] de alinea op regel { $lines }
   *[other] de alinea’s op regels { $lines }
}
tv-what-title = de titel
tv-what-description = de beschrijving
tv-what-removed = er zijn alinea’s weggehaald
tv-agreed = Voor het laatst in overeenstemming op { $date }
tv-agreed-unknown = Sinds wanneer is niet bekend: translations.lock is geschreven door een oudere versie van praxis.
tv-saved = { $file } laatst bewaard op { $date }
tv-view-page = Pagina bekijken
tv-back = Alle vertalingen
tv-compare-heading = { $target } bijwerken naar { $source }
tv-side-by-side = { $source } naast { $target }
tv-col-source = { $language }: { $file } (bron)
tv-col-translation = { $language }: { $file } (vertaling)
tv-col-version = { $language }: { $file }
tv-block-changed = Gewijzigd
tv-block-added = Nieuw
tv-block-removed = Weggehaald
tv-block-moved = Verplaatst
tv-block-line = regel { $line }
tv-block-none = Geen tegenhanger
tv-kind-heading = Tussenkop
tv-kind-list = Lijst
tv-kind-paragraph = Alinea
tv-kind-quote = Citaat
tv-kind-code = Code
tv-kind-other = Blok
tv-row-title = Titel
tv-row-description = Beschrijving
tv-legend = Doorgestreept staat wat de bron zei toen de versies voor het laatst in overeenstemming waren, onderstreept wat ze nu zegt.
tv-old-text-unknown = Wat hier eerder stond, is niet bewaard: translations.lock is geschreven door een oudere versie van praxis. Na de volgende overeenstemming wordt de tekst wel bijgehouden.
tv-accept = Aanvaarden: { $target } zegt nog hetzelfde
tv-accept-help = Doet hetzelfde als praxis check --accept { $key }: de versies gelden weer als in overeenstemming, zoals ze nu zijn.
tv-in-step-page = Alle versies van deze pagina zijn bijgewerkt.
tv-missing-heading = Er is nog geen versie in het { $language }
tv-missing-help = Schrijf { $file }, of laat praxis er een concept van maken, zoals praxis new dat doet.
tv-create = Concept aanmaken
tv-draft-detail = { $file } is nog een concept (draft = true).
tv-not-found = Deze pagina bestaat niet in de site.
tv-no-site = De site is nog niet gebouwd: herstel eerst de fouten.
tv-language-nl = Nederlands
tv-language-fr = Frans
tv-language-en = Engels
tv-changes = Naar de wijzigingen:
# Read out by screen readers before struck and inserted words.
tv-said-before = eerst:
tv-says-now = nu:
tv-back-to-desk = Terug naar het bureau
